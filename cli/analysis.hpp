// The `analyze` pipeline: load → prepare → predict → assess → write. Each step is a
// function of values; `run_analysis` wires them and reports progress.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/analysis_options.hpp"
#include "cli/gap_step.hpp"
#include "cli/ranking_step.hpp"
#include "coverage/coverage_engine.hpp"
#include "coverage/coverage_summary.hpp"
#include "coverage/link_budget.hpp"
#include "coverage/place_coverage.hpp"
#include "coverage/targets.hpp"
#include "io/coverage_reader.hpp"
#include "io/places_reader.hpp"
#include "io/raster_reader.hpp"
#include "io/tower_reader.hpp"

namespace phusong {

struct LoadedInputs {
    TowerInventory towers;
    std::optional<PlaceLoad> villages;
    std::optional<PlaceLoad> communes;
    std::vector<Target> targets;            ///< empty without --targets
    std::vector<CandidateSite> candidates;  ///< empty without --candidates
    std::vector<std::string> warnings;
};

/// A place projected onto the analysis grid.
struct GriddedPlace {
    const Place* place = nullptr;
    XY position;                 ///< point, or a point on the polygon's surface
    std::vector<unsigned char> wkb;  ///< geometry in the analysis CRS (WKB)
    PlaceFootprint footprint;
    std::string district;        ///< from the commune's district field ("" when unknown)
    std::optional<std::size_t> commune;  ///< index in PreparedAnalysis::communes (a commune: itself)
};

struct PreparedAnalysis {
    GridSpec grid;
    DemLoad dem;
    std::vector<Transmitter> transmitters;     ///< cells within reach of the area
    std::vector<const Cell*> transmitter_cells; ///< same order: the input cell of each
    std::vector<GriddedPlace> villages;
    std::vector<GriddedPlace> communes;
    std::vector<std::string> warnings;
};

struct PlaceResult {
    std::vector<std::pair<Technology, PlaceTechCoverage>> per_tech;
};

struct AnalysisResult {
    CoverageResult coverage;
    std::vector<PlaceResult> villages;
    std::vector<PlaceResult> communes;
    std::vector<TechnologySummary> summaries;
    std::map<std::string, MetricValues> metrics;  ///< "" = whole area, else per district
    AreaModel area;                               ///< analysed pixels, people, communes
    std::vector<TechnologyGaps> gaps;             ///< per technology, same order as coverage
    std::vector<TargetOutcome> targets;           ///< empty without --targets
    std::optional<RankingResult> ranking;         ///< with --candidates or --auto
};

LoadedInputs load_inputs(const AnalysisOptions& options);
/// Chooses the grid (places, else towers' reach), reads the DEM onto it, places the cells
/// and the places.
PreparedAnalysis prepare_analysis(const LoadedInputs& inputs, const AnalysisOptions& options, const LinkBudget& budget);
/// Places only, on a given grid (gap analysis of existing coverage rasters).
PreparedAnalysis prepare_places(const LoadedInputs& inputs, const AnalysisOptions& options, const GridSpec& grid);
/// Predicts coverage, then assess_places over the pixels with terrain.
AnalysisResult assess_coverage(const PreparedAnalysis& prepared, const AnalysisOptions& options,
                               const LinkBudget& budget, bool show_progress);
/// Places, summaries, metrics and dead zones from coverage rasters; `terrain[i]` marks the
/// pixels that can be analysed.
AnalysisResult assess_places(const PreparedAnalysis& prepared, CoverageResult coverage, const AnalysisOptions& options,
                             const std::vector<char>& terrain);
/// Writes every output into options.out_dir, each file atomically.
void write_outputs(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                   const AnalysisOptions& options, const LinkBudget& budget);

/// Keeps the rasters of the technologies in `tech_list` ("3g,4g"; empty = all). InputError
/// naming `source` and the table when one of them is missing.
void keep_technologies(std::vector<SignalRaster>& rasters, const std::string& tech_list, const std::string& source);

/// Technologies named in options (InputError for unknown names).
std::vector<Technology> selected_technologies(const AnalysisOptions& options);
/// The places' outcomes as the metrics need them (per analysed technology).
std::vector<PlaceOutcome> place_outcomes(const std::vector<GriddedPlace>& places, const std::vector<PlaceResult>& results);
/// The technologies of a result, in its order.
std::vector<Technology> analysed_technologies(const AnalysisResult& result);
/// Model, radius, receiver height, ITM parameters and threads from options (validated).
CoverageSettings coverage_settings(const AnalysisOptions& options);
/// Link budget from options (margin and --link-budget settings).
LinkBudget budget_from(const AnalysisOptions& options);

/// Checks the targets, writes every output, prints a short summary (unless quiet) and the
/// targets table; returns the exit status (3 when a target fails).
int report_and_write(const LoadedInputs& inputs, const PreparedAnalysis& prepared, AnalysisResult& result,
                     const AnalysisOptions& options, const LinkBudget& budget);
/// Prints "warning: …" lines on stderr unless quiet.
void print_warnings(const std::vector<std::string>& warnings, bool quiet);

/// `phusong analyze`; returns the exit status.
int run_analyze(int argc, const char* const argv[], const std::string& executable);

}  // namespace phusong
