// `phusong gaps` on a hand-built coverage GeoPackage whose answers are worked out by hand.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/csv_table.hpp"
#include "io/geopackage_writer.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::write_file;

constexpr double kTolKm2 = 1e-9;
constexpr double kTolPeople = 1e-6;

// Grid: 10 × 10 pixels of 100 m (0.01 km² each) in UTM 48N, north-west corner (500000, 2400000).
// 3G: columns 0–4 at −80 dBm (covered at −100), columns 5–9 at −120. 4G: no signal anywhere.
//
// Communes (pixel rows): A = rows 0–1 and rows 8–9 (a MultiPolygon, district D1),
//                        B = rows 3–6 (district D2). Rows 2 and 7 lie outside both.
// Villages (points, settlement radius 0 → their pixel): V1 (col 7, row 4) 100 people, in B,
// dead; V2 (col 2, row 5) 50 people, in B, covered; V3 (col 8, row 0) 30 people, in A, dead.
//
// Analysed = communes = 80 pixels = 0.8 km². 3G dead regions: B east (20 px, V1: 100 people),
// A north-east (10 px, V3: 30), A south-east (10 px, nobody) — with a 0.15 km² area filter the
// last is a sliver (the second has a village, so it stays). Covered: 3 regions, 0.4 km², 50 people.
// 4G: the whole analysed area is dead: B (40 px, 150 people), A north (20, 30), A south (20, 0).
struct GapsFixture {
    test::ScratchDir dir;
    std::string coverage = dir.file("coverage.gpkg"), villages = dir.file("villages.geojson"),
                communes = dir.file("communes.geojson"), out = dir.file("out");

    GapsFixture() {
        const GridSpec grid{10, 10, {500000.0, 2400000.0, 100.0, 100.0}, "EPSG:32648"};
        Grid<float> g3(grid, -120.0f, std::nanf("")), g4(grid, std::nanf(""), std::nanf(""));
        for (std::size_t r = 0; r < 10; ++r)
            for (std::size_t c = 0; c < 5; ++c) g3.at(c, r) = -80.0f;
        GeoPackageWriter writer(coverage);
        writer.add_raster("signal_3g", g3, {"signal_3g", "dBm"});
        writer.add_raster("signal_4g", g4, {"signal_4g", "dBm"});
        writer.commit();
        const std::string crs = R"("crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}})";
        auto band = [](int top_row, int rows) {
            const int north = 2400000 - 100 * top_row, south = north - 100 * rows;
            return "[[[500000," + std::to_string(south) + "],[501000," + std::to_string(south) + "],[501000," +
                   std::to_string(north) + "],[500000," + std::to_string(north) + "],[500000," + std::to_string(south) + "]]]";
        };
        write_file(communes, R"({"type": "FeatureCollection", )" + crs + R"(, "features": [
  {"type": "Feature", "properties": {"name": "A", "population": 400, "district": "D1"},
   "geometry": {"type": "MultiPolygon", "coordinates": [)" + band(0, 2) + "," + band(8, 2) + R"(]}},
  {"type": "Feature", "properties": {"name": "B", "population": 1000, "district": "D2"},
   "geometry": {"type": "Polygon", "coordinates": )" + band(3, 4) + R"(}}]})");
        write_file(villages, R"({"type": "FeatureCollection", )" + crs + R"(, "features": [
  {"type": "Feature", "properties": {"name": "V1", "population": 100}, "geometry": {"type": "Point", "coordinates": [500750, 2399550]}},
  {"type": "Feature", "properties": {"name": "V2", "population": 50}, "geometry": {"type": "Point", "coordinates": [500250, 2399450]}},
  {"type": "Feature", "properties": {"name": "V3", "population": 30}, "geometry": {"type": "Point", "coordinates": [500850, 2399950]}}]})");
    }

    [[nodiscard]] std::vector<std::string> args() const {
        return {"gaps", "--coverage", coverage, "--places", villages, "--communes", communes, "--out", out,
                "--settlement-radius-m", "0", "--min-dead-zone-area-km2", "0.15", "--quiet"};
    }
};

