#include "coverage/coverage_engine.hpp"
#include "coverage/p2108.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "coverage/fspl.hpp"
#include "geo/terrain_profile.hpp"
#include "tests/coverage/engine_fixtures.hpp"

namespace phusong {
namespace {

using test::flat_dem;
using test::omni;
using test::settings;
using test::test_grid;

constexpr double kTolDb = 0.01;

/// Rolling hills from a seeded generator, so terrain shapes the predictions.
Grid<float> hilly_dem() {
    Grid<float> dem = flat_dem();
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> phase(0.0, 6.283);
    const double p1 = phase(rng), p2 = phase(rng);
    for (std::size_t r = 0; r < dem.height(); ++r)
        for (std::size_t c = 0; c < dem.width(); ++c) {
            const XY p = dem.spec().centre(c, r);
            dem.at(c, r) = static_cast<float>(300.0 + 60.0 * std::sin(p.x / 400.0 + p1) * std::cos(p.y / 550.0 + p2));
        }
    return dem;
}

TEST(CoverageEngine, FreeSpaceOnFlatGroundMatchesHandValue) {
    // Pixel (100, 80) is 20 pixels = 600 m east of the transmitter at (0, 0).
    // FSPL(0.6 km, 1000 MHz) = 92.448 + 20 log10(0.6) = 92.448 − 4.437 = 88.011 dB,
    // so the level is 30 dBm − 88.011 dB = −58.011 dBm.
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0})};
    const CoverageResult r = predict_coverage(flat_dem(), tx, {{Technology::G3, Dbm{-100}}}, settings(PropagationModel::FreeSpace));
    ASSERT_EQ(r.technologies.size(), 1u);
    EXPECT_NEAR(r.technologies[0].signal_dbm.at(100, 80), -58.011, kTolDb);
    EXPECT_EQ(r.technologies[0].server.at(100, 80), 0);
    // Beyond the 2 km radius nothing is predicted.
    EXPECT_TRUE(std::isnan(r.technologies[0].signal_dbm.at(0, 0)));
    EXPECT_EQ(r.technologies[0].server.at(0, 0), -1);
}

TEST(CoverageEngine, LevelFallsWithDistanceOnFlatEarth) {
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0})};
    const CoverageResult r = predict_coverage(flat_dem(), tx, {{Technology::G3, Dbm{-100}}}, settings(PropagationModel::Deygout));
    const Grid<float>& s = r.technologies[0].signal_dbm;
    for (std::size_t c = 82; c < 146; ++c) EXPECT_LT(s.at(c + 1, 80), s.at(c, 80)) << "column " << c;
}

TEST(CoverageEngine, LevelFallsWithFrequency) {
    const std::vector<Transmitter> low{omni(0, {0.0, 0.0}, Technology::G3, 900.0)};
    const std::vector<Transmitter> high{omni(0, {0.0, 0.0}, Technology::G3, 2100.0)};
    const std::map<Technology, Dbm> levels{{Technology::G3, Dbm{-100}}};
    const Grid<float> dem = hilly_dem();
    const auto a = predict_coverage(dem, low, levels, settings(PropagationModel::Deygout)).technologies[0].signal_dbm.values();
    const auto b = predict_coverage(dem, high, levels, settings(PropagationModel::Deygout)).technologies[0].signal_dbm.values();
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!std::isnan(a[i])) {
            ASSERT_GT(a[i], b[i]) << "pixel " << i;
        }
}

TEST(CoverageEngine, BestServerIsAtLeastEverySingleSite) {
    const Grid<float> dem = hilly_dem();
    const std::map<Technology, Dbm> levels{{Technology::G4, Dbm{-90}}};
    Transmitter a = omni(0, {-600.0, 300.0}, Technology::G4, 1845.0);
    Transmitter b = omni(1, {700.0, -200.0}, Technology::G4, 1845.0);
    b.antenna.azimuth = Degrees{270.0};
    const auto only_a = predict_coverage(dem, std::vector{a}, levels, settings(PropagationModel::Deygout));
    const auto only_b = predict_coverage(dem, std::vector{b}, levels, settings(PropagationModel::Deygout));
    const auto both = predict_coverage(dem, std::vector{a, b}, levels, settings(PropagationModel::Deygout));
    const auto& sa = only_a.technologies[0].signal_dbm.values();
    const auto& sb = only_b.technologies[0].signal_dbm.values();
    const auto& s = both.technologies[0].signal_dbm.values();
    const auto& server = both.technologies[0].server.values();
    const auto& count = both.technologies[0].servers_above.values();
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (std::isnan(s[i])) continue;
        if (!std::isnan(sa[i])) {
            ASSERT_GE(s[i], sa[i]);
        }
        if (!std::isnan(sb[i])) {
            ASSERT_GE(s[i], sb[i]);
        }
        ASSERT_EQ(s[i], server[i] == 0 ? sa[i] : sb[i]);
        const int expected = (!std::isnan(sa[i]) && sa[i] >= -90.0f) + (!std::isnan(sb[i]) && sb[i] >= -90.0f);
        ASSERT_EQ(count[i], expected);
    }
}

