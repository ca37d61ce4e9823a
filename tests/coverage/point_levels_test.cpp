#include "coverage/point_levels.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "tests/coverage/engine_fixtures.hpp"

namespace phusong {
namespace {

constexpr double kTolDb = 0.01;

Transmitter omni(std::int32_t index, double mhz) { return test::omni(index, {0.0, 0.0}, Technology::G3, mhz); }
using test::settings;
using test::test_grid;

TEST(PointLevels, FreeSpaceHandValues) {
    // 600 m east at 1000 MHz: FSPL = 92.448 + 20 log10(0.6) = 88.011 dB → 30 − 88.011 = −58.011 dBm.
    // At 2000 MHz, +20 log10(2) = 6.021 dB more: −64.032 dBm. 2100 m away: beyond the 2 km radius.
    const Grid<float> dem(test_grid(), 100.0f, std::nanf(""));
    const std::vector<Transmitter> cells{omni(0, 1000.0), omni(1, 2000.0)};
    const std::vector<XY> points{{600.0, 0.0}, {0.0, 2100.0}};
    std::uint32_t w = 0, itm_w = 0;
    const auto levels = levels_at_points(dem, cells, points, settings(PropagationModel::FreeSpace), w, itm_w);
    EXPECT_NEAR(levels[0][0], -58.011, kTolDb);
    EXPECT_NEAR(levels[1][0], -64.032, kTolDb);
    EXPECT_TRUE(std::isnan(levels[0][1]));
}

TEST(PointLevels, EqualThePerPixelEngineOnFlatGround) {
    // On flat ground the per-pixel engine's profiles and the straight profiles are the same
    // numbers, so ITM gives the same level at every pixel centre.
    const Grid<float> dem(test_grid(), 250.0f, std::nanf(""));
    const std::vector<Transmitter> cells{omni(0, 900.0)};
    CoverageSettings per_pixel = settings(PropagationModel::Itm);
    per_pixel.engine = CoverageEngine::PerPixel;
    const CoverageResult raster = predict_coverage(dem, cells, {{Technology::G3, Dbm{-100}}}, per_pixel);
    std::vector<XY> points;
    std::vector<float> expected;
    for (std::size_t r = 10; r < 161; r += 17)
        for (std::size_t c = 5; c < 161; c += 13) {
            points.push_back(test_grid().centre(c, r));
            expected.push_back(raster.technologies[0].signal_dbm.at(c, r));
        }
    std::uint32_t w = 0, itm_w = 0;
    const auto levels = levels_at_points(dem, cells, points, settings(PropagationModel::Itm), w, itm_w);
    std::size_t compared = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        ASSERT_EQ(std::isnan(levels[0][i]), std::isnan(expected[i])) << i;
        if (std::isnan(expected[i])) continue;
        EXPECT_NEAR(levels[0][i], expected[i], 1e-4) << points[i].x << "," << points[i].y;
        ++compared;
    }
    EXPECT_GT(compared, 50u);
}

TEST(PointLevels, SameWhateverTheThreadCountAndNanOffTheDem) {
    Grid<float> dem(test_grid(), 0.0f, std::nanf(""));
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> z(200.0f, 600.0f);
    for (float& v : dem.values()) v = z(rng);
    for (std::size_t r = 0; r < 161; ++r) dem.at(150, r) = std::nanf("");  // a void wall in the east
    std::vector<XY> points;
    for (int i = 0; i < 200; ++i) points.push_back({-1900.0 + 19.0 * i, 700.0 - 7.0 * i});
    points.push_back({2200.0, 0.0});  // behind the void wall (column 150: x from 2085 to 2115 m)
    const std::vector<Transmitter> cells{omni(0, 2100.0), omni(1, 1800.0)};
    CoverageSettings s1 = settings(PropagationModel::Itm, 1), s2 = settings(PropagationModel::Itm, 2);
    s1.radius = s2.radius = Metres{3000.0};
    std::uint32_t w = 0, itm_w = 0;
    const auto one = levels_at_points(dem, cells, points, s1, w, itm_w);
    const auto two = levels_at_points(dem, cells, points, s2, w, itm_w);
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < points.size(); ++i)
            ASSERT_TRUE(one[c][i] == two[c][i] || (std::isnan(one[c][i]) && std::isnan(two[c][i]))) << i;
    EXPECT_FALSE(std::isnan(one[0][0]));
    EXPECT_TRUE(std::isnan(one[0][200]));  // no terrain profile through the void
}

}  // namespace
}  // namespace phusong
