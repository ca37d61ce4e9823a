#!/usr/bin/python3
"""Benchmark: a province-scale coverage run, timed with peak memory.

Generates (deterministically) a synthetic mountainous DEM of about 170 km x 125 km at 30 m
(the size of Lai Chau province) and 300 three-sector sites, 3G on all and 4G on 60 %, then
runs `phusong coverage --model itm` (or `--model`) for both technologies and prints the wall time and
peak resident memory (from /usr/bin/time). Usage:
  /usr/bin/python3 bench/province_scale.py [--radius-km 20|auto] [--threads 2] [--sites 300] [--model itm]
                                           [--engine sweep|per-pixel]
"""
import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDTH_KM, HEIGHT_KM, RES_M = 170.0, 125.0, 30.0
WEST, NORTH = 300000.0, 2520000.0   # UTM 48N, around Lai Chau


def terrain(path, rng):
    nx, ny = int(WIDTH_KM * 1000 / RES_M), int(HEIGHT_KM * 1000 / RES_M)
    z = np.zeros((ny, nx), dtype=np.float32)
    for cell_km, amplitude in ((40, 900.0), (12, 500.0), (4, 250.0), (1.2, 90.0), (0.4, 30.0)):
        cells = max(2, int(WIDTH_KM / cell_km))
        rows = max(2, int(HEIGHT_KM / cell_km))
        lattice = rng.uniform(-1, 1, (rows + 2, cells + 2)).astype(np.float32)
        y = np.linspace(0, rows, ny, dtype=np.float32)
        x = np.linspace(0, cells, nx, dtype=np.float32)
        y0, x0 = y.astype(int), x.astype(int)
        ty, tx = (y - y0)[:, None], (x - x0)[None, :]
        top = lattice[y0][:, x0] * (1 - tx) + lattice[y0][:, x0 + 1] * tx
        bottom = lattice[y0 + 1][:, x0] * (1 - tx) + lattice[y0 + 1][:, x0 + 1] * tx
        z += amplitude * np.abs(top * (1 - ty) + bottom * ty)
    z = 200.0 + (z - z.min()) / (z.max() - z.min()) * 2800.0
    ds = gdal.GetDriverByName("GTiff").Create(path, nx, ny, 1, gdal.GDT_Int16, ["TILED=YES", "COMPRESS=DEFLATE"])
    ds.SetGeoTransform((WEST, RES_M, 0, NORTH, 0, -RES_M))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32648)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(np.round(z).astype(np.int16))
    ds = None
    return nx, ny


def towers(path, rng, sites):
    utm, wgs = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(32648)
    wgs.ImportFromEPSG(4326)
    for s in (utm, wgs):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_lonlat = osr.CoordinateTransformation(utm, wgs)
    cells = 0
    with open(path, "w") as f:
        f.write("site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm,azimuth_deg,beamwidth_deg,downtilt_deg\n")
        for n in range(sites):
            x = WEST + rng.uniform(5e3, WIDTH_KM * 1000 - 5e3)
            y = NORTH - rng.uniform(5e3, HEIGHT_KM * 1000 - 5e3)
            lon, lat = to_lonlat.TransformPoint(x, y)[:2]
            techs = [("3G", 2140)] + ([("4G", 1845)] if rng.uniform() < 0.6 else [])
            for tech, freq in techs:
                for sector in range(3):
                    f.write(f"P{n:04d},bench,{lon:.6f},{lat:.6f},30,{tech},{freq},58,{120 * sector},65,4\n")
                    cells += 1
    return cells


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phusong", default=os.path.join(ROOT, "build", "bin", "phusong"))
    ap.add_argument("--radius-km", default="20", help="a range in km, or auto (the reach by link budget)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sites", type=int, default=300)
    ap.add_argument("--model", default="itm", help="propagation model (phusong coverage --model)")
    ap.add_argument("--engine", default="sweep", help="coverage engine (phusong coverage --engine): sweep or per-pixel")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    rng = np.random.default_rng(2019)
    work = tempfile.mkdtemp(prefix="phusong-province-")
    nx, ny = terrain(os.path.join(work, "dem.tif"), rng)
    cells = towers(os.path.join(work, "towers.csv"), rng, args.sites)
    cmd = ["/usr/bin/time", "-v", args.phusong, "coverage", "--towers", "towers.csv", "--dem", "dem.tif",
           "--out", "province.gpkg", "--tech", "3g,4g", "--model", args.model, "--engine", args.engine, "--resolution-m", str(RES_M),
           "--radius-km", str(args.radius_km), "--threads", str(args.threads), "--quiet"]
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        print(run.stderr)
        raise SystemExit(run.returncode)
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    print(f"province-scale run: {nx} x {ny} pixels at {RES_M:.0f} m ({WIDTH_KM:.0f} km x {HEIGHT_KM:.0f} km), "
          f"{args.sites} sites / {cells} cells, 3G+4G, {args.model} ({args.engine}), radius {args.radius_km} km, {args.threads} thread(s)")
    print(f"wall time {seconds:.1f} s, peak memory {peak_kb / 1024 / 1024:.2f} GiB")
    if args.keep:
        print("work folder:", work)
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
