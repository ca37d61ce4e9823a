#!/usr/bin/python3
"""Generates phusong's synthetic demo district, deterministically.

Everything here is invented: a mountainous district shaped like north-west Vietnam
(steep ridges, rivers in narrow valleys, villages mostly along the valleys), with
census-like populations and a plausible tower inventory. Same seed → same files.

Usage: make_demo.py OUT_DIR
Writes terrain.tif, landcover.tif, communes.geojson, villages.geojson, towers.csv, candidates.csv.
Needs Debian's python3-numpy and python3-gdal.
"""
import json
import math
import os
import sys

import numpy as np
from osgeo import gdal, osr

SEED = 20190401            # census day, 1 April 2019
UTM = 32648                # WGS 84 / UTM zone 48N
CENTRE_LONLAT = (103.25, 22.35)
DISTRICT_KM = (36.0, 30.0)  # width, height
UNPOWERED_ABOVE_M = 1500  # villages higher than this have no grid power yet
MARGIN_KM = 4.0            # terrain beyond the district edge
RES_M = 30.0
N_COMMUNES = 12
N_VILLAGES = 120
N_SITES = 25
N_CANDIDATES = 300
TARGET_POPULATION = 60000

gdal.UseExceptions()
rng = np.random.default_rng(SEED)


def transformer(src_epsg, dst_epsg):
    a, b = osr.SpatialReference(), osr.SpatialReference()
    a.ImportFromEPSG(src_epsg)
    b.ImportFromEPSG(dst_epsg)
    for s in (a, b):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(a, b)


TO_UTM = transformer(4326, UTM)
TO_LONLAT = transformer(UTM, 4326)
CX, CY = TO_UTM.TransformPoint(*CENTRE_LONLAT)[:2]
CX, CY = round(CX / 1000) * 1000, round(CY / 1000) * 1000
WEST, SOUTH = CX - DISTRICT_KM[0] * 500, CY - DISTRICT_KM[1] * 500
EAST, NORTH = CX + DISTRICT_KM[0] * 500, CY + DISTRICT_KM[1] * 500


def lonlat(x, y):
    lon, lat = TO_LONLAT.TransformPoint(float(x), float(y))[:2]
    return round(lon, 6), round(lat, 6)


# ---------------------------------------------------------------- terrain
def value_noise(shape, cell_px):
    """Smooth random field in [-1, 1]: random lattice, smoothstep interpolation."""
    ny, nx = shape
    gy, gx = ny // cell_px + 2, nx // cell_px + 2
    lattice = rng.uniform(-1.0, 1.0, (gy, gx))
    y = np.arange(ny) / cell_px
    x = np.arange(nx) / cell_px
    y0, x0 = np.floor(y).astype(int), np.floor(x).astype(int)
    ty, tx = y - y0, x - x0
    ty, tx = ty * ty * (3 - 2 * ty), tx * tx * (3 - 2 * tx)
    a = lattice[np.ix_(y0, x0)]
    b = lattice[np.ix_(y0, x0 + 1)]
    c = lattice[np.ix_(y0 + 1, x0)]
    d = lattice[np.ix_(y0 + 1, x0 + 1)]
    top = a + (b - a) * tx[None, :]
    bottom = c + (d - c) * tx[None, :]
    return top + (bottom - top) * ty[:, None]


def rivers():
    """Polylines (UTM metres) of a main river and three tributaries."""
    lines = []
    xs = np.linspace(WEST - MARGIN_KM * 1000, EAST + MARGIN_KM * 1000, 80)
    ys = CY - 2000 + 4500 * np.sin((xs - WEST) / 9000.0) + 1500 * np.sin((xs - WEST) / 3100.0)
    lines.append(np.column_stack([xs, ys]))
    for start_x, direction, length in [(WEST + 7000, 1, 16000), (WEST + 19000, -1, 15000), (WEST + 29000, 1, 14000)]:
        t = np.linspace(0.0, 1.0, 30)
        base_y = np.interp(start_x, xs, ys)
        ty = base_y + direction * t * length
        tx = start_x + 2500 * np.sin(t * 5.0 + start_x / 5000.0) * t
        lines.append(np.column_stack([tx, ty]))
    return lines


