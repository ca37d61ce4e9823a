#include "geo/crs.hpp"

#include <gtest/gtest.h>

#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr double kTolM = 1e-3;
constexpr double kTolDeg = 1e-9;

TEST(UtmZone, LaiChauIsZone48North) {
    // Zone = floor((lon + 180) / 6) + 1 = floor(283.3 / 6) + 1 = 48.
    EXPECT_EQ(utm_epsg_for({103.3, 22.4}), 32648);
    EXPECT_EQ(utm_epsg_for({149.0, -36.0}), 32755);   // Canberra: zone 55 south
    EXPECT_EQ(utm_epsg_for({-71.5, 44.0}), 32619);    // New Hampshire: zone 19 north
    EXPECT_EQ(utm_epsg_for({180.0, 10.0}), 32660);
    EXPECT_THROW(utm_epsg_for({200.0, 10.0}), CrsError);
}

TEST(Transformer, CentralMeridianMapsToFalseEasting) {
    // On the central meridian of UTM 48 (105° E) at the equator: E = 500 000 m, N = 0 m.
    const Transformer t(kWgs84, "EPSG:32648");
    const XY p = t.forward({105.0, 0.0});
    EXPECT_NEAR(p.x, 500000.0, kTolM);
    EXPECT_NEAR(p.y, 0.0, kTolM);
}

TEST(Transformer, AxisOrderIsLonLatAndRoundTrips) {
    const Transformer t(kWgs84, "EPSG:32648");
    const XY p = t.forward({103.25, 22.35});
    EXPECT_GT(p.y, 2.0e6);   // northing ≈ 2 470 km: lat was read as latitude
    EXPECT_LT(p.x, 500000.0);  // west of the central meridian
    const XY back = t.inverse(p);
    EXPECT_NEAR(back.x, 103.25, kTolDeg);
    EXPECT_NEAR(back.y, 22.35, kTolDeg);
}

TEST(Crs, AxisUnits) {
    EXPECT_TRUE(has_metre_axes("EPSG:32648"));   // UTM 48N, metres
    EXPECT_FALSE(has_metre_axes("EPSG:2227"));   // California zone 3, US survey feet
    EXPECT_FALSE(has_metre_axes("EPSG:4326"));   // degrees
}

TEST(Transformer, UnknownCrsIsAnInputError) {
    EXPECT_THROW(Transformer(kWgs84, "EPSG:999999"), CrsError);
    EXPECT_THROW(validate_crs("not a crs"), CrsError);
    EXPECT_TRUE(is_geographic_crs("EPSG:4326"));
    EXPECT_FALSE(is_geographic_crs("EPSG:32648"));
}

}  // namespace
}  // namespace phusong
