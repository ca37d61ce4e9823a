// Reads back what a finished run wrote (`phusong targets`).
#pragma once

#include <map>
#include <string>

#include "coverage/targets.hpp"

namespace phusong {

/// The metrics of every scope in a summary.json written by `analyze`, `gaps` or `rank` (its
/// "metrics.scopes"; from summaries before it, the whole area and the districts). InputError
/// naming the file and the JSON path when malformed.
ScopedMetrics read_summary_metrics(const std::string& path);

}  // namespace phusong
