#include "coverage/place_coverage.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "coverage/coverage_summary.hpp"

namespace phusong {
namespace {

/// 10 × 10 grid of 10 m pixels: west half (columns 0–4) at −80 dBm, east half at −120 dBm,
/// covered level −100 dBm.
TechnologyCoverage half_covered() {
    const GridSpec g{10, 10, {0.0, 100.0, 10.0, 10.0}, "EPSG:32648"};
    TechnologyCoverage tc{Technology::G3, Dbm{-100.0}, Grid<float>(g, -120.0f, std::nanf("")), Grid<std::int32_t>(g, 0, -1),
                          Grid<std::uint16_t>(g, 0), {}};
    for (std::size_t r = 0; r < 10; ++r)
        for (std::size_t c = 0; c < 5; ++c) tc.signal_dbm.at(c, r) = -80.0f;
    return tc;
}

std::vector<std::size_t> all_pixels() {
    std::vector<std::size_t> v(100);
    for (std::size_t i = 0; i < 100; ++i) v[i] = i;
    return v;
}

TEST(PlaceCoverage, CommuneOverAHalfCoveredGrid) {
    const PlaceFootprint commune{all_pixels(), {}, 1000.0};
    const PlaceTechCoverage c = assess_place(commune, half_covered(), 0.0);
    EXPECT_DOUBLE_EQ(c.covered_share, 0.5);
    EXPECT_DOUBLE_EQ(c.covered_population, 500.0);
    EXPECT_TRUE(c.has_signal);
    EXPECT_FLOAT_EQ(*c.best_dbm, -80.0f);
}

TEST(PlaceCoverage, PopulationWeightsFollowThePeople) {
    // Everyone lives in the east (uncovered) half: nobody is covered although half the area is.
    PlaceFootprint commune{all_pixels(), std::vector<double>(100, 0.0), 300.0};
    for (std::size_t r = 0; r < 10; ++r)
        for (std::size_t c = 5; c < 10; ++c) commune.weights[r * 10 + c] = 6.0;
    const PlaceTechCoverage c = assess_place(commune, half_covered(), 0.0);
    EXPECT_DOUBLE_EQ(c.covered_share, 0.5);
    EXPECT_DOUBLE_EQ(c.covered_population, 0.0);
}

TEST(PlaceCoverage, VillageOnTheEdgeNeedsTheRequiredShare) {
    // A village disc over columns 3–6 of row 5: 2 covered pixels of 4.
    const PlaceFootprint village{{53, 54, 55, 56}, {}, 120.0};
    EXPECT_TRUE(assess_place(village, half_covered(), 0.5).covered);
    EXPECT_FALSE(assess_place(village, half_covered(), 0.75).covered);
    EXPECT_DOUBLE_EQ(assess_place(village, half_covered(), 0.75).covered_population, 60.0);
}

TEST(PlaceCoverage, VillagesCountWholeWhenCovered) {
    // Same village: covered at a 0.5 share → all 120 people; not covered at 0.75 → nobody.
    const PlaceFootprint village{{53, 54, 55, 56}, {}, 120.0};
    EXPECT_DOUBLE_EQ(assess_place(village, half_covered(), 0.5, PopulationCount::WholeWhenCovered).covered_population, 120.0);
    EXPECT_DOUBLE_EQ(assess_place(village, half_covered(), 0.75, PopulationCount::WholeWhenCovered).covered_population, 0.0);
}

TEST(PlaceCoverage, EmptyTechnologyAndEmptyFootprint) {
    TechnologyCoverage none = half_covered();
    for (float& v : none.signal_dbm.values()) v = std::nanf("");
    const PlaceTechCoverage c = assess_place({all_pixels(), {}, 50.0}, none, 0.0);
    EXPECT_FALSE(c.has_signal);
    EXPECT_FALSE(c.best_dbm);
    EXPECT_FALSE(assess_place({{}, {}, 50.0}, half_covered(), 0.0).covered);
}

TEST(PlaceCoverage, BestTechnologyIsTheHighestCovered) {
    PlaceTechCoverage yes;
    yes.covered = true;
    const PlaceTechCoverage no;
    EXPECT_EQ(best_technology({{Technology::G3, yes}, {Technology::G4, no}}), Technology::G3);
    EXPECT_EQ(best_technology({{Technology::G3, yes}, {Technology::G4, yes}}), Technology::G4);
    EXPECT_FALSE(best_technology({{Technology::G3, no}}));
}

TEST(CoverageSummary, CoveredPlusUncoveredIsTotal) {
    const TechnologyCoverage tc = half_covered();
    const std::vector<PlaceFootprint> villages{{{0}, {}, 100.0}, {{9}, {}, 250.0}, {{40, 41}, {}, 77.0}};
    std::vector<PlaceTechCoverage> vr;
    for (const auto& v : villages) vr.push_back(assess_place(v, tc, 0.5));
    const std::vector<PlaceFootprint> communes{{all_pixels(), {}, 427.0}};
    const std::vector<PlaceTechCoverage> cr{assess_place(communes[0], tc, 0.0)};
    const TechnologySummary s = summarise(tc, villages, vr, communes, cr, std::vector<char>(100, 1));
    EXPECT_EQ(s.villages, 3u);
    EXPECT_EQ(s.villages_covered, 2u);           // pixel 0 and pixels 40–41 are in the west half
    EXPECT_DOUBLE_EQ(s.village_population_covered, 177.0);
    EXPECT_DOUBLE_EQ(s.village_population, 427.0);
    EXPECT_DOUBLE_EQ(s.commune_population_covered, 213.5);
    EXPECT_EQ(s.covered_pixels, 50u);
    EXPECT_DOUBLE_EQ(s.area_share(), 0.5);
}

}  // namespace
}  // namespace phusong