def distance_to_lines(x, y, lines):
    best = np.full(x.shape, np.inf)
    for line in lines:
        for (ax, ay), (bx, by) in zip(line[:-1], line[1:]):
            vx, vy = bx - ax, by - ay
            t = np.clip(((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy), 0.0, 1.0)
            best = np.minimum(best, np.hypot(x - (ax + t * vx), y - (ay + t * vy)))
    return best


def make_terrain():
    west, north = WEST - MARGIN_KM * 1000, NORTH + MARGIN_KM * 1000
    nx = int(round((DISTRICT_KM[0] + 2 * MARGIN_KM) * 1000 / RES_M))
    ny = int(round((DISTRICT_KM[1] + 2 * MARGIN_KM) * 1000 / RES_M))
    ridged = np.zeros((ny, nx))
    amplitude, total = 1.0, 0.0
    for cell_km in (14.0, 7.0, 3.5, 1.75, 0.9, 0.45, 0.22):
        n = value_noise((ny, nx), max(2, int(cell_km * 1000 / RES_M)))
        ridged += amplitude * (1.0 - np.abs(n)) ** 2
        total += amplitude
        amplitude *= 0.55
    ridged /= total
    ridged = (ridged - ridged.min()) / (ridged.max() - ridged.min())
    mountains = 700.0 + 2300.0 * ridged
    x = west + (np.arange(nx) + 0.5) * RES_M
    y = north - (np.arange(ny) + 0.5) * RES_M
    X, Y = np.meshgrid(x, y)
    river_lines = rivers()
    d = distance_to_lines(X, Y, river_lines)
    # V-shaped valleys: the river bed descends gently west → east.
    bed = 420.0 - 200.0 * (X - X.min()) / (X.max() - X.min())
    valley = 1.0 - np.exp(-((d / 1800.0) ** 1.4))
    dem = bed + (mountains - bed) * valley + 15.0 * value_noise((ny, nx), 4)
    dem = np.clip(dem, 200.0, 3000.0)
    return dem, (west, north, nx, ny), d, X, Y


def write_terrain(path, dem, frame):
    west, north, nx, ny = frame
    out = np.round(dem).astype(np.int16)
    # Two small SRTM-style voids on steep slopes, to exercise void filling.
    for cx, cy, r in [(nx // 3, ny // 4, 6), (2 * nx // 3, 2 * ny // 3, 4)]:
        yy, xx = np.ogrid[:ny, :nx]
        out[(yy - cy) ** 2 + (xx - cx) ** 2 <= r * r] = -32768
    drv = gdal.GetDriverByName("GTiff")
    tmp = path + ".tmp"
    ds = drv.Create(tmp, nx, ny, 1, gdal.GDT_Int16, ["TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2"])
    ds.SetGeoTransform((west, RES_M, 0.0, north, 0.0, -RES_M))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(UTM)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-32768)
    band.SetUnitType("m")
    band.SetDescription("elevation (synthetic)")
    band.WriteArray(out)
    ds = None
    os.replace(tmp, path)


def make_landcover(dem, river_distance, X, Y, villages):
    """ESA WorldCover classes (no random draws, so the other files do not change): water in the
    rivers, cropland (terraced rice and maize) on the valley floors and gentler slopes near them,
    built-up within 150 m of each village, shrubland (fallow of shifting cultivation) on the lower
    slopes, grassland on the high ridges, and forest on the other slopes."""
    gy, gx = np.gradient(dem, RES_M)
    slope_deg = np.degrees(np.arctan(np.hypot(gx, gy)))
    cover = np.full(dem.shape, 10, dtype=np.uint8)                                # tree cover
    cover[(dem < 1500.0) & (slope_deg < 35.0)] = 20                               # shrubland
    cover[dem > 2400.0] = 30                                                       # grassland
    cover[(river_distance < 2000.0) & (slope_deg < 25.0)] = 40                     # cropland
    cover[river_distance < 45.0] = 80                                              # water
    for v in villages:
        cover[np.hypot(X - v["x"], Y - v["y"]) < 150.0] = 50                       # built-up
    return cover


def write_landcover(path, cover, frame):
    west, north, nx, ny = frame
    drv = gdal.GetDriverByName("GTiff")
    tmp = path + ".tmp"
    ds = drv.Create(tmp, nx, ny, 1, gdal.GDT_Byte, ["TILED=YES", "COMPRESS=DEFLATE"])
    ds.SetGeoTransform((west, RES_M, 0.0, north, 0.0, -RES_M))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(UTM)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(0)
    band.SetDescription("land cover, ESA WorldCover classes (synthetic)")
    band.WriteArray(cover)
    ds = None
    os.replace(tmp, path)


# ---------------------------------------------------------------- villages and communes
SYLLABLES = ["Nà", "Pa", "Nậm", "Tả", "Sìn", "Hồ", "Mường", "Khun", "Lả", "Phìn", "Chăn", "Pú", "Huổi", "Co",
             "Tà", "Xá", "Bum", "Lò", "Hua", "Vàng", "Cang", "Mù", "Dào", "Pắc", "Thèn", "Sà", "Lùng", "Ma"]
COMMUNE_NAMES = ["Nậm Pồ", "Pa Vệ", "Mường Khoa", "Tả Phìn", "Sìn Hồ", "Huổi Luông", "Nà Tăm", "Khun Há",
                 "Pú Đao", "Lả Nhì", "Chăn Nưa", "Phìn Hồ"]


def elevation_at(dem, frame, x, y):
    west, north, nx, ny = frame
    c = int(np.clip((x - west) / RES_M, 0, nx - 1))
    r = int(np.clip((north - y) / RES_M, 0, ny - 1))
    return float(dem[r, c])


def place_villages(dem, frame, river_distance, X, Y):
    inside = (X > WEST + 500) & (X < EAST - 500) & (Y > SOUTH + 500) & (Y < NORTH - 500)
    valley_weight = np.exp(-river_distance / 700.0) * (dem < 1100)
    highland_weight = ((dem > 1200) & (dem < 1900)).astype(float)
    villages = []
    for kind, weight, count in [("valley", valley_weight, 102), ("highland", highland_weight, N_VILLAGES - 102)]:
        w = (weight * inside).ravel()
        w = w / w.sum()
        while sum(1 for v in villages if v["kind"] == kind) < count:
            i = rng.choice(w.size, p=w)
            x, y = X.ravel()[i], Y.ravel()[i]
            if all(math.hypot(x - v["x"], y - v["y"]) > 600 for v in villages):
                villages.append({"x": float(x), "y": float(y), "kind": kind})
    sizes = np.clip(rng.lognormal(math.log(420), 0.55, len(villages)), 60, 2500)
    sizes = np.round(sizes * TARGET_POPULATION / sizes.sum()).astype(int)
    for v, s in zip(villages, sizes):
        v["population"] = int(s)
        v["elevation_m"] = round(elevation_at(dem, frame, v["x"], v["y"]))
    return villages


def farthest_points(points, k):
    chosen = [int(np.argmax([p["population"] for p in points]))]
    while len(chosen) < k:
        d = [min(math.hypot(p["x"] - points[c]["x"], p["y"] - points[c]["y"]) for c in chosen) for p in points]
        chosen.append(int(np.argmax(d)))
    return chosen


def clip_halfplane(poly, a, b):
    """Sutherland–Hodgman: keep the side of the bisector of a→b nearer to a."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    nx_, ny_ = b[0] - a[0], b[1] - a[1]
    inside = lambda p: (p[0] - mx) * nx_ + (p[1] - my) * ny_ <= 0
    out = []
    for i, p in enumerate(poly):
        q = poly[(i + 1) % len(poly)]
        if inside(p):
            out.append(p)
        if inside(p) != inside(q):
            dp = (p[0] - mx) * nx_ + (p[1] - my) * ny_
            dq = (q[0] - mx) * nx_ + (q[1] - my) * ny_
            t = dp / (dp - dq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def make_communes(villages):
    seeds = [(villages[i]["x"], villages[i]["y"]) for i in farthest_points(villages, N_COMMUNES)]
    district = [(WEST, SOUTH), (EAST, SOUTH), (EAST, NORTH), (WEST, NORTH)]
    communes = []
    for i, s in enumerate(seeds):
        poly = district
        for j, o in enumerate(seeds):
            if i != j:
                poly = clip_halfplane(poly, s, o)
        communes.append({"seed": s, "polygon": poly, "name": COMMUNE_NAMES[i]})
    for v in villages:  # each village lies in the Voronoi cell of its nearest seed
        v["commune"] = min(range(len(seeds)), key=lambda i: math.hypot(v["x"] - seeds[i][0], v["y"] - seeds[i][1]))
    for i, c in enumerate(communes):
        c["population"] = sum(v["population"] for v in villages if v["commune"] == i)
        c["villages"] = sum(1 for v in villages if v["commune"] == i)
    return communes


# ---------------------------------------------------------------- towers and candidates
def highest_near(dem, frame, x, y, radius_m):
    best = (elevation_at(dem, frame, x, y), x, y)
    for _ in range(60):
        a, r = rng.uniform(0, 2 * math.pi), radius_m * math.sqrt(rng.uniform())
        px, py = x + r * math.sin(a), y + r * math.cos(a)
        if WEST < px < EAST and SOUTH < py < NORTH:
            best = max(best, (elevation_at(dem, frame, px, py), px, py))
    return best[1], best[2]


def make_towers(dem, frame, villages):
    order = sorted(range(len(villages)), key=lambda i: -villages[i]["population"])
    sites = []
    for i in order:
        v = villages[i]
        if v["kind"] != "valley" or any(math.hypot(v["x"] - s[0], v["y"] - s[1]) < 2600 for s in sites):
            continue
        on_hill = rng.uniform() < 0.4
        x, y = highest_near(dem, frame, v["x"], v["y"], 1500) if on_hill else (v["x"] + 150, v["y"] + 100)
        sites.append((x, y))
        if len(sites) == N_SITES:
            break
    operators = ["Viettel", "VNPT", "MobiFone"]
    rows = []
    for n, (x, y) in enumerate(sites):
        site_id = f"LC{n + 1:03d}"
        op = operators[n % 3]
        lon, lat = lonlat(x, y)
        height = int(rng.choice([25, 30, 35, 40, 45]))
        rotation = int(rng.integers(0, 120))
        techs = [("3G", 2140.0)] + ([("4G", 1845.0)] if rng.uniform() < 0.6 else [])
        for tech, freq in techs:
            for sector in range(3):
                rows.append([site_id, op, lon, lat, height, tech, freq, 58.0,
                             (rotation + 120 * sector) % 360, 65, int(rng.integers(2, 7))])
    return rows


def make_candidates(dem, frame, villages):
    rows = []
    # Hilltops near villages, and points spread over the district.
    for n in range(N_CANDIDATES):
        if n % 2 == 0:
            v = villages[int(rng.integers(0, len(villages)))]
            x, y = highest_near(dem, frame, v["x"], v["y"], 2500)
        else:
            x, y = rng.uniform(WEST + 500, EAST - 500), rng.uniform(SOUTH + 500, NORTH - 500)
        lon, lat = lonlat(x, y)
        rows.append([f"C{n + 1:03d}", lon, lat, 30, round(float(rng.uniform(1.0, 2.5)), 2)])
    return rows


# ---------------------------------------------------------------- writers
def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def geojson(features):
    return json.dumps({"type": "FeatureCollection",
                       "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
                       "features": features}, ensure_ascii=False, indent=1) + "\n"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "generated")
    os.makedirs(out, exist_ok=True)
    dem, frame, river_distance, X, Y = make_terrain()
    villages = place_villages(dem, frame, river_distance, X, Y)
    communes = make_communes(villages)
    village_features = []
    for n, v in enumerate(villages):
        c = communes[v["commune"]]
        name = f"Bản {SYLLABLES[n % len(SYLLABLES)]} {SYLLABLES[(n * 7 + 3) % len(SYLLABLES)]}"
        village_features.append({"type": "Feature", "properties": {
            "village_id": f"V{n + 1:03d}", "name": name, "commune": c["name"], "population": v["population"],
            "elevation_m": v["elevation_m"], "setting": v["kind"],
            # Grid power: not yet up the highest slopes (the programme tracks unpowered villages apart).
            "power": "no" if v["elevation_m"] > UNPOWERED_ABOVE_M else "yes"},
            "geometry": {"type": "Point", "coordinates": list(lonlat(v["x"], v["y"]))}})
    commune_features = []
    for n, c in enumerate(communes):
        ring = [list(lonlat(x, y)) for x, y in c["polygon"]]
        ring.append(ring[0])
        commune_features.append({"type": "Feature", "properties": {
            "commune_id": f"X{n + 1:02d}", "name": c["name"], "district": "Phủ Sóng (synthetic)",
            "population": c["population"], "villages": c["villages"]},
            "geometry": {"type": "Polygon", "coordinates": [ring]}})
    write_terrain(os.path.join(out, "terrain.tif"), dem, frame)
    write_landcover(os.path.join(out, "landcover.tif"), make_landcover(dem, river_distance, X, Y, villages), frame)
    write_atomic(os.path.join(out, "villages.geojson"), geojson(village_features))
    write_atomic(os.path.join(out, "communes.geojson"), geojson(commune_features))
    header = "site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm,azimuth_deg,beamwidth_deg,downtilt_deg\n"
    write_atomic(os.path.join(out, "towers.csv"),
                 header + "".join(",".join(str(v) for v in r) + "\n" for r in make_towers(dem, frame, villages)))
    write_atomic(os.path.join(out, "candidates.csv"), "candidate_id,lon,lat,height_m,cost\n" +
                 "".join(",".join(str(v) for v in r) + "\n" for r in make_candidates(dem, frame, villages)))
    total = sum(v["population"] for v in villages)
    print(f"demo scenario in {out}: {len(communes)} communes, {len(villages)} villages, "
          f"{total} people, terrain {int(dem.min())}-{int(dem.max())} m")


if __name__ == "__main__":
    main()
