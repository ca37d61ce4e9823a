// Real data: the Lai Châu boundaries and 2019 census in ../shared/datasets/laichau/.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "geo/crs.hpp"
#include "geo/geos_geometry.hpp"
#include "io/csv_table.hpp"
#include "io/places_reader.hpp"
#include "io/raster_reader.hpp"
#include "pipeline/steps.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

std::string laichau(const std::string& name) { return (test::shared_dir() / "datasets/laichau" / name).string(); }

std::string attribute(const Place& p, const std::string& name) {
    for (const auto& [k, v] : p.attributes)
        if (k == name) return v;
    return {};
}

TEST(LaiChau, CommunesAndCensusPopulation) {
    PHUSONG_REQUIRE_SHARED();
    const PlaceLoad load = read_places(laichau("lai_chau_communes_pop2009_2019.geojson"), {"pop2019", "", "commune", ""});
    EXPECT_EQ(load.layer.geometry, PlaceGeometry::Polygon);
    ASSERT_EQ(load.layer.places.size(), 108u);
    double total = 0.0;
    std::set<std::string> districts;
    for (const Place& p : load.layer.places) {
        total += p.population;
        districts.insert(attribute(p, "district"));
    }
    EXPECT_EQ(total, 460196.0);  // 2019 census, whole province
    EXPECT_EQ(districts.size(), 8u);
}

TEST(LaiChau, DistrictAndProvinceOutlines) {
    PHUSONG_REQUIRE_SHARED();
    // These layers carry no population: any numeric attribute stands in to load the shapes.
    const PlaceLoad districts = read_places(laichau("lai_chau_districts_gisgov.geojson"), {"level2_id", "", "name", ""});
    EXPECT_EQ(districts.layer.places.size(), 8u);
}

TEST(LaiChau, CoarseDemResamplesOntoTheProvinceInUtm48) {
    PHUSONG_REQUIRE_SHARED();
    const Transformer to_utm(kWgs84, "EPSG:" + std::to_string(utm_epsg_for({103.3, 22.4})));
    const XY sw = to_utm.forward({102.2, 21.7}), ne = to_utm.forward({103.9, 22.8});
    const GridSpec grid = GridSpec::covering({sw.x, sw.y, ne.x, ne.y}, Metres{1000.0}, "EPSG:32648");
    const DemLoad dem = read_dem(laichau("srtm30plus_z6_northwest_epsg4326.tif"), grid);
    float highest = -1e9f, lowest = 1e9f;
    for (float v : dem.elevation_m.values())
        if (!std::isnan(v)) highest = std::max(highest, v), lowest = std::min(lowest, v);
    EXPECT_EQ(dem.outside_pixels, 0u);
    // Hoàng Liên Sơn range (Fansipan reads ≈ 2 540 m at this resolution) and the Đà river valley.
    EXPECT_GT(highest, 2000.0f);
    EXPECT_LT(lowest, 500.0f);
}

TEST(LaiChau, Srtm30PlusUnderA90mGridIsWarnedAbout) {
    PHUSONG_REQUIRE_SHARED();
    // Its pixels are 0.02° (SRTM30+ at zoom 6): 2.06 km east-west and 2.21 km north-south at
    // 22.4° N, far coarser than 3 × 90 m. A 20 km square near Lai Châu town is enough to see it.
    const XY c = Transformer(kWgs84, "EPSG:32648").forward({103.45, 22.4});
    const GridSpec grid = GridSpec::covering({c.x - 10e3, c.y - 10e3, c.x + 10e3, c.y + 10e3}, Metres{90.0}, "EPSG:32648");
    Diagnostics diagnostics;
    const DemLoad dem = read_run_dem(laichau("srtm30plus_z6_northwest_epsg4326.tif"), grid, diagnostics);
    EXPECT_NEAR(dem.native_pixel_m, 2214.0, 5.0);  // the longer, north-south side
    std::string said;
    for (const Diagnostic& d : diagnostics.all()) said += d.text + "\n";
    EXPECT_NE(said.find("more than 3 times the analysis grid's 90 m"), std::string::npos) << said;
}

}  // namespace
}  // namespace phusong

namespace phusong {
namespace {

TEST(LaiChau, AnalyzeReportsEveryCommuneAndTheCensusTotal) {
    PHUSONG_REQUIRE_SHARED();
    // A tower set the test builds: one 3G+4G site at a point inside each of 12 communes.
    const PlaceLoad communes = read_places(laichau("lai_chau_communes_pop2009_2019.geojson"), {"pop2019", "", "commune", ""});
    test::ScratchDir dir;
    std::string csv = "site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm\n";
    for (std::size_t i = 0; i < communes.layer.places.size(); i += 9) {
        const XY at = point_on_surface(geometry_from_wkb(communes.layer.places[i].wkb_lonlat).get());
        for (const char* cell : {"3G,2140", "4G,1845"})
            csv += "LC" + std::to_string(i) + ",test," + std::to_string(at.x) + "," + std::to_string(at.y) + ",30," + cell + ",58\n";
    }
    test::write_file(dir.file("towers.csv"), csv);
    const std::string out = dir.file("out");
    const test::CommandResult r = test::run_phusong(
        {"analyze", "--towers", dir.file("towers.csv"), "--dem", laichau("srtm30plus_z6_northwest_epsg4326.tif"),
         "--communes", laichau("lai_chau_communes_pop2009_2019.geojson"), "--commune-population-field", "pop2019",
         "--resolution-m", "1000", "--radius-km", "15", "--out", out, "--quiet"});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    const std::string summary = test::read_file(out + "/summary.json");
    EXPECT_NE(summary.find("\"commune_population\": 460196"), std::string::npos) << summary.substr(0, 2000);
    EXPECT_NE(summary.find("\"communes\": 108"), std::string::npos);
    const CsvTable places = read_csv_file(out + "/places.csv");
    std::size_t commune_rows = 0;
    double people = 0.0;
    std::set<std::string> districts;
    for (const CsvRecord& row : places.records)
        if (row.fields[0] == "commune") {
            ++commune_rows;
            people += std::stod(row.fields[*places.column("population")]);
            districts.insert(row.fields[*places.column("district")]);
        }
    EXPECT_EQ(commune_rows, 108u);
    EXPECT_EQ(people, 460196.0);
    EXPECT_EQ(districts.size(), 8u);  // the communes' own district field
    // The report's total and its dead zones: every zone lies in one of the 108 communes.
    EXPECT_NE(test::read_file(out + "/report.md").find("Population: 460196 people in 108 communes."), std::string::npos);
    std::set<std::string> names;
    for (const CsvRecord& row : places.records) names.insert(row.fields[*places.column("name")]);
    const CsvTable zones = read_csv_file(out + "/dead_zones.csv");
    EXPECT_GT(zones.records.size(), 0u);
    for (const CsvRecord& z : zones.records) EXPECT_TRUE(names.count(z.fields[*zones.column("commune")])) << z.fields[0];
}

}  // namespace
}  // namespace phusong
