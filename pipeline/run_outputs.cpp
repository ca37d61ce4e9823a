// Writes the results of a run: rasters (GeoTIFF), places.csv, dead_zones.csv, cells.csv,
// candidates.csv, phusong.gpkg, maps, summary.json and report.md. Every file is written to a
// temporary name and all are renamed together when complete.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <functional>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/run_outputs.hpp"
#include "coverage/parallel.hpp"
#include "pipeline/gap_outputs.hpp"
#include "pipeline/html_report.hpp"
#include "pipeline/indicator_outputs.hpp"
#include "geo/errors.hpp"
#include "pipeline/map_style.hpp"
#include "pipeline/operators.hpp"
#include "pipeline/output_folder.hpp"
#include "pipeline/run.hpp"
#include "pipeline/run_memory.hpp"
#include "pipeline/maps.hpp"
#include "pipeline/ranking_outputs.hpp"
#include "pipeline/steps.hpp"
#include "geo/hillshade.hpp"
#include "geo/geos_geometry.hpp"
#include "io/atomic_output.hpp"
#include "io/geopackage_writer.hpp"
#include "io/geotiff_writer.hpp"
#include "io/json_writer.hpp"
#include "phusong/version.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;

/// The spread of the masts' predicted ranges, km (zeros without masts).
struct ReachFigures {
    double min_km = 0.0, median_km = 0.0, max_km = 0.0;
};

ReachFigures reach_figures(const AnalysisResult& result) {
    std::vector<double> km;
    for (const Metres m : result.reach.per_mast) km.push_back(m.value() / 1000.0);
    if (km.empty()) return {};
    std::sort(km.begin(), km.end());
    return {km.front(), km[km.size() / 2], km.back()};
}

/// The people per pixel the figures counted (NaN outside the analysed area).
Grid<float> population_grid(const AreaModel& area) {
    Grid<float> out(area.grid, std::nanf(""), std::nanf(""));
    for (std::size_t i = 0; i < area.people.size(); ++i)
        if (area.analysed[i]) out.values()[i] = static_cast<float>(area.people[i]);
    return out;
}

/// --operator-rasters: each operator's signal raster per technology, named as in the GeoPackage.
std::vector<std::pair<std::string, const Grid<float>*>> operator_rasters_of(const PreparedAnalysis& prepared,
                                                                            const AnalysisResult& result, const RunConfig& config) {
    if (!config.predicts()) return {};  // Gaps/Rank: the rasters came from the input GeoPackage
    std::vector<const TechnologyCoverage*> techs;
    for (const TechnologyResult& t : result.technologies) techs.push_back(&t.coverage);
    return operator_signal_rasters(techs, prepared.operators, config);
}

/// The class table of the run's land cover, with each class's share of the grid; with a
/// calibration, the losses it applies (class_loss_db).
std::string landcover_classes_md(const LandCoverGrids& landcover, ClutterModel model, const std::optional<CalibratedModel>& calibration) {
    std::map<int, std::size_t> pixels;  // code → pixels; −1: no class
    for (const std::int32_t code : landcover.classes.values()) ++pixels[code];
    const auto all = static_cast<double>(landcover.classes.values().size());
    auto share_of = [&](int code) {
        const auto n = pixels.find(code);
        return n == pixels.end() || all == 0.0 ? 0.0 : 100.0 * static_cast<double>(n->second) / all;
    };
    std::ostringstream md;
    md << "## Land cover classes\n\nFrom " << landcover.table.source << ". ";
    switch (model) {
        case ClutterModel::None: md << "Not used for clutter (`--clutter none`)."; break;
        case ClutterModel::Table: md << "Each receiver loses its class's loss."; break;
        case ClutterModel::P2108: md << "Classes with a clutter height get the P.2108 §3.2 loss; the others none."; break;
    }
    md << "\n\n| class | name | clutter height (m) | loss (dB) | share of the grid |\n|---|---|---|---|---|\n";
    for (const LandCoverClass& k : landcover.table.classes) {
        const double loss = calibration ? class_loss_db(*calibration, k.code, k.loss.value()) : k.loss.value();
        md << "| " << k.code << " | " << k.name << " | " << format_number(k.height.value()) << " | " << format_fixed(loss, 1)
           << (calibration && calibration->clutter_db.contains(k.code) ? " (calibrated)" : "") << " | "
           << format_fixed(share_of(k.code), 1) << " % |\n";
    }
    if (pixels.contains(-1)) md << "| — | no class (no clutter) | | | " << format_fixed(share_of(-1), 1) << " % |\n";
    md << "\n![Land cover classes](" << kLandCoverMapFile << ")\n\n";
    return md.str();
}

