// The department's indicators in the outputs: the metrics of every scope in summary.json,
// and the villages without signal, the per-operator table and the indicators' definitions
// in report.md.
#pragma once

#include <ostream>

#include "io/json_writer.hpp"
#include "pipeline/run_state.hpp"

namespace phusong {

/// summary.json's "metrics" value: {whole_area, districts: {name: …}, operators: {name: …},
/// powered_villages (when the villages' power is known), scopes: [{district, operator,
/// powered_only, values}, … every scope]}; districts and powered villages count every
/// operator's cells, operators the whole area.
void write_metrics_summary(JsonWriter& j, const ScopedMetrics& metrics);

/// The value of metric `name` in `scope`; 0 when the scope or metric was not measured.
double metric_value(const ScopedMetrics& metrics, const MetricScope& scope, const std::string& name);

/// The districts the metrics were measured for (every operator's cells, all villages), in order.
std::vector<std::string> metric_districts(const ScopedMetrics& metrics);

/// report.md's sections on villages without signal, operators, districts, and what each indicator means.
void write_indicator_report(std::ostream& md, const PreparedAnalysis& prepared, const AnalysisResult& result);

}  // namespace phusong
