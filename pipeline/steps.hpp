// The steps of a run as plain functions over typed values (see pipeline/run.hpp for the
// whole run). Each step reads the RunConfig, appends what its user should know to the
// Diagnostics, and throws InputError (bad input) or another phusong::Error.
//
//   load_inputs → prepare_analysis (or prepare_places on given rasters) → predict →
//   assess → rank_candidates → check_run_targets → write_run_outputs
#pragma once

#include <optional>
#include <vector>

#include "io/coverage_reader.hpp"
#include "pipeline/diagnostics.hpp"
#include "pipeline/run_config.hpp"
#include "pipeline/run_state.hpp"

namespace phusong {

/// Reads the towers, places, targets and candidates that `config` names.
LoadedInputs load_inputs(const RunConfig& config, Diagnostics& diagnostics);

/// Chooses the analysis grid (communes, else villages with their settlement discs, else the
/// towers' reach), reads the DEM onto it, places the cells within reach and the places.
PreparedAnalysis prepare_analysis(const LoadedInputs& inputs, const RunConfig& config, Diagnostics& diagnostics);
/// The prepared places and cells point into the inputs, which must outlive them.
PreparedAnalysis prepare_analysis(LoadedInputs&& inputs, const RunConfig& config, Diagnostics& diagnostics) = delete;

/// Places only, on a given grid (Gaps and Rank: the grid of the signal rasters).
PreparedAnalysis prepare_places(const LoadedInputs& inputs, const RunConfig& config, const GridSpec& grid,
                                Diagnostics& diagnostics);
PreparedAnalysis prepare_places(LoadedInputs&& inputs, const RunConfig& config, const GridSpec& grid,
                                Diagnostics& diagnostics) = delete;

/// Best-server coverage of the prepared cells, per technology of the config.
CoverageResult predict(const PreparedAnalysis& prepared, const RunConfig& config, const ProgressFn& progress,
                       Diagnostics& diagnostics);

/// Places, summaries, metrics and dead zones from coverage rasters; `analysed[i]` marks the
/// pixels that count (with terrain, or every pixel of given rasters).
AnalysisResult assess(const PreparedAnalysis& prepared, CoverageResult coverage, const RunConfig& config,
                      const std::vector<char>& analysed);

/// Checks the targets of the inputs against the result's metrics (InputError for a target
/// that cannot be measured); fills result.targets.
void check_run_targets(const LoadedInputs& inputs, const RunConfig& config, AnalysisResult& result);

/// Keeps the rasters of `wanted` (all when empty); InputError naming `source` and the raster
/// table when one is missing (--tech).
void keep_technologies(std::vector<SignalRaster>& rasters, const std::vector<Technology>& wanted, const std::string& source);

/// Grids finer than this resolve villages and forests: without receiver clutter a run there
/// is warned to be optimistic.
inline constexpr double kClutterMattersBelowM = 100.0;

/// A DEM whose own pixels are more than this many times the grid's is too coarse for it: the
/// ridges between its samples, which make dead zones, are interpolated away.
inline constexpr double kCoarseDemFactor = 3.0;

/// Whether `dem`'s own pixels are more than kCoarseDemFactor times `grid_resolution`.
bool dem_coarser_than_grid(const DemLoad& dem, Metres grid_resolution);

/// Reads the DEM onto `grid` (io/raster_reader) and tells the diagnostics its warnings, the
/// unit it converted from, and when its pixels are too coarse for the grid.
DemLoad read_run_dem(const std::string& path, const GridSpec& grid, Diagnostics& diagnostics);

/// The places' outcomes as the metrics need them (per analysed technology): by every
/// operator's cells, or with `operator_index` by that operator's (PreparedAnalysis::operators).
std::vector<PlaceOutcome> place_outcomes(const std::vector<GriddedPlace>& places, const std::vector<PlaceResult>& results,
                                         std::optional<std::size_t> operator_index = std::nullopt);

/// The outcomes of every network: all operators' cells first, then each operator's.
std::vector<NetworkOutcomes> network_outcomes(const PreparedAnalysis& prepared, const AnalysisResult& result);

}  // namespace phusong