/// Sum of polygon areas (m²) and feature count of a GeoPackage layer, read with GDAL.
std::pair<double, std::size_t> layer_area(const std::string& gpkg, const std::string& layer) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds{GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR)};
    if (!ds || !ds->GetLayerByName(layer.c_str())) return {-1.0, 0};
    double area = 0.0;
    std::size_t n = 0;
    for (auto& f : *ds->GetLayerByName(layer.c_str())) {
        area += OGR_G_Area(OGRGeometry::ToHandle(f->GetGeometryRef()));  // 0 for points
        ++n;
    }
    return {area, n};
}

TEST(GapsCli, HandBuiltCoverageGivesTheHandWorkedAnswers) {
    GapsFixture f;
    const test::CommandResult r = test::run_phusong(f.args());
    ASSERT_EQ(r.exit_status, 0) << r.err;
    const nlohmann::json s = nlohmann::json::parse(read_file(f.out + "/summary.json"));
    const auto& g3 = s["gaps"]["technologies"]["3g"];
    EXPECT_NEAR(g3["analysed"]["area_km2"].get<double>(), 0.8, kTolKm2);
    EXPECT_NEAR(g3["covered"]["area_km2"].get<double>(), 0.4, kTolKm2);
    EXPECT_NEAR(g3["dead_zones"]["area_km2"].get<double>(), 0.3, kTolKm2);
    EXPECT_NEAR(g3["slivers"]["area_km2"].get<double>(), 0.1, kTolKm2);
    EXPECT_NEAR(g3["dead_zones"]["population"].get<double>(), 130.0, kTolPeople);
    EXPECT_NEAR(g3["covered"]["population"].get<double>(), 50.0, kTolPeople);
    EXPECT_EQ(g3["dead_zone_count"], 2);
    EXPECT_EQ(g3["sliver_count"], 1);
    EXPECT_EQ(g3["covered_region_count"], 3);
    const auto& g4 = s["gaps"]["technologies"]["4g"];  // the empty technology
    EXPECT_EQ(g4["dead_zone_count"], 3);
    EXPECT_NEAR(g4["dead_zones"]["area_km2"].get<double>(), 0.8, kTolKm2);
    EXPECT_EQ(g4["covered_region_count"], 0);

    // Villages: only V2 has 3G; nobody has 4G. Covered + uncovered = all 180 people.
    const auto& m = s["metrics"]["whole_area"];
    EXPECT_NEAR(m["villages_with_3g_share"].get<double>(), 1.0 / 3.0, 1e-12);
    EXPECT_EQ(m["villages_with_4g_share"].get<double>(), 0.0);
    EXPECT_EQ(m["covered_population_3g"].get<double>() + m["uncovered_population_3g"].get<double>(), 180.0);
    EXPECT_EQ(m["covered_population_3g"].get<double>(), 50.0);
    // Both communes have 3G somewhere; per-district numbers add up to the whole area.
    EXPECT_EQ(m["communes_with_signal_share"].get<double>(), 1.0);
    const auto& d = s["metrics"]["districts"];
    EXPECT_EQ(d["D1"]["uncovered_population_3g"].get<double>() + d["D2"]["uncovered_population_3g"].get<double>(),
              m["uncovered_population_3g"].get<double>());

    // dead_zones.csv, best rank first: B's zone (V1) then A's north-east zone (V3).
    const CsvTable zones = read_csv_file(f.out + "/dead_zones.csv");
    ASSERT_EQ(zones.records.size(), 5u);  // 2 for 3G + 3 for 4G
    const auto field = [&](std::size_t row, const std::string& name) { return zones.records[row].fields[*zones.column(name)]; };
    EXPECT_EQ(field(0, "tech"), "3g");
    EXPECT_EQ(field(0, "rank"), "1");
    EXPECT_EQ(field(0, "area_km2"), "0.2000");
    EXPECT_EQ(field(0, "village_names"), "V1");
    EXPECT_EQ(field(0, "commune"), "B");
    EXPECT_EQ(field(0, "district"), "D2");
    EXPECT_EQ(field(1, "village_names"), "V3");
    EXPECT_EQ(field(1, "commune"), "A");
    EXPECT_EQ(field(2, "tech"), "4g");
    EXPECT_EQ(field(2, "population"), "150.0");

    // The GeoPackage's polygons: dead zones + slivers + covered area = analysed area (to 0.1%).
    const std::string gpkg = f.out + "/phusong.gpkg";
    const auto [dead_m2, dead_n] = layer_area(gpkg, "dead_zones_3g");
    const auto [covered_m2, covered_n] = layer_area(gpkg, "coverage_3g");
    EXPECT_EQ(dead_n, 2u);
    EXPECT_EQ(covered_n, 3u);
    EXPECT_NEAR((dead_m2 + covered_m2) / 1e6 + g3["slivers"]["area_km2"].get<double>(), 0.8, 0.8e-3);
    EXPECT_EQ(layer_area(gpkg, "places").second, 3u);
    const auto [communes_m2, communes_n] = layer_area(gpkg, "communes");
    EXPECT_EQ(communes_n, 2u);
    EXPECT_NEAR(communes_m2, 0.8e6, 1e-3);
}

