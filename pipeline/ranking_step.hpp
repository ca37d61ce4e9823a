// The ranking step: candidate sites (from a file or generated) scored at the demand points —
// people without the ranked technology — with the run's propagation model, then picked by
// greedy selection (and optionally solved exactly), with the cumulative effect of each pick.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "coverage/exact_selection.hpp"
#include "coverage/link_budget.hpp"
#include "coverage/site_ranking.hpp"
#include "geo/grid.hpp"
#include "geo/network.hpp"
#include "pipeline/diagnostics.hpp"

namespace phusong {

struct LoadedInputs;
struct PreparedAnalysis;
struct AnalysisResult;
struct RunConfig;

struct RankingResult {
    Technology technology = Technology::G4;
    Dbm covered_level{0.0};
    Objective objective = Objective::Population;
    bool generated = false;                      ///< candidates made by --auto
    std::vector<CandidateSite> sites;            ///< the candidates scored (usable ones)
    std::vector<XY> positions;                   ///< analysis CRS, per site
    std::vector<Metres> heights;                 ///< antenna height used, per site
    std::vector<double> standalone_population;   ///< people each would newly cover alone
    std::size_t demand_elements = 0;             ///< uncovered demand pixels considered
    std::vector<Pick> picks;                     ///< greedy order
    std::vector<double> villages_share_after;    ///< share of villages with the technology, per pick
    double villages_share_before = 0.0;
    /// Per pick, the targets passing after it (indices into the run's targets; empty without targets).
    std::vector<std::vector<std::size_t>> targets_passing_after;
    std::vector<std::size_t> targets_passing_before;
    std::vector<std::string> communes, districts;  ///< per site: the commune and district it stands in ("" outside)
    std::optional<ExactResult> exact;
    double greedy_objective = 0.0;               ///< objective value of the greedy picks
    std::vector<std::string> warnings;           ///< for the report (also in the run's diagnostics)
};

/// Ranks the candidates (config.ranks(): a candidates file or --auto). `dem` is the terrain on
/// the analysis grid. `progress` may be empty. InputError for a ranked technology the run did
/// not analyse.
RankingResult rank_candidates(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                              const RunConfig& config, const Grid<float>& dem,
                              const std::function<void(std::size_t, std::size_t)>& progress, Diagnostics& diagnostics);

}  // namespace phusong
