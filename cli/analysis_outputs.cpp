// Writes the results of `analyze`: rasters (GeoTIFF), places.csv, cells.csv, summary.json
// and report.md. Every file is written to a temporary name and renamed when complete.
#include <cmath>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "cli/analysis.hpp"
#include "io/atomic_output.hpp"
#include "io/geotiff_writer.hpp"
#include "io/json_writer.hpp"
#include "phusong/version.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;

std::string percent(double share) { return format_fixed(100.0 * share, 1) + "%"; }

std::string places_csv(const PreparedAnalysis& prepared, const AnalysisResult& result, const std::vector<Technology>& techs) {
    std::ostringstream out;
    // Villages per commune, and how many of them each technology covers.
    std::vector<std::size_t> villages_in(prepared.communes.size(), 0);
    std::vector<std::vector<std::size_t>> covered_in(prepared.communes.size(), std::vector<std::size_t>(techs.size(), 0));
    for (std::size_t i = 0; i < prepared.villages.size(); ++i) {
        if (!prepared.villages[i].commune) continue;
        const std::size_t c = *prepared.villages[i].commune;
        ++villages_in[c];
        for (std::size_t t = 0; t < techs.size(); ++t) covered_in[c][t] += result.villages[i].per_tech[t].second.covered;
    }
    out << "kind,id,name,commune,district,population,x,y";
    for (Technology t : techs) {
        const std::string k(to_key(t));
        out << "," << k << "_covered," << k << "_covered_share," << k << "_covered_population," << k << "_best_dbm";
    }
    out << ",best_technology,villages";
    for (Technology t : techs) out << "," << to_key(t) << "_villages_covered";
    out << "\n";
    auto rows = [&](const char* kind, const std::vector<GriddedPlace>& places, const std::vector<PlaceResult>& results) {
        for (std::size_t i = 0; i < places.size(); ++i) {
            const Place& p = *places[i].place;
            const std::string commune = places[i].commune ? prepared.communes[*places[i].commune].place->name : "";
            out << kind << "," << csv_field(p.id) << "," << csv_field(p.name) << "," << csv_field(commune) << ","
                << csv_field(places[i].district) << "," << format_number(p.population) << ","
                << format_fixed(places[i].position.x, 1) << "," << format_fixed(places[i].position.y, 1);
            const bool is_commune = std::string(kind) == "commune";
            for (const auto& [tech, c] : results[i].per_tech)
                out << "," << (c.covered ? "yes" : "no") << "," << format_fixed(c.covered_share, 4) << ","
                    << format_fixed(c.covered_population, 1) << ","
                    << (c.best_dbm ? format_fixed(*c.best_dbm, 1) : std::string());
            const auto best = best_technology(results[i].per_tech);
            out << "," << (best ? std::string(to_string(*best)) : std::string("none"));
            out << "," << (is_commune ? std::to_string(villages_in[i]) : "");
            for (std::size_t t = 0; t < techs.size(); ++t) out << "," << (is_commune ? std::to_string(covered_in[i][t]) : "");
            out << "\n";
        }
    };
    rows("village", prepared.villages, result.villages);
    rows("commune", prepared.communes, result.communes);
    return out.str();
}

std::string cells_csv(const PreparedAnalysis& prepared) {
    std::ostringstream out;
    out << "cell_index,site_id,operator,tech,freq_mhz,eirp_dbm,height_m,azimuth_deg,x,y\n";
    for (std::size_t i = 0; i < prepared.transmitters.size(); ++i) {
        const Transmitter& t = prepared.transmitters[i];
        const Cell& c = *prepared.transmitter_cells[i];
        out << t.cell_index << "," << csv_field(c.site_id) << "," << csv_field(c.operator_name) << "," << to_string(c.technology)
            << "," << format_number(c.frequency.value()) << "," << format_number(c.eirp.value()) << ","
            << format_number(c.antenna_height.value()) << "," << (c.azimuth ? format_number(c.azimuth->value()) : "") << ","
            << format_fixed(t.position.x, 1) << "," << format_fixed(t.position.y, 1) << "\n";
    }
    return out.str();
}

void write_metrics(JsonWriter& j, const MetricValues& values) {
    j.begin_object();
    for (const auto& [name, value] : values) j.key(name).value(value);
    j.end_object();
}

