#include "pipeline/ranking_outputs.hpp"

#include <algorithm>

#include "geo/geos_geometry.hpp"
#include "geo/text_format.hpp"

namespace phusong {
namespace {

/// Picked candidates first (rank order), then the rest in input order; with each one's pick.
std::vector<std::pair<std::size_t, const Pick*>> table_order(const RankingResult& r) {
    std::vector<std::pair<std::size_t, const Pick*>> order;
    std::vector<char> picked(r.sites.size(), 0);
    for (const Pick& p : r.picks) {
        order.emplace_back(p.candidate, &p);
        picked[p.candidate] = 1;
    }
    for (std::size_t c = 0; c < r.sites.size(); ++c)
        if (!picked[c]) order.emplace_back(c, nullptr);
    return order;
}

/// "villages_with_4g_share ≥ 0.7 (district Sìn Hồ)".
std::string target_label(const Target& t) {
    return t.metric + " " + describe_bounds(t.min, t.max) + " (" + describe(t.scope()) + ")";
}

/// The targets passing after pick `i` that did not before it, named.
std::string newly_met(const RankingResult& r, std::size_t i, const std::vector<TargetOutcome>& targets) {
    const std::vector<std::size_t>& before = i == 0 ? r.targets_passing_before : r.targets_passing_after[i - 1];
    std::string out;
    for (const std::size_t k : r.targets_passing_after[i])
        if (!std::binary_search(before.begin(), before.end(), k)) out += (out.empty() ? "" : "; ") + target_label(targets[k].target);
    return out.empty() ? "—" : out;
}

}  // namespace

AttributeTable candidate_table(const RankingResult& r, bool with_targets) {
    const std::string key(to_key(r.technology));
    AttributeTable table;
    table.add_field("rank", FieldType::Integer);
    for (const char* name : {"candidate_id", "name", "kind", "commune", "district", "tech"}) table.add_field(name, FieldType::Text);
    table.add_field("lon", FieldType::Real, 6);
    table.add_field("lat", FieldType::Real, 6);
    table.add_field("x", FieldType::Real, 1);
    table.add_field("y", FieldType::Real, 1);
    table.add_field("height_m", FieldType::Real);
    table.add_field("cost", FieldType::Real);
    table.add_field("standalone_population", FieldType::Real, 1);
    for (const char* stage : {"marginal", "cumulative"}) {
        table.add_field(std::string(stage) + "_population", FieldType::Real, 1);
        table.add_field(std::string(stage) + "_villages", FieldType::Integer);
        table.add_field(std::string(stage) + "_village_people", FieldType::Real, 1);
        table.add_field(std::string(stage) + "_communes", FieldType::Integer);
    }
    table.add_field("cumulative_cost", FieldType::Real, 2);
    table.add_field("villages_with_" + key + "_share", FieldType::Real, 4);
    if (with_targets) table.add_field("targets_met", FieldType::Integer);
    if (r.exact) table.add_field("in_exact_optimum", FieldType::Text);
    for (const auto& [c, pick] : table_order(r)) {
        const CandidateSite& site = r.sites[c];
        std::vector<FieldValue>& row = table.add_row(geometry_to_wkb(make_point(r.positions[c]).get()));
        const std::size_t rank = pick ? static_cast<std::size_t>(pick - r.picks.data()) : 0;
        append_optional(row, pick ? std::optional(static_cast<std::int64_t>(rank + 1)) : std::nullopt);
        append(row, site.id, site.name, std::string(site.upgrade ? "upgrade" : "new"), r.communes[c], r.districts[c],
               std::string(to_string(r.technology)), site.location.lon, site.location.lat,
               r.positions[c].x, r.positions[c].y, r.heights[c].value(), site.cost, r.standalone_population[c]);
        for (const Gain* g : {pick ? &pick->marginal : nullptr, pick ? &pick->cumulative : nullptr}) {
            append_optional(row, g ? std::optional(g->population) : std::nullopt);
            append_optional(row, g ? std::optional(static_cast<std::int64_t>(g->villages)) : std::nullopt);
            append_optional(row, g ? std::optional(g->village_people) : std::nullopt);
            append_optional(row, g ? std::optional(static_cast<std::int64_t>(g->communes)) : std::nullopt);
        }
        append_optional(row, pick ? std::optional(pick->cumulative_cost) : std::nullopt);
        append_optional(row, pick ? std::optional(r.villages_share_after[rank]) : std::nullopt);
        if (with_targets)
            append_optional(row, pick && rank < r.targets_passing_after.size()
                                     ? std::optional(static_cast<std::int64_t>(r.targets_passing_after[rank].size()))
                                     : std::nullopt);
        if (r.exact) {
            const bool in = std::binary_search(r.exact->selected.begin(), r.exact->selected.end(), c);
            append(row, std::string(in ? "yes" : "no"));
        }
    }
    return table;
}

void write_ranking_report(std::ostream& md, const RankingResult& r, const RunConfig& config,
                          const std::vector<TargetOutcome>& targets) {
    const bool with_targets = !targets.empty();
    const std::string tech(to_string(r.technology));
    const auto upgrades = static_cast<std::size_t>(std::count_if(r.sites.begin(), r.sites.end(), [](const CandidateSite& s) { return s.upgrade; }));
    std::string source = std::to_string(r.sites.size() - upgrades) + " candidate sites " +
                         (r.generated ? "generated (`--auto`: high ground near uncovered villages, then a grid over the dead zones)"
                                      : "from `" + config.inputs.candidates + "`");
    if (upgrades == r.sites.size()) source = "";
    if (upgrades)
        source += (source.empty() ? "" : " and ") + std::to_string(upgrades) + " existing masts without " + tech +
                  " upgraded (`--upgrade-existing`, cost " + format_number(config.ranking.upgrade_cost) + " each)";
    md << "\n## Candidate sites\n\n";
    md << source
       << ", each a " << tech << " site (omni, covered at ≥ " << format_fixed(r.covered_level.value(), 1)
       << " dBm), scored at " << r.demand_elements << " demand pixels where people live without " << tech
       << ". Greedy picks by **" << to_string(r.objective) << "**"
       << (config.ranking.budget ? " per unit cost within a budget of " + format_number(*config.ranking.budget) : "") << "; all candidates: `candidates.csv`.\n\n";
    for (const std::string& w : r.warnings) md << "- " << w << "\n";
    if (!r.warnings.empty()) md << "\n";
    if (r.picks.empty()) {
        md << "No candidate adds anything to " << tech << " coverage" << (config.ranking.budget ? " within the budget" : "") << ".\n";
    } else {
        md << "| rank | site | name | kind | commune | district | cost | + people | + villages | + communes | people (cumulative) | villages with "
           << tech << " |" << (with_targets ? " targets met | targets newly met |" : "") << "\n|---|---|---|---|---|---|---|---|---|---|---|---|"
           << (with_targets ? "---|---|" : "") << "\n";
        md << "| – | existing network | | | | | | | | | | " << format_percent(r.villages_share_before) << " |"
           << (with_targets ? " " + std::to_string(r.targets_passing_before.size()) + " of " + std::to_string(targets.size()) + " | |" : "")
           << "\n";
        for (std::size_t i = 0; i < r.picks.size(); ++i) {
            const Pick& p = r.picks[i];
            const CandidateSite& s = r.sites[p.candidate];
            md << "| " << i + 1 << " | " << s.id << " | " << s.name << " | " << (s.upgrade ? "upgrade" : "new") << " | "
               << r.communes[p.candidate] << " | " << r.districts[p.candidate] << " | " << format_number(s.cost) << " | "
               << format_fixed(p.marginal.population, 0) << " | " << p.marginal.villages << " | " << p.marginal.communes << " | "
               << format_fixed(p.cumulative.population, 0) << " | " << format_percent(r.villages_share_after[i]) << " |";
            if (with_targets && i < r.targets_passing_after.size())
                md << " " << r.targets_passing_after[i].size() << " of " << targets.size() << " | " << newly_met(r, i, targets) << " |";
            md << "\n";
        }
    }
    if (r.exact) {
        const ExactResult& e = *r.exact;
        md << "\nExact maximal covering (GLPK, " << format_fixed(e.seconds, 1) << " s): ";
        if (!e.solved) md << "no solution found within " << format_number(config.ranking.exact_time_limit_s) << " s.\n";
        else {
            md << (e.optimal ? "optimum " : "best found ") << format_fixed(e.value, 1)
               << (e.optimal ? "" : " (bound " + format_fixed(e.bound, 1) + ", gap " + format_percent(e.gap()) + ")")
               << "; greedy reaches " << format_fixed(r.greedy_objective, 1) << " ("
               << format_percent(e.value > 0 ? r.greedy_objective / e.value : 1.0) << " of it).\n";
        }
    }
}

void write_ranking_summary(JsonWriter& j, const RankingResult& r, const RunConfig& config) {
    j.key("ranking").begin_object();
    j.key("technology").value(std::string(to_key(r.technology))).key("objective").value(std::string(to_string(r.objective)));
    j.key("covered_level_dbm").value(r.covered_level.value());
    j.key("candidates").value(r.sites.size()).key("generated").value(r.generated);
    j.key("demand_pixels").value(r.demand_elements).key("select").value(config.ranking.select);
    j.key("budget");
    config.ranking.budget ? j.value(*config.ranking.budget) : j.null();
    j.key("villages_share_before").value(r.villages_share_before);
    j.key("picks").begin_array();
    for (std::size_t i = 0; i < r.picks.size(); ++i) {
        const Pick& p = r.picks[i];
        j.begin_object();
        j.key("rank").value(i + 1).key("candidate_id").value(r.sites[p.candidate].id);
        j.key("marginal_population").value(p.marginal.population).key("marginal_villages").value(p.marginal.villages);
        j.key("marginal_communes").value(p.marginal.communes);
        j.key("cumulative_population").value(p.cumulative.population).key("cumulative_villages").value(p.cumulative.villages);
        j.key("cumulative_communes").value(p.cumulative.communes).key("cumulative_cost").value(p.cumulative_cost);
        j.key("villages_share").value(r.villages_share_after[i]);
        j.key("kind").value(r.sites[p.candidate].upgrade ? "upgrade" : "new");
        j.key("commune").value(r.communes[p.candidate]).key("district").value(r.districts[p.candidate]);
        if (i < r.targets_passing_after.size()) j.key("targets_met").value(r.targets_passing_after[i].size());
        j.end_object();
    }
    j.end_array();
    j.key("greedy_objective").value(r.greedy_objective);
    j.key("exact");
    if (!r.exact) j.null();
    else {
        j.begin_object();
        j.key("solved").value(r.exact->solved).key("optimal").value(r.exact->optimal).key("value").value(r.exact->value).key("bound").value(r.exact->bound);
        j.key("gap").value(r.exact->gap()).key("seconds").value(r.exact->seconds);
        j.key("selected").begin_array();
        for (std::size_t c : r.exact->selected) j.value(r.sites[c].id);
        j.end_array();
        j.end_object();
    }
    j.end_object();
}

}  // namespace phusong
