#include "geo/crs.hpp"

#include <gtest/gtest.h>

#include <cmath>

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

TEST(CrsDistortion, UtmScaleIsK0OnTheCentralMeridian) {
    // UTM's scale factor on its central meridian is k0 = 0.9996 (zone 48: 105° E).
    const CrsDistortion d = crs_distortion("EPSG:32648", {105.0, 22.0});
    EXPECT_NEAR(d.scale_error, 0.0004, 1e-6);
    EXPECT_LT(d.angular_distortion, 1e-6);  // conformal
}

TEST(CrsDistortion, WebMercatorAlongTheMeridian) {
    // Web Mercator puts geodetic φ into y = a·ln tan(π/4 + φ/2): along the meridian it scales by
    // h = sec φ (1 − e²sin²φ)^1.5 / (1 − e²). At φ = 60°: 2 × 0.994979^1.5 / 0.993306 = 1.99829.
    const CrsDistortion d = crs_distortion("EPSG:3857", {10.0, 60.0});
    EXPECT_NEAR(d.scale_error, 0.99829, 1e-4);
    // Along the parallel k = sec φ sqrt(1 − e²sin²φ) = 1.99497: not conformal, ω = 2 asin((h−k)/(h+k)).
    EXPECT_NEAR(d.angular_distortion, 2.0 * std::asin((1.99829 - 1.99497) / (1.99829 + 1.99497)), 1e-4);
}

TEST(CrsDistortion, EqualAreaProjectionIsNotConformal) {
    // Lambert azimuthal equal-area (Europe, centre 10° E 52° N): at angular distance c from the
    // centre h = cos(c/2), k = sec(c/2), so ω = 2 asin((k − h)/(k + h)); (30° E, 65° N) lies
    // c ≈ 0.29 rad away: ω ≈ 0.021 rad.
    const CrsDistortion centre = crs_distortion("EPSG:3035", {10.0, 52.0});
    const CrsDistortion edge = crs_distortion("EPSG:3035", {30.0, 65.0});
    EXPECT_LT(centre.angular_distortion, 1e-6);
    EXPECT_NEAR(edge.angular_distortion, 0.021, 0.002);
}

}  // namespace
}  // namespace phusong
