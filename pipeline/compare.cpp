#include "pipeline/compare.hpp"
#include "pipeline/html_report.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "coverage/targets.hpp"
#include "geo/errors.hpp"
#include "geo/network.hpp"
#include "geo/text_format.hpp"
#include "io/csv_table.hpp"
#include "io/json_writer.hpp"
#include "pipeline/attribute_table.hpp"
#include "pipeline/json_file.hpp"
#include "pipeline/operators.hpp"
#include "pipeline/output_folder.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;

/// A places.csv row as the comparison needs it.
struct PlaceRow {
    std::string kind, id, name, commune, district;
    double population = 0.0;
    std::map<std::pair<std::string, std::string>, bool> covered;  ///< (operator, tech) → verdict
};

struct RunPlaces {
    std::vector<std::string> keys;  ///< "kind/id" in file order
    std::map<std::string, PlaceRow> rows;
    std::vector<std::string> technologies, operators;
};

/// The operators' names of summary.json ("operators"), by the key that prefixes their columns.
std::map<std::string, std::string> operator_names(const nlohmann::json& summary) {
    std::vector<std::string> names;
    if (const auto ops = summary.find("operators"); ops != summary.end() && ops->is_array())
        for (const auto& n : *ops)
            if (n.is_string()) names.push_back(n.get<std::string>());
    std::map<std::string, std::string> out;
    const std::vector<std::string> keys = operator_keys(names);
    for (std::size_t i = 0; i < names.size(); ++i) out[keys[i]] = names[i];
    return out;
}

nlohmann::json read_summary(const fs::path& dir) {
    return read_json_file((dir / "summary.json").string());
}

RunPlaces read_places(const fs::path& dir, const nlohmann::json& summary) {
    const CsvTable t = read_csv_file((dir / "places.csv").string());
    for (const char* needed : {"kind", "id", "name", "commune", "district", "population"})
        if (!t.column(needed)) throw InputError({t.source, "line 1", needed}, "missing column: is this a places.csv written by phusong?");
    RunPlaces out;
    const std::map<std::string, std::string> names = operator_names(summary);
    std::vector<std::tuple<std::size_t, std::string, std::string>> verdicts;  // column, operator, tech
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        const std::string& h = t.header[c];
        for (Technology tech : kAllTechnologies) {
            const std::string suffix = std::string(to_key(tech)) + "_covered";
            if (h == suffix) verdicts.emplace_back(c, "", to_key(tech));
            else if (h.size() > suffix.size() + 1 && h.ends_with("_" + suffix)) {
                const std::string key = h.substr(0, h.size() - suffix.size() - 1);
                const auto name = names.find(key);
                verdicts.emplace_back(c, name != names.end() ? name->second : key, to_key(tech));
            }
        }
    }
    for (const auto& [c, op, tech] : verdicts) {
        if (op.empty() && std::find(out.technologies.begin(), out.technologies.end(), tech) == out.technologies.end())
            out.technologies.push_back(tech);
        if (!op.empty() && std::find(out.operators.begin(), out.operators.end(), op) == out.operators.end()) out.operators.push_back(op);
    }
    std::sort(out.technologies.begin(), out.technologies.end());
    for (const CsvRecord& r : t.records) {
        auto field = [&](const char* name) { return r.fields[*t.column(name)]; };
        PlaceRow row{field("kind"), field("id"), field("name"), field("commune"), field("district"), 0.0, {}};
        row.population = parse_number(field("population"), t.at(r, "population"), 0.0, 1e12);
        for (const auto& [c, op, tech] : verdicts) {
            const std::string& v = r.fields[c];
            if (v != "yes" && v != "no") throw InputError(t.at(r, t.header[c]), "'" + v + "' is neither yes nor no");
            row.covered[{op, tech}] = v == "yes";
        }
        const std::string key = row.kind + "/" + row.id;
        if (out.rows.contains(key)) throw InputError(t.at(r, "id"), "the " + row.kind + " '" + row.id + "' appears twice");
        out.keys.push_back(key);
        out.rows.emplace(key, std::move(row));
    }
    return out;
}

