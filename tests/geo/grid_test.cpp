#include "geo/grid.hpp"

#include <gtest/gtest.h>

#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr double kTolM = 1e-9;

TEST(GridSpec, CoveringSnapsOutwardToWholePixels) {
    // 95 m × 35 m at 30 m: west 10 → 0, east 105 → 120, south 5 → 0, north 40 → 60.
    const GridSpec g = GridSpec::covering({10.0, 5.0, 105.0, 40.0}, Metres{30.0}, "EPSG:32648");
    EXPECT_EQ(g.width, 4u);
    EXPECT_EQ(g.height, 2u);
    EXPECT_NEAR(g.transform.west, 0.0, kTolM);
    EXPECT_NEAR(g.transform.north, 60.0, kTolM);
    const Extent e = g.extent();
    EXPECT_NEAR(e.east, 120.0, kTolM);
    EXPECT_NEAR(e.south, 0.0, kTolM);
}

TEST(GridSpec, CentresAndPixelLookup) {
    const GridSpec g{3, 2, {100.0, 200.0, 10.0, 10.0}, "EPSG:32648"};
    EXPECT_EQ(g.centre(0, 0), (XY{105.0, 195.0}));
    EXPECT_EQ(g.centre(2, 1), (XY{125.0, 185.0}));
    EXPECT_EQ(g.pixel_of({129.9, 180.1}), (std::pair<std::size_t, std::size_t>{2, 1}));
    EXPECT_FALSE(g.pixel_of({130.1, 185.0}));
    EXPECT_FALSE(g.pixel_of({99.9, 185.0}));
}

TEST(GridSpec, EqualityIncludesTheCrs) {
    const GridSpec a{3, 2, {0, 0, 10, 10}, "EPSG:32648"};
    GridSpec b = a;
    EXPECT_EQ(a, b);
    b.crs = "EPSG:32647";
    EXPECT_NE(a, b);
}

TEST(GridSpec, RejectsEmptyExtentAndBadResolution) {
    EXPECT_THROW(GridSpec::covering({0, 0, 0, 10}, Metres{30}, "EPSG:32648"), InputError);
    EXPECT_THROW(GridSpec::covering({0, 0, 10, 10}, Metres{0}, "EPSG:32648"), InputError);
}

TEST(Grid, NodataIsExplicit) {
    Grid<float> g(GridSpec{2, 2, {0, 20, 10, 10}, "EPSG:32648"}, 1.0f, -9999.0f);
    g.at(1, 0) = -9999.0f;
    EXPECT_TRUE(g.is_nodata(1, 0));
    EXPECT_FALSE(g.is_nodata(0, 0));
}

TEST(PixelsWithin, DiscOfCentres) {
    // 10 m pixels; centres at 5, 15, 25, …; a 10 m disc around (25, 25) holds the centre
    // pixel and its four edge neighbours (distance 10), not the diagonals (14.1).
    const GridSpec g{5, 5, {0, 50, 10, 10}, "EPSG:32648"};
    EXPECT_EQ(pixels_within(g, {25.0, 25.0}, Metres{10.0}).size(), 5u);
    // Radius below half a pixel: the containing pixel.
    const auto one = pixels_within(g, {21.0, 29.0}, Metres{1.0});
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0], 2u * 5u + 2u);
    EXPECT_TRUE(pixels_within(g, {500.0, 500.0}, Metres{1.0}).empty());
}

}  // namespace
}  // namespace phusong