/// "reach by link budget 3.2-41 km per mast (median 18 km, cap 100 km)" or "radius 20 km".
std::string reach_text(const AnalysisResult& result, const RadioConfig& radio) {
    if (radio.reach == ReachRule::Fixed) return "radius " + format_number(radio.radius.value() / 1000.0) + " km";
    const ReachFigures r = reach_figures(result);
    auto km = [](double v) { return format_number(std::round(v * 10.0) / 10.0); };
    std::string text = "reach by link budget " + km(r.min_km) + "-" + km(r.max_km) + " km per mast (median " +
                       km(r.median_km) + " km, cap " + km(radio.radius.value() / 1000.0) + " km";
    if (result.reach.at_cap) text += ", reached by " + std::to_string(result.reach.at_cap) + " mast(s)";
    if (result.reach.at_grid_edge)
        text += "; " + std::to_string(result.reach.at_grid_edge) + " mast(s) still within reach where the grid ends";
    return text + ")";
}


std::string places_csv(const PreparedAnalysis& prepared, const AnalysisResult& result) {
    // Villages and communes share the columns (without their input attributes).
    return to_csv(place_table(prepared, result, PlaceKind::Village, false)) +
           to_csv(place_table(prepared, result, PlaceKind::Commune, false), false);
}

/// The tables written both as CSV and as GeoPackage layers, built once.
struct SharedTables {
    std::vector<AttributeTable> dead_zones;   ///< per technology
    std::optional<AttributeTable> candidates;
};

SharedTables shared_tables(const PreparedAnalysis& prepared, const AnalysisResult& result) {
    SharedTables out;
    for (std::size_t t = 0; t < result.technologies.size(); ++t) out.dead_zones.push_back(dead_zone_table(prepared, result, t));
    if (result.ranking) out.candidates = candidate_table(*result.ranking, !result.targets.empty());
    return out;
}

std::string dead_zones_csv(const SharedTables& tables) {
    std::string out;
    for (std::size_t t = 0; t < tables.dead_zones.size(); ++t) out += to_csv(tables.dead_zones[t], t == 0);
    if (tables.dead_zones.empty()) out = to_csv(AttributeTable{});
    return out;
}

/// One row per analysed cell, at its mast.
AttributeTable cell_table(const PreparedAnalysis& prepared) {
    AttributeTable table;
    table.add_field("cell_index", FieldType::Integer);
    for (const char* name : {"site_id", "operator", "tech"}) table.add_field(name, FieldType::Text);
    for (const char* name : {"freq_mhz", "eirp_dbm", "height_m", "azimuth_deg"}) table.add_field(name, FieldType::Real);
    table.add_field("x", FieldType::Real, 1);
    table.add_field("y", FieldType::Real, 1);
    for (std::size_t i = 0; i < prepared.transmitters.size(); ++i) {
        const Transmitter& t = prepared.transmitters[i];
        const Cell& c = *prepared.transmitter_cells[i];
        std::vector<FieldValue>& row = table.add_row(geometry_to_wkb(make_point(t.position).get()));
        append(row, std::int64_t{t.cell_index}, c.site_id, c.operator_name, std::string(to_string(c.technology)),
               c.frequency.value(), c.eirp.value(), c.antenna_height.value());
        append_optional(row, c.azimuth ? std::optional(c.azimuth->value()) : std::nullopt);
        append(row, t.position.x, t.position.y);
    }
    return table;
}

/// One row per district outline (PreparedAnalysis::districts).
AttributeTable district_table(const PreparedAnalysis& prepared) {
    AttributeTable table;
    table.add_field("district", FieldType::Text);
    for (const auto& [name, wkb] : prepared.districts) append(table.add_row(wkb), name);
    return table;
}