/// summary.json's targets by (metric, scope) → (measured, passed).
std::map<std::pair<std::string, std::string>, std::pair<double, bool>> read_targets(const nlohmann::json& summary) {
    std::map<std::pair<std::string, std::string>, std::pair<double, bool>> out;
    const auto targets = summary.find("targets");
    if (targets == summary.end() || !targets->is_array()) return out;
    for (const auto& t : *targets) {
        if (!t.is_object() || !t.value("metric", nlohmann::json()).is_string()) continue;
        MetricScope scope{t.value("district", std::string()), t.value("operator", std::string()), t.value("powered_only", false)};
        auto bound = [&](const char* key) {
            return t.value(key, nlohmann::json()).is_number() ? std::optional(t[key].get<double>()) : std::nullopt;
        };
        out[{t["metric"].get<std::string>() + " " + describe_bounds(bound("min"), bound("max")), describe(scope)}] = {
            t.value("measured", 0.0), t.value("passed", false)};
    }
    return out;
}

/// The settings that decide a verdict, where the two summaries differ: "4G covered at -110 dBm
/// before, -104 dBm after".
std::vector<std::string> differing_settings(const nlohmann::json& before, const nlohmann::json& after) {
    std::vector<std::string> out;
    auto text = [](const nlohmann::json& doc, const std::vector<std::string>& path) {
        const nlohmann::json* at = &doc;
        for (const std::string& key : path) {
            if (!at->is_object() || !at->contains(key)) return std::string("(none)");
            at = &(*at)[key];
        }
        return at->is_string() ? at->get<std::string>() : at->dump();
    };
    auto compare = [&](const std::string& what, const std::vector<std::string>& path) {
        const std::string b = text(before, path), a = text(after, path);
        if (a != b) out.push_back(what + " " + b + " before, " + a + " after");
    };
    if (after.contains("technologies") && after["technologies"].is_object())
        for (const auto& [tech, values] : after["technologies"].items())
            compare(tech + " covered level (dBm)", {"technologies", tech, "covered_level_dbm"});
    compare("model", {"model", "name"});
    compare("grid resolution (m)", {"grid", "resolution_m"});
    compare("settlement radius (m)", {"gaps", "settlement_radius_m"});
    compare("village covered share", {"gaps", "village_covered_share"});
    compare("commune covered share", {"gaps", "commune_covered_share"});
    compare("receiver clutter", {"model", "clutter"});
    return out;
}

}  // namespace

RunComparison compare_runs(const fs::path& before_dir, const fs::path& after_dir) {
    const nlohmann::json before_summary = read_summary(before_dir), after_summary = read_summary(after_dir);
    const RunPlaces before = read_places(before_dir, before_summary), after = read_places(after_dir, after_summary);
    RunComparison out;
    out.before = before_dir.string();
    out.after = after_dir.string();
    for (const std::string& t : after.technologies)
        if (std::find(before.technologies.begin(), before.technologies.end(), t) != before.technologies.end()) out.technologies.push_back(t);
    for (const std::string& op : after.operators)
        if (std::find(before.operators.begin(), before.operators.end(), op) != before.operators.end()) out.operators.push_back(op);
    std::vector<std::string> networks{""};
    networks.insert(networks.end(), out.operators.begin(), out.operators.end());
    out.villages_before.assign(networks.size(), std::vector<std::size_t>(out.technologies.size(), 0));
    out.villages_after = out.villages_before;
    out.communes_before = out.villages_before;
    out.communes_after = out.villages_before;
    for (const std::string& key : before.keys)
        if (!after.rows.contains(key)) out.only_before.push_back(key + " " + before.rows.at(key).name);
    std::vector<std::string> renamed;
    for (const std::string& key : after.keys) {
        const PlaceRow& a = after.rows.at(key);
        const auto found = before.rows.find(key);
        if (found == before.rows.end()) {
            out.only_after.push_back(key + " " + a.name);
            continue;
        }
        const PlaceRow& b = found->second;
        if (a.name != b.name) renamed.push_back(key + " is '" + b.name + "' before and '" + a.name + "' after");
        if (a.kind == "village") ++out.villages;
        if (a.kind == "commune") ++out.communes;
        for (std::size_t t = 0; t < out.technologies.size(); ++t) {
            const std::string& tech = out.technologies[t];
            for (std::size_t n = 0; n < networks.size(); ++n) {
                const std::string& op = networks[n];
                const bool was = b.covered.at({op, tech}), is = a.covered.at({op, tech});
                if (a.kind == "village") {
                    out.villages_before[n][t] += was;
                    out.villages_after[n][t] += is;
                } else {
                    out.communes_before[n][t] += was;
                    out.communes_after[n][t] += is;
                }
                if (was != is) out.changes.push_back({a.kind, a.id, a.name, a.commune, a.district, a.population, op, tech, is});
            }
        }
    }
    // Places are matched by id: when the ids do not name the same places, every verdict would be
    // compared with another place's.
    if (out.only_after.size() == after.keys.size() && !after.keys.empty() && !before.keys.empty())
        throw InputError({(after_dir / "places.csv").string(), "", "id"},
                         "no place has the id of a place of " + (before_dir / "places.csv").string() +
                             ": were the runs made with the same --id-field?");
    if (!renamed.empty())
        throw InputError({(after_dir / "places.csv").string(), "", "id"},
                         format_some(renamed) + ": the two runs number their places differently; run both with a stable "
                         "id (--id-field, --commune-id-field) to compare them");
    out.settings_differ = differing_settings(before_summary, after_summary);
    auto targets_of = [](const nlohmann::json& summary, const fs::path& dir) {
        try {
            return read_targets(summary);
        } catch (const nlohmann::json::exception& e) {
            throw InputError({(dir / "summary.json").string(), "", "targets"}, std::string("malformed: ") + e.what());
        }
    };
    const auto targets_before = targets_of(before_summary, before_dir), targets_after = targets_of(after_summary, after_dir);
    for (const auto& [key, measured] : targets_after) {
        const auto was = targets_before.find(key);
        if (was != targets_before.end() && was->second.second != measured.second)
            out.targets.push_back({key.first, key.second, was->second.first, measured.first, measured.second});
    }
    return out;
}

