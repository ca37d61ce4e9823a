#include "geo/hillshade.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace phusong {
namespace {

constexpr double kTol = 1e-6;
// 5 × 5 grid of 10 m pixels.
const GridSpec kGrid{5, 5, {0.0, 50.0, 10.0, 10.0}, "EPSG:32648"};

Grid<float> plane(double rise_east, double rise_north) {
    Grid<float> g(kGrid, 0.0f);
    for (std::size_t r = 0; r < 5; ++r)
        for (std::size_t c = 0; c < 5; ++c) {
            const XY p = kGrid.centre(c, r);
            g.at(c, r) = static_cast<float>(1000.0 + rise_east * p.x + rise_north * p.y);
        }
    return g;
}

TEST(Hillshade, FlatGroundGetsTheSineOfTheAltitude) {
    EXPECT_NEAR(hillshade(plane(0, 0)).at(2, 2), std::sin(45.0 * M_PI / 180.0), kTol);  // 0.70711
}

TEST(Hillshade, SlopesFacingAndAwayFromANorthWestLight) {
    // Light from azimuth 315°, altitude 45°: direction (east, north, up) = (−0.5, 0.5, 0.70711).
    // z rising 1 m per m eastwards faces west: normal (−1, 0, 1)/√2, cosine (0.5 + 0.70711)/√2 = 0.85355.
    EXPECT_NEAR(hillshade(plane(1, 0)).at(2, 2), 0.853553, kTol);
    // Rising westwards faces east: (−0.5 + 0.70711)/√2 = 0.14645.
    EXPECT_NEAR(hillshade(plane(-1, 0)).at(2, 2), 0.146447, kTol);
    // Rising northwards faces south, away from the light: normal (0, −1, 1)/√2 → 0.14645.
    EXPECT_NEAR(hillshade(plane(0, 1)).at(2, 2), 0.146447, kTol);
    // One-sided differences at the edges: a plane shades the same everywhere.
    EXPECT_NEAR(hillshade(plane(1, 0)).at(0, 4), 0.853553, kTol);
}

TEST(Hillshade, VoidsStayVoid) {
    Grid<float> g = plane(0, 0);
    g.at(2, 2) = std::nanf("");
    const Grid<float> s = hillshade(g);
    EXPECT_TRUE(std::isnan(s.at(2, 2)));
    EXPECT_TRUE(std::isnan(s.at(1, 1)));   // its neighbour
    EXPECT_FALSE(std::isnan(s.at(4, 4)));
}

}  // namespace
}  // namespace phusong
