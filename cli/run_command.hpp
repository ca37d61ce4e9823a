// Runs a RunConfig through the pipeline for a subcommand: progress on the terminal,
// diagnostics printed once as they come, a short summary and the targets table.
#pragma once

#include "pipeline/run_config.hpp"

namespace phusong {

/// Runs `config`; returns the exit status (0, or 3 when a coverage target fails). Exceptions
/// pass to main(), which maps them to exit statuses.
int execute_run(const RunConfig& config, bool quiet);

}  // namespace phusong
