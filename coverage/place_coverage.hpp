// Coverage of populated places, from best-server rasters.
//
// A place is seen through its footprint: the grid pixels it occupies (a village's
// settlement disc, a commune's polygon) with a population weight per pixel. A pixel is
// covered for a technology when its best-server level is at or above the covered level.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "coverage/coverage_engine.hpp"

namespace phusong {

struct PlaceFootprint {
    std::vector<std::size_t> pixels;   ///< row-major indices into the analysis grid
    std::vector<double> weights;       ///< people per pixel; empty = spread evenly
    double population = 0.0;           ///< people living in the place
};

struct PlaceTechCoverage {
    double covered_share = 0.0;        ///< covered fraction of the footprint (by pixel count), 0–1
    double covered_population = 0.0;   ///< people in covered pixels
    bool has_signal = false;           ///< at least one pixel covered
    bool covered = false;              ///< covered_share ≥ the required share
    std::optional<float> best_dbm;     ///< strongest level over the footprint
};

/// How a place's covered population is counted.
enum class PopulationCount {
    Proportional,      ///< people in covered pixels (communes: by area share or population raster)
    WholeWhenCovered,  ///< everyone when the place counts as covered, else nobody (villages)
};

/// Coverage of one place by one technology; `required_share` in [0, 1] decides `covered`.
/// A place with no pixels is not covered.
PlaceTechCoverage assess_place(const PlaceFootprint& place, const TechnologyCoverage& coverage, double required_share,
                               PopulationCount count = PopulationCount::Proportional);
/// The same over any level raster (one operator's best levels, dBm) at `covered_level`.
PlaceTechCoverage assess_place(const PlaceFootprint& place, const Grid<float>& signal_dbm, Dbm covered_level,
                               double required_share, PopulationCount count = PopulationCount::Proportional);

/// Highest technology covering the place (by the `covered` flag), if any.
std::optional<Technology> best_technology(const std::vector<std::pair<Technology, PlaceTechCoverage>>& per_tech);

}  // namespace phusong