namespace {

/// Villages and people gained and lost.
struct Tally {
    std::size_t gained = 0, lost = 0;
    double people_gained = 0.0, people_lost = 0.0;
    void add(const VerdictChange& c) {
        (c.covered_after ? gained : lost) += 1;
        (c.covered_after ? people_gained : people_lost) += c.population;
    }
};

std::string tech_name(const std::string& key) {
    const auto t = parse_technology(key);
    return t ? std::string(to_string(*t)) : key;
}

/// "| a | b | … |" of a tally's four figures.
std::string tally_cells(const Tally& t) {
    return std::to_string(t.gained) + " | " + std::to_string(t.lost) + " | " + format_fixed(t.people_gained, 0) + " | " +
           format_fixed(t.people_lost, 0) + " |";
}

/// Village changes of the any-operator network grouped by `group_of` (district, commune), per technology.
void grouped_table(std::ostringstream& md, const RunComparison& c, const char* heading, const char* column,
                   std::string (*group_of)(const VerdictChange&)) {
    std::map<std::pair<std::string, std::string>, Tally> tallies;
    for (const VerdictChange& v : c.changes)
        if (v.kind == "village" && v.operator_name.empty()) tallies[{group_of(v), v.technology}].add(v);
    if (tallies.empty()) return;
    md << "\n## " << heading << "\n\n| " << column
       << " | technology | villages newly covered | villages lost | people newly covered | people lost |\n|---|---|---|---|---|---|\n";
    for (const auto& [key, t] : tallies)
        md << "| " << (key.first.empty() ? "—" : markdown_cell(key.first)) << " | " << tech_name(key.second) << " | " << tally_cells(t) << "\n";
}

std::string comparison_md(const RunComparison& c) {
    std::ostringstream md;
    md << "# phusong comparison\n\n- Before: `" << c.before << "`\n- After: `" << c.after << "`\n\n"
       << "A place's verdict is its `<tech>_covered` in each run's `places.csv` (a village: its settlement disc covered at "
          "the run's `--village-covered-share`; a commune: `--commune-covered-share` of its people). People are the "
          "villages' people. Every changed verdict: `compare.csv`.\n";
    if (!c.only_before.empty() || !c.only_after.empty())
        md << "\n**Places in one run only** (not compared): " << c.only_before.size() << " before only, " << c.only_after.size()
           << " after only.\n";
    std::vector<std::string> networks{""};
    networks.insert(networks.end(), c.operators.begin(), c.operators.end());
    if (!c.settings_differ.empty()) {
        md << "\n**The runs' settings differ**, so verdicts may change without any change of the network:\n\n";
        for (const std::string& s : c.settings_differ) md << "- " << s << "\n";
    }
    md << "\n## Villages per technology and operator\n\n| operator | technology | villages covered before | after | newly covered "
          "| lost | people newly covered | people lost |\n|---|---|---|---|---|---|---|---|\n";
    for (std::size_t n = 0; n < networks.size(); ++n)
        for (std::size_t t = 0; t < c.technologies.size(); ++t) {
            Tally tally;
            for (const VerdictChange& v : c.changes)
                if (v.kind == "village" && v.operator_name == networks[n] && v.technology == c.technologies[t]) tally.add(v);
            md << "| " << (networks[n].empty() ? "any operator" : markdown_cell(networks[n])) << " | " << tech_name(c.technologies[t])
               << " | " << c.villages_before[n][t] << " / " << c.villages << " | " << c.villages_after[n][t] << " / " << c.villages
               << " | " << tally_cells(tally) << "\n";
        }
    if (c.communes > 0) {
        md << "\n## Communes per technology and operator\n\nA commune is covered when `--commune-covered-share` of its people "
              "are.\n\n| operator | technology | communes covered before | after | newly covered | lost |\n|---|---|---|---|---|---|\n";
        for (std::size_t n = 0; n < networks.size(); ++n)
            for (std::size_t t = 0; t < c.technologies.size(); ++t) {
                std::size_t gained = 0, lost = 0;
                for (const VerdictChange& v : c.changes)
                    if (v.kind == "commune" && v.operator_name == networks[n] && v.technology == c.technologies[t])
                        (v.covered_after ? gained : lost) += 1;
                md << "| " << (networks[n].empty() ? "any operator" : markdown_cell(networks[n])) << " | "
                   << tech_name(c.technologies[t]) << " | " << c.communes_before[n][t] << " / " << c.communes << " | "
                   << c.communes_after[n][t] << " / " << c.communes << " | " << gained << " | " << lost << " |\n";
            }
    }
    grouped_table(md, c, "Districts", "district", [](const VerdictChange& v) { return v.district; });
    grouped_table(md, c, "Communes", "commune (district)",
                  [](const VerdictChange& v) { return v.commune.empty() ? v.commune : v.commune + " (" + v.district + ")"; });
    md << "\n## Places whose verdict changed\n\n";
    if (c.changes.empty()) md << "None.\n";
    else {
        md << "| place | kind | commune | district | operator | technology | change | people |\n|---|---|---|---|---|---|---|---|\n";
        for (const VerdictChange& v : c.changes)
            md << "| " << markdown_cell(v.name) << " | " << v.kind << " | " << markdown_cell(v.commune) << " | " << markdown_cell(v.district) << " | "
               << (v.operator_name.empty() ? "any" : markdown_cell(v.operator_name)) << " | " << tech_name(v.technology) << " | "
               << (v.covered_after ? "newly covered" : "**lost**") << " | " << format_fixed(v.population, 0) << " |\n";
    }
    md << "\n## Targets that changed state\n\n";
    if (c.targets.empty()) md << "None (targets are compared when both runs checked the same ones).\n";
    else {
        md << "| target | scope | before | after | now |\n|---|---|---|---|---|\n";
        for (const TargetChange& t : c.targets)
            md << "| " << t.metric << " | " << markdown_cell(t.scope) << " | " << format_number(t.before) << " | " << format_number(t.after) << " | "
               << (t.passed_after ? "PASS" : "**FAIL**") << " |\n";
    }
    return md.str();
}

std::string comparison_csv(const RunComparison& c) {
    AttributeTable table;
    for (const char* name : {"kind", "id", "name", "commune", "district"}) table.add_field(name, FieldType::Text);
    table.add_field("population", FieldType::Real);
    for (const char* name : {"operator", "tech", "before", "after", "change"}) table.add_field(name, FieldType::Text);
    for (const VerdictChange& v : c.changes)
        append(table.add_row({}), v.kind, v.id, v.name, v.commune, v.district, v.population,
               v.operator_name, v.technology,
               std::string(v.covered_after ? "no" : "yes"), std::string(v.covered_after ? "yes" : "no"),
               std::string(v.covered_after ? "gained" : "lost"));
    return to_csv(table);
}

}  // namespace

void write_comparison(const RunComparison& comparison, const fs::path& out) {
    OutputFolder folder(out);
    folder.write([&](AtomicOutputSet& set) {
        const std::string md = comparison_md(comparison);
        write_text(set.add(out / "compare.md"), md);
        write_text(set.add(out / "compare.html"), comparison_html(comparison, md));
        write_text(set.add(out / "compare.csv"), comparison_csv(comparison));
    });
}

}  // namespace phusong
