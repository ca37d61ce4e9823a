// Coverage targets: metrics over the whole area or one district, and an INI file of
// targets to check them against (pass/fail).
//
// Targets file: one section per target, named after the metric, with `min` and/or `max`
// (shares are fractions 0–1) and optionally `district = NAME` to check one district; the same
// metric may appear in several sections. Lines starting with '#' or ';' are comments.
//   [villages_with_3g_share]
//   min = 0.95
//   [villages_with_3g_share]
//   district = Sìn Hồ
//   min = 0.90
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/network.hpp"

namespace phusong {

/// A place's outcome, as the metrics need it.
struct PlaceOutcome {
    double population = 0.0;
    std::string district;                   ///< empty when unknown
    std::vector<bool> covered;              ///< per analysed technology
    std::vector<double> covered_population; ///< per analysed technology, people
    bool has_signal = false;                ///< any analysed technology reaches it
};

/// Metric name → value for one scope.
using MetricValues = std::map<std::string, double>;

/// Metrics of one scope (pass the places of that scope):
///   villages_with_<t>_share        covered villages / villages        (needs villages)
///   communes_with_signal_share     communes with any signal / communes (needs communes)
///   population_<t>_share           covered / total population          (villages, else communes)
///   covered_population_<t>, uncovered_population_<t>   people         (villages, else communes)
/// for every analysed technology <t> (2g, 3g, 4g, 5g).
MetricValues compute_metrics(const std::vector<Technology>& technologies, const std::vector<PlaceOutcome>& villages,
                             const std::vector<PlaceOutcome>& communes);

/// Metrics for the whole area (key "") and for each district named by any place.
std::map<std::string, MetricValues> metrics_by_scope(const std::vector<Technology>& technologies,
                                                     const std::vector<PlaceOutcome>& villages,
                                                     const std::vector<PlaceOutcome>& communes);

struct Target {
    std::string metric;
    std::string district;       ///< empty = whole area
    std::optional<double> min;
    std::optional<double> max;
    std::size_t line = 0;       ///< line of its section header
};

/// True for the names compute_metrics can produce for some technology.
bool is_known_metric(const std::string& name);

/// Parses a targets file. InputError naming `source` and the line for: text outside a
/// section, an unknown metric or key, a non-numeric value, a section without min/max,
/// min > max, or a share outside [0, 1].
std::vector<Target> parse_targets(const std::string& text, const std::string& source);

struct TargetOutcome {
    Target target;
    double measured = 0.0;
    bool passed = false;
};

/// Checks each target against its scope's metrics. InputError naming `source` and the
/// target's line when its district or metric cannot be measured from these results.
std::vector<TargetOutcome> check_targets(const std::vector<Target>& targets,
                                         const std::map<std::string, MetricValues>& metrics, const std::string& source);

/// The outcomes as an aligned text table (metric, scope, target, measured, PASS/FAIL).
std::string format_target_table(const std::vector<TargetOutcome>& outcomes);

}  // namespace phusong