TEST(CoverageEngine, ThreadCountDoesNotChangeAnyBit) {
    const Grid<float> dem = hilly_dem();
    std::vector<Transmitter> tx;
    for (int i = 0; i < 6; ++i) {
        Transmitter t = omni(i, {-1500.0 + 600.0 * i, 900.0 * std::sin(i)}, i % 2 ? Technology::G4 : Technology::G3,
                             i % 2 ? 1845.0 : 2140.0);
        t.antenna.azimuth = Degrees{60.0 * i};
        tx.push_back(t);
    }
    const std::map<Technology, Dbm> levels{{Technology::G3, Dbm{-100}}, {Technology::G4, Dbm{-110}}};
    const auto one = predict_coverage(dem, tx, levels, settings(PropagationModel::Deygout, 1));
    const auto two = predict_coverage(dem, tx, levels, settings(PropagationModel::Deygout, 2));
    ASSERT_EQ(one.technologies.size(), 2u);
    for (std::size_t t = 0; t < 2; ++t) {
        const auto& a = one.technologies[t].signal_dbm.values();
        const auto& b = two.technologies[t].signal_dbm.values();
        EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0);
        EXPECT_EQ(one.technologies[t].server.values(), two.technologies[t].server.values());
        EXPECT_EQ(one.technologies[t].servers_above.values(), two.technologies[t].servers_above.values());
    }
}

class EngineAtRaySamples : public ::testing::TestWithParam<CoverageEngine> {};

TEST_P(EngineAtRaySamples, ItmEqualsPointToPointItm) {
    // Ray 0 points north from the mast at pixel (80, 80); pixel (80, 80 − n) lies exactly on
    // one of its samples, so the engine's level there must be EIRP − ITM loss over the profile
    // extracted independently with extract_profile (omni antenna: 0 dB gain). The per-pixel
    // engine samples it every 30 m; the sweep every 30 m / samples_per_step, here with Δh
    // computed exactly at every sample.
    const Grid<float> dem = hilly_dem();
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0}, Technology::G3, 2140.0)};
    CoverageSettings s = settings(PropagationModel::Itm, 2);
    s.engine = GetParam();
    s.sweep.exact_delta_h_samples = 1000;
    const double spacing = s.engine == CoverageEngine::Sweep ? 30.0 / static_cast<double>(s.sweep.samples_per_step) : 30.0;
    const auto r = predict_coverage(dem, tx, {{Technology::G3, Dbm{-100}}}, s);
    itm::Environment env{s.itm.climate, s.itm.N_0, 2140.0, s.itm.polarization, s.itm.epsilon, s.itm.sigma, s.itm.mdvar};
    for (std::size_t n : {5u, 23u, 40u, 66u}) {
        const double d = 30.0 * static_cast<double>(n);
        const TerrainProfile profile = extract_profile(dem, {0.0, 0.0}, {0.0, d}, Metres{spacing});
        std::vector<double> pfl{std::round(d / spacing), spacing};
        pfl.insert(pfl.end(), profile.elevations_m.begin(), profile.elevations_m.end());
        const itm::Result direct = itm::p2p_tls(30.0, 1.5, pfl, env, {50, 50, 50});
        ASSERT_TRUE(direct.ok());
        EXPECT_NEAR(r.technologies[0].signal_dbm.at(80, 80 - n), 30.0 - direct.A__db, 1e-3) << n << " pixels north";
    }
}

INSTANTIATE_TEST_SUITE_P(BothEngines, EngineAtRaySamples,
                         ::testing::Values(CoverageEngine::Sweep, CoverageEngine::PerPixel),
                         [](const auto& engine) { return engine.param == CoverageEngine::Sweep ? "Sweep" : "PerPixel"; });

