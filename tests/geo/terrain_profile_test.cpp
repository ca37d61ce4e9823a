#include "geo/terrain_profile.hpp"

#include <gtest/gtest.h>

#include <random>

#include <cmath>

#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr double kTolM = 1e-4;  // elevations are stored as float

/// 10 m pixels, west edge 0, north edge 110: centres at x, y = 5, 15, …, 105.
Grid<float> dem_from(double (*z)(double, double)) {
    Grid<float> dem(GridSpec{11, 11, {0.0, 110.0, 10.0, 10.0}, "EPSG:32648"}, 0.0f, -9999.0f);
    for (std::size_t r = 0; r < 11; ++r)
        for (std::size_t c = 0; c < 11; ++c) {
            const XY p = dem.spec().centre(c, r);
            dem.at(c, r) = static_cast<float>(z(p.x, p.y));
        }
    return dem;
}

double plane(double x, double y) { return 100.0 + 0.5 * x + 0.25 * y; }
double ridge(double x, double) { return 100.0 - std::abs(x - 55.0); }

TEST(TerrainProfile, PlaneIsSampledExactly) {
    // Bilinear interpolation reproduces a plane: z(20, 30) = 100 + 10 + 7.5 = 117.5, and
    // the profile (20,30) → (80,90) has length √(60² + 60²) = 84.853 m; with at most 30 m
    // spacing it takes ceil(84.853/30) = 3 intervals of 28.284 m:
    //   t = 0, 1/3, 2/3, 1 → (20,30), (40,50), (60,70), (80,90)
    //   z = 117.5, 132.5, 147.5, 162.5
    const Grid<float> dem = dem_from(plane);
    const TerrainProfile p = extract_profile(dem, {20.0, 30.0}, {80.0, 90.0}, Metres{30.0});
    ASSERT_EQ(p.elevations_m.size(), 4u);
    EXPECT_NEAR(p.spacing.value(), 28.2842712, 1e-6);
    const double expected[] = {117.5, 132.5, 147.5, 162.5};
    for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(p.elevations_m[i], expected[i], kTolM) << "sample " << i;
    EXPECT_NEAR(p.length().value(), 84.8528137, 1e-6);
}

TEST(TerrainProfile, RidgeCrestIsFound) {
    // Ridge 100 − |x − 55| along y. West→east at y = 50 from x = 5 to 105, 25 m spacing:
    //   x = 5, 30, 55, 80, 105 → z = 50, 75, 100, 75, 50.
    const Grid<float> dem = dem_from(ridge);
    const TerrainProfile p = extract_profile(dem, {5.0, 50.0}, {105.0, 50.0}, Metres{25.0});
    const double expected[] = {50.0, 75.0, 100.0, 75.0, 50.0};
    ASSERT_EQ(p.elevations_m.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(p.elevations_m[i], expected[i], kTolM) << "sample " << i;
    // Between pixel centres the ridge is linear: x = 50 lies halfway from 45 (90) to 55 (100).
    EXPECT_NEAR(*sample_bilinear(dem, {50.0, 50.0}), 95.0, kTolM);
}

TEST(TerrainProfile, EdgeHalfPixelExtendsEdgeValues) {
    const Grid<float> dem = dem_from(plane);
    // x = 1 lies west of the first centre (5): the edge column is extended, z(5, 55).
    EXPECT_NEAR(*sample_bilinear(dem, {1.0, 55.0}), plane(5.0, 55.0), kTolM);
}

TEST(TerrainProfile, LeavingTheDemOrHittingAVoidIsAnError) {
    Grid<float> dem = dem_from(plane);
    EXPECT_THROW(extract_profile(dem, {50.0, 50.0}, {500.0, 50.0}, Metres{10.0}), InputError);
    dem.at(5, 5) = -9999.0f;
    EXPECT_FALSE(sample_bilinear(dem, {55.0, 55.0}));
    EXPECT_THROW(extract_profile(dem, {5.0, 55.0}, {105.0, 55.0}, Metres{10.0}), InputError);
    EXPECT_THROW(extract_profile(dem, {5.0, 55.0}, {105.0, 55.0}, Metres{0.0}), ModelDomainError);
}

TEST(TerrainProfile, LineSamplingMatchesPointSampling) {
    // Random terrain, lines in every direction (including ones grazing the edges): the fast
    // walk gives sample_bilinear's values.
    Grid<float> dem(GridSpec{40, 30, {1000.0, 5300.0, 10.0, 10.0}, "EPSG:32648"}, 0.0f, std::nanf(""));
    std::mt19937 rng(9);
    std::uniform_real_distribution<float> z(0.0f, 900.0f);
    for (float& v : dem.values()) v = z(rng);
    std::uniform_real_distribution<double> x(1000.0, 1400.0), y(5000.0, 5300.0);
    std::vector<double> line(37);
    for (int trial = 0; trial < 200; ++trial) {
        const XY a{x(rng), y(rng)}, b{x(rng), y(rng)};
        ASSERT_TRUE(sample_line_bilinear(dem, a, b, line));
        for (std::size_t j = 0; j < line.size(); ++j) {
            const double t = static_cast<double>(j) / 36.0;
            ASSERT_NEAR(line[j], *sample_bilinear(dem, {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)}), 1e-9) << trial << " " << j;
        }
    }
    // Off the grid, through a void, or with a finite nodata value on the path: no profile.
    EXPECT_FALSE(sample_line_bilinear(dem, {1100.0, 5100.0}, {1500.0, 5100.0}, line));
    dem.at(20, 15) = std::nanf("");
    EXPECT_FALSE(sample_line_bilinear(dem, {1005.0, 5145.0}, {1395.0, 5145.0}, line));
    Grid<float> coded(dem.spec(), 100.0f, -9999.0f);
    coded.at(20, 15) = -9999.0f;
    EXPECT_FALSE(sample_line_bilinear(coded, {1005.0, 5145.0}, {1395.0, 5145.0}, line));
    EXPECT_TRUE(sample_line_bilinear(coded, {1005.0, 5105.0}, {1395.0, 5105.0}, line));
}

TEST(TerrainProfile, LineWhoseLastSampleRoundsOntoTheLastColumnReadsOnlyItsNeighbours) {
    // 10 × 10 pixels of 1 m. From x = 3.46 to just short of 9.5, the centre of the last column,
    // in 5 steps. Relative to pixel centres the true end is 8.999999999999998, inside, but the
    // last sample as computed, 2.96 + 5·((9.5⁻ − 3.46)/5), rounds to exactly 9.0: the last
    // column, whose right-hand neighbour does not exist. The value just past row 2's end (the
    // first of row 3) is NaN and must not be read.
    Grid<float> dem({10, 10, {0.0, 10.0, 1.0, 1.0}, "EPSG:32648"}, 0.0f);
    for (std::size_t r = 0; r < 10; ++r)
        for (std::size_t c = 0; c < 10; ++c) dem.at(c, r) = static_cast<float>(100 + 10 * r + c);
    dem.at(0, 3) = std::nanf("");
    const XY from{3.46, 10.0 - 2.5}, to{std::nextafter(9.5, 0.0), 10.0 - 2.5};  // row 2's centre line
    std::vector<double> line(6);
    ASSERT_TRUE(sample_line_bilinear(dem, from, to, line));
    EXPECT_NEAR(line.back(), 129.0, 1e-9);  // row 2, column 9
    EXPECT_NEAR(line.front(), 122.96, 1e-9);
}

}  // namespace
}  // namespace phusong
