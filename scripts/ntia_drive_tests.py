#!/usr/bin/python3
"""Prepares NTIA/ITS's 3.5 GHz drive tests for `phusong calibrate`.

Reads ../shared/datasets/measurements/ntia_its_3p5ghz_drive_tests/measurements.csv (or --source)
and writes, per city (Boulder, SaltLakeCity), into --out:
  <city>_towers.csv        one omni 5G cell per transmitter/route set: site_id = the set's name
                           (a transmitter serves several sets at different heights and frequencies)
  <city>_measurements.csv  lon,lat,path_loss_db,site_id,tech,rx_height_m,route (valid rows only)
  <city>_flat_dem.tif      flat terrain at the mean ground height of the city's transmitters (0 m
                           where the data give none): no DEM of these areas is available, and the
                           routes (at most 6.4 km) are dominated by clutter, not terrain.
Usage: /usr/bin/python3 scripts/ntia_drive_tests.py --out DIR [--source measurements.csv]
"""
import argparse
import csv
import os
from collections import defaultdict

from osgeo import gdal, osr

gdal.UseExceptions()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.path.join(os.path.dirname(ROOT), "shared", "datasets", "measurements",
                              "ntia_its_3p5ghz_drive_tests", "measurements.csv")
PIXEL_DEG = 0.0003     # about 30 m
MARGIN_DEG = 0.02


def city_of(dataset):
    return dataset.split("_")[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = defaultdict(list)
    sets = {}
    with open(args.source, newline="") as f:
        for r in csv.DictReader(f):
            if r["valid"] != "1":
                continue
            rows[city_of(r["dataset"])].append(r)
            sets[r["dataset"]] = r
    for city, members in sorted(rows.items()):
        with open(os.path.join(args.out, f"{city}_towers.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["site_id", "operator", "lon", "lat", "height_m", "tech", "freq_mhz", "eirp_dbm"])
            for name, r in sorted(sets.items()):
                if city_of(name) == city:
                    w.writerow([name, "NTIA", r["tx_lon"], r["tx_lat"], r["tx_agl_m"], "5G", r["f_mhz"], "60"])
        with open(os.path.join(args.out, f"{city}_measurements.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["lon", "lat", "path_loss_db", "site_id", "tech", "rx_height_m", "route"])
            for r in members:
                w.writerow([r["rx_lon"], r["rx_lat"], r["Lb_meas_db"], r["dataset"], "5G", r["rx_agl_m"], r["dataset"]])
        lons = [float(r[k]) for r in members for k in ("rx_lon", "tx_lon")]
        lats = [float(r[k]) for r in members for k in ("rx_lat", "tx_lat")]
        grounds = [float(r["tx_ground_m"]) for r in sets.values() if city_of(r["dataset"]) == city and r["tx_ground_m"]]
        height = sum(grounds) / len(grounds) if grounds else 0.0
        west, north = min(lons) - MARGIN_DEG, max(lats) + MARGIN_DEG
        nx = int((max(lons) + MARGIN_DEG - west) / PIXEL_DEG) + 1
        ny = int((north - min(lats) + MARGIN_DEG) / PIXEL_DEG) + 1
        ds = gdal.GetDriverByName("GTiff").Create(os.path.join(args.out, f"{city}_flat_dem.tif"), nx, ny, 1, gdal.GDT_Float32,
                                                  ["COMPRESS=DEFLATE"])
        ds.SetGeoTransform((west, PIXEL_DEG, 0, north, 0, -PIXEL_DEG))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4326)
        ds.SetProjection(srs.ExportToWkt())
        ds.GetRasterBand(1).Fill(height)
        ds = None
        print(f"{city}: {len(members)} measurements, flat terrain at {height:.1f} m")


if __name__ == "__main__":
    main()
