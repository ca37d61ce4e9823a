// The files a run writes.
//
// Analyze, Gaps and Rank fill the folder config.out (see pipeline/output_folder.hpp for how
// it is replaced): places.csv, population.tif, dead_zones.csv, candidates.csv (when ranking), cells.csv and
// signal_/server_/servers_<tech>.tif (when predicting), phusong.gpkg, map_<tech>.png,
// summary.json and report.md. Coverage writes config.out (a .gpkg) and OUT_<raster>.tif
// beside it.
#pragma once

#include "pipeline/diagnostics.hpp"
#include "pipeline/run_config.hpp"
#include "pipeline/run_state.hpp"

namespace phusong {

/// Every output of an Analyze, Gaps or Rank run; all or nothing.
void write_run_outputs(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                       const RunConfig& config, const Diagnostics& diagnostics);

/// The rasters of a Coverage run: config.out (GeoPackage with signal_<tech>, server_<tech>,
/// servers_<tech>, `landcover` when given, and with config.operator_rasters each operator's
/// signal_<tech>_<operator key>) and OUT_<raster>.tif beside it; all or nothing. `operators`
/// names the groups of the coverage (PreparedAnalysis::operators).
void write_coverage_outputs(const CoverageResult& coverage, const RunConfig& config, const LandCoverGrids* landcover = nullptr,
                            const std::vector<std::string>& operators = {});

/// With config.operator_rasters: (table or file stem, raster) of each operator's best level per
/// technology, "signal_<tech>_<operator key>" (pipeline/operators.hpp); empty otherwise.
std::vector<std::pair<std::string, const Grid<float>*>> operator_signal_rasters(const std::vector<const TechnologyCoverage*>& technologies,
                                                                                 const std::vector<std::string>& operators,
                                                                                 const RunConfig& config);

/// The opening list of report.md (and report.html): towers, terrain, clutter, model,
/// calibration, place inputs, districts; one Markdown inline text per item, without "- ".
std::vector<std::string> report_input_lines(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                                            const RunConfig& config);

/// The folder a run writes into: config.out, or for Coverage the folder of its .gpkg.
std::filesystem::path output_folder(const RunConfig& config);

/// The files a Coverage run writes, given its .gpkg path (the .gpkg first).
std::vector<std::filesystem::path> coverage_output_paths(const RunConfig& config);

}  // namespace phusong
