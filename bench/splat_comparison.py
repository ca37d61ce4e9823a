#!/usr/bin/python3
"""Benchmark: phusong vs SPLAT! 1.4.2 (Debian) for one site on SRTM-3 terrain.

Runs SPLAT! (`srtm2sdf`, then `splat -L ... -olditm -metric -dbm -ano`) and
`phusong coverage --model itm` for the same site, frequency, ERP, heights and radius,
and prints both wall times (median of --repeat runs), their ratio, and the agreement
of received power at the receivers SPLAT! evaluated. SPLAT! reports dBm for EIRP = ERP +
2.14 dB (its own constant), so phusong is given that EIRP with the reference-signal share
set to 0 dB.

Where SPLAT! evaluated: PlotLRPath writes path point y's position to the .ano file but runs
ITM over path points 0..y-1 (`elev[0]=y-1`), so each value belongs to the receiver one path
sample nearer the transmitter, on the same great circle. ReadPath spaces samples
total / (68755 * sqrt(dlat^2 + dlon^2)) apart (miles, angles in radians), 66-93 m here.
phusong's raster is read there. SPLAT! takes terrain from the nearest SRTM sample, phusong
interpolates bilinearly (after warping to its UTM grid); that difference remains in the
figures (phusong is about 1 dB stronger on average).

Terrain: ../shared/datasets/terrain/N44W072.hgt (White Mountains, NH) when present,
else a synthetic SRTM-3 tile with the same name. Installs Debian's `splat` with apt-get
when missing (needs root). Usage:
  /usr/bin/python3 bench/splat_comparison.py [--radius-km 35] [--threads 2] [--repeat 3] [--engine sweep] [--no-install]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TILE = "N44W072.hgt"
SITE_LAT, SITE_LON = 44.5, -71.5       # tile centre
TX_HEIGHT_M, RX_HEIGHT_M = 30.0, 1.5
FREQ_MHZ, ERP_W = 1845.0, 100.0        # 100 W ERP = 50 dBm ERP = 52.14 dBm EIRP (SPLAT!'s 2.14 dB)


SKIPPED = 77  # exit status when SPLAT! is missing and --no-install is given (CTest's skip code)


def ensure_splat(install):
    if shutil.which("splat") and shutil.which("srtm2sdf"):
        return
    if not install:
        print("SPLAT! (Debian's splat) is not installed: skipped", flush=True)
        sys.exit(SKIPPED)
    print("installing Debian's splat ...", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "splat"], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), stdout=subprocess.DEVNULL)


def terrain_tile(work):
    shared = os.path.join(os.path.dirname(ROOT), "shared", "datasets", "terrain", TILE)
    target = os.path.join(work, TILE)
    if os.path.exists(shared):
        shutil.copy(shared, target)
        return "real SRTM-3 tile " + TILE + " (../shared)"
    # Synthetic 1201 x 1201 big-endian Int16 tile: smooth hills 200-1500 m.
    rng = np.random.default_rng(44072)
    n = 1201
    z = np.zeros((n, n))
    for cells, amplitude in ((6, 500.0), (20, 180.0), (60, 60.0), (200, 15.0)):
        coarse = rng.uniform(-1, 1, (cells + 1, cells + 1))
        idx = np.linspace(0, cells, n)
        i0 = np.minimum(idx.astype(int), cells - 1)
        t = idx - i0
        rows = coarse[i0] * (1 - t)[:, None] + coarse[i0 + 1] * t[:, None]
        z += amplitude * (rows[:, i0] * (1 - t) + rows[:, i0 + 1] * t)
    z = (z - z.min()) / (z.max() - z.min()) * 1300 + 200
    z.astype(">i2").tofile(target)
    return "synthetic SRTM-3 tile (../shared absent)"


def timed(cmd, cwd, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def splat_points(path):
    """lat, lon (east positive), dBm from SPLAT!'s .ano file."""
    rows = []
    with open(path) as f:
        for line in f:
            # A trailing '*' marks a point whose path SPLAT! found obstructed.
            parts = [p.strip().rstrip("*").strip() for p in line.split(";")[0].split(",")]
            if len(parts) == 5:
                lat, lon_west, _, _, dbm = map(float, parts)
                rows.append((lat, -lon_west, dbm))
    return np.array(rows)


