// The values that flow between the steps of a run (see pipeline/steps.hpp):
//   load → LoadedInputs → prepare → PreparedAnalysis → predict/assess → AnalysisResult.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coverage/coverage_engine.hpp"
#include "coverage/coverage_summary.hpp"
#include "coverage/place_coverage.hpp"
#include "coverage/targets.hpp"
#include "io/places_reader.hpp"
#include "io/raster_reader.hpp"
#include "io/tower_reader.hpp"
#include "pipeline/gap_step.hpp"
#include "pipeline/land_cover.hpp"
#include "pipeline/ranking_step.hpp"

namespace phusong {

/// Reports progress of a long task: (task, done, total, unit). Called from the thread that
/// runs the step, never concurrently; may be empty.
using ProgressFn = std::function<void(std::string_view task, std::size_t done, std::size_t total, std::string_view unit)>;

struct LoadedInputs {
    TowerInventory towers;
    std::optional<PlaceLoad> villages;
    std::optional<PlaceLoad> communes;
    std::optional<PlaceLoad> districts;     ///< outlines for the maps (inputs.districts), no people
    std::string villages_path, communes_path;  ///< where each came from ("" when absent)
    std::vector<Target> targets;            ///< empty without inputs.targets
    std::vector<CandidateSite> candidates;  ///< empty without inputs.candidates
};

/// A place projected onto the analysis grid.
struct GriddedPlace {
    const Place* place = nullptr;
    XY position;                     ///< point, or a point on the polygon's surface
    std::vector<unsigned char> wkb;  ///< geometry in the analysis CRS (WKB)
    PlaceFootprint footprint;
    std::string district;            ///< from the district field ("" when unknown)
    std::optional<bool> powered;     ///< villages: grid power, from --village-power-field (nullopt: unknown)
    std::optional<std::size_t> commune;  ///< index in PreparedAnalysis::communes (a commune: itself)
};

struct PreparedAnalysis {
    GridSpec grid;
    DemLoad dem;                                ///< empty for Gaps (the rasters are given)
    std::vector<Transmitter> transmitters;      ///< cells within reach of the area
    std::vector<const Cell*> transmitter_cells; ///< same order: the input cell of each
    /// By operator: the operators' names, index = Transmitter::group; empty when the run pools them.
    std::vector<std::string> operators;
    std::vector<GriddedPlace> villages;
    std::vector<GriddedPlace> communes;
    /// Each district's boundary (the union of its communes, WKB in the analysis CRS), by name.
    std::vector<std::pair<std::string, std::vector<unsigned char>>> districts;
    std::optional<LandCoverGrids> landcover;    ///< with --landcover
};

/// One place's coverage by one network, per analysed technology (in AnalysisResult::technologies order).
struct PlaceCoverage {
    std::vector<std::pair<Technology, PlaceTechCoverage>> per_tech;
    bool signal_at_centre = false;   ///< villages: some technology covers the village's point
};

/// One place's coverage by every operator's cells, and by each operator's (PreparedAnalysis::operators).
struct PlaceResult : PlaceCoverage {
    std::vector<PlaceCoverage> per_operator;
};

/// Everything a run found about one technology.
struct TechnologyResult {
    TechnologyCoverage coverage;   ///< rasters: best-server level, server, servers above
    TechnologySummary summary;     ///< villages, communes, area covered
    TechnologyGaps gaps;           ///< dead zones and covered regions
    [[nodiscard]] Technology technology() const { return coverage.technology; }
};

struct AnalysisResult {
    std::vector<TechnologyResult> technologies;   ///< sorted by technology
    std::uint32_t model_warnings = 0;             ///< ModelWarning flags of the prediction (Hata models)
    std::uint32_t itm_warnings = 0;               ///< ITM warning flags of the prediction
    MastReaches reach;                            ///< how far the masts were predicted (runs that predict)
    std::vector<PlaceResult> villages;
    std::vector<PlaceResult> communes;
    ScopedMetrics metrics;                        ///< whole area, districts, operators, powered villages
    AreaModel area;                               ///< analysed pixels, people, communes
    std::vector<TargetOutcome> targets;           ///< empty without targets
    std::optional<RankingResult> ranking;         ///< when the run ranks

    [[nodiscard]] std::vector<Technology> technology_list() const;
};

}  // namespace phusong