TEST(GapsCli, TargetsPassFailAndPolygonPlaces) {
    GapsFixture f;
    write_file(f.dir.file("pass.ini"), "[villages_with_3g_share]\nmin = 0.3\n");
    write_file(f.dir.file("fail.ini"), "[villages_with_3g_share]\nmin = 0.3\n\n[villages_with_4g_share]\nmin = 0.5\n");
    write_file(f.dir.file("bad.ini"), "[villages_with_6g_share]\nmin = 0.5\n");
    auto args = f.args();
    args.insert(args.end(), {"--targets", f.dir.file("pass.ini")});
    EXPECT_EQ(test::run_phusong(args).exit_status, 0);
    args.back() = f.dir.file("fail.ini");
    const test::CommandResult fail = test::run_phusong(args);
    EXPECT_EQ(fail.exit_status, 3);
    EXPECT_NE(fail.out.find("villages_with_4g_share"), std::string::npos) << fail.out;
    args.back() = f.dir.file("bad.ini");
    const test::CommandResult bad = test::run_phusong(args);
    EXPECT_EQ(bad.exit_status, 2);
    EXPECT_NE(bad.err.find("bad.ini: line 1"), std::string::npos) << bad.err;

    // Communes alone as --places: people spread over each commune (A 10, B 25 per pixel).
    fs::remove_all(f.out);
    const test::CommandResult polygons = test::run_phusong(
        {"gaps", "--coverage", f.coverage, "--places", f.communes, "--out", f.out, "--quiet"});
    ASSERT_EQ(polygons.exit_status, 0) << polygons.err;
    const nlohmann::json s = nlohmann::json::parse(read_file(f.out + "/summary.json"));
    const auto& g3 = s["gaps"]["technologies"]["3g"];
    EXPECT_NEAR(g3["dead_zones"]["population"].get<double>(), 20 * 10.0 + 20 * 25.0, kTolPeople);
    EXPECT_EQ(s["metrics"]["whole_area"]["communes_with_signal_share"].get<double>(), 1.0);
    EXPECT_NE(read_file(f.out + "/report.md").find("Population: 1400 people in 2 communes"), std::string::npos);
    // Per-commune rows add up to their district's metrics and to the whole area's.
    const CsvTable places = read_csv_file(f.out + "/places.csv");
    double whole = 0.0;
    for (const CsvRecord& row : places.records) {
        const double covered = std::stod(row.fields[*places.column("3g_covered_population")]);
        const std::string district = row.fields[*places.column("district")];
        EXPECT_NEAR(covered, s["metrics"]["districts"][district]["covered_population_3g"].get<double>(), kTolPeople) << district;
        whole += covered;
    }
    EXPECT_NEAR(whole, s["metrics"]["whole_area"]["covered_population_3g"].get<double>(), kTolPeople);
    EXPECT_NEAR(whole, 20 * 10.0 + 20 * 25.0, kTolPeople);  // the west halves of A and B
}

