// predict and assess: coverage of the prepared cells, then what it means for places and area.
#include <algorithm>
#include <cmath>

#include "coverage/model_warnings.hpp"
#include "geo/text_format.hpp"
#include "pipeline/steps.hpp"

namespace phusong {
namespace {

/// Whether the level at `pixel` (none: off the grid) reaches `covered_level`.
bool covers_point(const Grid<float>& signal_dbm, Dbm covered_level, std::optional<std::size_t> pixel) {
    return pixel && signal_dbm.values()[*pixel] >= static_cast<float>(covered_level.value());  // NaN: false
}

/// A commune's coverage: proportional people, covered when at least `share` of its people are
/// (of its pixels when nobody lives there); `has_signal` keeps the any-pixel verdict.
PlaceTechCoverage assess_commune(const PlaceFootprint& commune, const Grid<float>& signal, Dbm level, double share) {
    PlaceTechCoverage c = assess_place(commune, signal, level, 0.0);
    const double covered = commune.population > 0.0 ? c.covered_population / commune.population : c.covered_share;
    c.covered = c.has_signal && covered >= share - 1e-12;
    return c;
}

}  // namespace

std::vector<Technology> AnalysisResult::technology_list() const {
    std::vector<Technology> out;
    for (const TechnologyResult& t : technologies) out.push_back(t.technology());
    return out;
}

std::vector<PlaceOutcome> place_outcomes(const std::vector<GriddedPlace>& places, const std::vector<PlaceResult>& results,
                                         std::optional<std::size_t> operator_index) {
    std::vector<PlaceOutcome> out;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const PlaceCoverage& network = operator_index ? results[i].per_operator.at(*operator_index) : results[i];
        PlaceOutcome o{places[i].footprint.population, places[i].district, {}, {}, false, network.signal_at_centre, places[i].powered};
        for (const auto& [tech, c] : network.per_tech) {
            o.covered.push_back(c.covered);
            o.covered_population.push_back(c.covered_population);
            o.has_signal = o.has_signal || c.has_signal;
        }
        out.push_back(std::move(o));
    }
    return out;
}

std::vector<NetworkOutcomes> network_outcomes(const PreparedAnalysis& prepared, const AnalysisResult& result) {
    std::vector<NetworkOutcomes> out{{"", place_outcomes(prepared.villages, result.villages), place_outcomes(prepared.communes, result.communes)}};
    for (std::size_t k = 0; k < prepared.operators.size(); ++k)
        out.push_back({prepared.operators[k], place_outcomes(prepared.villages, result.villages, k),
                       place_outcomes(prepared.communes, result.communes, k)});
    return out;
}

CoverageResult predict(const PreparedAnalysis& prepared, const RunConfig& config, const ProgressFn& progress,
                       Diagnostics& diagnostics) {
    std::map<Technology, Dbm> levels;
    for (Technology t : config.technologies) levels[t] = config.budget.covered_level(t);
    CoverageSettings settings = run_coverage_settings(config, prepared);
    settings.groups = std::max<std::size_t>(1, prepared.operators.size());
    if (progress)
        settings.on_mast_done = [&progress](std::size_t done, std::size_t total) { progress("predicting coverage", done, total, "masts"); };
    CoverageResult coverage = predict_coverage(prepared.dem.elevation_m, prepared.transmitters, levels, settings);
    if (coverage.masts_off_dem)
        diagnostics.warn(Step::Predict, {config.inputs.dem, "", ""},
                         std::to_string(coverage.masts_off_dem) + " mast(s) had no terrain at their foot and were skipped");
    if (coverage.itm_warnings)
        diagnostics.warn(Step::Predict, {}, "ITM flagged some links (results valid, use with care): " +
                                                itm::describe_warnings(coverage.itm_warnings));
    if (config.radio.reach == ReachRule::Auto) {
        const std::string cap_km = format_quantity(config.radio.radius.value() / 1000.0);
        if (coverage.reach.cut_for_memory)
            diagnostics.warn(Step::Predict, {}, "--radius-km auto: the reach of " + std::to_string(coverage.reach.cut_for_memory) +
                                                    " mast(s) was shortened so that each fits in memory at this resolution");
        if (coverage.reach.at_cap)
            diagnostics.warn(Step::Predict, {}, std::to_string(coverage.reach.at_cap) + " of " +
                                                    std::to_string(coverage.reach.per_mast.size()) +
                                                    " mast(s) could still reach the covered level at the " + cap_km +
                                                    " km cap of --radius-km auto: coverage beyond it is not predicted");
    }
    for (const std::string& w : describe_warnings(coverage.model_warnings, to_string(config.radio.model)))
        diagnostics.warn(Step::Predict, {}, w);
    return coverage;
}

