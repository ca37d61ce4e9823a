// Reads back what a finished run wrote (`phusong targets`).
#pragma once

#include <map>
#include <string>

#include "coverage/targets.hpp"

namespace phusong {

/// The "metrics" object of a summary.json written by `analyze`, `gaps` or `rank`: "" = the
/// whole area, else per district. InputError naming the file and the JSON path when malformed.
std::map<std::string, MetricValues> read_summary_metrics(const std::string& path);

}  // namespace phusong