TEST(GapsCli, MissingRasterTableIsBadInput) {
    GapsFixture f;
    auto args = f.args();
    args.insert(args.end(), {"--tech", "5g"});
    const test::CommandResult r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("signal_5g"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(f.out));
    const test::CommandResult not_gpkg = test::run_phusong({"gaps", "--coverage", f.villages, "--places", f.villages, "--out", f.out});
    EXPECT_EQ(not_gpkg.exit_status, 2) << not_gpkg.err;
}

}  // namespace
}  // namespace phusong

namespace phusong {
namespace {

/// Pixels of a PNG whose colour is close to `rgb`, and its size, read with GDAL.
struct PngCount {
    int width = 0, height = 0;
    std::size_t matching = 0;
};
PngCount count_colour(const std::string& png, int r, int g, int b, int tolerance) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds{GDALDataset::Open(png.c_str(), GDAL_OF_RASTER)};
    if (!ds || ds->GetRasterCount() < 3) return {};
    PngCount out{ds->GetRasterXSize(), ds->GetRasterYSize(), 0};
    std::vector<std::uint8_t> bands[3];
    for (int k = 0; k < 3; ++k) {
        bands[k].resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
        if (ds->GetRasterBand(k + 1)->RasterIO(GF_Read, 0, 0, out.width, out.height, bands[k].data(), out.width, out.height,
                                               GDT_Byte, 0, 0) != CE_None)
            return {};
    }
    for (std::size_t i = 0; i < bands[0].size(); ++i)
        out.matching += std::abs(bands[0][i] - r) <= tolerance && std::abs(bands[1][i] - g) <= tolerance &&
                        std::abs(bands[2][i] - b) <= tolerance;
    return out;
}

TEST(MapCli, DrawsEveryTechnologyFromARunsGeoPackage) {
    GapsFixture f;
    ASSERT_EQ(test::run_phusong(f.args()).exit_status, 0);
    const std::string maps = f.dir.file("maps");
    const test::CommandResult r = test::run_phusong({"map", "--gpkg", f.out + "/phusong.gpkg", "--out", maps, "--quiet"});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    // The 1 km × 1 km grid is drawn 1000 px wide; the legend panel adds 250 px and margins 24.
    // No DEM: the background is light grey (245). Dead zones are red (215, 25, 28) at alpha
    // 110/255 = 0.431 over it: 245·0.569 + 215·0.431 = 232, 245·0.569 + 25·0.431 = 150,
    // 245·0.569 + 28·0.431 = 152. 3G: the communes' east halves; 4G (no signal): all of them.
    const PngCount g3 = count_colour(maps + "/map_3g.png", 232, 150, 152, 3);
    const PngCount g4 = count_colour(maps + "/map_4g.png", 232, 150, 152, 3);
    EXPECT_EQ(g3.width, 1000 + 250 + 24);
    EXPECT_EQ(g3.height, 1000 + 36 + 12);
    EXPECT_GT(g3.matching, 200'000u);   // 0.3 km² of dead zones ≈ 300,000 px of 1 m²
    EXPECT_GT(g4.matching, 1.7 * static_cast<double>(g3.matching));  // 0.8 km² dead
    // The same report embeds them.
    EXPECT_NE(read_file(f.out + "/report.md").find("](map_4g.png)"), std::string::npos);
    // A coverage GeoPackage has no dead zones: bad input.
    const test::CommandResult bad = test::run_phusong({"map", "--gpkg", f.coverage, "--out", maps});
    EXPECT_EQ(bad.exit_status, 2);
    EXPECT_NE(bad.err.find("dead_zones_3g"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace phusong
