#include "pipeline/indicator_outputs.hpp"

#include <algorithm>
#include <map>

#include "geo/text_format.hpp"

namespace phusong {
namespace {

void write_values(JsonWriter& j, const MetricValues& values) {
    j.begin_object();
    for (const auto& [name, value] : values) j.key(name).value(value);
    j.end_object();
}

/// The columns every scope's row has, after its own: villages and people per technology, villages
/// without signal ("| villages with 3G | … |" and its separator).
void scope_columns(std::ostream& md, const std::vector<Technology>& techs, const std::string& own_separator) {
    for (Technology t : techs) md << " villages with " << to_string(t) << " |";
    for (Technology t : techs) md << " people with " << to_string(t) << " |";
    md << " villages without signal |\n" << own_separator;
    for (std::size_t i = 0; i < 2 * techs.size() + 1; ++i) md << "---|";
    md << "\n";
}

/// A scope's cells under scope_columns ("—" for village figures without villages).
void scope_cells(std::ostream& md, const ScopedMetrics& m, const MetricScope& scope, const std::vector<Technology>& techs,
                 bool villages) {
    for (Technology t : techs)
        md << " " << (villages ? format_percent(metric_value(m, scope, "villages_with_" + std::string(to_key(t)) + "_share")) : "—") << " |";
    for (Technology t : techs) {
        const std::string key(to_key(t));
        md << " " << format_fixed(metric_value(m, scope, "covered_population_" + key), 0) << " ("
           << format_percent(metric_value(m, scope, "population_" + key + "_share")) << ") |";
    }
    md << " " << (villages ? format_number(metric_value(m, scope, "villages_without_signal")) : "—") << " |\n";
}

}  // namespace

double metric_value(const ScopedMetrics& metrics, const MetricScope& scope, const std::string& name) {
    const auto s = metrics.find(scope);
    if (s == metrics.end()) return 0.0;
    const auto v = s->second.find(name);
    return v == s->second.end() ? 0.0 : v->second;
}

std::vector<std::string> metric_districts(const ScopedMetrics& metrics) {
    std::vector<std::string> out;
    for (const auto& [scope, values] : metrics)
        if (!scope.district.empty() && scope.operator_name.empty() && !scope.powered_only) out.push_back(scope.district);
    return out;
}

void write_metrics_summary(JsonWriter& j, const ScopedMetrics& metrics) {
    j.begin_object();
    const auto whole = metrics.find(MetricScope{});
    j.key("whole_area");
    write_values(j, whole != metrics.end() ? whole->second : MetricValues{});
    j.key("districts").begin_object();
    for (const std::string& d : metric_districts(metrics)) {
        j.key(d);
        write_values(j, metrics.at({d, "", false}));
    }
    j.end_object();
    j.key("operators").begin_object();
    for (const auto& [scope, values] : metrics)
        if (scope.district.empty() && !scope.operator_name.empty() && !scope.powered_only) {
            j.key(scope.operator_name);
            write_values(j, values);
        }
    j.end_object();
    if (const auto powered = metrics.find(MetricScope{"", "", true}); powered != metrics.end()) {
        j.key("powered_villages");
        write_values(j, powered->second);
    }
    // Every scope, also operators by district, for `phusong targets` to check any target later.
    j.key("scopes").begin_array();
    for (const auto& [scope, values] : metrics) {
        j.begin_object();
        j.key("district").value(scope.district).key("operator").value(scope.operator_name).key("powered_only").value(scope.powered_only);
        j.key("values");
        write_values(j, values);
        j.end_object();
    }
    j.end_array();
    j.end_object();
}

void write_indicator_report(std::ostream& md, const PreparedAnalysis& prepared, const AnalysisResult& result) {
    const ScopedMetrics& m = result.metrics;
    const std::vector<Technology> techs = result.technology_list();
    if (!prepared.villages.empty()) {
        const auto villages = static_cast<double>(prepared.villages.size());
        const double without = metric_value(m, {}, "villages_without_signal");
        md << "\n## Villages without signal (thôn/bản trắng sóng)\n\n"
           << format_number(without) << " of " << prepared.villages.size() << " villages ("
           << format_percent(without / villages) << ") have no signal at their point: no analysed technology of any operator reaches its covered level there.";
        if (m.contains({"", "", true})) {
            const auto powered = static_cast<std::size_t>(std::count_if(prepared.villages.begin(), prepared.villages.end(),
                                                                         [](const GriddedPlace& v) { return v.powered.value_or(false); }));
            md << " Of the " << powered << " villages with grid power, " << format_number(metric_value(m, {"", "", true}, "villages_without_signal"))
               << " have none.";
        }
        md << "\n";
    }
    if (!prepared.operators.empty()) {
        md << "\n## Operators\n\nEach operator's cells alone; \"any operator\" is the network of all of them.\n\n| operator |";
        scope_columns(md, techs, "|---|");
        std::vector<std::string> rows = prepared.operators;
        rows.emplace_back();
        for (const std::string& op : rows) {
            md << "| " << (op.empty() ? "any operator" : markdown_cell(op)) << " |";
            scope_cells(md, m, {"", op, false}, techs, !prepared.villages.empty());
        }
    }
    std::map<std::string, std::size_t> district_villages;
    for (const GriddedPlace& v : prepared.villages) ++district_villages[v.district];
    const std::vector<std::string> districts = metric_districts(m);
    if (!districts.empty()) {
        md << "\n## Districts\n\nEvery operator's cells; people " << (prepared.villages.empty() ? "of the communes" : "of the villages")
           << ".\n\n| district |" << (prepared.villages.empty() ? "" : " villages |");
        scope_columns(md, techs, prepared.villages.empty() ? "|---|" : "|---|---|");
        for (const std::string& d : districts) {
            md << "| " << markdown_cell(d) << " |";
            if (!prepared.villages.empty()) md << " " << district_villages[d] << " |";
            scope_cells(md, m, {d, "", false}, techs, !prepared.villages.empty());
        }
    }
    md << "\n## Indicators\n\n"
          "Targets (`--targets`) and `summary.json` name them so; shares are fractions 0-1.\n\n"
          "- `villages_with_<tech>_share`: villages covered by the technology / villages. A village is covered when at least "
          "`--village-covered-share` of its settlement disc (`--settlement-radius-m` around its point) is at or above the covered level.\n"
          "- `villages_without_signal`, `villages_without_signal_share`: villages \"trắng sóng\", where no analysed technology of "
          "the scope's operators reaches the covered level at the village's point (the centre of its disc).\n"
          "- `population_<tech>_share`, `covered_population_<tech>`, `uncovered_population_<tech>`: people of covered villages "
          "(everyone of a covered village, nobody of another); without villages, people in the communes' covered pixels.\n"
          "- `communes_with_signal_share`: communes where some analysed technology reaches the covered level at one pixel at "
          "least. In `places.csv` a commune's `<tech>_covered` needs `--commune-covered-share` of its people covered "
          "(`<tech>_any_signal`: one pixel).\n\n"
          "Scopes: the whole area, a district (`district = NAME`), one operator's cells (`operator = NAME`; otherwise any "
          "operator's), and the villages with grid power (`powered = yes`, from `--village-power-field`).\n";
}

}  // namespace phusong