/// When and how the run was made, for the GeoPackage metadata.
std::vector<std::pair<std::string, std::string>> run_metadata(const RunConfig& config, const LoadedInputs& inputs,
                                                              const PreparedAnalysis& prepared, const AnalysisResult& result) {
    const GridSpec& grid = prepared.grid;
    const std::time_t now = std::time(nullptr);
    char created[32];
    std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    const RunInputs& in = config.inputs;
    std::vector<std::pair<std::string, std::string>> m{
        {"phusong_version", kVersion}, {"created_utc", created}, {"command", std::string(to_string(config.kind))},
        {"crs", grid.crs}, {"resolution_m", format_number(grid.transform.dx)}};
    for (const auto& [key, value] : {std::pair{"towers", in.towers}, std::pair{"dem", in.dem}, std::pair{"coverage", in.coverage},
                                     std::pair{"villages", inputs.villages_path}, std::pair{"communes", inputs.communes_path},
                                     std::pair{"population_raster", in.population_raster}, std::pair{"landcover", in.landcover},
                                     std::pair{"landcover_classes", in.landcover_classes}, std::pair{"targets", in.targets},
                                     std::pair{"candidates", in.candidates}})
        if (!value.empty()) m.emplace_back(std::string("input_") + key, value);
    if (config.predicts() || config.ranks()) {
        const RadioConfig& r = config.radio;
        m.insert(m.end(), {{"model", to_string(r.model)}, {"radius_km", format_number(r.radius.value() / 1000.0)},
                           {"reach", r.reach == ReachRule::Auto ? "auto" : "fixed"},
                           {"rx_height_m", format_number(r.rx_height.value())}});
        // The engine predicts rasters; candidates are always scored over straight profiles.
        if (config.predicts()) m.emplace_back("engine", to_string(effective_engine(r.model, r.engine)));
        if (r.model == PropagationModel::Itm)
            m.insert(m.end(), {{"itm_climate", std::to_string(static_cast<int>(r.itm.climate))}, {"itm_n0", format_number(r.itm.N_0)},
                               {"itm_polarization", r.itm.polarization == itm::Polarization::Vertical ? "vertical" : "horizontal"},
                               {"itm_epsilon", format_number(r.itm.epsilon)}, {"itm_sigma_s_per_m", format_number(r.itm.sigma)},
                               {"itm_mdvar", std::to_string(r.itm.mdvar)}, {"itm_time_percent", format_number(r.itm.time)},
                               {"itm_location_percent", format_number(r.itm.location)},
                               {"itm_situation_percent", format_number(r.itm.situation)}});
    }
    m.emplace_back("margin_db", format_number(config.budget.margin().value()));
    // What later `gaps` and `rank` runs on these rasters take over (pipeline/run_memory.hpp).
    if (config.predicts() || !config.settings_from.empty())
        for (auto& item : remembered_settings(config)) m.push_back(std::move(item));
    if (!operator_rasters_of(prepared, result, config).empty()) m.emplace_back(kOperatorsMetadataItem, operators_metadata(prepared.operators));
    for (const TechnologyResult& t : result.technologies)
        m.emplace_back("covered_level_" + std::string(to_key(t.technology())) + "_dbm",
                       format_number(config.budget.covered_level(t.technology()).value()));
    m.insert(m.end(), {{"settlement_radius_m", format_number(config.gaps.settlement_radius.value())},
                       {"village_covered_share", format_number(config.gaps.village_covered_share)},
                       {"min_dead_zone_area_km2", format_number(config.gaps.dead_zones.min_area_km2)},
                       {"min_dead_zone_width_m", format_number(config.gaps.dead_zones.min_width.value())}});
    return m;
}

