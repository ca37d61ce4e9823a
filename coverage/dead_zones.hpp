// Dead zones ("vùng lõm"): the connected parts of the analysed area where a technology's
// best-server level is below its covered level, with who lives there and where they are.
//
// Everything is counted in whole pixels, so areas and populations add up exactly:
//   analysed = covered + dead zones + slivers   (pixels, km², people)
// A sliver is a dead region too small (area) or too narrow (width of its largest inscribed
// circle, measured on its polygon by the caller) to matter; it is kept out of the ranking but
// counted apart, never dropped. A zone with a village inside is never a sliver.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "coverage/coverage_engine.hpp"
#include "coverage/pixel_regions.hpp"
#include "coverage/place_coverage.hpp"

namespace phusong {

/// The analysed area as the gap analysis sees it, per pixel of one grid.
struct AreaModel {
    GridSpec grid;
    std::vector<char> analysed;                       ///< pixel belongs to the analysed area
    std::vector<double> people;                       ///< people living in the pixel
    std::vector<std::int32_t> commune;                ///< commune index holding the pixel, −1 = none
    std::vector<std::optional<std::size_t>> village_pixel;  ///< per village: pixel of its position
    std::vector<double> village_population;           ///< per village, people
};

/// Builds the area model. The analysed area is the communes' pixels when there are communes,
/// else every pixel; either way only pixels where `terrain` is set. People are spread over the
/// villages' footprints when there are villages (they locate people best), else over the
/// communes' footprints (by their weights). A pixel claimed by several communes goes to the first.
AreaModel build_area_model(const GridSpec& grid, std::span<const char> terrain,
                           const std::vector<PlaceFootprint>& villages,
                           const std::vector<std::optional<std::size_t>>& village_pixels,
                           const std::vector<PlaceFootprint>& communes);

struct DeadZone {
    std::int32_t region = 0;                ///< label in GapAnalysis::dead
    std::size_t pixels = 0;
    double area_km2 = 0.0;
    double population = 0.0;                ///< people living inside
    std::vector<std::size_t> villages;      ///< villages whose position lies inside (ascending)
    double village_population = 0.0;        ///< people of those villages
    std::optional<std::size_t> commune;     ///< commune holding most of its pixels (lowest index on ties)
    std::size_t communes_touched = 0;
    std::optional<Metres> width;            ///< diameter of its largest inscribed circle, if measured
    bool sliver = false;                    ///< filtered out by DeadZoneFilter
    std::size_t rank = 0;                   ///< 1 = most people; 0 for slivers
};

/// Pixels, area (km²) and people of a part of the analysed area.
struct AreaTally {
    std::size_t pixels = 0;
    double area_km2 = 0.0;
    double population = 0.0;
};

struct GapAnalysis {
    Technology technology = Technology::G3;
    PixelRegions dead;              ///< regions of analysed pixels below the covered level
    PixelRegions covered;           ///< regions of analysed pixels at or above it
    std::vector<DeadZone> zones;    ///< one per dead region, in region order
    AreaTally analysed, covered_area, dead_area, slivers;  ///< dead_area: zones that are not slivers
};

/// Regions of one technology's coverage over the area model, with every zone's attributes;
/// nothing is filtered or ranked yet (see filter_and_rank).
GapAnalysis find_gaps(const TechnologyCoverage& coverage, const AreaModel& area);

struct DeadZoneFilter {
    double min_area_km2 = 0.0;      ///< smaller dead regions are slivers
    Metres min_width{0.0};          ///< narrower ones (by DeadZone::width, when measured) too
};

/// Marks slivers, ranks the remaining zones by population (ties: larger area, then region
/// order) and fills the dead-zone and sliver tallies. Can be called again with another filter.
void filter_and_rank(GapAnalysis& gaps, const DeadZoneFilter& filter);

/// The zones that are not slivers, best rank first.
std::vector<const DeadZone*> ranked_zones(const GapAnalysis& gaps);

}  // namespace phusong
