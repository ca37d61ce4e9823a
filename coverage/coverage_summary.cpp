#include "coverage/coverage_summary.hpp"

#include <cmath>

namespace phusong {

TechnologySummary summarise(const TechnologyCoverage& coverage, const std::vector<PlaceFootprint>& villages,
                            const std::vector<PlaceTechCoverage>& village_results,
                            const std::vector<PlaceFootprint>& communes,
                            const std::vector<PlaceTechCoverage>& commune_results, const std::vector<char>& analysed) {
    TechnologySummary s;
    s.technology = coverage.technology;
    s.villages = villages.size();
    for (std::size_t i = 0; i < villages.size(); ++i) {
        s.village_population += villages[i].population;
        s.village_population_covered += village_results[i].covered_population;
        if (village_results[i].covered) ++s.villages_covered;
    }
    s.communes = communes.size();
    for (std::size_t i = 0; i < communes.size(); ++i) {
        s.commune_population += communes[i].population;
        s.commune_population_covered += commune_results[i].covered_population;
        if (commune_results[i].has_signal) ++s.communes_with_signal;
    }
    const auto& signal = coverage.signal_dbm.values();
    const float level = static_cast<float>(coverage.covered_level.value());
    for (std::size_t i = 0; i < signal.size(); ++i) {
        if (!analysed[i]) continue;
        ++s.analysed_pixels;
        if (!std::isnan(signal[i]) && signal[i] >= level) ++s.covered_pixels;
    }
    return s;
}

}  // namespace phusong