/// Every result in one GeoPackage: place layers, towers, dead zones and covered areas per
/// technology (vector), the rasters, QGIS default styles and the run's metadata.
void write_geopackage(AtomicOutput& output, const LoadedInputs& inputs, const PreparedAnalysis& prepared,
                      const AnalysisResult& result, const SharedTables& tables, const RunConfig& config) {
    GeoPackageWriter gpkg(output);
    const std::string& crs = prepared.grid.crs;
    StyledLayers styled;
    const bool villages = !prepared.villages.empty();
    if (villages)
        gpkg.add_vector_layer(to_layer(place_table(prepared, result, PlaceKind::Village, true), "places",
                                       "Villages with their coverage per technology", crs, LayerGeometry::Point));
    if (!prepared.communes.empty())
        gpkg.add_vector_layer(to_layer(place_table(prepared, result, PlaceKind::Commune, true), villages ? "communes" : "places",
                                       "Communes with their coverage per technology", crs, LayerGeometry::MultiPolygon));
    styled.places = villages || !prepared.communes.empty();
    styled.places_are_points = villages;
    styled.communes = villages && !prepared.communes.empty();
    if (!result.technologies.empty())
        styled.places_signal_field = std::string(to_key(result.technologies.back().technology())) + "_best_dbm";
    if (result.ranking) {
        gpkg.add_vector_layer(to_layer(*tables.candidates, "candidates",
                                       "Candidate sites, ranked by what they add (rank is empty for those not picked)", crs,
                                       LayerGeometry::Point));
        styled.candidates = true;
    }
    if (!prepared.districts.empty()) gpkg.add_vector_layer(to_layer(district_table(prepared), "districts", "District boundaries", crs, LayerGeometry::MultiPolygon));
    if (!prepared.transmitters.empty()) {
        gpkg.add_vector_layer(to_layer(cell_table(prepared), "towers", "Cells analysed (one point per cell, at its mast)", crs,
                                       LayerGeometry::Point));
        styled.towers = true;
    }
    for (std::size_t t = 0; t < result.technologies.size(); ++t) {
        const Technology tech = result.technologies[t].technology();
        const std::string key(to_key(tech)), name(to_string(tech));
        gpkg.add_vector_layer(to_layer(tables.dead_zones[t], "dead_zones_" + key,
                                       name + " dead zones (no signal at the covered level), ranked by people", crs,
                                       LayerGeometry::MultiPolygon));
        gpkg.add_vector_layer(to_layer(covered_area_table(result, t), "coverage_" + key,
                                       name + " covered area (best server at or above the covered level)", crs,
                                       LayerGeometry::MultiPolygon));
        styled.technologies.push_back(tech);
    }
    gpkg.add_layer_styles(layer_styles(styled));
    for (const TechnologyResult& t : result.technologies) {
        const TechnologyCoverage& tc = t.coverage;
        const std::string key(to_key(tc.technology));
        gpkg.add_raster("signal_" + key, tc.signal_dbm, {"signal_" + key, "dBm"});
        if (!prepared.transmitters.empty())
            gpkg.add_raster("server_" + key, convert_grid<float>(tc.server), {"server_" + key, "cell index"});
    }
    for (const auto& [table, raster] : operator_rasters_of(prepared, result, config)) gpkg.add_raster(table, *raster, {table, "dBm"});
    if (prepared.landcover) add_landcover_table(gpkg, *prepared.landcover);
    gpkg.set_metadata(run_metadata(config, inputs, prepared, result));
}

std::vector<std::vector<unsigned char>> district_wkb(const PreparedAnalysis& prepared) {
    std::vector<std::vector<unsigned char>> out;
    for (const auto& [name, wkb] : prepared.districts) out.push_back(wkb);
    return out;
}

/// map_landcover.png: the class codes coloured as in the GeoPackage, the legend listing the
/// classes present.
void write_landcover_map(const AtomicOutput& output, const PreparedAnalysis& prepared, const Grid<float>* shade,
                         const std::vector<std::vector<unsigned char>>& boundaries) {
    const LandCoverGrids& landcover = *prepared.landcover;
    Grid<float> values(prepared.grid, std::nanf(""), std::nanf(""));
    std::set<int> present;
    for (std::size_t i = 0; i < values.values().size(); ++i)
        if (const std::int32_t code = landcover.classes.values()[i]; code >= 0) {
            values.values()[i] = static_cast<float>(code);
            present.insert(code);
        }
    LandCoverMapData data{prepared.grid.extent(), shade, &values, {}, boundaries, district_wkb(prepared), {}, {}};
    const auto& classes = landcover.table.classes;
    const auto colours = landcover_colours(landcover.table);
    for (std::size_t k = 0; k < classes.size(); ++k)
        if (present.contains(classes[k].code))
            data.classes.push_back({classes[k].code - 0.5, classes[k].code + 0.5, {colours[k][0], colours[k][1], colours[k][2], 255},
                                    std::to_string(classes[k].code) + " " + classes[k].name});
    for (const GriddedPlace& v : prepared.villages) data.villages.push_back(v.position);
    for (const Transmitter& tx : prepared.transmitters) data.towers.push_back(tx.position);
    render_map_png(output, landcover_map(data), kMapWidthPx);
}

/// The map files of a run: one per technology (in result order), then the land cover's.
std::vector<fs::path> map_paths(const fs::path& dir, const PreparedAnalysis& prepared, const AnalysisResult& result) {
    std::vector<fs::path> out;
    for (const TechnologyResult& t : result.technologies) out.push_back(dir / map_file_name(t.technology()));
    if (prepared.landcover) out.push_back(dir / kLandCoverMapFile);
    return out;
}

