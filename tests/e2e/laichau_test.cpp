// Real data: the Lai Châu boundaries and 2019 census in ../shared/datasets/laichau/.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "geo/crs.hpp"
#include "io/places_reader.hpp"
#include "io/raster_reader.hpp"
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

}  // namespace
}  // namespace phusong
