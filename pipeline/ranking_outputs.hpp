// Outputs of the ranking step: the candidates table (CSV and GeoPackage layer), the report
// section and the summary.json object.
#pragma once

#include <ostream>
#include <vector>

#include "coverage/targets.hpp"

#include "pipeline/run_config.hpp"
#include "pipeline/ranking_step.hpp"
#include "pipeline/attribute_table.hpp"
#include "io/json_writer.hpp"

namespace phusong {

/// Picked sites in rank order, then the others in input order: rank (null when not picked),
/// candidate_id, name, kind (new or upgrade), commune, district, tech, lon, lat, x, y,
/// height_m, cost, standalone_population, marginal
/// and cumulative population / villages / village people / communes, cumulative_cost,
/// villages_with_<tech>_share, targets_met (with targets), in_exact_optimum (with --exact).
AttributeTable candidate_table(const RankingResult& ranking, bool with_targets);

/// "## Candidate sites" section of report.md; `targets` the run's (each pick names those it meets).
void write_ranking_report(std::ostream& md, const RankingResult& ranking, const RunConfig& config,
                          const std::vector<TargetOutcome>& targets);

/// The "ranking" object of summary.json.
void write_ranking_summary(JsonWriter& json, const RankingResult& ranking, const RunConfig& config);

}  // namespace phusong
