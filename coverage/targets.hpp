// Coverage targets: metrics over a scope (the whole area or one district, any operator's cells
// or one operator's, every village or the powered ones), and an INI file of targets to check
// them against (pass/fail).
//
// Targets file: one section per target, named after the metric, with `min` and/or `max`
// (shares are fractions 0–1) and optionally `district = NAME`, `operator = NAME` and
// `powered = yes` to narrow its scope; the same metric may appear in several sections. Lines
// starting with '#' or ';' are comments.
//   [villages_with_3g_share]
//   min = 0.95
//   [villages_with_4g_share]
//   district = Sìn Hồ
//   operator = Viettel
//   powered = yes
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
    bool signal_at_centre = false;          ///< any analysed technology covers its point (villages)
    std::optional<bool> powered;            ///< grid power, when known (villages)
};

/// Metric name → value for one scope.
using MetricValues = std::map<std::string, double>;

/// Metrics of one scope (pass the places of that scope):
///   villages_with_<t>_share        covered villages / villages        (needs villages)
///   villages_without_signal        villages whose point no analysed technology covers ("trắng sóng")
///   villages_without_signal_share  the same / villages                (needs villages)
///   communes_with_signal_share     communes with any signal / communes (needs communes)
///   population_<t>_share           covered / total population          (villages, else communes)
///   covered_population_<t>, uncovered_population_<t>   people         (villages, else communes)
/// for every analysed technology <t> (2g, 3g, 4g, 5g).
MetricValues compute_metrics(const std::vector<Technology>& technologies, const std::vector<PlaceOutcome>& villages,
                             const std::vector<PlaceOutcome>& communes);

/// Which places and cells a metric counts.
struct MetricScope {
    std::string district;        ///< "" = the whole area
    std::string operator_name;   ///< "" = any operator's cells
    bool powered_only = false;   ///< only the villages with grid power
    auto operator<=>(const MetricScope&) const = default;
};

/// "whole area", or its parts joined: "district Sìn Hồ, operator Viettel, powered villages".
std::string describe(const MetricScope& scope);

using ScopedMetrics = std::map<MetricScope, MetricValues>;

/// The places as one network covers them: every operator's cells (operator_name "") or one
/// operator's.
struct NetworkOutcomes {
    std::string operator_name;
    std::vector<PlaceOutcome> villages, communes;
};

/// Metrics of every network, for the whole area and each district named by any place, over all
/// villages and — when some village's power is known — over the powered ones.
ScopedMetrics metrics_by_scope(const std::vector<Technology>& technologies, const std::vector<NetworkOutcomes>& networks);

/// The same for one network of every operator's cells.
ScopedMetrics metrics_by_scope(const std::vector<Technology>& technologies, const std::vector<PlaceOutcome>& villages,
                               const std::vector<PlaceOutcome>& communes);

struct Target {
    std::string metric;
    std::string district;       ///< empty = whole area
    std::string operator_name;  ///< empty = any operator
    bool powered_only = false;  ///< `powered = yes`
    std::optional<double> min;
    std::optional<double> max;
    std::size_t line = 0;       ///< line of its section header

    [[nodiscard]] MetricScope scope() const { return {district, operator_name, powered_only}; }
};

/// A target's bounds as the reports write them: "≥ 0.95", "≤ 5000", "≥ 0.5, ≤ 0.9".
std::string describe_bounds(std::optional<double> min, std::optional<double> max);

/// True for the names compute_metrics can produce for some technology.
bool is_known_metric(const std::string& name);

/// Parses a targets file. InputError naming `source` and the line for: text outside a
/// section, an unknown metric or key, a non-numeric value, a section without min/max,
/// min > max, a share outside [0, 1], or `powered` other than yes.
std::vector<Target> parse_targets(const std::string& text, const std::string& source);

struct TargetOutcome {
    Target target;
    double measured = 0.0;
    bool passed = false;
};

/// Checks each target against its scope's metrics. InputError naming `source` and the
/// target's line when its district, operator, powered villages or metric cannot be measured
/// from these results.
std::vector<TargetOutcome> check_targets(const std::vector<Target>& targets, const ScopedMetrics& metrics,
                                         const std::string& source);

/// The outcomes as a text table (metric, scope, target, measured, PASS/FAIL) aligned on a terminal:
/// columns are counted in characters, not bytes, so Vietnamese names line up.
std::string format_target_table(const std::vector<TargetOutcome>& outcomes);

}  // namespace phusong