EARTH_RADIUS_MILES = 3959.0       # SPLAT!'s sphere
SAMPLES_PER_RADIAN = 68755.0      # SPLAT!'s ReadPath, for 3 arc-second data


def evaluated_receivers(points):
    """lat, lon of the receivers SPLAT! computed the .ano values for: one ReadPath sample
    back towards the transmitter along the great circle (see the module docstring)."""
    tx_lat, tx_lon = np.radians(SITE_LAT), np.radians(SITE_LON)
    lat, lon = np.radians(points[:, 0]), np.radians(points[:, 1])
    beta = np.arccos(np.clip(np.sin(tx_lat) * np.sin(lat) + np.cos(tx_lat) * np.cos(lat) * np.cos(lon - tx_lon), -1, 1))
    spacing = EARTH_RADIUS_MILES * beta / (SAMPLES_PER_RADIAN * np.hypot(lat - tx_lat, lon - tx_lon))
    back = np.clip(1.0 - spacing / (EARTH_RADIUS_MILES * beta), 0.0, 1.0)  # fraction of the way out
    unit = lambda la, lo: np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)
    a, b = unit(tx_lat, tx_lon), unit(lat, lon)
    weight_a = np.sin((1.0 - back) * beta) / np.sin(beta)
    weight_b = np.sin(back * beta) / np.sin(beta)
    v = weight_a[:, None] * a + weight_b[:, None] * b
    return np.column_stack([np.degrees(np.arcsin(v[:, 2])), np.degrees(np.arctan2(v[:, 1], v[:, 0]))])


def sample(raster, lonlat):
    """Values of `raster` at (lon, lat) points, bilinear between pixel centres (nearest
    pixel where a neighbour is empty)."""
    ds = gdal.Open(raster)
    srs = osr.SpatialReference()
    srs.ImportFromWkt(ds.GetProjection())
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    for s in (srs, wgs):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_grid = osr.CoordinateTransformation(wgs, srs)
    xy = np.array(to_grid.TransformPoints(lonlat[:, :2]))[:, :2]
    gt = ds.GetGeoTransform()
    band = ds.GetRasterBand(1).ReadAsArray().astype(float)
    h, w = band.shape
    fc = (xy[:, 0] - gt[0]) / gt[1] - 0.5
    fr = (xy[:, 1] - gt[3]) / gt[5] - 0.5
    c0 = np.clip(np.floor(fc).astype(int), 0, w - 2)
    r0 = np.clip(np.floor(fr).astype(int), 0, h - 2)
    tc = np.clip(fc - c0, 0, 1)
    tr = np.clip(fr - r0, 0, 1)
    top = band[r0, c0] * (1 - tc) + band[r0, c0 + 1] * tc
    bottom = band[r0 + 1, c0] * (1 - tc) + band[r0 + 1, c0 + 1] * tc
    values = top * (1 - tr) + bottom * tr
    nearest = band[np.clip(np.rint(fr).astype(int), 0, h - 1), np.clip(np.rint(fc).astype(int), 0, w - 1)]
    values = np.where(np.isfinite(values), values, nearest)
    inside = (fc >= -0.5) & (fr >= -0.5) & (fc <= w - 0.5) & (fr <= h - 0.5)
    return np.where(inside, values, np.nan)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phusong", default=os.path.join(ROOT, "build", "bin", "phusong"))
    ap.add_argument("--radius-km", type=float, default=35.0)
    ap.add_argument("--resolution-m", type=float, default=90.0, help="phusong grid; SRTM-3 is 3 arc-seconds = 92.6 m N-S")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--engine", default="sweep", help="phusong's coverage engine: sweep or per-pixel")
    ap.add_argument("--no-install", action="store_true", help=f"exit {SKIPPED} instead of installing splat")
    args = ap.parse_args()
    ensure_splat(not args.no_install)
    work = tempfile.mkdtemp(prefix="phusong-bench-")
    try:
        compare(args, work)
    finally:
        shutil.rmtree(work)