TEST(CoverageEngine, ItmResultsDoNotDependOnThreads) {
    const Grid<float> dem = hilly_dem();
    std::vector<Transmitter> tx{omni(0, {-300.0, 200.0}, Technology::G4, 1845.0), omni(1, {900.0, -700.0}, Technology::G4, 1845.0)};
    const std::map<Technology, Dbm> levels{{Technology::G4, Dbm{-110}}};
    const auto one = predict_coverage(dem, tx, levels, settings(PropagationModel::Itm, 1));
    const auto two = predict_coverage(dem, tx, levels, settings(PropagationModel::Itm, 2));
    const auto& a = one.technologies[0].signal_dbm.values();
    const auto& b = two.technologies[0].signal_dbm.values();
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0);
    EXPECT_EQ(one.itm_warnings, two.itm_warnings);
}

TEST(CoverageEngine, SweepReachesThePixelsThePerPixelEngineReachesNearTheDemEdge) {
    // A mast 100 m inside the corner of the grid: radials leave the DEM, yet every pixel within
    // the radius has a sample on the DEM, as it has a profile with the per-pixel engine.
    const Grid<float> dem = hilly_dem();
    const XY corner = dem.spec().centre(0, 0);
    const std::vector<Transmitter> tx{omni(0, {corner.x + 100.0, corner.y - 100.0}, Technology::G4, 1845.0)};
    CoverageSettings sweep = settings(PropagationModel::Itm, 2), per_pixel = sweep;
    per_pixel.engine = CoverageEngine::PerPixel;
    const auto a = predict_coverage(dem, tx, {{Technology::G4, Dbm{-110}}}, sweep).technologies[0].signal_dbm.values();
    const auto b = predict_coverage(dem, tx, {{Technology::G4, Dbm{-110}}}, per_pixel).technologies[0].signal_dbm.values();
    std::size_t reached = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(std::isnan(a[i]), std::isnan(b[i])) << "pixel " << i;
        reached += std::isnan(a[i]) ? 0 : 1;
    }
    EXPECT_GT(reached, 3000u);  // a quarter of the 2 km disc
}

TEST(CoverageEngine, TableClutterTakesItsLossFromEveryLevel) {
    // Flat ground, one omni cell, free space: with a clutter table loss of 15 dB under every
    // receiver, every level is exactly 15 dB below the run without clutter.
    const Grid<float> dem = flat_dem();
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0})};
    const std::map<Technology, Dbm> levels{{Technology::G3, Dbm{-100}}};
    const Grid<float> loss(dem.spec(), 15.0f);
    CoverageSettings with = settings(PropagationModel::FreeSpace);
    with.clutter = {ClutterModel::Table, &loss, nullptr, 50.0};
    const auto bare = predict_coverage(dem, tx, levels, settings(PropagationModel::FreeSpace)).technologies[0].signal_dbm.values();
    const auto cluttered = predict_coverage(dem, tx, levels, with).technologies[0].signal_dbm.values();
    std::size_t compared = 0;
    for (std::size_t i = 0; i < bare.size(); ++i) {
        ASSERT_EQ(std::isnan(bare[i]), std::isnan(cluttered[i]));
        if (std::isnan(bare[i])) continue;
        EXPECT_NEAR(bare[i] - cluttered[i], 15.0, 1e-4) << "pixel " << i;
        ++compared;
    }
    EXPECT_GT(compared, 10000u);
}

