// Totals over all places for one technology: how many villages and people are covered,
// how many communes have signal, and the covered share of the analysed area.
#pragma once

#include <cstddef>
#include <vector>

#include "coverage/place_coverage.hpp"

namespace phusong {

struct TechnologySummary {
    Technology technology = Technology::G3;
    std::size_t villages = 0;
    std::size_t villages_covered = 0;
    double village_population = 0.0;
    double village_population_covered = 0.0;
    std::size_t communes = 0;
    std::size_t communes_with_signal = 0;
    double commune_population = 0.0;
    double commune_population_covered = 0.0;
    std::size_t analysed_pixels = 0;     ///< pixels of the analysed area (communes, else all, with terrain)
    std::size_t covered_pixels = 0;      ///< of those, at or above the covered level

    [[nodiscard]] double villages_share() const { return villages ? double(villages_covered) / double(villages) : 0.0; }
    [[nodiscard]] double communes_with_signal_share() const {
        return communes ? double(communes_with_signal) / double(communes) : 0.0;
    }
    [[nodiscard]] double area_share() const {
        return analysed_pixels ? double(covered_pixels) / double(analysed_pixels) : 0.0;
    }
};

/// Sums per-place results; `analysed[i]` is true where the grid is part of the analysed area.
TechnologySummary summarise(const TechnologyCoverage& coverage, const std::vector<PlaceFootprint>& villages,
                            const std::vector<PlaceTechCoverage>& village_results,
                            const std::vector<PlaceFootprint>& communes,
                            const std::vector<PlaceTechCoverage>& commune_results, const std::vector<char>& analysed);

}  // namespace phusong
