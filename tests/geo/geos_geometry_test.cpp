#include "geo/geos_geometry.hpp"

#include <gtest/gtest.h>

#include "geo/crs.hpp"

namespace phusong {
namespace {

// 10 × 10 grid of 10 m pixels over [0, 100] × [0, 100].
const GridSpec kGrid{10, 10, {0.0, 100.0, 10.0, 10.0}, "EPSG:32648"};

TEST(PixelsCovered, SquareCoversWholePixels) {
    // Square [20, 60] × [30, 70]: pixel centres x ∈ {25, 35, 45, 55}, y ∈ {35, 45, 55, 65} → 16.
    const Geometry sq = geometry_from_wkt("POLYGON((20 30, 60 30, 60 70, 20 70, 20 30))");
    EXPECT_EQ(pixels_covered(sq.get(), kGrid).size(), 16u);
    EXPECT_NEAR(area(sq.get()), 1600.0, 1e-9);
}

TEST(PixelsCovered, HoleIsExcluded) {
    // Outer [0,100]² = 100 pixels, hole [40,60]² holds centres {45,55}² = 4 pixels → 96.
    const Geometry g = geometry_from_wkt(
        "POLYGON((0 0, 100 0, 100 100, 0 100, 0 0), (40 40, 60 40, 60 60, 40 60, 40 40))");
    EXPECT_EQ(pixels_covered(g.get(), kGrid).size(), 96u);
}

TEST(PixelsCovered, MultiPolygonPartsAdd) {
    const Geometry g = geometry_from_wkt(
        "MULTIPOLYGON(((0 0, 20 0, 20 20, 0 20, 0 0)), ((80 80, 100 80, 100 100, 80 100, 80 80)))");
    const auto px = pixels_covered(g.get(), kGrid);
    EXPECT_EQ(px.size(), 8u);
    // (5, 95) is the north-west pixel centre (row 0, col 0): in neither part.
    EXPECT_EQ(std::count(px.begin(), px.end(), 0u), 0);
    // Row 0, col 8 (centre 85, 95) is in the north-east part.
    EXPECT_EQ(std::count(px.begin(), px.end(), 8u), 1);
}

TEST(PixelsCovered, TriangleCountsCentresInside) {
    // Right triangle (0,0),(100,0),(0,100): centre (x, y) inside when x + y < 100.
    // Centres are 5 + 10i: x + y = 10 + 10(i + j) < 100 ⇔ i + j ≤ 8 → 9+8+…+1 = 45 pixels.
    const Geometry g = geometry_from_wkt("POLYGON((0 0, 100 0, 0 100, 0 0))");
    EXPECT_EQ(pixels_covered(g.get(), kGrid).size(), 45u);
}

TEST(Validity, BowTieIsReportedAndRepaired) {
    const Geometry bow = geometry_from_wkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))");
    EXPECT_NE(invalidity_reason(bow.get()).find("Self-intersection"), std::string::npos);
    const Geometry fixed = make_valid(bow.get());
    EXPECT_TRUE(invalidity_reason(fixed.get()).empty());
    // Two triangles of base 10 and height 5: 2 × 25 = 50 m².
    EXPECT_NEAR(area(fixed.get()), 50.0, 1e-9);
}

TEST(Transform, PointMovesToUtm) {
    const Geometry p = geometry_from_wkt("POINT(105 0)");
    const Geometry q = transform_geometry(p.get(), Transformer(kWgs84, "EPSG:32648"));
    const XY xy = point_on_surface(q.get());
    EXPECT_NEAR(xy.x, 500000.0, 1e-3);
    EXPECT_NEAR(xy.y, 0.0, 1e-3);
}

TEST(Wkb, RoundTrip) {
    const Geometry g = geometry_from_wkt("POLYGON((0 0, 1 0, 1 1, 0 0))");
    const Geometry back = geometry_from_wkb(geometry_to_wkb(g.get()));
    EXPECT_EQ(geometry_to_wkt(back.get(), 1), "POLYGON ((0 0, 1 0, 1 1, 0 0))");
}

}  // namespace
}  // namespace phusong
