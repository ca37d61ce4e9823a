#include "cli/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "geo/crs.hpp"
#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "geo/terrain_profile.hpp"
#include "io/atomic_output.hpp"
#include "io/candidate_reader.hpp"
#include "io/csv_table.hpp"
#include "io/json_writer.hpp"

namespace phusong {
namespace {

/// Grids above this many pixels are refused instead of risking an out-of-memory kill:
/// each pixel costs about 20 bytes per technology (signal, server, count) plus the DEM.
constexpr std::size_t kMaxGridPixels = 250'000'000;

void check_options(const AnalysisOptions& o) {
    auto in_range = [](double v, double lo, double hi, const char* name) {
        if (!(v >= lo && v <= hi))
            throw InputError(std::string("--") + name + " must be in [" + format_number(lo) + ", " + format_number(hi) + "]");
    };
    in_range(o.resolution_m, 1.0, 10000.0, "resolution-m");
    in_range(o.radius_km, 0.1, 200.0, "radius-km");
    in_range(o.rx_height_m, 0.1, 100.0, "rx-height-m");
    in_range(o.margin_db, -50.0, 50.0, "margin-db");
    in_range(o.settlement_radius_m, 0.0, 10000.0, "settlement-radius-m");
    in_range(static_cast<double>(o.threads), 1.0, 256.0, "threads");
    if (o.radius_km * 1000.0 < 2.0 * o.resolution_m)
        throw InputError("--radius-km must be at least two pixels (2 x --resolution-m)");
    const std::size_t ray_bytes = ray_table_bytes(Metres::from_kilometres(o.radius_km), Metres{o.resolution_m}, {});
    if (ray_bytes > kMaxRayTableBytes)
        throw InputError("--radius-km " + std::to_string(o.radius_km) + " at --resolution-m " + std::to_string(o.resolution_m) +
                         " needs " + std::to_string(ray_bytes >> 20) + " MiB of terrain rays per mast (limit " +
                         std::to_string(kMaxRayTableBytes >> 20) + " MiB); use a smaller radius or a coarser resolution");
    if (o.model == "itm" && o.rx_height_m < 0.5) throw InputError("--rx-height-m must be at least 0.5 m for ITM");
    in_range(o.village_covered_share, 0.0, 1.0, "village-covered-share");
    in_range(o.min_dead_zone_area_km2, 0.0, 1e6, "min-dead-zone-area-km2");
    in_range(o.min_dead_zone_width_m, 0.0, 1e6, "min-dead-zone-width-m");
    if (!parse_propagation_model(o.model))
        throw InputError("--model: unknown model '" + o.model + "' (expected itm, deygout, fspl, hata or cost231)");
    itm_settings_from(o.itm);
    if (!parse_objective(o.objective))
        throw InputError("--objective: '" + o.objective + "' is not population, villages or communes");
    if (!o.candidates.empty() && o.auto_candidates > 0) throw InputError("--candidates and --auto: give one of them, not both");
    in_range(static_cast<double>(o.select), 1.0, 100000.0, "select");
    in_range(static_cast<double>(o.auto_candidates), 0.0, 100000.0, "auto");
    in_range(o.site_budget, 0.0, 1e15, "budget");
    in_range(o.exact_time_limit_s, 0.1, 86400.0, "exact-time-limit-s");
    if (!parse_hata_environment(o.environment))
        throw InputError("--environment: '" + o.environment + "' is not urban, large-city, suburban or open");
}

Extent grow(Extent e, double by) { return {e.west - by, e.south - by, e.east + by, e.north + by}; }
Extent unite(const std::optional<Extent>& a, const Extent& b) {
    if (!a) return b;
    return {std::min(a->west, b.west), std::min(a->south, b.south), std::max(a->east, b.east), std::max(a->north, b.north)};
}
double distance_to(const Extent& e, XY p) {
    const double dx = std::max({e.west - p.x, 0.0, p.x - e.east});
    const double dy = std::max({e.south - p.y, 0.0, p.y - e.north});
    return std::hypot(dx, dy);
}

/// Centre of the inputs in lon/lat, for choosing the UTM zone.
LonLat centre_of(const LoadedInputs& in) {
    std::optional<Extent> box;
    for (const std::optional<PlaceLoad>* layer : {&in.communes, &in.villages})
        if (*layer)
            for (const Place& p : (*layer)->layer.places) box = unite(box, envelope(geometry_from_wkb(p.wkb_lonlat).get()));
    if (!box)
        for (const Cell& c : in.towers.cells) box = unite(box, Extent{c.location.lon, c.location.lat, c.location.lon, c.location.lat});
    return {(box->west + box->east) / 2.0, (box->south + box->north) / 2.0};
}

std::string attribute_of(const Place& p, const std::string& field);

/// The analysis CRS: --crs, else the UTM zone of the inputs; projected with metre axes.
std::string analysis_crs(const LoadedInputs& in, const AnalysisOptions& options) {
    const std::string crs = options.crs.empty() ? "EPSG:" + std::to_string(utm_epsg_for(centre_of(in))) : options.crs;
    validate_crs(crs);
    if (is_geographic_crs(crs)) throw CrsError("--crs: the analysis CRS must be projected (metres), not " + crs);
    if (!has_metre_axes(crs)) throw CrsError("--crs: the analysis CRS must have axes in metres: " + crs + " does not");
    return crs;
}

/// Limits of the chosen model that a cell can break, named after its tower record.
void check_model_limits(const Cell& c, const AnalysisOptions& options) {
    if (options.model != "itm") return;
    if (c.frequency.value() > 20000.0)
        throw InputError(c.origin + ": field 'freq_mhz': " + std::to_string(c.frequency.value()) +
                         " MHz is above ITM's 20000 MHz (choose another --model)");
    if (c.antenna_height.value() < 0.5 || c.antenna_height.value() > 3000.0)
        throw InputError(c.origin + ": field 'height_m': ITM needs antenna heights of 0.5-3000 m");
}

Transmitter make_transmitter(const Cell& c, XY position, std::size_t index, const LinkBudget& budget) {
    Transmitter t;
    t.cell_index = static_cast<std::int32_t>(index);
    t.position = position;
    t.antenna_height = c.antenna_height;
    t.technology = c.technology;
    t.frequency = c.frequency;
    t.reference_eirp = c.eirp + budget[c.technology].reference_share;
    t.antenna.azimuth = c.azimuth;
    t.antenna.horizontal_beamwidth = c.beamwidth;
    t.antenna.downtilt = c.downtilt;
    return t;
}

/// Commune pixels, weighted by the population raster when given (even spread where it has nobody).
void place_communes(std::vector<GriddedPlace>& communes, const std::vector<Geometry>& shapes, const GridSpec& grid,
                    const std::optional<Grid<float>>& people, std::vector<std::string>& warnings) {
    for (std::size_t i = 0; i < communes.size(); ++i) {
        PlaceFootprint& fp = communes[i].footprint;
        fp.pixels = pixels_covered(shapes[i].get(), grid);
        if (fp.pixels.empty()) fp.pixels = pixels_within(grid, communes[i].position, Metres{0.0});
        if (!people) continue;
        double total = 0.0;
        for (std::size_t px : fp.pixels) {
            fp.weights.push_back(people->values()[px]);
            total += fp.weights.back();
        }
        if (!(total > 0.0)) {
            fp.weights.clear();
            warnings.push_back(communes[i].place->origin + ": no people in --population-raster; population spread evenly");
        }
    }
}

/// A commune's district is its own field; a village takes its own field, else its commune's.
void assign_districts(std::vector<GriddedPlace>& villages, std::vector<GriddedPlace>& communes,
                      const std::vector<Geometry>& commune_shapes, const std::string& field) {
    std::vector<PreparedGeometry> prepared;
    for (std::size_t i = 0; i < communes.size(); ++i) {
        communes[i].district = attribute_of(*communes[i].place, field);
        communes[i].commune = i;
        prepared.push_back(prepare(commune_shapes[i].get()));
    }
    for (GriddedPlace& v : villages) {
        for (std::size_t c = 0; c < prepared.size() && !v.commune; ++c)
            if (covers(prepared[c].get(), v.position)) v.commune = c;
        v.district = attribute_of(*v.place, field);
        if (v.district.empty() && v.commune) v.district = communes[*v.commune].district;
    }
}

std::string attribute_of(const Place& p, const std::string& field) {
    for (const auto& [name, value] : p.attributes)
        if (name == field) return value;
    return {};
}

/// Footprints (pixels, population weights), communes and districts of the projected places.
void place_on_grid(PreparedAnalysis& out, const LoadedInputs& in, const AnalysisOptions& options,
                   const std::vector<Geometry>& commune_geoms, const std::vector<Geometry>& village_geoms) {
    std::optional<Grid<float>> people;
    if (!options.population_raster.empty()) people = read_population_raster(options.population_raster, out.grid);
    place_communes(out.communes, commune_geoms, out.grid, people, out.warnings);
    assign_districts(out.villages, out.communes, commune_geoms, options.district_field);
    for (std::size_t i = 0; i < out.villages.size(); ++i) {
        PlaceFootprint& fp = out.villages[i].footprint;
        if (in.villages->layer.geometry == PlaceGeometry::Polygon) fp.pixels = pixels_covered(village_geoms[i].get(), out.grid);
        if (fp.pixels.empty()) fp.pixels = pixels_within(out.grid, out.villages[i].position, Metres{options.settlement_radius_m});
    }
    std::size_t outside = 0;
    for (const std::vector<GriddedPlace>* places : {&out.villages, &out.communes})
        for (const GriddedPlace& p : *places) outside += p.footprint.pixels.empty();
    if (outside)
        out.warnings.push_back(std::to_string(outside) + " place(s) lie outside the analysis grid and count as not covered");
}

std::vector<GriddedPlace> project_places(const std::optional<PlaceLoad>& layer, const Transformer& to_grid,
                                         std::vector<Geometry>& geometries) {
    std::vector<GriddedPlace> out;
    if (!layer) return out;
    for (const Place& p : layer->layer.places) {
        Geometry g = transform_geometry(geometry_from_wkb(p.wkb_lonlat).get(), to_grid);
        GriddedPlace gp;
        gp.place = &p;
        gp.position = point_on_surface(g.get());
        gp.wkb = geometry_to_wkb(g.get());
        gp.footprint.population = p.population;
        out.push_back(std::move(gp));
        geometries.push_back(std::move(g));
    }
    return out;
}

}  // namespace

std::vector<Technology> selected_technologies(const AnalysisOptions& options) {
    std::vector<Technology> out;
    for (const std::string& name : options.technologies) {
        const auto t = parse_technology(name);
        if (!t) throw InputError("--tech: unknown technology '" + name + "' (expected 2g, 3g, 4g or 5g)");
        if (std::find(out.begin(), out.end(), *t) == out.end()) out.push_back(*t);
    }
    if (out.empty()) throw InputError("--tech: no technology selected");
    std::sort(out.begin(), out.end());
    return out;
}

void keep_technologies(std::vector<SignalRaster>& rasters, const std::string& tech_list, const std::string& source) {
    if (tech_list.empty()) return;
    AnalysisOptions o;
    o.technologies = split_list(tech_list);
    const std::vector<Technology> wanted = selected_technologies(o);
    for (Technology t : wanted)
        if (std::none_of(rasters.begin(), rasters.end(), [t](const SignalRaster& r) { return r.technology == t; }))
            throw InputError({source, "", "signal_" + std::string(to_key(t))}, "no such raster table (--tech)");
    std::erase_if(rasters, [&](const SignalRaster& r) { return std::find(wanted.begin(), wanted.end(), r.technology) == wanted.end(); });
}

std::vector<PlaceOutcome> place_outcomes(const std::vector<GriddedPlace>& places, const std::vector<PlaceResult>& results) {
    std::vector<PlaceOutcome> out;
    for (std::size_t i = 0; i < places.size(); ++i) {
        PlaceOutcome o{places[i].footprint.population, places[i].district, {}, {}, false};
        for (const auto& [tech, c] : results[i].per_tech) {
            o.covered.push_back(c.covered);
            o.covered_population.push_back(c.covered_population);
            o.has_signal = o.has_signal || c.has_signal;
        }
        out.push_back(std::move(o));
    }
    return out;
}

std::vector<Technology> analysed_technologies(const AnalysisResult& result) {
    std::vector<Technology> techs;
    for (const TechnologyCoverage& tc : result.coverage.technologies) techs.push_back(tc.technology);
    return techs;
}

CoverageSettings coverage_settings(const AnalysisOptions& options) {
    CoverageSettings settings;
    settings.model = *parse_propagation_model(options.model);
    settings.radius = Metres::from_kilometres(options.radius_km);
    settings.rx_height = Metres{options.rx_height_m};
    settings.itm = itm_settings_from(options.itm);
    settings.hata_environment = *parse_hata_environment(options.environment);
    settings.threads = options.threads;
    return settings;
}

LinkBudget budget_from(const AnalysisOptions& options) {
    LinkBudget budget;
    budget.set_margin(Db{options.margin_db});
    for (const std::string& s : options.budgets) budget.apply(s);
    return budget;
}

LoadedInputs load_inputs(const AnalysisOptions& options) {
    check_options(options);
    TowerDefaults defaults;
    for (const std::string& s : options.tech_defaults) defaults.apply(s);
    LoadedInputs in;
    if (!options.towers.empty()) {
        in.towers = read_towers(options.towers, defaults);
        in.warnings = in.towers.warnings;
    }
    if (!options.villages.empty()) {
        in.villages = read_places(options.villages, {options.village_population_field, "", "", ""});
        in.warnings.insert(in.warnings.end(), in.villages->warnings.begin(), in.villages->warnings.end());
    }
    if (!options.communes.empty()) {
        in.communes = read_places(options.communes, {options.commune_population_field, "", "", ""});
        if (in.communes->layer.geometry != PlaceGeometry::Polygon)
            throw InputError({options.communes, "", ""}, "communes must be polygons");
        in.warnings.insert(in.warnings.end(), in.communes->warnings.begin(), in.communes->warnings.end());
    }
    if (!options.targets.empty()) in.targets = parse_targets(read_text_file(options.targets), options.targets);
    if (!options.candidates.empty()) in.candidates = read_candidates(options.candidates);
    return in;
}

PreparedAnalysis prepare_analysis(const LoadedInputs& in, const AnalysisOptions& options, const LinkBudget& budget) {
    PreparedAnalysis out;
    const std::string crs = analysis_crs(in, options);
    const Transformer to_grid(kWgs84, crs);

    // The analysed area: communes, else villages (with their settlement discs), else towers.
    std::vector<Geometry> commune_geoms, village_geoms;
    out.communes = project_places(in.communes, to_grid, commune_geoms);
    out.villages = project_places(in.villages, to_grid, village_geoms);
    std::optional<Extent> area;
    for (const Geometry& g : commune_geoms) area = unite(area, envelope(g.get()));
    for (const Geometry& g : village_geoms) area = unite(area, grow(envelope(g.get()), options.settlement_radius_m));
    const std::vector<Technology> techs = selected_technologies(options);
    std::vector<std::pair<const Cell*, XY>> cells;
    for (const Cell& c : in.towers.cells)
        if (std::find(techs.begin(), techs.end(), c.technology) != techs.end())
            cells.emplace_back(&c, to_grid.forward({c.location.lon, c.location.lat}));
    if (!area) {
        for (const auto& [c, xy] : cells) area = unite(area, Extent{xy.x, xy.y, xy.x, xy.y});
        if (!area) throw InputError({options.towers, "", "tech"}, "no cell of the selected technologies");
        area = grow(*area, options.radius_km * 1000.0);
    }
    // Masts farther than the radius from the area cannot reach it; nearer ones extend the grid.
    const double radius_m = options.radius_km * 1000.0;
    Extent extent = *area;
    std::size_t out_of_reach = 0;
    std::vector<std::pair<const Cell*, XY>> in_reach;
    for (const auto& [c, xy] : cells) {
        if (distance_to(*area, xy) > radius_m) {
            ++out_of_reach;
            continue;
        }
        check_model_limits(*c, options);
        in_reach.emplace_back(c, xy);
        extent = unite(extent, Extent{xy.x, xy.y, xy.x, xy.y});
    }
    if (out_of_reach)
        out.warnings.push_back(std::to_string(out_of_reach) + " cell(s) farther than --radius-km from the area were ignored");
    extent = grow(extent, options.resolution_m);
    const double pixels = (extent.width() / options.resolution_m) * (extent.height() / options.resolution_m);
    if (pixels > static_cast<double>(kMaxGridPixels))
        throw InputError("analysis grid of " + std::to_string(static_cast<long long>(pixels)) + " pixels (" +
                         std::to_string(static_cast<int>(extent.width() / 1000)) + " km x " +
                         std::to_string(static_cast<int>(extent.height() / 1000)) + " km at " +
                         std::to_string(options.resolution_m) + " m) exceeds the limit of " +
                         std::to_string(kMaxGridPixels) + " pixels; use a coarser --resolution-m");
    out.grid = GridSpec::covering(extent, Metres{options.resolution_m}, crs);
    out.dem = read_dem(options.dem, out.grid);
    out.warnings.insert(out.warnings.end(), out.dem.warnings.begin(), out.dem.warnings.end());

    for (const auto& [c, xy] : in_reach) {
        if (!sample_bilinear(out.dem.elevation_m, xy))
            throw InputError(c->origin + ": field 'lon': tower '" + c->site_id + "' at (" + std::to_string(c->location.lon) +
                             ", " + std::to_string(c->location.lat) + ") is not covered by the DEM " + options.dem);
        out.transmitters.push_back(make_transmitter(*c, xy, out.transmitter_cells.size(), budget));
        out.transmitter_cells.push_back(c);
    }

    place_on_grid(out, in, options, commune_geoms, village_geoms);
    return out;
}

PreparedAnalysis prepare_places(const LoadedInputs& in, const AnalysisOptions& options, const GridSpec& grid) {
    PreparedAnalysis out;
    out.grid = grid;
    const Transformer to_grid(kWgs84, grid.crs);
    std::vector<Geometry> commune_geoms, village_geoms;
    out.communes = project_places(in.communes, to_grid, commune_geoms);
    out.villages = project_places(in.villages, to_grid, village_geoms);
    place_on_grid(out, in, options, commune_geoms, village_geoms);
    return out;
}

AnalysisResult assess_coverage(const PreparedAnalysis& prepared, const AnalysisOptions& options,
                               const LinkBudget& budget, bool show_progress) {
    std::map<Technology, Dbm> levels;
    for (Technology t : selected_technologies(options)) levels[t] = budget.covered_level(t);
    CoverageSettings settings = coverage_settings(options);
    Progress progress("predicting coverage", show_progress);
    settings.on_mast_done = [&progress](std::size_t done, std::size_t total) { progress.update(done, total, "masts"); };
    CoverageResult coverage = predict_coverage(prepared.dem.elevation_m, prepared.transmitters, levels, settings);
    std::vector<char> terrain(prepared.grid.size());
    for (std::size_t i = 0; i < terrain.size(); ++i) terrain[i] = !std::isnan(prepared.dem.elevation_m.values()[i]);
    return assess_places(prepared, std::move(coverage), options, terrain);
}

AnalysisResult assess_places(const PreparedAnalysis& prepared, CoverageResult coverage, const AnalysisOptions& options,
                             const std::vector<char>& terrain) {
    AnalysisResult result;
    result.coverage = std::move(coverage);
    auto footprints = [](const std::vector<GriddedPlace>& places) {
        std::vector<PlaceFootprint> out;
        for (const GriddedPlace& p : places) out.push_back(p.footprint);
        return out;
    };
    const std::vector<PlaceFootprint> village_fp = footprints(prepared.villages), commune_fp = footprints(prepared.communes);
    std::vector<std::optional<std::size_t>> village_pixels;
    for (const GriddedPlace& v : prepared.villages) {
        const auto px = prepared.grid.pixel_of(v.position);
        village_pixels.push_back(px ? std::optional(px->second * prepared.grid.width + px->first) : std::nullopt);
    }
    result.area = build_area_model(prepared.grid, terrain, village_fp, village_pixels, commune_fp);
    result.villages.resize(village_fp.size());
    result.communes.resize(commune_fp.size());
    for (const TechnologyCoverage& tc : result.coverage.technologies) {
        std::vector<PlaceTechCoverage> v, c;
        for (std::size_t i = 0; i < village_fp.size(); ++i) {
            v.push_back(assess_place(village_fp[i], tc, options.village_covered_share, PopulationCount::WholeWhenCovered));
            result.villages[i].per_tech.emplace_back(tc.technology, v.back());
        }
        for (std::size_t i = 0; i < commune_fp.size(); ++i) {
            c.push_back(assess_place(commune_fp[i], tc, 0.0));
            result.communes[i].per_tech.emplace_back(tc.technology, c.back());
        }
        result.summaries.push_back(summarise(tc, village_fp, v, commune_fp, c, result.area.analysed));
    }
    result.metrics = metrics_by_scope(analysed_technologies(result), place_outcomes(prepared.villages, result.villages),
                                      place_outcomes(prepared.communes, result.communes));

    const DeadZoneFilter filter{options.min_dead_zone_area_km2, Metres{options.min_dead_zone_width_m}};
    for (const TechnologyCoverage& tc : result.coverage.technologies) result.gaps.push_back(analyse_gaps(tc, result.area, filter));
    return result;
}

int report_and_write(const LoadedInputs& inputs, const PreparedAnalysis& prepared, AnalysisResult& result,
                     const AnalysisOptions& options, const LinkBudget& budget) {
    const bool verbose = !options.quiet;
    // Checked before anything is written: an unmeasurable target is bad input (exit 2).
    if (!inputs.targets.empty()) result.targets = check_targets(inputs.targets, result.metrics, options.targets);
    write_outputs(inputs, prepared, result, options, budget);
    if (verbose && result.coverage.itm_warnings)
        std::cerr << "warning: ITM flagged some links (results valid, use with care): "
                  << itm::describe_warnings(result.coverage.itm_warnings) << "\n";
    if (verbose) {
        std::cerr << "analysed " << prepared.grid.width << " x " << prepared.grid.height << " pixels ("
                  << prepared.grid.transform.dx << " m, " << prepared.grid.crs << "), " << prepared.transmitters.size()
                  << " cells; outputs in " << options.out_dir << "/\n";
        for (std::size_t t = 0; t < result.summaries.size(); ++t) {
            const TechnologySummary& s = result.summaries[t];
            std::cerr << "  " << to_string(s.technology) << ": " << s.villages_covered << "/" << s.villages
                      << " villages covered, " << static_cast<int>(std::round(100.0 * s.area_share())) << "% of the area, "
                      << ranked_zones(result.gaps[t].analysis).size() << " dead zones\n";
        }
    }
    if (result.targets.empty()) return exit_code::kOk;
    std::cout << format_target_table(result.targets);
    const bool all_pass = std::all_of(result.targets.begin(), result.targets.end(), [](const TargetOutcome& t) { return t.passed; });
    return all_pass ? exit_code::kOk : exit_code::kTargetsNotMet;
}

void print_warnings(const std::vector<std::string>& warnings, bool quiet) {
    if (quiet) return;
    for (const std::string& w : warnings) std::cerr << "warning: " << w << "\n";
}

int run_analyze(int argc, const char* const argv[], const std::string& executable) {
    const auto options = parse_analysis_options(argc, argv, executable);
    if (!options) return exit_code::kOk;
    const LinkBudget budget = budget_from(*options);
    const LoadedInputs inputs = load_inputs(*options);
    const PreparedAnalysis prepared = prepare_analysis(inputs, *options, budget);
    print_warnings(inputs.warnings, options->quiet);
    print_warnings(prepared.warnings, options->quiet);
    check_output_location(options->out_dir);
    AnalysisResult result = assess_coverage(prepared, *options, budget, Progress::wanted(options->quiet));
    if (!options->quiet && result.coverage.masts_off_dem)
        std::cerr << "warning: " << result.coverage.masts_off_dem << " mast(s) had no terrain at their foot and were skipped\n";
    result.ranking = rank_candidates(inputs, prepared, result, *options, budget, prepared.dem.elevation_m,
                                     Progress::wanted(options->quiet));
    if (result.ranking) print_warnings(result.ranking->warnings, options->quiet);
    return report_and_write(inputs, prepared, result, *options, budget);
}

}  // namespace phusong
