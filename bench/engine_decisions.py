#!/usr/bin/python3
"""Benchmark: do the sweep and per-pixel engines lead to the same planning decisions?

Runs `phusong analyze` on the bundled demo (datasets/demo/analyze.ini) with `--engine per-pixel`
and with `--engine sweep`, then compares, per technology: the share of villages with the same
covered/not-covered verdict, the covered-area share (percentage points) and the people covered
(commune population, per cent), against the goals of the engine-v2 issue (>= 99 %, <= 0.5 pt,
<= 0.5 %). Also prints both wall times. Usage:
  /usr/bin/python3 bench/engine_decisions.py [--phusong build/bin/phusong] [--threads 2] [--resolution-m M]
Needs the demo data (`make demo-data`).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(phusong, engine, out, threads, resolution_m):
    start = time.monotonic()
    extra = ["--resolution-m", str(resolution_m)] if resolution_m else []
    subprocess.run([phusong, "analyze", "--quiet", "--engine", engine, "--threads", str(threads), "--out", out] + extra,
                   check=True, cwd=ROOT)
    return time.monotonic() - start


def verdicts(out):
    with open(os.path.join(out, "places.csv"), encoding="utf-8") as f:
        return {row["id"]: row for row in csv.DictReader(f) if row["kind"] == "village"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phusong", default=os.path.join(ROOT, "build", "bin", "phusong"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resolution-m", type=float, help="instead of the demo's 30 m (for a quick check)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        outs = {e: os.path.join(work, e) for e in ("per-pixel", "sweep")}
        seconds = {e: run(args.phusong, e, outs[e], args.threads, args.resolution_m) for e in outs}
        summary = {e: json.load(open(os.path.join(outs[e], "summary.json"), encoding="utf-8")) for e in outs}
        villages = {e: verdicts(outs[e]) for e in outs}
    print(f"demo analyze wall time: per-pixel {seconds['per-pixel']:.1f} s, sweep {seconds['sweep']:.1f} s")
    met = True
    for tech in summary["per-pixel"]["technologies"]:
        ref, new = summary["per-pixel"]["technologies"][tech], summary["sweep"]["technologies"][tech]
        ids = villages["per-pixel"].keys()
        same = sum(villages["per-pixel"][i][f"{tech}_covered"] == villages["sweep"][i][f"{tech}_covered"] for i in ids)
        same_share = 100.0 * same / len(ids)
        area_pt = 100.0 * (new["area_covered_share"] - ref["area_covered_share"])
        people = 100.0 * (new["commune_population_covered"] / ref["commune_population_covered"] - 1.0)
        ok = same_share >= 99.0 and abs(area_pt) <= 0.5 and abs(people) <= 0.5
        met &= ok
        print(f"{tech}: same village verdict {same}/{len(ids)} ({same_share:.1f} %), covered area "
              f"{100 * ref['area_covered_share']:.2f} % -> {100 * new['area_covered_share']:.2f} % ({area_pt:+.2f} pt), "
              f"people covered {ref['commune_population_covered']:.0f} -> {new['commune_population_covered']:.0f} "
              f"({people:+.2f} %), villages covered {ref['villages_covered']} -> {new['villages_covered']}")
    print("goals (>= 99 % same verdicts, area within 0.5 pt, people within 0.5 %):", "met" if met else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
