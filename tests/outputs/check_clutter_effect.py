#!/usr/bin/python3
"""The demo with its land cover (P.2108 clutter, the default) against the same run with
`--clutter none`: foliage and buildings must lower 4G village coverage, and the report must say
which clutter model was used.

Usage: check_clutter_effect.py WITH_CLUTTER_DIR WITHOUT_CLUTTER_DIR   (exit status 0 when both hold)
"""
import json
import os
import sys


def summary(run):
    with open(os.path.join(run, "summary.json"), encoding="utf-8") as f:
        return json.load(f)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    cluttered, bare = summary(sys.argv[1]), summary(sys.argv[2])
    failures = []
    if cluttered["model"]["clutter"] != "p2108" or bare["model"]["clutter"] != "none":
        failures.append(f"clutter models {cluttered['model']['clutter']} / {bare['model']['clutter']}, expected p2108 / none")
    with_4g = cluttered["technologies"]["4g"]["villages_covered"]
    without_4g = bare["technologies"]["4g"]["villages_covered"]
    if not with_4g < without_4g:
        failures.append(f"4G villages covered with clutter {with_4g}, without {without_4g}: clutter did not lower it")
    with open(os.path.join(sys.argv[1], "report.md"), encoding="utf-8") as f:
        report = f.read()
    if "Receiver clutter: ITU-R P.2108" not in report or "## Land cover classes" not in report:
        failures.append("report.md does not state the clutter model and the land-cover classes")
    for f in failures:
        print("FAIL:", f)
    print(f"4G villages covered: {with_4g} with P.2108 clutter, {without_4g} without")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
