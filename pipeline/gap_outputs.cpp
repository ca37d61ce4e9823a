#include "pipeline/gap_outputs.hpp"

#include "geo/text_format.hpp"
#include "pipeline/maps.hpp"
#include "pipeline/operators.hpp"

#include <algorithm>
#include <cctype>

namespace phusong {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}


}  // namespace

std::string commune_name(const PreparedAnalysis& prepared, const std::optional<std::size_t>& commune) {
    return commune ? prepared.communes[*commune].place->name : std::string();
}

AttributeTable place_table(const PreparedAnalysis& prepared, const AnalysisResult& result, PlaceKind kind,
                           bool input_attributes) {
    const bool communes = kind == PlaceKind::Commune;
    const std::vector<GriddedPlace>& places = communes ? prepared.communes : prepared.villages;
    const std::vector<PlaceResult>& results = communes ? result.communes : result.villages;
    const std::size_t techs = result.technologies.size();

    // Villages per commune, and how many of them each technology covers.
    std::vector<std::int64_t> villages_in(prepared.communes.size(), 0);
    std::vector<std::vector<std::int64_t>> covered_in(prepared.communes.size(), std::vector<std::int64_t>(techs, 0));
    for (std::size_t i = 0; i < prepared.villages.size(); ++i) {
        if (!prepared.villages[i].commune) continue;
        const std::size_t c = *prepared.villages[i].commune;
        ++villages_in[c];
        for (std::size_t t = 0; t < techs; ++t) covered_in[c][t] += result.villages[i].per_tech[t].second.covered;
    }

    AttributeTable table;
    for (const char* name : {"kind", "id", "name", "commune", "district"}) table.add_field(name, FieldType::Text);
    table.add_field("population", FieldType::Real);
    table.add_field("x", FieldType::Real, 1);
    table.add_field("y", FieldType::Real, 1);
    for (const TechnologyResult& tr : result.technologies) {
        const std::string k(to_key(tr.technology()));
        table.add_field(k + "_covered", FieldType::Text);
        table.add_field(k + "_covered_share", FieldType::Real, 4);
        table.add_field(k + "_covered_population", FieldType::Real, 1);
        table.add_field(k + "_best_dbm", FieldType::Real, 1);
        table.add_field(k + "_any_signal", FieldType::Text);
    }
    table.add_field("best_technology", FieldType::Text);
    table.add_field("villages", FieldType::Integer);
    for (const TechnologyResult& tr : result.technologies)
        table.add_field(std::string(to_key(tr.technology())) + "_villages_covered", FieldType::Integer);
    table.add_field("signal_at_centre", FieldType::Text);
    const bool power = std::any_of(prepared.villages.begin(), prepared.villages.end(), [](const GriddedPlace& v) { return v.powered; });
    if (power) table.add_field("powered", FieldType::Text);
    const std::vector<std::string> operator_prefixes = operator_keys(prepared.operators);
    for (const std::string& op : operator_prefixes)
        for (const TechnologyResult& tr : result.technologies) {
            const std::string k(to_key(tr.technology()));
            table.add_field(op + "_" + k + "_covered", FieldType::Text);
            table.add_field(op + "_" + k + "_best_dbm", FieldType::Real, 1);
        }
    std::vector<std::string> inputs;
    if (input_attributes && !places.empty()) {
        // Every place of a layer carries the layer's fields in input order.
        for (const auto& [name, value] : places.front().place->attributes) inputs.push_back(name);
        for (const std::string& name : inputs) {
            // Field names are unique regardless of case (GeoPackage columns): "kind" and "KIND" both clash.
            auto taken = [&](const std::string& candidate) {
                return std::any_of(table.fields.begin(), table.fields.end(),
                                   [&](const FieldDefinition& f) { return lower(f.name) == lower(candidate); });
            };
            std::string unique = name;
            for (int n = 1; taken(unique); ++n) unique = name + "_input" + (n > 1 ? std::to_string(n) : "");
            table.add_field(unique, FieldType::Text);
        }
    }

    for (std::size_t i = 0; i < places.size(); ++i) {
        const GriddedPlace& gp = places[i];
        std::vector<FieldValue>& row = table.add_row(gp.wkb);
        append(row, std::string(communes ? "commune" : "village"), gp.place->id, gp.place->name,
                               commune_name(prepared, gp.commune), gp.district, gp.place->population, gp.position.x,
                               gp.position.y);
        for (const auto& [tech, c] : results[i].per_tech) {
            append(row, std::string(c.covered ? "yes" : "no"), c.covered_share, c.covered_population);
            append_optional(row, c.best_dbm ? std::optional(static_cast<double>(*c.best_dbm)) : std::nullopt);
            row.push_back(std::string(c.has_signal ? "yes" : "no"));
        }
        const auto best = best_technology(results[i].per_tech);
        row.push_back(best ? std::string(to_string(*best)) : std::string("none"));
        append_optional(row, communes ? std::optional(villages_in[i]) : std::nullopt);
        for (std::size_t t = 0; t < techs; ++t) append_optional(row, communes ? std::optional(covered_in[i][t]) : std::nullopt);
        append_optional(row, communes ? std::nullopt : std::optional(std::string(results[i].signal_at_centre ? "yes" : "no")));
        if (power) append_optional(row, gp.powered ? std::optional(std::string(*gp.powered ? "yes" : "no")) : std::nullopt);
        for (const PlaceCoverage& mine : results[i].per_operator)
            for (const auto& [tech, c] : mine.per_tech) {
                row.push_back(std::string(c.covered ? "yes" : "no"));
                append_optional(row, c.best_dbm ? std::optional(static_cast<double>(*c.best_dbm)) : std::nullopt);
            }
        for (const std::string& name : inputs) {
            FieldValue value;
            for (const auto& [field, text] : gp.place->attributes)
                if (field == name) value = text;
            row.push_back(std::move(value));
        }
    }
    return table;
}

