#include "geo/polygonize.hpp"

#include <gtest/gtest.h>

namespace phusong {
namespace {

// 4 × 3 grid of 10 m pixels with its north-west corner at (1000, 2030).
const GridSpec kGrid{4, 3, {1000.0, 2030.0, 10.0, 10.0}, "EPSG:32648"};
constexpr double kTolM2 = 1e-6;

TEST(Polygonize, RegionsBecomePixelExactPolygons) {
    // Region 1: an L of 3 pixels (columns 0–1 of row 0, column 0 of row 1).
    // Region 2: column 3, rows 0–2 (a 10 m × 30 m strip).
    const std::vector<std::int32_t> labels{1, 1, 0, 2,
                                           1, 0, 0, 2,
                                           0, 0, 0, 2};
    const std::vector<Geometry> polygons = polygonize_regions(labels, 2, kGrid);
    ASSERT_EQ(polygons.size(), 2u);
    EXPECT_NEAR(area(polygons[0].get()), 300.0, kTolM2);
    EXPECT_EQ(envelope(polygons[0].get()), (Extent{1000.0, 2010.0, 1020.0, 2030.0}));
    EXPECT_NEAR(area(polygons[1].get()), 300.0, kTolM2);
    EXPECT_EQ(envelope(polygons[1].get()), (Extent{1030.0, 2000.0, 1040.0, 2030.0}));
    for (const Geometry& g : polygons) EXPECT_EQ(invalidity_reason(g.get()), "");
    // The L's missing corner (column 1, row 1; centre 1015, 2015) is outside it.
    const PreparedGeometry l = prepare(polygons[0].get());
    EXPECT_TRUE(covers(l.get(), {1005.0, 2015.0}));
    EXPECT_FALSE(covers(l.get(), {1015.0, 2015.0}));
}

TEST(Polygonize, EnclosedPixelsMakeAHole) {
    // A ring of 8 pixels around the centre pixel of a 3 × 3 block (30 m × 30 m, hole 10 m × 10 m).
    const GridSpec grid{3, 3, {0.0, 30.0, 10.0, 10.0}, "EPSG:32648"};
    const std::vector<std::int32_t> labels{1, 1, 1, 1, 0, 1, 1, 1, 1};
    const std::vector<Geometry> polygons = polygonize_regions(labels, 1, grid);
    EXPECT_NEAR(area(polygons[0].get()), 800.0, kTolM2);
    EXPECT_EQ(GEOSGetNumInteriorRings_r(geos_context(), polygons[0].get()), 1);
}

TEST(Polygonize, NoRegionsGiveNoPolygons) {
    EXPECT_TRUE(polygonize_regions(std::vector<std::int32_t>(12, 0), 0, kGrid).empty());
}

TEST(InscribedWidth, StripIsOnePixelWide) {
    // A 50 m × 10 m rectangle: the largest inscribed circle has diameter 10 m; a 30 m square: 30 m.
    const Geometry strip = geometry_from_wkt("POLYGON((0 0, 50 0, 50 10, 0 10, 0 0))");
    EXPECT_NEAR(inscribed_width(strip.get(), 0.01), 10.0, 0.02);
    const Geometry square = geometry_from_wkt("POLYGON((0 0, 30 0, 30 30, 0 30, 0 0))");
    EXPECT_NEAR(inscribed_width(square.get(), 0.01), 30.0, 0.02);
}

}  // namespace
}  // namespace phusong
