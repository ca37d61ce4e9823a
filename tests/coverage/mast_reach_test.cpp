// The automatic reach (coverage/mast_reach.hpp): it ends where the link budget does, terrain
// shortens it, and cutting the prediction there changes no covered pixel.
#include "coverage/coverage_engine.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/coverage/engine_fixtures.hpp"

namespace phusong {
namespace {

using test::omni;

/// `pixel_m` pixels, (2n + 1)² of them, pixel (n, n) centred at (0, 0), at `z` metres.
Grid<float> flat_grid(double pixel_m, std::size_t n, float z = 100.0f) {
    const auto side = 2 * n + 1;
    const double half = pixel_m * (static_cast<double>(n) + 0.5);
    return Grid<float>(GridSpec{side, side, {-half, half, pixel_m, pixel_m}, "EPSG:32648"}, z, std::nanf(""));
}

CoverageSettings auto_reach(PropagationModel m, double cap_m) {
    CoverageSettings s;
    s.model = m;
    s.radius = Metres{cap_m};
    s.reach = ReachRule::Auto;
    s.threads = 2;
    return s;
}

/// Every pixel covered with the fixed radius (the cap) lies within the automatic reach, and the
/// covered pixels agree within 1 % (the engines' ray layouts depend on the range predicted,
/// which moves levels slightly).
void expect_same_covered_pixels(const Grid<float>& dem, const std::vector<Transmitter>& tx, Dbm covered,
                                const CoverageSettings& automatic) {
    CoverageSettings fixed = automatic;
    fixed.reach = ReachRule::Fixed;
    const auto a = predict_coverage(dem, tx, {{Technology::G3, covered}}, automatic).technologies[0].signal_dbm.values();
    const auto f = predict_coverage(dem, tx, {{Technology::G3, covered}}, fixed).technologies[0].signal_dbm.values();
    std::size_t covered_fixed = 0, covered_auto = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (a[i] >= covered.value()) ++covered_auto;
        if (!(f[i] >= covered.value())) continue;
        ++covered_fixed;
        EXPECT_FALSE(std::isnan(a[i])) << "covered pixel " << i << " lies beyond the automatic reach";
    }
    EXPECT_GT(covered_fixed, 100u);
    EXPECT_NEAR(static_cast<double>(covered_auto), static_cast<double>(covered_fixed), 0.01 * static_cast<double>(covered_fixed));
}

TEST(MastReach, FreeSpaceReachIsTheLinkBudgetDistance) {
    // 30 dBm at 1000 MHz: FSPL(d) = 20·log10(4π·d·f/c) = 92.448 + 20·log10(d/km) dB, so a
    // covered level of 30 − 92.448 − 20 = −82.448 dBm is reached exactly at 10 km. The probe
    // steps max(200 m pixel, 40 km/256) = 200 m and ends one step past the last covered point.
    const Grid<float> dem = flat_grid(200.0, 110);
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0})};
    const CoverageSettings s = auto_reach(PropagationModel::FreeSpace, 20000.0);
    const CoverageResult r = predict_coverage(dem, tx, {{Technology::G3, Dbm{-82.448}}}, s);
    ASSERT_EQ(r.reach.per_mast.size(), 1u);
    EXPECT_GE(r.reach.per_mast[0].value(), 10000.0 - 1.0);
    EXPECT_LE(r.reach.per_mast[0].value(), 10400.0);
    EXPECT_EQ(r.reach.at_cap, 0u);
    expect_same_covered_pixels(dem, tx, Dbm{-82.448}, s);
}

TEST(MastReach, CapBindsWhenTheBudgetReachesFarther) {
    const Grid<float> dem = flat_grid(200.0, 60);
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0})};
    // −82.448 dBm is reached at 10 km; the cap is 5 km.
    const CoverageResult r = predict_coverage(dem, tx, {{Technology::G3, Dbm{-82.448}}}, auto_reach(PropagationModel::FreeSpace, 5000.0));
    EXPECT_EQ(r.reach.per_mast[0].value(), 5000.0);
    EXPECT_EQ(r.reach.at_cap, 1u);
}

TEST(MastReach, AReachPastTheGridsEdgeIsSaidToEndThere) {
    // −82.448 dBm is reached at 10 km; the grid ends 6 km from the mast.
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0})};
    const CoverageSettings s = auto_reach(PropagationModel::FreeSpace, 20000.0);
    EXPECT_EQ(predict_coverage(flat_grid(200.0, 30), tx, {{Technology::G3, Dbm{-82.448}}}, s).reach.at_grid_edge, 1u);
    EXPECT_EQ(predict_coverage(flat_grid(200.0, 60), tx, {{Technology::G3, Dbm{-82.448}}}, s).reach.at_grid_edge, 0u);
}

TEST(MastReach, ItmReachStopsBehindARidgeAndLosesNoCoveredPixel) {
    // 100 m pixels over flat ground at 100 m, a 30 m omni at 30 dBm, 1000 MHz, covered at −100 dBm.
    // A wall 500 m high between 3.0 and 3.3 km around the mast leaves only diffraction beyond it.
    const Grid<float> flat = flat_grid(100.0, 150);
    Grid<float> walled = flat;
    for (std::size_t r = 0; r < walled.height(); ++r)
        for (std::size_t c = 0; c < walled.width(); ++c) {
            const XY p = walled.spec().centre(c, r);
            const double d = std::hypot(p.x, p.y);
            if (d >= 3000.0 && d <= 3300.0) walled.at(c, r) = 600.0f;
        }
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0})};
    const CoverageSettings s = auto_reach(PropagationModel::Itm, 15000.0);
    const Dbm covered{-100.0};
    const double open_reach = predict_coverage(flat, tx, {{Technology::G3, covered}}, s).reach.per_mast[0].value();
    const double walled_reach = predict_coverage(walled, tx, {{Technology::G3, covered}}, s).reach.per_mast[0].value();
    EXPECT_GT(open_reach, 6000.0);
    EXPECT_LT(walled_reach, 0.6 * open_reach);
    EXPECT_GE(walled_reach, 3300.0);
    expect_same_covered_pixels(flat, tx, covered, s);
    expect_same_covered_pixels(walled, tx, covered, s);
}

}  // namespace
}  // namespace phusong