/// One map per technology over the analysis grid, and the land cover's, into `outputs`
/// (reserved in map_paths' order), over the hillshade `shade` (nullptr: none).
void write_maps(const std::vector<AtomicOutput*>& outputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                const Grid<float>* shade) {
    std::vector<std::vector<unsigned char>> boundaries;
    for (const GriddedPlace& c : prepared.communes) boundaries.push_back(c.wkb);
    for (std::size_t t = 0; t < result.technologies.size(); ++t) {
        const TechnologyCoverage& tc = result.technologies[t].coverage;
        TechnologyMapData data{tc.technology, prepared.grid.extent(), shade, &tc.signal_dbm, {}, boundaries,
                               district_wkb(prepared), {}, {}, {}};
        for (const std::vector<unsigned char>& wkb : result.technologies[t].gaps.zone_wkb)
            if (!wkb.empty()) data.dead_zones.push_back(wkb);
        for (std::size_t v = 0; v < prepared.villages.size(); ++v)
            data.villages.emplace_back(prepared.villages[v].position, result.villages[v].per_tech[t].second.covered);
        for (const Transmitter& tx : prepared.transmitters)
            if (tx.technology == tc.technology) data.towers.push_back(tx.position);
        if (result.ranking && result.ranking->technology == tc.technology)
            for (const Pick& pick : result.ranking->picks) data.new_sites.push_back(result.ranking->positions[pick.candidate]);
        render_map_png(*outputs[t], technology_map(data), kMapWidthPx);
    }
    if (prepared.landcover) write_landcover_map(*outputs.back(), prepared, shade, boundaries);
}

std::string summary_json(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                         const RunConfig& config, const Diagnostics& diagnostics) {
    const LinkBudget& budget = config.budget;
    JsonWriter j;
    j.begin_object();
    j.key("phusong_version").value(kVersion);
    j.key("inputs").begin_object();
    j.key("towers").value(config.inputs.towers).key("tower_format").value(inputs.towers.format);
    j.key("coverage").value(config.inputs.coverage);
    j.key("cells_read").value(inputs.towers.cells.size()).key("cells_analysed").value(prepared.transmitters.size());
    j.key("dem").value(config.inputs.dem).key("villages").value(inputs.villages_path).key("communes").value(inputs.communes_path);
    j.key("population_raster").value(config.inputs.population_raster).key("district_outlines").value(config.inputs.districts);
    j.key("districts").begin_array();  // --district: the districts analysed; empty: all
    for (const std::string& d : config.districts) j.value(d);
    j.end_array();
    j.end_object();
    j.key("grid").begin_object();
    j.key("crs").value(prepared.grid.crs).key("resolution_m").value(prepared.grid.transform.dx);
    j.key("width").value(prepared.grid.width).key("height").value(prepared.grid.height);
    const Extent e = prepared.grid.extent();
    j.key("extent").begin_array().value(e.west).value(e.south).value(e.east).value(e.north).end_array();
    j.key("dem_void_pixels").value(prepared.dem.void_pixels).key("dem_filled_pixels").value(prepared.dem.filled_pixels);
    if (config.predicts()) {
        j.key("dem_pixel_m").value(std::round(prepared.dem.native_pixel_m));
        j.key("dem_coarser_than_grid").value(dem_coarser_than_grid(prepared.dem, Metres{prepared.grid.transform.dx}));
    }
    j.end_object();
    j.key("model");
    if (!config.predicts() && !config.ranks() && config.settings_from.empty()) {
        j.null();  // `gaps` on rasters of an unknown prediction
    } else {
        const RadioConfig& r = config.radio;
        j.begin_object();
        j.key("name").value(to_string(r.model));
        if (!config.settings_from.empty()) j.key("settings_from").value(config.settings_from);
        if (config.predicts()) j.key("engine").value(to_string(effective_engine(r.model, r.engine)));
        j.key("clutter").value(to_string(clutter_model(config)));
        if (clutter_model(config) == ClutterModel::P2108) j.key("clutter_percent").value(r.clutter_percent);
        if (r.model == PropagationModel::P1812) {
            j.key("p1812").begin_object();
            j.key("time_percent").value(r.p1812.time_percent).key("location_percent").value(r.p1812.location_percent);
            j.key("dn").value(r.p1812.DN).key("n0").value(r.p1812.N0);
            j.key("clutter_heights").value(prepared.landcover ? prepared.landcover->table.source : std::string("none"));
            j.end_object();
        }
        if (prepared.landcover) j.key("landcover_classes").value(prepared.landcover->table.source);
        if (r.calibration) {
            j.key("calibration").value(config.inputs.calibration);
            j.key("calibrated").begin_object();
            if (r.calibration->model == PropagationModel::Spm)
                for (std::size_t i = 0; i < r.calibration->spm.K.size(); ++i) j.key(spm_coefficient_name(i)).value(r.calibration->spm.K[i]);
            else
                j.key("a").value(r.calibration->correction.offset_db).key("b").value(r.calibration->correction.slope_db_per_decade);
            j.key("clutter_db").begin_object();
            for (const auto& [code, loss] : r.calibration->clutter_db) j.key(std::to_string(code)).value(loss);
            j.end_object().end_object();
        }
        j.key("radius_km").value(r.radius.value() / 1000.0);
        // Rank reaches only its candidates (each probed alike); the masts' figures come from runs that predict.
        j.key("reach").begin_object();
        j.key("rule").value(r.reach == ReachRule::Auto ? "auto" : "fixed").key("cap_km").value(r.radius.value() / 1000.0);
        if (config.predicts()) {
            const ReachFigures reach = reach_figures(result);
            j.key("masts_at_cap").value(result.reach.at_cap).key("masts_cut_for_memory").value(result.reach.cut_for_memory);
            j.key("masts_at_grid_edge").value(result.reach.at_grid_edge);
            j.key("mast_min_km").value(reach.min_km).key("mast_median_km").value(reach.median_km).key("mast_max_km").value(reach.max_km);
        }
        j.end_object();
        j.key("rx_height_m").value(r.rx_height.value()).key("margin_db").value(budget.margin().value());
        j.key("warning_flags").value(static_cast<std::int64_t>(result.model_warnings));
        j.key("itm_warning_flags").value(static_cast<std::int64_t>(result.itm_warnings));
        j.end_object();
    }
    j.key("technologies").begin_object();
    for (const TechnologyResult& t : result.technologies) {
        const TechnologySummary& s = t.summary;
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
    j.key("metrics");
    write_metrics_summary(j, result.metrics);
    if (!prepared.operators.empty()) {
        j.key("operators").begin_array();
        for (const std::string& name : prepared.operators) j.value(name);
        j.end_array();
    }
    write_gap_summary(j, result, config);
    if (result.ranking) write_ranking_summary(j, *result.ranking, config);
    j.key("targets").begin_array();
    for (const TargetOutcome& t : result.targets) {
        j.begin_object();
        j.key("metric").value(t.target.metric).key("district").value(t.target.district);
        j.key("operator").value(t.target.operator_name).key("powered_only").value(t.target.powered_only);
        j.key("min");
        t.target.min ? j.value(*t.target.min) : j.null();
        j.key("max");
        t.target.max ? j.value(*t.target.max) : j.null();
        j.key("measured").value(t.measured).key("passed").value(t.passed);
        j.end_object();
    }
    j.end_array();
    j.key("warnings").begin_array();
    for (const Diagnostic& d : diagnostics.all()) {
        j.begin_object();
        j.key("step").value(std::string(to_string(d.step))).key("severity").value(std::string(to_string(d.severity)));
        j.key("file").value(d.location.source).key("record").value(d.location.record).key("field").value(d.location.field);
        j.key("text").value(d.text);
        j.end_object();
    }
    j.end_array();
    j.end_object();
    return j.str();
}

}  // namespace