AnalysisResult assess(const PreparedAnalysis& prepared, CoverageResult coverage, const RunConfig& config,
                      const std::vector<char>& analysed) {
    AnalysisResult result;
    result.model_warnings = coverage.model_warnings;
    result.itm_warnings = coverage.itm_warnings;
    result.reach = coverage.reach;
    auto footprints = [](const std::vector<GriddedPlace>& places) {
        std::vector<PlaceFootprint> out;
        for (const GriddedPlace& p : places) out.push_back(p.footprint);
        return out;
    };
    const std::vector<PlaceFootprint> village_fp = footprints(prepared.villages), commune_fp = footprints(prepared.communes);
    std::vector<std::optional<std::size_t>> village_pixels;
    for (const GriddedPlace& v : prepared.villages) {
        const auto px = prepared.grid.pixel_of(v.position);
        village_pixels.push_back(px ? std::optional(px->second * prepared.grid.width + px->first) : std::nullopt);
    }
    result.area = build_area_model(prepared.grid, analysed, village_fp, village_pixels, commune_fp);
    result.villages.resize(village_fp.size());
    result.communes.resize(commune_fp.size());
    const std::size_t operators = prepared.operators.size();
    for (PlaceResult& p : result.villages) p.per_operator.resize(operators);
    for (PlaceResult& p : result.communes) p.per_operator.resize(operators);
    for (TechnologyCoverage& tc : coverage.technologies) {
        // The places as one network's levels cover them: every operator's, then each operator's.
        auto assess_network = [&](const Grid<float>& signal, auto&& village_of, auto&& commune_of) {
            for (std::size_t i = 0; i < village_fp.size(); ++i) {
                PlaceCoverage& village = village_of(i);
                village.per_tech.emplace_back(tc.technology, assess_place(village_fp[i], signal, tc.covered_level,
                                                                          config.gaps.village_covered_share,
                                                                          PopulationCount::WholeWhenCovered));
                village.signal_at_centre |= covers_point(signal, tc.covered_level, village_pixels[i]);
            }
            for (std::size_t i = 0; i < commune_fp.size(); ++i)
                commune_of(i).per_tech.emplace_back(
                    tc.technology, assess_commune(commune_fp[i], signal, tc.covered_level, config.gaps.commune_covered_share));
        };
        assess_network(tc.signal_dbm, [&](std::size_t i) -> PlaceCoverage& { return result.villages[i]; },
                       [&](std::size_t i) -> PlaceCoverage& { return result.communes[i]; });
        for (std::size_t k = 0; k < operators; ++k)
            // One operator alone runs ungrouped: its levels are the network's.
            assess_network(tc.group_signal_dbm.empty() ? tc.signal_dbm : tc.group_signal_dbm.at(k),
                           [&](std::size_t i) -> PlaceCoverage& { return result.villages[i].per_operator[k]; },
                           [&](std::size_t i) -> PlaceCoverage& { return result.communes[i].per_operator[k]; });
        std::vector<PlaceTechCoverage> v, c;
        for (const PlaceResult& p : result.villages) v.push_back(p.per_tech.back().second);
        for (const PlaceResult& p : result.communes) c.push_back(p.per_tech.back().second);
        TechnologyResult t;
        t.summary = summarise(tc, village_fp, v, commune_fp, c, result.area.analysed);
        t.gaps = analyse_gaps(tc, result.area, config.gaps.dead_zones);
        t.coverage = std::move(tc);
        result.technologies.push_back(std::move(t));
    }
    result.metrics = metrics_by_scope(result.technology_list(), network_outcomes(prepared, result));
    return result;
}

void check_run_targets(const LoadedInputs& inputs, const RunConfig& config, AnalysisResult& result) {
    if (!inputs.targets.empty()) result.targets = check_targets(inputs.targets, result.metrics, config.inputs.targets);
}

}  // namespace phusong
