// A whole run through the library: what `phusong analyze`, `coverage`, `gaps` and `rank` do,
// without the command line.
//
//   RunConfig config;                       // defaults: analyze, 3G + 4G, ITM, 30 m, 20 km
//   config.inputs.towers = "towers.csv";  config.inputs.dem = "srtm.vrt";
//   config.inputs.villages = "villages.gpkg";  config.out = "results";
//   auto outcome = phusong::run(config);    // writes results/…; throws InputError on bad input
//   outcome->result.technologies[1].summary.villages_covered;
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>
#include <memory>

#include "pipeline/diagnostics.hpp"
#include "pipeline/run_config.hpp"
#include "pipeline/run_state.hpp"

namespace phusong {

/// What a caller may watch while a run goes on; both may be empty.
struct RunObserver {
    ProgressFn progress;
    std::function<void(const Diagnostic&)> on_diagnostic;
};

/// Everything a run read and found. Not copyable or movable: the prepared places and cells
/// point into the inputs.
struct RunOutcome {
    RunOutcome() = default;
    RunOutcome(const RunOutcome&) = delete;
    RunOutcome& operator=(const RunOutcome&) = delete;

    LoadedInputs inputs;
    PreparedAnalysis prepared;
    AnalysisResult result;   ///< Coverage: the rasters only (no places, summaries or gaps)
    Diagnostics diagnostics;
    /// The configuration the run used: the one given, with Gaps and Rank taking the coverage
    /// run's remembered settings (pipeline/run_memory.hpp) for the options the user did not give.
    RunConfig config;
    /// False when a coverage target failed (the CLI's exit status 3).
    [[nodiscard]] bool targets_met() const;
};

/// Validates `config`, runs every step of its kind and writes its outputs. Bad input throws
/// InputError (or a child) naming the file, record and field or the option, before anything
/// is written; an output location that cannot take the results throws OutputError and leaves
/// it as it was.
std::unique_ptr<RunOutcome> run(const RunConfig& config, const RunObserver& observer = {});

/// InputError when an output of `config` would be, or would contain, one of its inputs.
void check_outputs_apart_from_inputs(const RunConfig& config);

/// InputError when one of `outputs` is one of `inputs` (option as typed, path) — paths compared
/// after resolving ".", ".." and symbolic links — or, for folder outputs, holds one.
void check_outputs_apart(const std::vector<std::filesystem::path>& outputs,
                         const std::vector<std::pair<std::string, std::string>>& inputs, bool outputs_are_folders);

}  // namespace phusong