std::string summary_json(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                         const AnalysisOptions& o, const LinkBudget& budget) {
    JsonWriter j;
    j.begin_object();
    j.key("phusong_version").value(kVersion);
    j.key("inputs").begin_object();
    j.key("towers").value(o.towers).key("tower_format").value(inputs.towers.format);
    j.key("cells_read").value(inputs.towers.cells.size()).key("cells_analysed").value(prepared.transmitters.size());
    j.key("dem").value(o.dem).key("villages").value(o.villages).key("communes").value(o.communes);
    j.end_object();
    j.key("grid").begin_object();
    j.key("crs").value(prepared.grid.crs).key("resolution_m").value(o.resolution_m);
    j.key("width").value(prepared.grid.width).key("height").value(prepared.grid.height);
    const Extent e = prepared.grid.extent();
    j.key("extent").begin_array().value(e.west).value(e.south).value(e.east).value(e.north).end_array();
    j.key("dem_void_pixels").value(prepared.dem.void_pixels).key("dem_filled_pixels").value(prepared.dem.filled_pixels);
    j.end_object();
    j.key("model").begin_object();
    j.key("name").value(o.model).key("radius_km").value(o.radius_km).key("rx_height_m").value(o.rx_height_m);
    j.key("margin_db").value(o.margin_db).key("warning_flags").value(static_cast<std::int64_t>(result.coverage.model_warnings));
    j.key("itm_warning_flags").value(static_cast<std::int64_t>(result.coverage.itm_warnings));
    j.end_object();
    j.key("technologies").begin_object();
    for (const TechnologySummary& s : result.summaries) {
        const TechnologyBudget& b = budget[s.technology];
        j.key(std::string(to_key(s.technology))).begin_object();
        j.key("metric").value(b.metric).key("threshold_dbm").value(b.threshold.value());
        j.key("covered_level_dbm").value(budget.covered_level(s.technology).value());
        j.key("villages").value(s.villages).key("villages_covered").value(s.villages_covered);
        j.key("villages_covered_share").value(s.villages_share());
        j.key("village_population").value(s.village_population).key("village_population_covered").value(s.village_population_covered);
        j.key("communes").value(s.communes).key("communes_with_signal").value(s.communes_with_signal);
        j.key("communes_with_signal_share").value(s.communes_with_signal_share());
        j.key("commune_population").value(s.commune_population).key("commune_population_covered").value(s.commune_population_covered);
        j.key("area_covered_share").value(s.area_share());
        j.end_object();
    }
    j.end_object();
    j.key("metrics").begin_object();
    const auto whole = result.metrics.find("");
    j.key("whole_area");
    write_metrics(j, whole != result.metrics.end() ? whole->second : MetricValues{});
    j.key("districts").begin_object();
    for (const auto& [scope, values] : result.metrics)
        if (!scope.empty()) {
            j.key(scope);
            write_metrics(j, values);
        }
    j.end_object();
    j.end_object();
    j.key("targets").begin_array();
    for (const TargetOutcome& t : result.targets) {
        j.begin_object();
        j.key("metric").value(t.target.metric).key("district").value(t.target.district);
        j.key("min");
        t.target.min ? j.value(*t.target.min) : j.null();
        j.key("max");
        t.target.max ? j.value(*t.target.max) : j.null();
        j.key("measured").value(t.measured).key("passed").value(t.passed);
        j.end_object();
    }
    j.end_array();
    j.end_object();
    return j.str();
}

std::string report_md(const PreparedAnalysis& prepared, const AnalysisResult& result, const AnalysisOptions& o,
                      const LinkBudget& budget) {
    std::ostringstream md;
    md << "# phusong coverage report\n\n";
    md << "- Towers: `" << o.towers << "` (" << prepared.transmitters.size() << " cells analysed)\n";
    md << "- Terrain: `" << o.dem << "`; grid " << prepared.grid.width << " × " << prepared.grid.height << " pixels of "
       << o.resolution_m << " m in " << prepared.grid.crs << "\n";
    md << "- Model: " << o.model << ", radius " << o.radius_km << " km, receiver " << o.rx_height_m << " m, margin "
       << o.margin_db << " dB\n\n";
    md << "| technology | metric | covered at | villages covered | village population covered | communes with signal | area covered |\n";
    md << "|---|---|---|---|---|---|---|\n";
    for (const TechnologySummary& s : result.summaries) {
        md << "| " << to_string(s.technology) << " | " << budget[s.technology].metric << " | ≥ "
           << format_fixed(budget.covered_level(s.technology).value(), 1) << " dBm | " << s.villages_covered << " / "
           << s.villages << " (" << percent(s.villages_share()) << ") | " << format_fixed(s.village_population_covered, 0)
           << " / " << format_fixed(s.village_population, 0) << " | " << s.communes_with_signal << " / " << s.communes
           << " | " << percent(s.area_share()) << " |\n";
    }
    if (!result.targets.empty()) {
        md << "\n## Coverage targets (`" << o.targets << "`)\n\n| metric | scope | target | measured | result |\n|---|---|---|---|---|\n";
        for (const TargetOutcome& t : result.targets) {
            std::string target;
            if (t.target.min) target += "≥ " + format_number(*t.target.min);
            if (t.target.max) target += std::string(target.empty() ? "" : ", ") + "≤ " + format_number(*t.target.max);
            md << "| " << t.target.metric << " | " << (t.target.district.empty() ? "whole area" : t.target.district) << " | "
               << target << " | " << format_fixed(t.measured, 4) << " | " << (t.passed ? "pass" : "**FAIL**") << " |\n";
        }
    }
    md << "\nPer-place results: `places.csv`; serving cells: `cells.csv`; rasters: `signal_<tech>.tif` (dBm), "
          "`server_<tech>.tif` (cell index), `servers_<tech>.tif` (cells at or above the covered level).\n";
    return md.str();
}

}  // namespace

void write_outputs(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                   const AnalysisOptions& options, const LinkBudget& budget) {
    const fs::path dir = options.out_dir;
    ensure_output_directory(dir);
    // Everything is written to temporary files first and renamed together at the end.
    AtomicOutputSet set;
    std::vector<Technology> techs;
    for (const TechnologyCoverage& tc : result.coverage.technologies) {
        techs.push_back(tc.technology);
        const std::string key(to_key(tc.technology));
        write_geotiff(set.add(dir / ("signal_" + key + ".tif")), tc.signal_dbm, {"signal_" + key, "dBm"});
        write_geotiff(set.add(dir / ("server_" + key + ".tif")), tc.server, {"server_" + key, "cell index"});
        write_geotiff(set.add(dir / ("servers_" + key + ".tif")), tc.servers_above,
                      {"servers_" + key, "cells at or above the covered level"});
    }
    write_text(set.add(dir / "places.csv"), places_csv(prepared, result, techs));
    write_text(set.add(dir / "cells.csv"), cells_csv(prepared));
    write_text(set.add(dir / "summary.json"), summary_json(inputs, prepared, result, options, budget));
    write_text(set.add(dir / "report.md"), report_md(prepared, result, options, budget));
    set.commit_all();
}

}  // namespace phusong