std::vector<std::string> report_input_lines(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                                            const RunConfig& config) {
    const LinkBudget& budget = config.budget;
    const RunInputs& in = config.inputs;
    const RadioConfig& radio = config.radio;
    std::vector<std::string> lines;
    std::ostringstream md;
    const auto next_line = [&] {
        lines.push_back(md.str());
        md.str("");
    };
    if (config.predicts()) {
        md << "Towers: `" << in.towers << "` (" << prepared.transmitters.size() << " cells analysed)";
        next_line();
        md << "Terrain: `" << in.dem << "` (pixels of about " << format_number(std::round(prepared.dem.native_pixel_m))
           << " m); grid " << prepared.grid.width << " × " << prepared.grid.height << " pixels of "
           << format_number(radio.resolution.value()) << " m in " << prepared.grid.crs;
        next_line();
        if (dem_coarser_than_grid(prepared.dem, radio.resolution)) {
            md << "**Terrain coarser than the grid:** the DEM's pixels are more than " << format_number(kCoarseDemFactor)
               << " times the grid's, so dead zones behind ridges narrower than them are missed.";
            next_line();
        }
        md << "Receiver clutter: ";
        switch (clutter_model(config)) {
            case ClutterModel::None: md << "none (foliage and buildings ignored)"; break;
            case ClutterModel::Table:
                md << (radio.calibration ? "the calibration's class losses (the table's for classes it did not measure)" : "the class table's losses");
                break;
            case ClutterModel::P2108:
                md << "ITU-R P.2108 §3.2 at " << format_number(radio.clutter_percent) << " % of locations, where the class is clutter";
                break;
        }
        if (prepared.landcover) md << "; classes: " << prepared.landcover->table.source;
        next_line();
        md << "Model: " << to_string(radio.model) << " (" << to_string(effective_engine(radio.model, radio.engine))
           << " engine), " << reach_text(result, radio) << ", receiver " << format_number(radio.rx_height.value())
           << " m, margin " << format_number(budget.margin().value()) << " dB";
        next_line();
        if (radio.model == PropagationModel::P1812) {
            md << "ITU-R P.1812-6: loss not exceeded for " << format_number(radio.p1812.time_percent) << " % of time and "
               << format_number(radio.p1812.location_percent) << " % of locations, ΔN " << format_number(radio.p1812.DN)
               << " N-units/km, N0 " << format_number(radio.p1812.N0) << " N-units, inland paths; clutter heights along each path "
               << (prepared.landcover ? "from the land-cover classes" : "none (no --landcover)");
            next_line();
        }
        if (const auto& c = radio.calibration) {
            md << "Calibration: `" << in.calibration << "`: ";
            if (c->model == PropagationModel::Spm) {
                md << "SPM with";
                for (std::size_t i = 0; i < c->spm.K.size(); ++i) md << (i ? ", " : " ") << spm_coefficient_name(i) << " = " << format_fixed(c->spm.K[i], 2);
            } else {
                md << "ITM + " << format_fixed(c->correction.offset_db, 2) << " + " << format_fixed(c->correction.slope_db_per_decade, 2) << "·log10(d/km) dB";
            }
            next_line();
        }
    } else {
        md << "Coverage: `" << in.coverage << "`; grid " << prepared.grid.width << " × " << prepared.grid.height
           << " pixels of " << format_number(prepared.grid.transform.dx) << " m in " << prepared.grid.crs << "; margin "
           << format_number(budget.margin().value()) << " dB";
        next_line();
    }
    for (const auto& [path, what] : {std::pair{inputs.villages_path, "Villages"}, std::pair{inputs.communes_path, "Communes"},
                                     std::pair{in.population_raster, "Population raster"}, std::pair{in.landcover, "Land cover"}})
        if (!path.empty()) {
            md << what << ": `" << path << "`";
            next_line();
        }
    if (!config.districts.empty()) {
        md << "Districts analysed (`--district`):";
        for (std::size_t i = 0; i < config.districts.size(); ++i) md << (i ? ", " : " ") << config.districts[i];
        md << "; masts outside them still serve them";
        next_line();
    }
    return lines;
}