AttributeTable dead_zone_table(const PreparedAnalysis& prepared, const AnalysisResult& result, std::size_t tech_index) {
    const TechnologyGaps& gaps = result.technologies[tech_index].gaps;
    AttributeTable table;
    table.add_field("tech", FieldType::Text);
    table.add_field("rank", FieldType::Integer);
    table.add_field("region", FieldType::Integer);
    table.add_field("area_km2", FieldType::Real, 4);
    table.add_field("population", FieldType::Real, 1);
    table.add_field("villages", FieldType::Integer);
    table.add_field("village_population", FieldType::Real);
    table.add_field("village_names", FieldType::Text);
    table.add_field("commune", FieldType::Text);
    table.add_field("district", FieldType::Text);
    table.add_field("communes_touched", FieldType::Integer);
    table.add_field("width_m", FieldType::Real, 1);
    table.add_field("x", FieldType::Real, 1);
    table.add_field("y", FieldType::Real, 1);
    for (const DeadZone* z : ranked_zones(gaps.analysis)) {
        const auto k = static_cast<std::size_t>(z->region - 1);
        std::string names;
        for (std::size_t v : z->villages) names += (names.empty() ? "" : "; ") + prepared.villages[v].place->name;
        std::vector<FieldValue>& row = table.add_row(gaps.zone_wkb[k]);
        append(row, std::string(to_key(gaps.analysis.technology)), static_cast<std::int64_t>(z->rank),
                               static_cast<std::int64_t>(z->region), z->area_km2, z->population,
                               static_cast<std::int64_t>(z->villages.size()), z->village_population, names,
                               commune_name(prepared, z->commune),
                               z->commune ? prepared.communes[*z->commune].district : std::string(),
                               static_cast<std::int64_t>(z->communes_touched));
        append_optional(row, z->width ? std::optional(z->width->value()) : std::nullopt);
        append(row, gaps.zone_label_point[k].x, gaps.zone_label_point[k].y);
    }
    return table;
}

AttributeTable covered_area_table(const AnalysisResult& result, std::size_t tech_index) {
    const TechnologyGaps& gaps = result.technologies[tech_index].gaps;
    const PixelRegions& regions = gaps.analysis.covered;
    std::vector<double> people(regions.count(), 0.0);
    for (std::size_t i = 0; i < regions.labels.size(); ++i)
        if (regions.labels[i] > 0) people[static_cast<std::size_t>(regions.labels[i] - 1)] += result.area.people[i];
    const double pixel_km2 = result.area.grid.pixel_area_m2() / 1e6;
    AttributeTable table;
    table.add_field("tech", FieldType::Text);
    table.add_field("region", FieldType::Integer);
    table.add_field("area_km2", FieldType::Real, 4);
    table.add_field("population", FieldType::Real, 1);
    for (std::size_t k = 0; k < regions.count(); ++k) {
        std::vector<FieldValue>& row = table.add_row(gaps.covered_wkb[k]);
        append(row, std::string(to_key(gaps.analysis.technology)), static_cast<std::int64_t>(k + 1),
                               static_cast<double>(regions.pixel_counts[k]) * pixel_km2, people[k]);
    }
    return table;
}

