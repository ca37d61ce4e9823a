#!/usr/bin/python3
"""`phusong compare` on two demo runs: the demo run (BEFORE_DIR, which ranked candidate sites),
and the same run with its ten picked sites built as 4G masts. compare.csv must list exactly the
villages whose `<tech>_covered` differs between the two runs' places.csv, which this script reads
itself, none may be lost (masts were only added), and compare.md must count them.

Usage: check_compare_demo.py PHUSONG DEMO_INI BEFORE_DIR WORK_DIR   (exit status 0 when it holds)
"""
import csv
import os
import subprocess
import sys


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def verdicts(run):
    """(village id, tech) → covered, from places.csv's any-operator columns."""
    out = {}
    for row in rows(os.path.join(run, "places.csv")):
        if row["kind"] != "village":
            continue
        for tech in ("2g", "3g", "4g", "5g"):
            if f"{tech}_covered" in row:
                out[(row["id"], tech)] = row[f"{tech}_covered"] == "yes"
    return out


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    phusong, ini, before, work = sys.argv[1:]
    picks = [r for r in rows(os.path.join(before, "candidates.csv")) if r["rank"]]
    if len(picks) != 10:
        sys.exit(f"FAIL: the demo run picked {len(picks)} sites, expected 10")
    demo = os.path.dirname(os.path.abspath(ini))
    towers = os.path.join(work, "towers_with_picks.csv")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(demo, "generated", "towers.csv"), encoding="utf-8") as f:
        text = f.read().rstrip("\n") + "\n"
    columns = text.split("\n", 1)[0].count(",")
    for p in picks:
        cells = [f"NEW{p['rank']}", "New", p["lon"], p["lat"], p["height_m"], "4G", "1800", "58"]
        text += ",".join(cells + [""] * (columns + 1 - len(cells))) + "\n"
    with open(towers, "w", encoding="utf-8") as f:
        f.write(text)
    after = os.path.join(work, "after")
    subprocess.run([phusong, "analyze", "--config", ini, "--resolution-m", "60", "--towers", towers, "--candidates", "",
                    "--out", after, "--quiet"], check=True, capture_output=True)
    compared = os.path.join(work, "compare")
    subprocess.run([phusong, "compare", "--before", before, "--after", after, "--out", compared, "--quiet"], check=True)

    a, b = verdicts(before), verdicts(after)
    expected = {(vid, tech, "gained" if b[(vid, tech)] else "lost") for (vid, tech) in b if (vid, tech) in a and a[(vid, tech)] != b[(vid, tech)]}
    reported = {(r["id"], r["tech"], r["change"]) for r in rows(os.path.join(compared, "compare.csv"))
                if r["kind"] == "village" and r["operator"] == ""}
    failures = []
    with open(os.path.join(compared, "compare.html"), encoding="utf-8") as f:
        page = f.read()
    if "const PHUSONG = " not in page or "# phusong comparison" not in page:
        failures.append("compare.html does not carry compare.md's tables")
    if reported != expected:
        failures.append(f"compare.csv lists {sorted(reported - expected)} that did not change and misses {sorted(expected - reported)}")
    # Masts only added: a best-server level never drops, so no verdict of any network may be lost.
    lost = [r for r in rows(os.path.join(compared, "compare.csv")) if r["change"] == "lost"]
    if lost:
        failures.append(f"{len(lost)} verdicts lost although masts were only added: {lost[:3]}")
    gained_4g = sum(1 for (_, tech, change) in expected if tech == "4g" and change == "gained")
    with open(os.path.join(compared, "compare.md"), encoding="utf-8") as f:
        md = f.read()
    if gained_4g == 0 or f"| any operator | 4G | " not in md:
        failures.append(f"no 4G village gained ({gained_4g}) or compare.md lacks the any-operator 4G row")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(expected)} village verdicts changed ({gained_4g} gained 4G) after building the 10 picked sites; compare.csv lists {len(reported)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