namespace {

std::string report_md(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                      const RunConfig& config) {
    const LinkBudget& budget = config.budget;
    const RunInputs& in = config.inputs;
    std::ostringstream md;
    md << "# phusong coverage report\n\n";
    for (const std::string& line : report_input_lines(inputs, prepared, result, config)) md << "- " << line << "\n";
    md << "\n";
    if (prepared.landcover)
        md << landcover_classes_md(*prepared.landcover, clutter_model(config), config.radio.calibration);
    // People are counted from the villages when there are any (they locate people best), else the communes.
    const bool by_villages = !prepared.villages.empty();
    double people = 0.0;
    for (const GriddedPlace& p : by_villages ? prepared.villages : prepared.communes) people += p.footprint.population;
    md << "## Totals\n\nPopulation: " << format_number(people) << " people in "
       << (by_villages ? prepared.villages.size() : prepared.communes.size()) << (by_villages ? " villages" : " communes");
    if (by_villages && !prepared.communes.empty()) md << " (" << prepared.communes.size() << " communes)";
    md << ".\n\n| technology | metric | covered at | villages covered | people covered | communes with signal | area covered |\n";
    md << "|---|---|---|---|---|---|---|\n";
    for (const TechnologyResult& t : result.technologies) {
        const TechnologySummary& s = t.summary;
        const double covered = by_villages ? s.village_population_covered : s.commune_population_covered;
        md << "| " << to_string(s.technology) << " | " << budget[s.technology].metric << " | ≥ "
           << format_fixed(budget.covered_level(s.technology).value(), 1) << " dBm | " << s.villages_covered << " / "
           << s.villages << " (" << format_percent(s.villages_share()) << ") | " << format_fixed(covered, 0) << " ("
           << format_percent(people > 0 ? covered / people : 0.0) << ") | " << s.communes_with_signal << " / " << s.communes
           << " | " << format_percent(s.area_share()) << " |\n";
    }
    if (!result.targets.empty()) {
        md << "\n## Coverage targets (`" << in.targets << "`)\n\n| metric | scope | target | measured | result |\n|---|---|---|---|---|\n";
        for (const TargetOutcome& t : result.targets) {
            const std::string target = describe_bounds(t.target.min, t.target.max);
            md << "| " << t.target.metric << " | " << describe(t.target.scope()) << " | "
               << target << " | " << (t.target.metric.ends_with("_share") ? format_fixed(t.measured, 4) : format_number(t.measured)) << " | " << (t.passed ? "pass" : "**FAIL**") << " |\n";
        }
    }
    write_indicator_report(md, prepared, result);
    write_gap_report(md, prepared, result, config);
    if (result.ranking) write_ranking_report(md, *result.ranking, config, result.targets);
    md << "\n## Files\n\nPer-place results: `places.csv`; dead zones: `dead_zones.csv`; the people per pixel counted: "
          "`population.tif`; every layer (places, dead zones, "
          "covered areas, signal rasters) in `phusong.gpkg`";
    if (config.predicts())
        md << "; serving cells: `cells.csv`; rasters: `signal_<tech>.tif` (dBm), `server_<tech>.tif` (cell index), "
              "`servers_<tech>.tif` (cells at or above the covered level)";
    md << ".\n";
    return md.str();
}

void write_all(AtomicOutputSet& set, const fs::path& dir, const LoadedInputs& inputs, const PreparedAnalysis& prepared,
               const AnalysisResult& result, const RunConfig& config, const Diagnostics& diagnostics) {
    // Every file is reserved here, then written by its own job, the jobs spread over the run's
    // threads: the files are independent, so their bytes do not depend on the order.
    std::vector<std::function<void()>> jobs;
    const auto geotiff = [&](const fs::path& path, const auto& grid, RasterDescription description) {
        AtomicOutput& output = set.add(path);
        jobs.emplace_back([&output, &grid, description] { write_geotiff(output, grid, description); });
    };
    const auto text = [&](const fs::path& path, std::function<std::string()> content) {
        AtomicOutput& output = set.add(path);
        jobs.emplace_back([&output, content = std::move(content)] { write_text(output, content()); });
    };
    if (config.predicts())  // Gaps/Rank: the rasters came from the input GeoPackage
        for (const TechnologyResult& t : result.technologies) {
            const TechnologyCoverage& tc = t.coverage;
            const std::string key(to_key(tc.technology));
            geotiff(dir / ("signal_" + key + ".tif"), tc.signal_dbm, {"signal_" + key, "dBm"});
            geotiff(dir / ("server_" + key + ".tif"), tc.server, {"server_" + key, "cell index"});
            geotiff(dir / ("servers_" + key + ".tif"), tc.servers_above, {"servers_" + key, "cells at or above the covered level"});
        }
    for (const auto& [name, raster] : operator_rasters_of(prepared, result, config)) geotiff(dir / (name + ".tif"), *raster, {name, "dBm"});
    const Grid<float> population = population_grid(result.area);
    geotiff(dir / "population.tif", population, {"population", "people per pixel"});
    const SharedTables tables = shared_tables(prepared, result);
    text(dir / "places.csv", [&] { return places_csv(prepared, result); });
    text(dir / "dead_zones.csv", [&] { return dead_zones_csv(tables); });
    if (tables.candidates) text(dir / "candidates.csv", [&] { return to_csv(*tables.candidates); });
    if (config.predicts()) text(dir / "cells.csv", [&] { return to_csv(cell_table(prepared)); });
    AtomicOutput& gpkg = set.add(dir / "phusong.gpkg");
    jobs.emplace_back([&] { write_geopackage(gpkg, inputs, prepared, result, tables, config); });
    // One hillshade for the PNG maps and report.html's relief.
    std::optional<Grid<float>> shade;
    if (prepared.dem.elevation_m.width() > 0) shade = hillshade(prepared.dem.elevation_m);
    const Grid<float>* relief = shade ? &*shade : nullptr;
    std::vector<AtomicOutput*> maps;
    for (const fs::path& path : map_paths(dir, prepared, result)) maps.push_back(&set.add(path));
    jobs.emplace_back([&] { write_maps(maps, prepared, result, relief); });
    text(dir / "summary.json", [&] { return summary_json(inputs, prepared, result, config, diagnostics); });
    text(dir / "report.md", [&] { return report_md(inputs, prepared, result, config); });
    text(dir / "report.html", [&] { return report_html(inputs, prepared, result, config, relief); });
    parallel_for(jobs.size(), config.threads, [&](std::size_t j) { jobs[j](); });
}

}  // namespace

void write_run_outputs(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                       const RunConfig& config, const Diagnostics& diagnostics) {
    check_outputs_apart_from_inputs(config);  // also when the steps are called one by one
    OutputFolder folder(config.out);
    folder.write([&](AtomicOutputSet& set) { write_all(set, config.out, inputs, prepared, result, config, diagnostics); });
}

}  // namespace phusong