std::size_t worst_served_ranking_technology(const AnalysisResult& result) {
    for (std::size_t t = result.technologies.size(); t-- > 0;) {
        const std::string key = "_" + std::string(to_key(result.technologies[t].technology()));
        for (const TargetOutcome& o : result.targets) {
            const std::string& m = o.target.metric;
            if (m.find(key + "_") != std::string::npos || m.ends_with(key)) return t;
        }
    }
    return result.technologies.empty() ? 0 : result.technologies.size() - 1;
}

void write_gap_report(std::ostream& md, const PreparedAnalysis& prepared, const AnalysisResult& result,
                      const RunConfig& config, std::size_t top_n) {
    md << "\n## Dead zones\n\n";
    md << "Connected areas below the covered level"
       << (prepared.communes.empty() ? "" : " inside the communes") << "; people from "
       << (prepared.villages.empty() ? "the communes' population spread over their area" : "the villages")
       << ". Slivers (under " << format_number(config.gaps.dead_zones.min_area_km2) << " km²"
       << (config.gaps.dead_zones.min_width.value() > 0 ? " or narrower than " + format_number(config.gaps.dead_zones.min_width.value()) + " m" : "")
       << ", with no village) are counted apart. All zones: `dead_zones.csv`.\n\n";
    for (const TechnologyResult& tr : result.technologies) {
        const GapAnalysis& g = tr.gaps.analysis;
        const auto zones = ranked_zones(g);
        const double analysed = g.analysed.area_km2;
        md << "### " << to_string(g.technology) << ": " << zones.size() << " dead zones, " << format_fixed(g.dead_area.area_km2, 2)
           << " km² (" << format_percent(analysed > 0 ? g.dead_area.area_km2 / analysed : 0.0) << " of "
           << format_fixed(analysed, 2) << " km²), " << format_fixed(g.dead_area.population, 0) << " people\n\n";
        md << "Slivers: " << (g.zones.size() - zones.size()) << ", " << format_fixed(g.slivers.area_km2, 2) << " km², "
           << format_fixed(g.slivers.population, 0) << " people.\n\n";
        md << "![" << to_string(g.technology) << ": received level, dead zones and villages](" << map_file_name(g.technology)
           << ")\n\n";
        if (zones.empty()) continue;
        md << "| rank | area (km²) | people | villages inside | commune | district |\n|---|---|---|---|---|---|\n";
        for (std::size_t r = 0; r < std::min(top_n, zones.size()); ++r) {
            const DeadZone& z = *zones[r];
            std::string villages = std::to_string(z.villages.size());
            for (std::size_t v = 0; v < std::min<std::size_t>(3, z.villages.size()); ++v)
                villages += (v ? ", " : ": ") + markdown_cell(prepared.villages[z.villages[v]].place->name);
            if (z.villages.size() > 3) villages += ", …";
            md << "| " << z.rank << " | " << format_fixed(z.area_km2, 2) << " | " << format_fixed(z.population, 0) << " | "
               << villages << " | " << markdown_cell(commune_name(prepared, z.commune)) << " | "
               << markdown_cell(z.commune ? prepared.communes[*z.commune].district : std::string()) << " |\n";
        }
        md << "\n";
    }
    if (prepared.communes.empty() || result.technologies.empty()) return;

    // Per commune and technology: people and villages, from the villages when there are any.
    const std::size_t techs = result.technologies.size();
    const bool by_villages = !prepared.villages.empty();
    struct CommuneTally {
        double people = 0.0;
        std::vector<double> covered;
        std::vector<std::size_t> villages_covered;
        std::size_t villages = 0;
    };
    std::vector<CommuneTally> tally(prepared.communes.size(), {0.0, std::vector<double>(techs, 0.0), std::vector<std::size_t>(techs, 0), 0});
    for (std::size_t c = 0; c < prepared.communes.size() && !by_villages; ++c) {
        tally[c].people = prepared.communes[c].footprint.population;
        for (std::size_t t = 0; t < techs; ++t) tally[c].covered[t] = result.communes[c].per_tech[t].second.covered_population;
    }
    for (std::size_t v = 0; v < prepared.villages.size(); ++v) {
        if (!prepared.villages[v].commune) continue;
        CommuneTally& ct = tally[*prepared.villages[v].commune];
        ++ct.villages;
        ct.people += prepared.villages[v].footprint.population;
        for (std::size_t t = 0; t < techs; ++t) {
            const PlaceTechCoverage& c = result.villages[v].per_tech[t].second;
            ct.covered[t] += c.covered_population;
            ct.villages_covered[t] += c.covered;
        }
    }
    // Worst first: most people without the ranking technology, then without the others, highest first.
    const std::size_t ranked_by = worst_served_ranking_technology(result);
    std::vector<std::size_t> tech_order{ranked_by};
    for (std::size_t t = techs; t-- > 0;)
        if (t != ranked_by) tech_order.push_back(t);
    std::vector<std::size_t> order(prepared.communes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        for (const std::size_t t : tech_order) {
            const double ua = tally[a].people - tally[a].covered[t], ub = tally[b].people - tally[b].covered[t];
            if (ua != ub) return ua > ub;
        }
        return false;
    });
    md << "## Worst-served communes\n\nRanked by people without " << to_string(result.technologies[ranked_by].technology())
       << (result.targets.empty() ? " (the highest technology analysed)" : " (the highest technology the targets name)")
       << "; people " << (by_villages ? "of the villages in each commune" : "spread over each commune")
       << ". All communes: `places.csv`.\n\n| commune | district | population |";
    for (const TechnologyResult& tr : result.technologies)
        md << " people with " << to_string(tr.technology()) << " |" << (by_villages ? " villages with " + std::string(to_string(tr.technology())) + " |" : "");
    md << "\n|---|---|---|";
    for (std::size_t t = 0; t < techs; ++t) md << (by_villages ? "---|---|" : "---|");
    md << "\n";
    for (std::size_t r = 0; r < std::min(top_n, order.size()); ++r) {
        const std::size_t c = order[r];
        const CommuneTally& ct = tally[c];
        md << "| " << markdown_cell(prepared.communes[c].place->name) << " | " << markdown_cell(prepared.communes[c].district) << " | "
           << format_fixed(ct.people, 0) << " |";
        for (std::size_t t = 0; t < techs; ++t) {
            md << " " << format_fixed(ct.covered[t], 0) << " (" << format_percent(ct.people > 0 ? ct.covered[t] / ct.people : 0.0) << ") |";
            if (by_villages) md << " " << ct.villages_covered[t] << " / " << ct.villages << " |";
        }
        md << "\n";
    }
}

