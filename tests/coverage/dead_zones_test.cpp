#include "coverage/dead_zones.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace phusong {
namespace {

// 10 × 10 grid of 10 m pixels: one pixel is 100 m² = 0.0001 km².
const GridSpec kGrid{10, 10, {0.0, 100.0, 10.0, 10.0}, "EPSG:32648"};
constexpr double kPixelKm2 = 0.0001;
constexpr double kTolKm2 = 1e-12;
constexpr double kTolPeople = 1e-9;

/// Coverage at −120 dBm everywhere (covered level −100 dBm), −80 dBm where `covered` says so.
template <class Covered>
TechnologyCoverage coverage_where(Covered covered) {
    TechnologyCoverage tc{Technology::G3, Dbm{-100.0}, Grid<float>(kGrid, -120.0f, std::nanf("")),
                          Grid<std::int32_t>(kGrid, 0, -1), Grid<std::uint16_t>(kGrid, 0), {}};
    for (std::size_t r = 0; r < 10; ++r)
        for (std::size_t c = 0; c < 10; ++c)
            if (covered(c, r)) tc.signal_dbm.at(c, r) = -80.0f;
    return tc;
}

std::vector<std::size_t> pixels_where(auto inside) {
    std::vector<std::size_t> out;
    for (std::size_t r = 0; r < 10; ++r)
        for (std::size_t c = 0; c < 10; ++c)
            if (inside(c, r)) out.push_back(r * 10 + c);
    return out;
}

const std::vector<char> kAllTerrain(100, 1);

AreaModel one_commune(std::vector<std::size_t> pixels, double population) {
    return build_area_model(kGrid, kAllTerrain, {}, {}, {PlaceFootprint{std::move(pixels), {}, population}});
}

void expect_conservation(const GapAnalysis& g) {
    EXPECT_EQ(g.covered_area.pixels + g.dead_area.pixels + g.slivers.pixels, g.analysed.pixels);
    EXPECT_NEAR(g.covered_area.area_km2 + g.dead_area.area_km2 + g.slivers.area_km2, g.analysed.area_km2, kTolKm2);
    EXPECT_NEAR(g.covered_area.population + g.dead_area.population + g.slivers.population, g.analysed.population, kTolPeople);
}

TEST(DeadZones, HalfCoveredGridHasOneDeadZoneOfHalfTheArea) {
    // West half (columns 0–4) covered; a commune over the whole grid with 1,000 people spread
    // evenly: the dead zone is the east half, 50 pixels = 0.005 km², 500 people.
    const auto tc = coverage_where([](std::size_t c, std::size_t) { return c < 5; });
    const GapAnalysis g = find_gaps(tc, one_commune(pixels_where([](auto, auto) { return true; }), 1000.0));
    ASSERT_EQ(g.zones.size(), 1u);
    EXPECT_EQ(g.covered.count(), 1u);
    const DeadZone& z = g.zones[0];
    EXPECT_EQ(z.pixels, 50u);
    EXPECT_NEAR(z.area_km2, 50 * kPixelKm2, kTolKm2);
    EXPECT_NEAR(z.population, 500.0, kTolPeople);
    EXPECT_EQ(z.commune, std::optional<std::size_t>(0));
    EXPECT_EQ(z.communes_touched, 1u);
    EXPECT_EQ(z.rank, 1u);
    EXPECT_NEAR(g.analysed.area_km2, 0.01, kTolKm2);
    EXPECT_NEAR(g.covered_area.population, 500.0, kTolPeople);
    expect_conservation(g);
}

TEST(DeadZones, CommuneSplitByADeadStripHasTwoCoveredParts) {
    // Columns 4–5 uncovered: one dead zone of 20 pixels between two covered parts of 40.
    const auto tc = coverage_where([](std::size_t c, std::size_t) { return c < 4 || c > 5; });
    const GapAnalysis g = find_gaps(tc, one_commune(pixels_where([](auto, auto) { return true; }), 100.0));
    EXPECT_EQ(g.dead.count(), 1u);
    EXPECT_EQ(g.covered.count(), 2u);
    EXPECT_EQ(g.covered.pixel_counts, (std::vector<std::size_t>{40, 40}));
    EXPECT_NEAR(g.zones[0].population, 20.0, kTolPeople);
    expect_conservation(g);
}

TEST(DeadZones, MultiPolygonCommuneGivesOneZonePerPart) {
    // The commune is rows 0–1 and rows 8–9 (two parts, 40 pixels, 400 people = 10 per pixel);
    // the east half is uncovered, so each part holds a 10-pixel dead zone of 100 people. The
    // two zones tie on people and area: the northern one (first in raster order) ranks first.
    const auto tc = coverage_where([](std::size_t c, std::size_t) { return c < 5; });
    const GapAnalysis g = find_gaps(tc, one_commune(pixels_where([](auto, std::size_t r) { return r < 2 || r > 7; }), 400.0));
    ASSERT_EQ(g.zones.size(), 2u);
    EXPECT_EQ(g.analysed.pixels, 40u);
    for (const DeadZone& z : g.zones) {
        EXPECT_EQ(z.pixels, 10u);
        EXPECT_NEAR(z.population, 100.0, kTolPeople);
        EXPECT_EQ(z.commune, std::optional<std::size_t>(0));
    }
    EXPECT_EQ(g.zones[0].rank, 1u);
    EXPECT_EQ(g.zones[1].rank, 2u);
    EXPECT_EQ(g.dead.labels[5], 1);   // row 0, column 5
    EXPECT_EQ(g.dead.labels[85], 2);  // row 8, column 5
    EXPECT_EQ(g.dead.labels[40], 0);  // row 4: outside the commune
    expect_conservation(g);
}

TEST(DeadZones, EmptyTechnologyLeavesTheWholeAreaDead) {
    TechnologyCoverage tc = coverage_where([](auto, auto) { return false; });
    for (float& v : tc.signal_dbm.values()) v = std::nanf("");  // no cell reaches anywhere
    const GapAnalysis g = find_gaps(tc, build_area_model(kGrid, kAllTerrain, {}, {}, {}));
    ASSERT_EQ(g.zones.size(), 1u);
    EXPECT_EQ(g.covered.count(), 0u);
    EXPECT_EQ(g.zones[0].pixels, 100u);
    EXPECT_FALSE(g.zones[0].commune);  // no communes given
    EXPECT_NEAR(g.dead_area.area_km2, 0.01, kTolKm2);
}

TEST(DeadZones, VillagesInsideAndOnTheEdge) {
    // Villages: A at pixel 9 (row 0, column 9: dead), B at pixel 4 (column 4: covered, on the
    // edge of the dead zone), C at pixel 55 (dead). A's people spread over pixels 8–9, B's over
    // 4–5 (one covered, one dead), C's over pixel 55 alone.
    const auto tc = coverage_where([](std::size_t c, std::size_t) { return c < 5; });
    const std::vector<PlaceFootprint> villages{{{8, 9}, {}, 60.0}, {{4, 5}, {}, 30.0}, {{55}, {}, 7.0}};
    const AreaModel area = build_area_model(kGrid, kAllTerrain, villages, {9, 4, 55}, {});
    const GapAnalysis g = find_gaps(tc, area);
    ASSERT_EQ(g.zones.size(), 1u);
    EXPECT_EQ(g.zones[0].villages, (std::vector<std::size_t>{0, 2}));
    EXPECT_NEAR(g.zones[0].village_population, 67.0, kTolPeople);
    EXPECT_NEAR(g.zones[0].population, 60.0 + 15.0 + 7.0, kTolPeople);  // people living in dead pixels
    EXPECT_NEAR(g.covered_area.population, 15.0, kTolPeople);
    expect_conservation(g);
}

TEST(DeadZones, ZoneAcrossTwoCommunesBelongsToTheLarger) {
    // Communes: 0 = columns 0–6, 1 = columns 7–9; rows 0–2 uncovered → a dead zone of 21 pixels
    // in commune 0 and 9 in commune 1.
    const auto tc = coverage_where([](std::size_t, std::size_t r) { return r > 2; });
    const std::vector<PlaceFootprint> communes{{pixels_where([](std::size_t c, auto) { return c < 7; }), {}, 70.0},
                                               {pixels_where([](std::size_t c, auto) { return c >= 7; }), {}, 300.0}};
    const GapAnalysis g = find_gaps(tc, build_area_model(kGrid, kAllTerrain, {}, {}, communes));
    ASSERT_EQ(g.zones.size(), 1u);
    EXPECT_EQ(g.zones[0].commune, std::optional<std::size_t>(0));
    EXPECT_EQ(g.zones[0].communes_touched, 2u);
    // 21 pixels × (70 / 70 people per pixel) + 9 pixels × (300 / 30) = 21 + 90.
    EXPECT_NEAR(g.zones[0].population, 111.0, kTolPeople);
}

TEST(DeadZones, SliversAreFilteredByAreaAndWidthButStillCounted) {
    // Dead: a single pixel (row 0, column 9), a 3 × 3 block (rows 5–7, columns 1–3) and a
    // 1-pixel-wide strip of 8 (row 9, columns 2–9). Commune over everything, 1 person per pixel.
    const auto tc = coverage_where([](std::size_t c, std::size_t r) {
        const bool speck = r == 0 && c == 9, block = r >= 5 && r <= 7 && c >= 1 && c <= 3, strip = r == 9 && c >= 2;
        return !(speck || block || strip);
    });
    GapAnalysis g = find_gaps(tc, one_commune(pixels_where([](auto, auto) { return true; }), 100.0));
    ASSERT_EQ(g.zones.size(), 3u);
    // Ranked by people: the block (9) before the strip (8) before the speck (1).
    EXPECT_EQ(g.zones[1].pixels, 9u);
    EXPECT_EQ(g.zones[1].rank, 1u);
    EXPECT_EQ(g.zones[2].rank, 2u);
    EXPECT_EQ(g.zones[0].rank, 3u);

    filter_and_rank(g, {2 * kPixelKm2, Metres{0.0}});  // under 2 pixels: the speck goes
    EXPECT_TRUE(g.zones[0].sliver);
    EXPECT_EQ(g.zones[0].rank, 0u);
    EXPECT_EQ(g.slivers.pixels, 1u);
    EXPECT_NEAR(g.slivers.population, 1.0, kTolPeople);
    expect_conservation(g);

    g.zones[1].width = Metres{30.0};  // as measured on the polygons: block 30 m, strip 10 m
    g.zones[2].width = Metres{10.0};
    filter_and_rank(g, {2 * kPixelKm2, Metres{20.0}});
    EXPECT_TRUE(g.zones[2].sliver);
    EXPECT_EQ(g.slivers.pixels, 9u);
    const auto ranked = ranked_zones(g);
    ASSERT_EQ(ranked.size(), 1u);
    EXPECT_EQ(ranked[0]->pixels, 9u);
    EXPECT_EQ(g.dead_area.pixels, 9u);
    expect_conservation(g);
}

TEST(DeadZones, AZoneWithAVillageIsNeverASliver) {
    // One dead pixel (row 0, column 9) with a village on it survives any area filter.
    const auto tc = coverage_where([](std::size_t c, std::size_t r) { return !(r == 0 && c == 9); });
    GapAnalysis g = find_gaps(tc, build_area_model(kGrid, kAllTerrain, {{{9}, {}, 12.0}}, {9}, {}));
    filter_and_rank(g, {1.0, Metres{0.0}});
    ASSERT_EQ(g.zones.size(), 1u);
    EXPECT_FALSE(g.zones[0].sliver);
    EXPECT_EQ(g.zones[0].rank, 1u);
    EXPECT_NEAR(g.zones[0].population, 12.0, kTolPeople);
}

TEST(DeadZones, PixelsWithoutTerrainAreNotAnalysed) {
    std::vector<char> terrain(100, 1);
    for (std::size_t i = 90; i < 100; ++i) terrain[i] = 0;  // last row: no DEM
    const auto tc = coverage_where([](std::size_t c, std::size_t) { return c < 5; });
    const GapAnalysis g = find_gaps(tc, build_area_model(kGrid, terrain, {}, {}, {}));
    EXPECT_EQ(g.analysed.pixels, 90u);
    EXPECT_EQ(g.zones[0].pixels, 45u);
}

TEST(PixelRegions, FourConnectivityAndRasterOrder) {
    // 4 × 3 mask:      regions:
    //   1 0 0 1         1 0 0 2
    //   0 1 0 1         0 3 0 2
    //   1 1 0 0         3 3 0 0
    // Pixels touching only at a corner (0,0)–(1,1) are separate regions.
    const std::vector<char> mask{1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0};
    const PixelRegions r = label_regions(mask, 4, 3);
    EXPECT_EQ(r.labels, (std::vector<std::int32_t>{1, 0, 0, 2, 0, 3, 0, 2, 3, 3, 0, 0}));
    EXPECT_EQ(r.pixel_counts, (std::vector<std::size_t>{1, 2, 3}));
}

}  // namespace
}  // namespace phusong