TEST(CoverageEngine, CalibratedCorrectionLowersEveryLevelInBothEngines) {
    // ITM on flat ground with a calibration's correction a + b·log10(d_km), a = 7 dB, b = 0:
    // every level 7 dB lower, with the sweep engine and per pixel alike. With b = 10 dB per
    // decade instead, the pixels 990 m and 1980 m east of the mast move by 7 + 10·log10(0.99) and
    // 7 + 10·log10(1.98) dB (within what the sweep's nearest sample, ≤ 7.5 m off, changes).
    const Grid<float> dem = flat_dem();
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0})};
    const std::map<Technology, Dbm> levels{{Technology::G3, Dbm{-100}}};
    for (const CoverageEngine engine : {CoverageEngine::Sweep, CoverageEngine::PerPixel}) {
        CoverageSettings plain = settings(PropagationModel::Itm);
        plain.engine = engine;
        CoverageSettings corrected = plain;
        corrected.correction = {7.0, 0.0};
        const auto bare = predict_coverage(dem, tx, levels, plain).technologies[0].signal_dbm.values();
        const auto lowered = predict_coverage(dem, tx, levels, corrected).technologies[0].signal_dbm.values();
        std::size_t compared = 0;
        for (std::size_t i = 0; i < bare.size(); ++i) {
            ASSERT_EQ(std::isnan(bare[i]), std::isnan(lowered[i]));
            if (std::isnan(bare[i])) continue;
            EXPECT_NEAR(bare[i] - lowered[i], 7.0, 1e-4) << "pixel " << i;
            ++compared;
        }
        EXPECT_GT(compared, 10000u);
        corrected.correction = {7.0, 10.0};
        const auto sloped = predict_coverage(dem, tx, levels, corrected).technologies[0].signal_dbm;
        const auto plain_grid = predict_coverage(dem, tx, levels, plain).technologies[0].signal_dbm;
        // Pixel (80, 80) is the mast; pixels 113 and 146 are 33 and 66 pixels of 30 m east of it.
        EXPECT_NEAR(plain_grid.at(113, 80) - sloped.at(113, 80), 7.0 + 10.0 * std::log10(0.99), 0.05);
        EXPECT_NEAR(plain_grid.at(146, 80) - sloped.at(146, 80), 7.0 + 10.0 * std::log10(1.98), 0.05);
    }
}

TEST(CoverageEngine, P2108ClutterWhereTheReceiverIsInClutter) {
    // Free space per pixel; the western half of the grid is clutter. There the loss is P.2108
    // §3.2 at 2.14 GHz and 50 % over the pixel's distance (at least 0.25 km); elsewhere none.
    const Grid<float> dem = flat_dem();
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0}, Technology::G3, 2140.0)};
    const std::map<Technology, Dbm> levels{{Technology::G3, Dbm{-100}}};
    Grid<std::uint8_t> in_clutter(dem.spec(), 0);
    for (std::size_t r = 0; r < dem.height(); ++r)
        for (std::size_t c = 0; c < 80; ++c) in_clutter.at(c, r) = 1;
    CoverageSettings with = settings(PropagationModel::FreeSpace);
    with.clutter = {ClutterModel::P2108, nullptr, &in_clutter, 50.0};
    const auto bare = predict_coverage(dem, tx, levels, settings(PropagationModel::FreeSpace)).technologies[0].signal_dbm;
    const auto cluttered = predict_coverage(dem, tx, levels, with).technologies[0].signal_dbm;
    for (const auto& [c, r] : {std::pair<std::size_t, std::size_t>{20, 80}, {79, 80}, {79, 40}, {120, 80}, {80, 20}}) {
        const XY p = dem.spec().centre(c, r);
        const double d_km = std::max(0.25, std::hypot(p.x, p.y) / 1000.0);
        const double expected = c < 80 ? p2108::terrestrial_statistical(2.14, d_km, 50.0).loss__db : 0.0;
        EXPECT_NEAR(bare.at(c, r) - cluttered.at(c, r), expected, 1e-3) << c << "," << r;
    }
    // 1.8 km west (pixel 20 of row 80): P.2108 gives about 26 dB at 2.14 GHz.
    EXPECT_GT(bare.at(20, 80) - cluttered.at(20, 80), 20.0);
}

TEST(CoverageEngine, TechnologyWithoutCellsIsAllEmpty) {
    const std::vector<Transmitter> tx{omni(0, {0.0, 0.0}, Technology::G3)};
    const auto r = predict_coverage(flat_dem(), tx, {{Technology::G3, Dbm{-100}}, {Technology::G4, Dbm{-110}}},
                                    settings(PropagationModel::FreeSpace));
    ASSERT_EQ(r.technologies.size(), 2u);
    EXPECT_EQ(r.technologies[1].technology, Technology::G4);
    for (float v : r.technologies[1].signal_dbm.values()) ASSERT_TRUE(std::isnan(v));
}

TEST(CoverageEngine, MastOffTheDemIsCountedNotPredicted) {
    const std::vector<Transmitter> tx{omni(0, {90000.0, 0.0})};
    const auto r = predict_coverage(flat_dem(), tx, {{Technology::G3, Dbm{-100}}}, settings(PropagationModel::FreeSpace));
    EXPECT_EQ(r.masts_off_dem, 1u);
}

}  // namespace
}  // namespace phusong