void write_gap_summary(JsonWriter& j, const AnalysisResult& result, const RunConfig& config) {
    auto tally = [&j](const char* name, const AreaTally& t) {
        j.key(name).begin_object();
        j.key("pixels").value(t.pixels).key("area_km2").value(t.area_km2).key("population").value(t.population);
        j.end_object();
    };
    j.key("gaps").begin_object();
    j.key("settlement_radius_m").value(config.gaps.settlement_radius.value());
    j.key("village_covered_share").value(config.gaps.village_covered_share);
    j.key("commune_covered_share").value(config.gaps.commune_covered_share);
    j.key("min_dead_zone_area_km2").value(config.gaps.dead_zones.min_area_km2);
    j.key("min_dead_zone_width_m").value(config.gaps.dead_zones.min_width.value());
    j.key("technologies").begin_object();
    for (const TechnologyResult& tr : result.technologies) {
        const GapAnalysis& g = tr.gaps.analysis;
        const std::size_t zones = ranked_zones(g).size();
        j.key(std::string(to_key(g.technology))).begin_object();
        tally("analysed", g.analysed);
        tally("covered", g.covered_area);
        tally("dead_zones", g.dead_area);
        tally("slivers", g.slivers);
        j.key("dead_zone_count").value(zones).key("sliver_count").value(g.zones.size() - zones);
        j.key("covered_region_count").value(g.covered.count());
        j.end_object();
    }
    j.end_object();
    j.end_object();
}

}  // namespace phusong
