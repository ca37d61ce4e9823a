#include "pipeline/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "coverage/targets.hpp"
#include "geo/text_format.hpp"
#include "io/json_writer.hpp"
#include "io/web_layers.hpp"
#include "pipeline/gap_outputs.hpp"
#include "pipeline/indicator_outputs.hpp"
#include "pipeline/map_style.hpp"
#include "pipeline/run_outputs.hpp"
#include "phusong/version.hpp"

namespace phusong {

// Defined in the source generated from Leaflet and pipeline/report_html/ (cmake/embed_text.cmake).
std::string leaflet_js();
std::string leaflet_css();
std::string report_js();
std::string report_css();

namespace {

using nlohmann::json;

/// Longest side of an image layer, pixels: the demo's grid fits whole; a province is shown coarser.
constexpr std::size_t kMaxImageSidePx = 2048;
/// Dead zones listed per technology (every zone is on the map).
constexpr std::size_t kTopDeadZones = 100;
/// Web Mercator's latitude limit (degrees): Leaflet cannot show an area beyond it.
constexpr double kMercatorLimitDeg = 85.0511;

double rounded(double value, double step) { return std::round(value / step) * step; }

/// A table cell: the text shown and the value it sorts by (null: sorts as text).
json cell(const std::string& text) { return json::array({text, nullptr}); }
json cell(const std::string& text, double sort_value) {
    return json::array({text, std::isfinite(sort_value) ? json(sort_value) : json(nullptr)});
}
json count_cell(double n) { return cell(format_number(n), n); }
json share_cell(double share) { return cell(format_percent(share), share); }

/// A table: id, title, columns, rows of cells; `district`: the column the district filter
/// applies to (−1: none); `zoom`: per row, what clicking it shows on the map (null: nothing).
struct Table {
    json value = json::object();
    explicit Table(std::string id, std::string title, std::vector<std::string> columns, int district_column = -1) {
        value["id"] = std::move(id);
        value["title"] = std::move(title);
        value["columns"] = std::move(columns);
        value["district"] = district_column;
        value["rows"] = json::array();
        value["zoom"] = json::array();
    }
    void add(json row, json zoom = nullptr) {
        value["rows"].push_back(std::move(row));
        value["zoom"].push_back(std::move(zoom));
    }
};

json image_layer(const WebImage& image) {
    return {{"url", "data:image/png;base64," + base64(image.png)},
            {"bounds", json::array({json::array({image.south, image.west}), json::array({image.north, image.east})})}};
}

Rgba signal_colour(float dbm) {
    for (const ColourBin& bin : signal_classes())
        if (dbm >= bin.lower && dbm < bin.upper) return {bin.colour.r, bin.colour.g, bin.colour.b, 200};
    return {0, 0, 0, 0};
}

json latlon(LonLat p) { return json::array({rounded(p.lat, 1e-6), rounded(p.lon, 1e-6)}); }

/// The site id of each cell index of the server rasters.
std::map<std::int32_t, std::string> site_of_cell(const PreparedAnalysis& prepared) {
    std::map<std::int32_t, std::string> out;
    for (std::size_t i = 0; i < prepared.transmitters.size(); ++i)
        out[prepared.transmitters[i].cell_index] = prepared.transmitter_cells[i]->site_id;
    return out;
}

/// The grid's corners in lon/lat: south-west, south-east, north-west, north-east.
struct Corners {
    LonLat sw, se, nw, ne;
};

json map_layers(const PreparedAnalysis& prepared, const AnalysisResult& result, const WebProjector& projector,
                const Corners& corners, const Grid<float>* shade) {
    json map = json::object();
    const auto& [sw, se, nw, ne] = corners;
    map["bounds"] = json::array({json::array({std::min(sw.lat, se.lat), std::min(sw.lon, nw.lon)}),
                                 json::array({std::max(nw.lat, ne.lat), std::max(ne.lon, se.lon)})});
    if (shade) {
        const auto grey = [](float v) {
            const auto g = static_cast<std::uint8_t>(std::clamp(60.0f + 195.0f * v, 0.0f, 255.0f));
            return Rgba{g, g, g, 255};
        };
        map["hillshade"] = image_layer(web_mercator_image(*shade, grey, WebResampling::Bilinear, kMaxImageSidePx));
    }
    json legend = json::array();
    for (const ColourBin& bin : signal_classes())
        legend.push_back({{"label", bin.label}, {"colour", json::array({bin.colour.r, bin.colour.g, bin.colour.b})}});
    map["legend"] = legend;
    const double tolerance = prepared.grid.transform.dx;  // display only: about one pixel
    map["technologies"] = json::array();
    for (const TechnologyResult& t : result.technologies) {
        json tech = {{"name", std::string(to_string(t.technology()))}};
        tech["signal"] = image_layer(web_mercator_image(t.coverage.signal_dbm, signal_colour, WebResampling::Nearest, kMaxImageSidePx));
        json zones = json::array();
        const auto& z = t.gaps.analysis.zones;
        for (std::size_t i = 0; i < z.size(); ++i) {
            if (z[i].sliver || t.gaps.zone_wkb[i].empty()) continue;
            zones.push_back({{"rank", z[i].rank}, {"area_km2", rounded(z[i].area_km2, 1e-3)}, {"population", std::round(z[i].population)},
                             {"geometry", json::parse(projector.geojson(t.gaps.zone_wkb[i], tolerance))}});
        }
        tech["dead_zones"] = zones;
        json shares = json::array();
        for (const PlaceResult& c : result.communes)
            for (const auto& [technology, coverage] : c.per_tech)
                if (technology == t.technology()) shares.push_back(rounded(coverage.covered_share, 1e-4));
        tech["commune_shares"] = shares;
        map["technologies"].push_back(std::move(tech));
    }
    json communes = json::array();
    for (const GriddedPlace& c : prepared.communes)
        communes.push_back({{"name", c.place->name}, {"district", c.district}, {"population", std::round(c.footprint.population)},
                            {"geometry", json::parse(projector.geojson(c.wkb, tolerance))}});
    map["communes"] = communes;
    const std::map<std::int32_t, std::string> sites_by_cell = site_of_cell(prepared);
    json villages = json::array();
    for (std::size_t v = 0; v < prepared.villages.size(); ++v) {
        const GriddedPlace& place = prepared.villages[v];
        json village = {{"name", place.place->name}, {"commune", commune_name(prepared, place.commune)}, {"district", place.district},
                        {"population", std::round(place.footprint.population)}, {"at", latlon(projector.lonlat(place.position))}};
        const auto pixel = prepared.grid.pixel_of(place.position);
        json techs = json::array();
        for (std::size_t t = 0; t < result.technologies.size(); ++t) {
            const PlaceTechCoverage& c = result.villages[v].per_tech[t].second;
            json level = {{"covered", c.covered}, {"best_dbm", c.best_dbm ? json(rounded(*c.best_dbm, 0.1)) : json(nullptr)}};
            const Grid<std::int32_t>& server = result.technologies[t].coverage.server;
            if (pixel && server.width() == prepared.grid.width && server.height() == prepared.grid.height)
                if (const auto s = sites_by_cell.find(server.at(pixel->first, pixel->second)); s != sites_by_cell.end())
                    level["site"] = s->second;
            techs.push_back(std::move(level));
        }
        village["techs"] = techs;
        villages.push_back(std::move(village));
    }
    map["villages"] = villages;
    std::map<std::string, json> sites;
    for (std::size_t i = 0; i < prepared.transmitters.size(); ++i) {
        const Cell& c = *prepared.transmitter_cells[i];
        json& site = sites[c.site_id];
        if (site.is_null()) site = {{"id", c.site_id}, {"operator", c.operator_name}, {"at", latlon(c.location)}, {"cells", json::array()}};
        site["cells"].push_back(std::string(to_string(c.technology)) + " " + format_number(c.frequency.value()) + " MHz");
    }
    map["sites"] = json::array();
    for (auto& [id, site] : sites) map["sites"].push_back(std::move(site));
    map["candidates"] = json::array();
    if (result.ranking)
        for (std::size_t k = 0; k < result.ranking->picks.size(); ++k) {
            const Pick& pick = result.ranking->picks[k];
            const CandidateSite& site = result.ranking->sites[pick.candidate];
            map["candidates"].push_back({{"rank", k + 1}, {"id", site.id}, {"name", site.name}, {"at", latlon(site.location)},
                                         {"people", std::round(pick.marginal.population)}});
        }
    return map;
}

json totals_table(const PreparedAnalysis& prepared, const AnalysisResult& result, const LinkBudget& budget) {
    const bool by_villages = !prepared.villages.empty();
    double people = 0.0;
    for (const GriddedPlace& p : by_villages ? prepared.villages : prepared.communes) people += p.footprint.population;
    Table t("totals", "Totals",
            {"technology", "metric", "covered at (dBm)", "villages covered", "share of villages", "people covered", "share of people",
             "communes with signal", "area covered"});
    for (const TechnologyResult& r : result.technologies) {
        const TechnologySummary& s = r.summary;
        const double covered = by_villages ? s.village_population_covered : s.commune_population_covered;
        t.add(json::array({cell(std::string(to_string(s.technology))), cell(budget[s.technology].metric),
                           cell(format_fixed(budget.covered_level(s.technology).value(), 1), budget.covered_level(s.technology).value()),
                           cell(std::to_string(s.villages_covered) + " / " + std::to_string(s.villages), static_cast<double>(s.villages_covered)),
                           share_cell(s.villages_share()), count_cell(std::round(covered)), share_cell(people > 0 ? covered / people : 0.0),
                           cell(std::to_string(s.communes_with_signal) + " / " + std::to_string(s.communes),
                                static_cast<double>(s.communes_with_signal)),
                           share_cell(s.area_share())}));
    }
    return t.value;
}

json targets_table(const AnalysisResult& result) {
    Table t("targets", "Coverage targets", {"metric", "scope", "target", "measured", "result"});
    for (const TargetOutcome& o : result.targets) {
        const bool share = o.target.metric.ends_with("_share");
        t.add(json::array({cell(o.target.metric), cell(describe(o.target.scope())), cell(describe_bounds(o.target.min, o.target.max)),
                           cell(share ? format_fixed(o.measured, 4) : format_number(o.measured), o.measured),
                           cell(o.passed ? "PASS" : "FAIL")}));
    }
    return t.value;
}

/// Districts (every operator) or operators (whole area): villages and people per technology.
json scope_table(const PreparedAnalysis& prepared, const AnalysisResult& result, bool districts) {
    const std::vector<Technology> techs = result.technology_list();
    std::vector<std::string> columns{districts ? "district" : "operator"};
    for (Technology t : techs) columns.push_back("villages with " + std::string(to_string(t)));
    for (Technology t : techs) columns.push_back("people with " + std::string(to_string(t)));
    columns.emplace_back("villages without signal");
    Table table(districts ? "districts" : "operators", districts ? "Districts" : "Operators", columns, districts ? 0 : -1);
    std::vector<std::string> names;
    if (districts) {
        names = metric_districts(result.metrics);
    } else {
        names = prepared.operators;
        names.emplace_back();
    }
    const bool villages = !prepared.villages.empty();
    for (const std::string& name : names) {
        const MetricScope scope = districts ? MetricScope{name, "", false} : MetricScope{"", name, false};
        json row = json::array({cell(name.empty() ? "any operator" : name)});
        for (Technology t : techs)
            row.push_back(villages ? share_cell(metric_value(result.metrics, scope, "villages_with_" + std::string(to_key(t)) + "_share")) : cell("—"));
        for (Technology t : techs) {
            const std::string key(to_key(t));
            const double people = metric_value(result.metrics, scope, "covered_population_" + key);
            row.push_back(cell(format_fixed(people, 0) + " (" + format_percent(metric_value(result.metrics, scope, "population_" + key + "_share")) + ")", people));
        }
        row.push_back(villages ? count_cell(metric_value(result.metrics, scope, "villages_without_signal")) : cell("—"));
        table.add(std::move(row));
    }
    return table.value;
}

json dead_zone_table(const PreparedAnalysis& prepared, const TechnologyResult& r, std::size_t tech_index) {
    const std::string name(to_string(r.technology()));
    Table t("dead_zones_" + std::string(to_key(r.technology())), name + " dead zones (the " + std::to_string(kTopDeadZones) + " with most people)",
            {"rank", "area (km²)", "people", "villages", "commune", "district"}, 5);
    std::vector<const DeadZone*> zones;
    for (const DeadZone& z : r.gaps.analysis.zones)
        if (!z.sliver && z.rank > 0) zones.push_back(&z);
    std::sort(zones.begin(), zones.end(), [](const DeadZone* a, const DeadZone* b) { return a->rank < b->rank; });
    if (zones.size() > kTopDeadZones) zones.resize(kTopDeadZones);
    for (const DeadZone* z : zones) {
        std::string villages;
        for (std::size_t v : z->villages) villages += (villages.empty() ? "" : ", ") + prepared.villages[v].place->name;
        const GriddedPlace* commune = z->commune ? &prepared.communes[*z->commune] : nullptr;
        t.add(json::array({count_cell(static_cast<double>(z->rank)), cell(format_fixed(z->area_km2, 2), z->area_km2),
                           count_cell(std::round(z->population)), cell(villages), cell(commune ? commune->place->name : ""),
                           cell(commune ? commune->district : "")}),
              {{"zone", json::array({tech_index, z->rank})}});
    }
    return t.value;
}

json village_table(const PreparedAnalysis& prepared, const AnalysisResult& result) {
    std::vector<std::string> columns{"village", "commune", "district", "people"};
    for (const TechnologyResult& r : result.technologies) columns.push_back(std::string(to_string(r.technology())) + " best (dBm)");
    for (const TechnologyResult& r : result.technologies) columns.push_back(std::string(to_string(r.technology())) + " covered");
    Table t("villages", "Villages", columns, 2);
    for (std::size_t v = 0; v < prepared.villages.size(); ++v) {
        const GriddedPlace& place = prepared.villages[v];
        json row = json::array({cell(place.place->name), cell(commune_name(prepared, place.commune)), cell(place.district),
                                count_cell(std::round(place.footprint.population))});
        for (const auto& [tech, c] : result.villages[v].per_tech)
            row.push_back(c.best_dbm ? cell(format_fixed(*c.best_dbm, 1), *c.best_dbm) : cell("—", -1e9));
        for (const auto& [tech, c] : result.villages[v].per_tech) row.push_back(cell(c.covered ? "yes" : "no"));
        t.add(std::move(row), {{"village", v}});
    }
    return t.value;
}

json picks_table(const RankingResult& ranking) {
    Table t("picks", "Where to build next: " + std::string(to_string(ranking.technology)) + " sites in the order picked",
            {"rank", "site", "name", "commune", "district", "people newly covered", "people covered by the picks so far"}, 4);
    for (std::size_t k = 0; k < ranking.picks.size(); ++k) {
        const Pick& p = ranking.picks[k];
        const CandidateSite& site = ranking.sites[p.candidate];
        t.add(json::array({count_cell(static_cast<double>(k + 1)), cell(site.id), cell(site.name), cell(ranking.communes[p.candidate]),
                           cell(ranking.districts[p.candidate]), count_cell(std::round(p.marginal.population)),
                           count_cell(std::round(p.cumulative.population))}),
              {{"candidate", k}});
    }
    return t.value;
}

/// Characters that could end the page's <script> element or start a comment inside it, escaped
/// the way JSON and JavaScript both read back.
std::string script_safe(const std::string& json_text) {
    std::string out;
    out.reserve(json_text.size());
    for (const char c : json_text) {
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else out += c;
    }
    return out;
}

std::string page(const std::string& title, const json& data) {
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                       xml_escape(title) + "</title>\n<style>\n" + leaflet_css() + "\n</style>\n<style>\n" + report_css() +
                       "\n</style>\n</head>\n<body>\n<noscript>This report needs JavaScript: the same figures are in report.md (compare.md).</noscript>\n<div id=\"app\"></div>\n<script>\n" + leaflet_js() + "\n</script>\n<script>\nconst PHUSONG = " +
                       script_safe(data.dump(-1, ' ', false, json::error_handler_t::replace)) + ";\n</script>\n<script>\n" + report_js() +
                       "\n</script>\n</body>\n</html>\n";
    return html;
}

}  // namespace

std::string report_html(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                        const RunConfig& config, const Grid<float>* shade) {
    const WebProjector projector(prepared.grid.crs);
    json data = {{"title", "phusong coverage report"}, {"version", kVersion}};
    data["facts"] = report_input_lines(inputs, prepared, result, config);
    const Extent e = prepared.grid.extent();
    const Corners corners{projector.lonlat({e.west, e.south}), projector.lonlat({e.east, e.south}), projector.lonlat({e.west, e.north}),
                          projector.lonlat({e.east, e.north})};
    double top = 0.0;
    for (const LonLat& corner : {corners.sw, corners.se, corners.nw, corners.ne}) top = std::max(top, std::abs(corner.lat));
    if (top < kMercatorLimitDeg) data["map"] = map_layers(prepared, result, projector, corners, shade);
    else data["facts"].push_back("**No map:** the area reaches beyond 85° of latitude, which Web Mercator maps cannot show.");
    json tables = json::array({totals_table(prepared, result, config.budget)});
    if (!result.targets.empty()) tables.push_back(targets_table(result));
    if (!prepared.operators.empty()) tables.push_back(scope_table(prepared, result, false));
    const std::vector<std::string> districts = metric_districts(result.metrics);
    if (!districts.empty()) tables.push_back(scope_table(prepared, result, true));
    if (result.ranking && !result.ranking->picks.empty()) tables.push_back(picks_table(*result.ranking));
    for (std::size_t t = 0; t < result.technologies.size(); ++t) tables.push_back(dead_zone_table(prepared, result.technologies[t], t));
    if (!prepared.villages.empty()) tables.push_back(village_table(prepared, result));
    data["tables"] = tables;
    data["districts"] = districts;
    return page("phusong coverage report", data);
}

std::string comparison_html(const RunComparison& comparison, const std::string& markdown_summary) {
    json data = {{"title", "phusong comparison"}, {"version", kVersion}};
    data["markdown"] = markdown_summary;
    std::set<std::string> districts;
    for (const VerdictChange& v : comparison.changes)
        if (!v.district.empty()) districts.insert(v.district);
    data["districts"] = districts;
    return page("phusong comparison", data);
}

}  // namespace phusong
