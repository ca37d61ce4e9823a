#!/usr/bin/python3
"""Check that `--radius-km auto` cuts off nothing: run `phusong analyze` with the automatic reach,
then with a fixed radius of twice the largest mast reach it found (every mast then predicts at
least twice as far as its own reach), and print how many covered pixels and covered villages
the longer range adds, with both wall times. The issue's goal: under 0.1 % more covered pixels.

Scenarios:
  demo     the bundled demo (datasets/demo/analyze.ini; `make demo-data` first)
  laichau  the real Lai Chau communes (census 2019) on SRTM30+ terrain at 250 m, with a 3G+4G
           site at a point inside every third commune (../shared/datasets/laichau)
Usage: /usr/bin/python3 bench/reach_check.py demo|laichau [--phusong build/bin/phusong]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from osgeo import ogr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAICHAU = os.path.join(ROOT, "..", "shared", "datasets", "laichau")


def laichau_args(work):
    communes = os.path.join(LAICHAU, "lai_chau_communes_pop2009_2019.geojson")
    if not os.path.exists(communes):
        sys.exit(f"reach_check: {communes} is missing (../shared/datasets)")
    rows = ["site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm"]
    source = ogr.Open(communes)  # kept open: the layer dies with it
    for i, feature in enumerate(source.GetLayer()):
        if i % 3:
            continue
        point = feature.GetGeometryRef().PointOnSurface()
        for cell in ("3G,2140", "4G,1845"):
            rows.append(f"LC{i},test,{point.GetX():.6f},{point.GetY():.6f},30,{cell},58")
    towers = os.path.join(work, "towers.csv")
    with open(towers, "w") as f:
        f.write("\n".join(rows) + "\n")
    return ["--towers", towers, "--dem", os.path.join(LAICHAU, "srtm30plus_z6_northwest_epsg4326.tif"),
            "--communes", communes, "--commune-population-field", "pop2019", "--resolution-m", "250"]


def run(phusong, args, out):
    start = time.perf_counter()
    done = subprocess.run([phusong, "analyze", *args, "--out", out, "--quiet"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"reach_check: phusong failed:\n{done.stderr}")
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f), time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["demo", "laichau"])
    parser.add_argument("--phusong", default=os.path.join(ROOT, "build", "bin", "phusong"))
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        args = (["--config", os.path.join(ROOT, "datasets", "demo", "analyze.ini"), "--candidates", "", "--select", "1"]
                if a.scenario == "demo" else laichau_args(work))
        auto, t_auto = run(a.phusong, args + ["--radius-km", "auto"], os.path.join(work, "auto"))
        reach = auto["model"]["reach"]
        doubled_km = min(200.0, 2.0 * reach["mast_max_km"])
        fixed, t_fixed = run(a.phusong, args + ["--radius-km", f"{doubled_km:g}"], os.path.join(work, "fixed"))
    print(f"{a.scenario}: auto reach per mast {reach['mast_min_km']:.1f}-{reach['mast_max_km']:.1f} km "
          f"(median {reach['mast_median_km']:.1f}, cap {reach['cap_km']:g} km, {reach['masts_at_cap']} at the cap), "
          f"{t_auto:.1f} s; fixed {doubled_km:g} km: {t_fixed:.1f} s")
    worst = 0.0
    for tech, t in auto["technologies"].items():
        f = fixed["technologies"][tech]
        added = (f["area_covered_share"] - t["area_covered_share"]) / t["area_covered_share"] * 100.0
        worst = max(worst, added)
        print(f"  {tech}: covered pixels {t['area_covered_share'] * 100:.3f} % -> {f['area_covered_share'] * 100:.3f} % "
              f"of the area ({added:+.3f} %), villages {t['villages_covered']} -> {f['villages_covered']}, "
              f"communes with signal {t['communes_with_signal']} -> {f['communes_with_signal']}")
    print(f"largest addition {worst:+.3f} % (goal < 0.1 %): {'met' if worst < 0.1 else 'NOT met'}")


if __name__ == "__main__":
    main()
