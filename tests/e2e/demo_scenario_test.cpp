// The generated demo district must match what datasets/demo/README.md promises.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "geo/crs.hpp"
#include "io/csv_table.hpp"
#include "io/places_reader.hpp"
#include "io/raster_reader.hpp"
#include "io/tower_reader.hpp"
#include "pipeline/steps.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

const std::filesystem::path kDemo = std::filesystem::path(PHUSONG_SOURCE_DIR) / "datasets/demo/generated";

#define REQUIRE_DEMO()                                                                                   \
    do {                                                                                                 \
        if (!std::filesystem::exists(kDemo / "terrain.tif"))                                             \
            GTEST_SKIP() << "demo scenario not generated (run `make demo-data`): " << kDemo.string(); \
    } while (0)

TEST(DemoScenario, CommunesVillagesAndPopulation) {
    REQUIRE_DEMO();
    const PlaceLoad communes = read_places((kDemo / "communes.geojson").string(), {"population", "", "", ""});
    const PlaceLoad villages = read_places((kDemo / "villages.geojson").string(), {"population", "", "", ""});
    EXPECT_EQ(communes.layer.places.size(), 12u);
    EXPECT_EQ(villages.layer.places.size(), 120u);
    double commune_total = 0, village_total = 0;
    for (const Place& p : communes.layer.places) commune_total += p.population;
    for (const Place& p : villages.layer.places) village_total += p.population;
    EXPECT_NEAR(village_total, 60000.0, 200.0);   // rounding of 120 villages
    EXPECT_EQ(commune_total, village_total);        // communes are the sum of their villages
}

TEST(DemoScenario, TowersAreMixed3gAnd4gSectors) {
    REQUIRE_DEMO();
    const TowerInventory towers = read_towers((kDemo / "towers.csv").string());
    std::set<std::string> sites, sites_4g;
    for (const Cell& c : towers.cells) {
        sites.insert(c.site_id);
        if (c.technology == Technology::G4) sites_4g.insert(c.site_id);
        EXPECT_TRUE(c.azimuth.has_value());
    }
    EXPECT_EQ(sites.size(), 25u);
    EXPECT_GT(sites_4g.size(), 5u);
    EXPECT_LT(sites_4g.size(), sites.size());       // some sites are 3G only
    EXPECT_EQ(read_csv_file((kDemo / "candidates.csv").string()).records.size(), 300u);
}

TEST(DemoScenario, TerrainIsMountainousAt30m) {
    REQUIRE_DEMO();
    const RasterFootprint fp = raster_footprint((kDemo / "terrain.tif").string());
    const GridSpec grid = GridSpec::covering(fp.extent, Metres{30.0}, "EPSG:32648");
    const DemLoad dem = read_dem((kDemo / "terrain.tif").string(), grid);
    float lo = 1e9f, hi = -1e9f;
    for (float v : dem.elevation_m.values())
        if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    EXPECT_GE(lo, 200.0f);
    EXPECT_LE(hi, 3000.0f);
    EXPECT_GT(hi - lo, 2000.0f);
    EXPECT_GT(dem.void_pixels, 0u);  // the two synthetic voids
    // Its own 30 m pixels: no terrain-resolution warning at the demo's resolution.
    EXPECT_NEAR(dem.native_pixel_m, 30.0, 0.5);
    EXPECT_FALSE(dem_coarser_than_grid(dem, Metres{30.0}));
}

}  // namespace
}  // namespace phusong
