// Tables and report sections of the gap analysis: places with their coverage, dead zones,
// covered areas (CSV and GeoPackage layers), and the dead-zone / worst-commune parts of
// report.md and summary.json.
#pragma once

#include <ostream>

#include "pipeline/run_config.hpp"
#include "pipeline/run_state.hpp"
#include "pipeline/attribute_table.hpp"
#include "io/json_writer.hpp"

namespace phusong {

enum class PlaceKind { Village, Commune };

/// The name of commune `commune` (an index into prepared.communes), "" when none.
std::string commune_name(const PreparedAnalysis& prepared, const std::optional<std::size_t>& commune);

/// One row per village or commune: identity, commune/district, population, position, then per
/// technology covered (yes/no), covered share, covered population and best level, then the
/// best technology and (communes) village counts. With `input_attributes`, the input fields
/// follow (renamed NAME_input when they clash with these).
AttributeTable place_table(const PreparedAnalysis& prepared, const AnalysisResult& result, PlaceKind kind,
                           bool input_attributes);

/// Dead zones that are not slivers, best rank first, for every technology (tech column first).
AttributeTable dead_zone_table(const PreparedAnalysis& prepared, const AnalysisResult& result, std::size_t tech_index);
/// Covered regions of one technology with their area and people.
AttributeTable covered_area_table(const AnalysisResult& result, std::size_t tech_index);

/// The technology the worst-served communes are ranked by: the highest that a target's metric
/// names, else the highest analysed (index into result.technologies).
std::size_t worst_served_ranking_technology(const AnalysisResult& result);

/// "## Dead zones" and "## Worst-served communes" sections of report.md (top `top_n` each).
void write_gap_report(std::ostream& md, const PreparedAnalysis& prepared, const AnalysisResult& result,
                      const RunConfig& config, std::size_t top_n = 10);

/// The "gaps" object of summary.json (per technology: analysed, covered, dead-zone and sliver tallies).
void write_gap_summary(JsonWriter& json, const AnalysisResult& result, const RunConfig& config);

}  // namespace phusong
