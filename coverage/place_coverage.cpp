#include "coverage/place_coverage.hpp"

#include <cmath>

namespace phusong {

PlaceTechCoverage assess_place(const PlaceFootprint& place, const TechnologyCoverage& coverage, double required_share,
                               PopulationCount count) {
    return assess_place(place, coverage.signal_dbm, coverage.covered_level, required_share, count);
}

PlaceTechCoverage assess_place(const PlaceFootprint& place, const Grid<float>& signal_dbm, Dbm level, double required_share,
                               PopulationCount count) {
    PlaceTechCoverage out;
    if (place.pixels.empty()) return out;
    const auto& signal = signal_dbm.values();
    const float covered_level = static_cast<float>(level.value());
    const bool weighted = !place.weights.empty();
    double weight_total = 0.0, weight_covered = 0.0;
    std::size_t covered_pixels = 0;
    for (std::size_t i = 0; i < place.pixels.size(); ++i) {
        const float v = signal[place.pixels[i]];
        const double w = weighted ? place.weights[i] : 1.0;
        weight_total += w;
        if (std::isnan(v)) continue;
        if (!out.best_dbm || v > *out.best_dbm) out.best_dbm = v;
        if (v >= covered_level) {
            ++covered_pixels;
            weight_covered += w;
        }
    }
    out.covered_share = static_cast<double>(covered_pixels) / static_cast<double>(place.pixels.size());
    out.has_signal = covered_pixels > 0;
    out.covered = out.has_signal && out.covered_share >= required_share;
    out.covered_population = weight_total > 0.0 ? place.population * weight_covered / weight_total : 0.0;
    if (count == PopulationCount::WholeWhenCovered) out.covered_population = out.covered ? place.population : 0.0;
    return out;
}

std::optional<Technology> best_technology(const std::vector<std::pair<Technology, PlaceTechCoverage>>& per_tech) {
    std::optional<Technology> best;
    for (const auto& [tech, c] : per_tech)
        if (c.covered && (!best || static_cast<int>(tech) > static_cast<int>(*best))) best = tech;
    return best;
}

}  // namespace phusong
