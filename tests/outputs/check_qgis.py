#!/usr/bin/python3
"""Opens a finished run's phusong.gpkg in real QGIS (Debian's python3-qgis, headless) and checks
that every layer loads valid with the analysis CRS, that the result layers take their default
styles from the GeoPackage's layer_styles table (not QGIS's random defaults), that the land cover
shows with its palette, and that a map rendered from them is not blank.

Usage: check_qgis.py OUT_DIR [PNG]     (exit status 0 when every check passes)
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")

from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsRasterLayer,  # noqa: E402
                       QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(out_dir, png):
    summary = json.load(open(os.path.join(out_dir, "summary.json"), encoding="utf-8"))
    gpkg = os.path.join(out_dir, "phusong.gpkg")
    crs = summary["grid"]["crs"]
    techs = list(summary["technologies"].keys())
    vectors = {}
    for name in ["places", "communes", "towers", "candidates"] + [f"{k}_{t}" for t in techs for k in ("coverage", "dead_zones")]:
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        check(layer.isValid(), f"{name}: QGIS cannot load it")
        check(layer.crs().authid() == crs, f"{name}: CRS {layer.crs().authid()} instead of {crs}")
        vectors[name] = layer
    rasters = {}
    for t in techs:
        layer = QgsRasterLayer(f"GPKG:{gpkg}:signal_{t}", f"signal_{t}", "gdal")
        check(layer.isValid(), f"signal_{t}: QGIS cannot load it")
        check(layer.crs().authid() == crs, f"signal_{t}: CRS {layer.crs().authid()} instead of {crs}")
        rasters[t] = layer

    # The land cover (the demo has one): a paletted raster QGIS shows in ESA WorldCover's colours.
    if summary["model"].get("landcover_classes"):
        layer = QgsRasterLayer(f"GPKG:{gpkg}:landcover", "landcover", "gdal")
        check(layer.isValid(), "landcover: QGIS cannot load it")
        check(layer.isValid() and layer.renderer().type() == "paletted",
              f"landcover: renderer {layer.renderer().type() if layer.isValid() else None} instead of paletted")
        if layer.isValid() and layer.renderer().type() == "paletted":
            colours = {c.value: c.color.name() for c in layer.renderer().classes()}
            check(colours.get(10) == "#006400", f"landcover: tree cover (10) is {colours.get(10)}, not WorldCover's #006400")
            check(colours.get(40) == "#f096ff", f"landcover: cropland (40) is {colours.get(40)}, not WorldCover's #f096ff")

    # Styles from layer_styles: dead zones red, places graduated by level, towers as triangles.
    for t in techs:
        symbol = vectors[f"dead_zones_{t}"].renderer().symbol()
        c = symbol.color()
        check(c.red() > 200 and c.green() < 60 and c.blue() < 60, f"dead_zones_{t}: not red ({c.name()}): style not loaded")
    places = vectors["places"].renderer()
    check(places.type() == "graduatedSymbol", f"places: renderer {places.type()} instead of graduatedSymbol")
    check(places.type() == "graduatedSymbol" and places.classAttribute() == f"{techs[-1]}_best_dbm",
          "places: not graduated by the best level")
    check(vectors["places"].labelsEnabled(), "places: labels not enabled")
    candidates = vectors["candidates"].renderer()
    check(candidates.type() == "graduatedSymbol" and candidates.classAttribute() == "rank", "candidates: not styled by rank")
    check(vectors["candidates"].labelsEnabled(), "candidates: rank labels not enabled")
    towers = vectors["towers"].renderer().symbol().symbolLayer(0)
    check(towers.properties().get("name") == "triangle", "towers: not drawn as triangles")

    # Render dead zones, covered area, places and towers over the signal raster.
    settings = QgsMapSettings()
    order = [vectors["candidates"], vectors["towers"], vectors["places"], vectors[f"dead_zones_{techs[0]}"], rasters[techs[0]]]
    settings.setLayers(order)
    settings.setDestinationCrs(vectors["places"].crs())
    extent = QgsRectangle(vectors["communes"].extent())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(800, 600))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    if png:
        image.save(png)
    colours = set()
    red = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            c = QColor(image.pixel(x, y))
            colours.add(c.rgb())
            red += c.red() > 180 and c.green() < 90 and c.blue() < 90
    check(len(colours) > 20, f"rendered map has only {len(colours)} colours: blank?")
    check(red > 50, "rendered map shows no red dead zones")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    app = QgsApplication([], False)
    app.initQgis()
    run(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
    for f in failures:
        print("FAIL:", f)
    print("QGIS checks passed" if not failures else f"{len(failures)} QGIS check(s) failed")
    sys.stdout.flush()
    # PyQGIS may crash while tearing down (exitQgis); the verdict is already known.
    os._exit(1 if failures else 0)
