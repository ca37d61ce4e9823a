#!/usr/bin/python3
"""Reads a finished `phusong analyze` run with GDAL's own Python bindings and validators,
independently of phusong's C++ code, and checks it against the run's summary.json:

- phusong.gpkg passes GDAL's GeoPackage validator; every layer has the analysis CRS;
- layer names, feature counts and field names are as documented;
- signal rasters in the GeoPackage agree with the GeoTIFFs and with the covered shares;
- every GeoTIFF is a valid Cloud Optimized GeoTIFF with its unit and nodata;
- dead-zone + covered polygons + slivers add up to the analysed area (to 0.1 %);
- the PNG maps exist, are embedded in report.md, have the expected size and are not blank.

Usage: check_outputs.py OUT_DIR        (exit status 0 when every check passes)
"""
import json
import math
import os
import subprocess
import sys

import numpy as np
from osgeo import gdal, ogr
from osgeo_utils.samples import validate_cloud_optimized_geotiff, validate_gpkg

gdal.UseExceptions()
ogr.UseExceptions()
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main(out_dir):
    summary = json.load(open(os.path.join(out_dir, "summary.json"), encoding="utf-8"))
    gpkg = os.path.join(out_dir, "phusong.gpkg")
    epsg = summary["grid"]["crs"].split(":")[1]

    try:
        validate_gpkg.check(gpkg)
    except Exception as e:  # the validator raises on the first error
        failures.append(f"validate_gpkg: {e}")

    techs = list(summary["technologies"].keys())
    # The command-line tools list the layers and tables with their CRS.
    listing = subprocess.run(["ogrinfo", "-so", "-q", gpkg], capture_output=True, text=True).stdout
    for name in ["places", "communes", "towers", "candidates"] + [f"{k}_{t}" for t in techs for k in ("dead_zones", "coverage")]:
        check(f": {name} (" in listing, f"ogrinfo does not list {name}")
    info = subprocess.run(["gdalinfo", gpkg], capture_output=True, text=True).stdout
    for t in techs:
        check(f"GPKG:{gpkg}:signal_{t}" in info, f"gdalinfo does not list signal_{t}")
        table = subprocess.run(["gdalinfo", f"GPKG:{gpkg}:signal_{t}"], capture_output=True, text=True).stdout
        check(f'ID["EPSG",{epsg}]' in table, f"gdalinfo: signal_{t} lacks EPSG:{epsg}")
    ds = ogr.Open(gpkg)
    layers = {ds.GetLayer(i).GetName(): ds.GetLayer(i) for i in range(ds.GetLayerCount())}
    expected = {"places", "communes", "towers", "candidates"} | {f"{k}_{t}" for t in techs for k in ("dead_zones", "coverage")}
    check(expected <= set(layers), f"layers {sorted(layers)} lack {sorted(expected - set(layers))}")
    for name, layer in layers.items():
        if name == "layer_styles":
            continue
        srs = layer.GetSpatialRef()
        check(srs is not None and srs.GetAuthorityCode(None) == epsg, f"{name}: CRS is not EPSG:{epsg}")

    inputs = summary["inputs"]
    check(layers["towers"].GetFeatureCount() == inputs["cells_analysed"], "towers: one feature per analysed cell")
    ranking = summary["ranking"]
    check(layers["candidates"].GetFeatureCount() == ranking["candidates"], "candidates: one feature per candidate")
    ranks = sorted(f.GetField("rank") for f in layers["candidates"] if f.GetField("rank") is not None)
    check(ranks == list(range(1, len(ranking["picks"]) + 1)), "candidates: ranks are not 1..picks")
    gains = [p["marginal_population"] for p in ranking["picks"]]
    check(all(b <= a + 1e-9 for a, b in zip(gains, gains[1:])), "ranking: marginal population increases")
    first = techs[0]
    check(layers["places"].GetFeatureCount() == summary["technologies"][first]["villages"], "places: one feature per village")
    check(layers["communes"].GetFeatureCount() == summary["technologies"][first]["communes"], "communes: one per commune")
    fields = [layers["places"].GetLayerDefn().GetFieldDefn(i).GetName()
              for i in range(layers["places"].GetLayerDefn().GetFieldCount())]
    for t in techs:
        for f in (f"{t}_covered", f"{t}_covered_share", f"{t}_covered_population", f"{t}_best_dbm"):
            check(f in fields, f"places lacks field {f}")
    covered_villages = {t: 0 for t in techs}
    for feature in layers["places"]:
        for t in techs:
            covered_villages[t] += feature.GetField(f"{t}_covered") == "yes"
    for t in techs:
        check(covered_villages[t] == summary["technologies"][t]["villages_covered"], f"{t}: covered villages differ")

    styles = {f.GetField("f_table_name") for f in layers.get("layer_styles", [])}
    check(expected <= styles, f"layer_styles lacks {sorted(expected - styles)}")

    for t in techs:
        gaps = summary["gaps"]["technologies"][t]
        dead = layers[f"dead_zones_{t}"]
        check(dead.GetFeatureCount() == gaps["dead_zone_count"], f"dead_zones_{t}: feature count")
        dead_km2 = sum(f.GetGeometryRef().GetArea() for f in dead) / 1e6
        covered_km2 = sum(f.GetGeometryRef().GetArea() for f in layers[f"coverage_{t}"]) / 1e6
        analysed = gaps["analysed"]["area_km2"]
        total = dead_km2 + covered_km2 + gaps["slivers"]["area_km2"]
        check(abs(total - analysed) <= 1e-3 * analysed, f"{t}: dead + covered + slivers = {total} km2, analysed {analysed}")
        ranks = [f.GetField("rank") for f in dead]
        check(sorted(ranks) == list(range(1, len(ranks) + 1)), f"dead_zones_{t}: ranks are not 1..n")

        # Rasters: the GeoPackage table equals the GeoTIFF; both give the summary's covered share.
        tif = gdal.Open(os.path.join(out_dir, f"signal_{t}.tif"))
        check(validate_cloud_optimized_geotiff.validate(tif)[1] == [], f"signal_{t}.tif is not a valid COG")
        band = tif.GetRasterBand(1)
        check(band.GetUnitType() == "dBm", f"signal_{t}.tif: unit {band.GetUnitType()!r}")
        check(math.isnan(band.GetNoDataValue()), f"signal_{t}.tif: nodata is not NaN")
        from_tif = band.ReadAsArray()
        table = gdal.OpenEx(gpkg, gdal.OF_RASTER, open_options=[f"TABLE=signal_{t}"])
        check(table.GetSpatialRef().GetAuthorityCode(None) == epsg, f"signal_{t}: CRS")
        check(table.GetGeoTransform() == tif.GetGeoTransform(), f"signal_{t}: geotransform differs from the GeoTIFF")
        from_gpkg = table.GetRasterBand(1).ReadAsArray().astype(np.float32)
        from_gpkg[from_gpkg == table.GetRasterBand(1).GetNoDataValue()] = np.nan
        same = np.array_equal(np.isnan(from_gpkg), np.isnan(from_tif)) and np.array_equal(
            from_gpkg[~np.isnan(from_gpkg)], from_tif[~np.isnan(from_tif)])
        check(same, f"signal_{t}: GeoPackage and GeoTIFF values differ")
        level = summary["technologies"][t]["covered_level_dbm"]
        covered_pixels = int(np.sum(np.nan_to_num(from_tif, nan=-1e9) >= level))
        check(covered_pixels >= gaps["covered"]["pixels"], f"signal_{t}: fewer covered pixels than the summary counts")
        png = os.path.join(out_dir, f"map_{t}.png")
        check(os.path.exists(png), f"map_{t}.png is missing")
        if os.path.exists(png):
            picture = gdal.Open(png)
            check(picture.RasterXSize >= 1000 and picture.RasterYSize >= 400, f"map_{t}.png is too small")
            rgb = np.dstack([picture.GetRasterBand(b).ReadAsArray() for b in (1, 2, 3)]).reshape(-1, 3)
            colours = len(np.unique(rgb[:: 7], axis=0))
            check(colours > 500, f"map_{t}.png has only {colours} colours: blank?")
            reddish = np.sum((rgb[:, 0] > 150) & (rgb[:, 1] < 110) & (rgb[:, 2] < 110))
            check(reddish > 1000, f"map_{t}.png shows no dead zones")
        check(f"](map_{t}.png)" in open(os.path.join(out_dir, "report.md"), encoding="utf-8").read(),
              f"report.md does not embed map_{t}.png")
        for name in (f"server_{t}.tif", f"servers_{t}.tif"):
            check(validate_cloud_optimized_geotiff.validate(gdal.Open(os.path.join(out_dir, name)))[1] == [],
                  f"{name} is not a valid COG")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
    for f in failures:
        print("FAIL:", f)
    print("all output checks passed" if not failures else f"{len(failures)} check(s) failed")
    sys.exit(1 if failures else 0)