def compare(args, work):
    source = terrain_tile(work)
    subprocess.run(["srtm2sdf", TILE], cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(work, "tx.qth"), "w") as f:
        f.write(f"S1\n{SITE_LAT}\n{-SITE_LON}\n{TX_HEIGHT_M} meters\n")
    with open(os.path.join(work, "tx.lrp"), "w") as f:
        f.write(f"15.000 ; Earth Dielectric Constant\n0.005 ; Earth Conductivity\n301.000 ; Atmospheric Bending Constant\n"
                f"{FREQ_MHZ} ; Frequency in MHz\n5 ; Radio Climate\n1 ; Polarization\n0.50 ; Fraction of situations\n"
                f"0.50 ; Fraction of time\n{ERP_W} ; ERP in Watts\n")
    splat_cmd = ["splat", "-t", "tx.qth", "-L", str(RX_HEIGHT_M), "-R", str(args.radius_km), "-metric", "-dbm",
                 "-olditm", "-ano", "splat.ano"]
    splat_s = timed(splat_cmd, work, args.repeat)

    eirp_dbm = 10 * np.log10(ERP_W * 1000) + 2.14
    with open(os.path.join(work, "towers.csv"), "w") as f:
        f.write("site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm\n")
        f.write(f"S1,bench,{SITE_LON},{SITE_LAT},{TX_HEIGHT_M},4G,{FREQ_MHZ},{eirp_dbm:.4f}\n")
    phusong_cmd = [args.phusong, "coverage", "--towers", "towers.csv", "--dem", TILE, "--out", "phusong.gpkg",
                   "--tech", "4g", "--model", "itm", "--engine", args.engine, "--link-budget", "4g.reference_share_db=0", "--radius-km",
                   str(args.radius_km), "--resolution-m", str(args.resolution_m), "--rx-height-m", str(RX_HEIGHT_M),
                   "--climate", "5", "--n0", "301", "--epsilon", "15", "--sigma", "0.005", "--polarization", "vertical",
                   "--mdvar", "12", "--threads", str(args.threads), "--quiet"]
    phusong_s = timed(phusong_cmd, work, args.repeat)

    points = splat_points(os.path.join(work, "splat.ano"))
    receivers = evaluated_receivers(points)
    ours = sample(os.path.join(work, "phusong_signal_4g.tif"), receivers[:, [1, 0]])
    ok = np.isfinite(ours)
    diff = np.abs(points[ok, 2] - ours[ok])
    print(f"terrain: {source}; site {SITE_LAT} N {-SITE_LON} W, {TX_HEIGHT_M} m, {FREQ_MHZ} MHz, "
          f"ERP {ERP_W} W, rx {RX_HEIGHT_M} m, radius {args.radius_km} km, phusong grid {args.resolution_m} m, "
          f"{args.threads} thread(s), median of {args.repeat} runs")
    print(f"SPLAT! 1.4.2 (-olditm):   {splat_s:8.3f} s")
    print(f"phusong coverage (itm, {args.engine}): {phusong_s:8.3f} s")
    print(f"speed-up:                 {splat_s / phusong_s:8.2f} x")
    print(f"agreement at {ok.sum()} of {len(points)} SPLAT! receivers (phusong raster interpolated there): "
          f"median |diff| {np.median(diff):.2f} dB, "
          f"95th percentile {np.percentile(diff, 95):.2f} dB, mean signed (SPLAT - phusong) "
          f"{np.mean(points[ok, 2] - ours[ok]):+.2f} dB")


if __name__ == "__main__":
    sys.exit(main())
