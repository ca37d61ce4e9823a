// prepare: the analysis grid and CRS, the DEM on it, the cells within reach and the places.
#include <algorithm>
#include <set>
#include <cmath>
#include <map>

#include "geo/crs.hpp"
#include "geo/errors.hpp"
#include "geo/text_format.hpp"
#include "geo/geos_geometry.hpp"
#include "geo/terrain_profile.hpp"
#include "io/json_writer.hpp"
#include "pipeline/operators.hpp"
#include "pipeline/land_cover.hpp"
#include "pipeline/steps.hpp"

namespace phusong {
namespace {

/// The analysis CRS may scale distances by at most this much anywhere in the area (UTM
/// stays within 0.1 % of true scale inside its zone).
constexpr double kMaxScaleError = 0.01;
/// Angular distortion above this (radians) means the CRS is not conformal.
constexpr double kMaxAngularDistortionRad = 1e-6;

Extent grow(Extent e, double by) { return {e.west - by, e.south - by, e.east + by, e.north + by}; }
Extent unite(const std::optional<Extent>& a, const Extent& b) {
    if (!a) return b;
    return {std::min(a->west, b.west), std::min(a->south, b.south), std::max(a->east, b.east), std::max(a->north, b.north)};
}
Extent point_extent(XY p) { return {p.x, p.y, p.x, p.y}; }

/// The box around the DEM's footprint in `crs` (its edges sampled, so curved ones are inside);
/// nullopt when its CRS cannot be transformed (reading it reports why).
std::optional<Extent> dem_box_in(const std::string& dem, const std::string& crs) {
    const RasterFootprint footprint = raster_footprint(dem);
    std::optional<Transformer> transformer;
    try {
        transformer.emplace(footprint.crs_wkt, crs);
    } catch (const CrsError&) {
        return std::nullopt;
    }
    const Transformer& to_grid = *transformer;
    const Extent& e = footprint.extent;
    std::optional<Extent> box;
    constexpr int kSteps = 32;
    for (int i = 0; i <= kSteps; ++i) {
        const double t = static_cast<double>(i) / kSteps;
        const double x = e.west + t * e.width(), y = e.south + t * e.height();
        for (const XY p : {XY{x, e.south}, XY{x, e.north}, XY{e.west, y}, XY{e.east, y}}) {
            try {
                box = unite(box, point_extent(to_grid.forward(p)));
            } catch (const CrsError&) {
            }
        }
    }
    return box;
}
double distance_to(const Extent& e, XY p) {
    const double dx = std::max({e.west - p.x, 0.0, p.x - e.east});
    const double dy = std::max({e.south - p.y, 0.0, p.y - e.north});
    return std::hypot(dx, dy);
}

/// Degrees in a message: at most 6 decimals (about 0.1 m), trailing zeros dropped.
std::string degrees(double v) { return format_quantity(std::round(v * 1e6) / 1e6); }

/// Extent of the inputs in lon/lat: places, else towers.
Extent lonlat_extent(const LoadedInputs& in) {
    std::optional<Extent> box;
    for (const std::optional<PlaceLoad>* layer : {&in.communes, &in.villages})
        if (*layer)
            for (const Place& p : (*layer)->layer.places) {
                const Extent e = envelope(geometry_from_wkb(p.wkb_lonlat).get());
                if (!(e.west >= -180.0 && e.east <= 180.0 && e.south >= -90.0 && e.north <= 90.0))
                    throw InputError(p.origin + ": '" + p.name + "' reaches longitude " + degrees(e.west < -180.0 ? e.west : e.east) +
                                     ", latitude " + degrees(e.south < -90.0 ? e.south : e.north) +
                                     ", outside [-180, 180] x [-90, 90]: are its coordinates in the layer's CRS?");
                box = unite(box, e);
            }
    if (!box)
        for (const Cell& c : in.towers.cells) box = unite(box, point_extent({c.location.lon, c.location.lat}));
    return *box;
}

/// Refuses a CRS that is mirrored, not conformal, or scales distance by more than
/// kMaxScaleError somewhere in `area` (lon/lat): areas and reaches would be wrong by as much.
/// `chosen` says whether the user gave it (--crs) or phusong chose the area's UTM zone.
void check_distortion(const std::string& crs, const Extent& area, bool chosen) {
    const std::string advice = chosen ? "; use the area's UTM zone (the default)"
                                      : "; the area is too wide for one UTM zone: give --crs a conformal projection centred "
                                        "on it (e.g. a Lambert conformal conic)";
    const std::string what = chosen ? "--crs: " + crs : "--crs: the area's UTM zone " + crs;
    const double mid_lon = (area.west + area.east) / 2.0, mid_lat = (area.south + area.north) / 2.0;
    for (const LonLat at : {LonLat{area.west, area.south}, LonLat{area.east, area.south}, LonLat{area.west, area.north},
                            LonLat{area.east, area.north}, LonLat{mid_lon, mid_lat}}) {
        const std::string where = " at " + degrees(at.lon) + ", " + degrees(at.lat);
        const CrsDistortion d = crs_distortion(crs, at);
        if (!d.east_north)
            throw CrsError(what + ": its axes do not point east and north" + where + " (mirrored or swapped); phusong's grids are north-up");
        if (d.scale_error > kMaxScaleError)
            throw CrsError(what + " distorts distances by " + format_percent(d.scale_error) + where + " (limit " +
                           format_percent(kMaxScaleError) + ")" + advice);
        if (d.angular_distortion > kMaxAngularDistortionRad)
            throw CrsError(what + " is not conformal (angles distorted by " +
                           format_quantity(std::round(d.angular_distortion * 180.0 / M_PI * 3600.0 * 10.0) / 10.0) +
                           " arc-seconds" + where + "); use a conformal projection such as the area's UTM zone");
    }
}

/// The analysis CRS: --crs, else the UTM zone of the inputs; projected, metre axes pointing
/// east and north, conformal and true to scale within 1 % over the area.
std::string analysis_crs(const LoadedInputs& in, const RunConfig& config) {
    const Extent area = lonlat_extent(in);
    const bool chosen = !config.crs.empty();
    const std::string crs =
        chosen ? config.crs : "EPSG:" + std::to_string(utm_epsg_for({(area.west + area.east) / 2.0, (area.south + area.north) / 2.0}));
    try {
        validate_crs(crs);
    } catch (const CrsError& e) {
        const bool proj_string = crs.rfind("+proj", 0) == 0 && crs.find("+type=crs") == std::string::npos;
        throw CrsError(std::string("--crs: ") + e.what() + (proj_string ? " (a PROJ string needs +type=crs)" : ""));
    }
    if (is_geographic_crs(crs)) throw CrsError("--crs: the analysis CRS must be projected (metres), not " + crs);
    if (!has_metre_axes(crs)) throw CrsError("--crs: the analysis CRS must have axes in metres: " + crs + " does not");
    check_distortion(crs, area, chosen);
    return crs;
}

/// Limits of the chosen model that a cell can break, named after its tower record (the tower
/// reader already keeps heights in (0, 1000] m and frequencies in [20, 100000] MHz).
void check_model_limits(const Cell& c, const RunConfig& config) {
    // P.2108's receiver clutter (the default with --landcover) has statistics for 0.5-67 GHz only.
    if (clutter_model(config) == ClutterModel::P2108 && (c.frequency.value() < 500.0 || c.frequency.value() > 67000.0))
        throw InputError(c.origin + ": field 'freq_mhz': " + format_quantity(c.frequency.value()) +
                         " MHz is outside the 500-67000 MHz of ITU-R P.2108's receiver clutter (give --clutter none or table)");
    if (config.radio.model == PropagationModel::P1812) {
        if (c.frequency.value() < 30.0 || c.frequency.value() > 6000.0)
            throw InputError(c.origin + ": field 'freq_mhz': " + format_quantity(c.frequency.value()) +
                             " MHz is outside P.1812's 30-6000 MHz (choose another --model)");
        if (c.antenna_height.value() < 1.0 || c.antenna_height.value() > 3000.0)
            throw InputError(c.origin + ": field 'height_m': P.1812 needs antenna heights of 1-3000 m");
        return;
    }
    if (config.radio.model != PropagationModel::Itm) return;
    if (c.frequency.value() > 20000.0)
        throw InputError(c.origin + ": field 'freq_mhz': " + format_quantity(c.frequency.value()) +
                         " MHz is above ITM's 20000 MHz (choose another --model)");
    if (c.antenna_height.value() < 0.5 || c.antenna_height.value() > 3000.0)
        throw InputError(c.origin + ": field 'height_m': ITM needs antenna heights of 0.5-3000 m");
}

/// What made a grid too large: the place or mast farthest from the median of all positions,
/// when it lies far beyond the others (a typo in a coordinate, lon and lat swapped).
std::string farthest_input(const std::vector<std::pair<std::string, XY>>& positions) {
    if (positions.size() < 3) return {};
    std::vector<double> xs, ys;
    for (const auto& [name, p] : positions) {
        xs.push_back(p.x);
        ys.push_back(p.y);
    }
    const auto median = [](std::vector<double> v) {
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    const XY centre{median(xs), median(ys)};
    std::vector<double> distances;
    for (const auto& [name, p] : positions) distances.push_back(std::hypot(p.x - centre.x, p.y - centre.y));
    const auto far = std::max_element(distances.begin(), distances.end());
    const double typical = median(distances);
    if (!(*far > 10.0 * typical + 10000.0)) return {};
    const auto& [name, p] = positions[static_cast<std::size_t>(far - distances.begin())];
    return name + " lies " + format_fixed(*far / 1000.0, 0) + " km from the median position of the others (typically " +
           format_fixed(typical / 1000.0, 0) + " km): is its position right? With it, ";
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
                    const std::optional<Grid<float>>& people, const std::string& raster, Diagnostics& diagnostics) {
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
            diagnostics.warn(Step::Prepare, {communes[i].place->origin, "", ""},
                             "no people in --population-raster " + raster + "; population spread evenly");
        }
    }
}

/// A commune's district is its own field; a village takes its own field, else its commune's.
void assign_districts(std::vector<GriddedPlace>& villages, std::vector<GriddedPlace>& communes,
                      const std::vector<Geometry>& commune_shapes, const std::string& field) {
    std::vector<PreparedGeometry> prepared;
    for (std::size_t i = 0; i < communes.size(); ++i) {
        communes[i].district = communes[i].place->attribute(field);
        communes[i].commune = i;
        prepared.push_back(prepare(commune_shapes[i].get()));
    }
    for (GriddedPlace& v : villages) {
        for (std::size_t c = 0; c < prepared.size() && !v.commune; ++c)
            if (covers(prepared[c].get(), v.position)) v.commune = c;
        v.district = v.place->attribute(field);
        if (v.district.empty() && v.commune) v.district = communes[*v.commune].district;
    }
}

/// Per-operator levels take a Float32 grid per operator and technology: beyond this the run pools
/// its operators (or, asked for them with --by-operator, refuses).
constexpr double kMaxOperatorGridBytes = 4.0 * 1024 * 1024 * 1024;

/// Groups the cells by operator when the run is by operator (a coverage run only to write the
/// operators' rasters), within kMaxOperatorGridBytes and the engine's 65535 groups.
void group_operators(PreparedAnalysis& out, const RunConfig& config, Diagnostics& diagnostics) {
    if (config.kind == RunKind::Coverage && !config.operator_rasters) return;
    std::vector<std::string> names = group_by_operator(out.transmitters, out.transmitter_cells, config.by_operator);
    const double bytes = static_cast<double>(names.size()) * static_cast<double>(config.technologies.size()) *
                         static_cast<double>(out.grid.size()) * sizeof(float);
    if (bytes <= kMaxOperatorGridBytes && names.size() <= 65535) {
        out.operators = std::move(names);
        return;
    }
    const std::string why = std::to_string(names.size()) + " operators' levels would take " + format_fixed(bytes / (1u << 30), 1) +
                            " GiB on this grid (limit " + format_fixed(kMaxOperatorGridBytes / (1u << 30), 0) + " GiB)";
    if (config.by_operator) throw InputError("--by-operator: " + why + "; use a coarser --resolution-m or a smaller area");
    diagnostics.warn(Step::Prepare, {config.inputs.towers, "", "operator"}, why + ": indicators are given for the operators together only");
    for (Transmitter& t : out.transmitters) t.group = 0;
}

/// Each village's grid power from `field`; InputError naming the feature and field for a value
/// that is not yes or no, a warning counting the villages where it is empty.
void read_village_power(std::vector<GriddedPlace>& villages, const std::string& source, const std::string& field,
                        Diagnostics& diagnostics) {
    std::size_t unknown = 0;
    for (GriddedPlace& v : villages) {
        const std::string text = v.place->attribute(field);
        const PowerValue power = parse_power(text);
        if (!power.valid)
            throw InputError({v.place->origin, "", field}, "'" + text + "' is neither yes nor no (--village-power-field)");
        v.powered = power.powered;
        if (!power.powered) ++unknown;
    }
    if (unknown)
        diagnostics.warn(Step::Prepare, {source, "", field},
                         std::to_string(unknown) + " village(s) without a value: their power is unknown, and powered = yes targets leave them out");
}

/// Each district's boundary: the union of its communes, districts in name order.
std::vector<std::pair<std::string, std::vector<unsigned char>>> district_boundaries(const std::vector<GriddedPlace>& communes) {
    std::map<std::string, std::vector<Geometry>> parts;
    for (const GriddedPlace& c : communes)
        if (!c.district.empty()) parts[c.district].push_back(geometry_from_wkb(c.wkb));
    std::vector<std::pair<std::string, std::vector<unsigned char>>> out;
    for (auto& [name, shapes] : parts) out.emplace_back(name, geometry_to_wkb(union_all(shapes).get()));
    return out;
}

/// The outlines of --districts in the analysis CRS, by name.
std::vector<std::pair<std::string, std::vector<unsigned char>>> given_districts(const PlaceLoad& districts, const std::string& crs) {
    const Transformer to_grid(kWgs84, crs);
    std::vector<std::pair<std::string, std::vector<unsigned char>>> out;
    for (const Place& d : districts.layer.places)
        out.emplace_back(d.name, geometry_to_wkb(transform_geometry(geometry_from_wkb(d.wkb_lonlat).get(), to_grid).get()));
    return out;
}

/// Footprints (pixels, population weights), communes and districts of the projected places.
void place_on_grid(PreparedAnalysis& out, const LoadedInputs& in, const RunConfig& config,
                   const std::vector<Geometry>& commune_geoms, const std::vector<Geometry>& village_geoms,
                   Diagnostics& diagnostics) {
    std::optional<Grid<float>> people;
    const std::string& raster = config.inputs.population_raster;
    if (!raster.empty()) people = read_population_raster(raster, out.grid);
    place_communes(out.communes, commune_geoms, out.grid, people, raster, diagnostics);
    assign_districts(out.villages, out.communes, commune_geoms, district_field_of(config.inputs));
    out.districts = in.districts ? given_districts(*in.districts, out.grid.crs) : district_boundaries(out.communes);
    if (!config.inputs.village_power_field.empty()) 
        read_village_power(out.villages, in.villages_path, config.inputs.village_power_field, diagnostics);
    for (std::size_t i = 0; i < out.villages.size(); ++i) {
        PlaceFootprint& fp = out.villages[i].footprint;
        if (in.villages->layer.geometry == PlaceGeometry::Polygon) fp.pixels = pixels_covered(village_geoms[i].get(), out.grid);
        // Never empty: every place's position is on the grid (prepare_analysis grows the grid over
        // the places; prepare_places refuses places beyond the rasters).
        if (fp.pixels.empty()) fp.pixels = pixels_within(out.grid, out.villages[i].position, config.gaps.settlement_radius);
    }
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

/// A calibration holds at the frequencies it was fitted at: cells more than 10 % outside them are
/// warned about (they use it as it is).
void warn_calibration_frequencies(const PreparedAnalysis& out, const RunConfig& config, Diagnostics& diagnostics) {
    const auto& c = config.radio.calibration;
    if (!c) return;
    std::set<double> outside;
    for (const Transmitter& t : out.transmitters)
        if (!fitted_near(*c, t.frequency.value())) outside.insert(t.frequency.value());
    if (outside.empty()) return;
    std::vector<std::string> list;
    for (const double f : outside) list.push_back(format_quantity(f));
    diagnostics.warn(Step::Prepare, {config.inputs.calibration, "", "frequency_mhz"},
                     "fitted at " + format_quantity(c->min_frequency_mhz) + "-" + format_quantity(c->max_frequency_mhz) +
                         " MHz; cells at " + format_some(list) + " MHz use it as it is");
}

/// An ITM correction holds over the ITM parameters it was fitted with: a run with others is warned.
void warn_calibration_itm(const RunConfig& config, Diagnostics& diagnostics) {
    const auto& c = config.radio.calibration;
    if (!c || !c->itm) return;
    const ItmSettings &fitted = *c->itm, &now = config.radio.itm;
    std::string differ;
    auto compare = [&](const char* option, double a, double b) {
        if (a != b) differ += std::string(differ.empty() ? "" : ", ") + "--" + option + " " + format_quantity(b) + " (fitted with " + format_quantity(a) + ")";
    };
    compare("climate", static_cast<int>(fitted.climate), static_cast<int>(now.climate));
    compare("n0", fitted.N_0, now.N_0);
    compare("polarization (1 vertical)", fitted.polarization == itm::Polarization::Vertical, now.polarization == itm::Polarization::Vertical);
    compare("epsilon", fitted.epsilon, now.epsilon);
    compare("sigma", fitted.sigma, now.sigma);
    compare("mdvar", fitted.mdvar, now.mdvar);
    compare("time", fitted.time, now.time);
    compare("location", fitted.location, now.location);
    compare("situation", fitted.situation, now.situation);
    if (!differ.empty())
        diagnostics.warn(Step::Prepare, {config.inputs.calibration, "", "settings.itm"},
                         "the ITM correction was fitted with other ITM parameters: " + differ);
}

/// A mast or place outside the DEM's footprint, named by its record before the DEM is read:
/// else the DEM would be blamed for having no elevation where the input put the grid, or a
/// place would silently count as not analysed. `named` holds (record, lon/lat).
void check_on_dem(const std::vector<std::pair<std::string, LonLat>>& named, const std::string& dem) {
    const RasterFootprint footprint = raster_footprint(dem);
    const Transformer to_dem(kWgs84, footprint.crs_wkt);
    const Extent& e = footprint.extent;
    for (const auto& [record, at] : named) {
        XY p{NAN, NAN};
        try {
            p = to_dem.forward({at.lon, at.lat});
        } catch (const CrsError&) {
        }
        if (!(p.x >= e.west && p.x <= e.east && p.y >= e.south && p.y <= e.north))
            throw InputError(record + " at (" + degrees(at.lon) + ", " + degrees(at.lat) + ") lies outside the DEM " + dem);
    }
}

}  // namespace

/// P.1812's antenna heights for the candidate sites, checked before the coverage run so that a
/// bad one does not wait for it (ranking checks them again, also after `rank` on given
/// rasters): a candidate without a height, and every generated one (--auto), takes the ranked
/// technology's default.
void check_candidate_heights_for_p1812(const LoadedInputs& in, const RunConfig& config) {
    if (config.radio.model != PropagationModel::P1812 || config.technologies.empty()) return;
    const Technology ranked = config.ranking.technology.value_or(config.technologies.back());  // the highest analysed
    const double default_m = config.tower_defaults[ranked].antenna_height.value();
    const auto outside = [](double h) { return !(h >= 1.0 && h <= 3000.0); };
    const std::string limits = " is outside P.1812's 1-3000 m (choose another --model)";
    for (const CandidateSite& c : in.candidates) {
        if (c.technology && *c.technology != ranked) continue;  // the ranking skips it
        const double h = c.antenna_height ? c.antenna_height->value() : default_m;
        if (outside(h))
            throw InputError(c.origin + ": field 'height_m': " + format_quantity(h) + " m" +
                             (c.antenna_height ? "" : " (the technology's default, --tech-default)") + limits);
    }
    if (config.ranking.auto_candidates > 0 && outside(default_m))
        throw InputError("--tech-default: generated " + std::string(to_string(ranked)) + " candidate sites would stand " +
                         format_quantity(default_m) + " m high, which" + limits);
}

PreparedAnalysis prepare_analysis(const LoadedInputs& in, const RunConfig& config, Diagnostics& diagnostics) {
    check_candidate_heights_for_p1812(in, config);
    PreparedAnalysis out;
    const std::string crs = analysis_crs(in, config);
    const Transformer to_grid(kWgs84, crs);
    const double radius_m = config.radio.radius.value(), resolution_m = config.radio.resolution.value();

    // The analysed area: communes, else villages (with their settlement discs), else towers.
    std::vector<Geometry> commune_geoms, village_geoms;
    out.communes = project_places(in.communes, to_grid, commune_geoms);
    out.villages = project_places(in.villages, to_grid, village_geoms);
    std::optional<Extent> area;
    std::vector<std::pair<std::string, XY>> positions;  // for naming an outlier
    for (std::size_t i = 0; i < commune_geoms.size(); ++i) {
        area = unite(area, envelope(commune_geoms[i].get()));
        positions.emplace_back(out.communes[i].place->origin, out.communes[i].position);
    }
    for (std::size_t i = 0; i < village_geoms.size(); ++i) {
        area = unite(area, grow(envelope(village_geoms[i].get()), config.gaps.settlement_radius.value()));
        positions.emplace_back(out.villages[i].place->origin, out.villages[i].position);
    }
    const std::vector<Technology>& techs = config.technologies;
    std::vector<std::pair<const Cell*, XY>> cells;
    for (const Cell& c : in.towers.cells)
        if (std::find(techs.begin(), techs.end(), c.technology) != techs.end())
            cells.emplace_back(&c, to_grid.forward({c.location.lon, c.location.lat}));
    if (!area) {
        for (const auto& [c, xy] : cells) area = unite(area, point_extent(xy));
        if (!area) throw InputError({config.inputs.towers, "", "tech"}, "no cell of the selected technologies (--tech)");
        // Around the towers as far as they can reach, but no farther than the terrain goes.
        area = grow(*area, radius_m);
        if (const auto dem_box = dem_box_in(config.inputs.dem, crs)) {
            const Extent on_dem{std::max(area->west, dem_box->west), std::max(area->south, dem_box->south),
                                std::min(area->east, dem_box->east), std::min(area->north, dem_box->north)};
            if (on_dem.width() > 0.0 && on_dem.height() > 0.0) area = on_dem;  // else check_on_dem names the cell
        }
    }
    // Masts farther than the radius (or the automatic reach's cap) from the area cannot reach it; nearer ones extend the grid.
    Extent extent = *area;
    std::size_t out_of_reach = 0;
    std::vector<std::pair<const Cell*, XY>> in_reach;
    for (const auto& [c, xy] : cells) {
        if (distance_to(*area, xy) > radius_m) {
            ++out_of_reach;
            continue;
        }
        check_model_limits(*c, config);
        in_reach.emplace_back(c, xy);
        extent = unite(extent, point_extent(xy));
        positions.emplace_back(c->origin + " (tower '" + c->site_id + "')", xy);
    }
    if (out_of_reach)
        diagnostics.warn(Step::Prepare, {config.inputs.towers, "", ""},
                         std::to_string(out_of_reach) + " cell(s) farther than " +
                             (config.radio.reach == ReachRule::Auto
                                  ? "the " + format_quantity(radius_m / 1000.0) + " km cap of --radius-km auto"
                                  : "--radius-km") +
                             " from the area were ignored");
    extent = grow(extent, resolution_m);
    const double pixels = (extent.width() / resolution_m) * (extent.height() / resolution_m);
    if (pixels > static_cast<double>(kMaxGridPixels))
        throw InputError(farthest_input(positions) + "the analysis grid would be " + format_fixed(pixels / 1e6, 0) +
                         " million pixels (" + format_fixed(extent.width() / 1000, 0) + " km x " +
                         format_fixed(extent.height() / 1000, 0) + " km at " + format_quantity(resolution_m) +
                         " m), over the limit of " + format_fixed(kMaxGridPixels / 1e6, 0) +
                         " million; use a coarser --resolution-m or a smaller area");
    out.grid = GridSpec::covering(extent, config.radio.resolution, crs);
    std::vector<std::pair<std::string, LonLat>> on_dem;
    for (const auto& [c, xy] : in_reach)
        on_dem.emplace_back(c->origin + ": field 'lon': tower '" + c->site_id + "'", c->location);
    for (const std::vector<GriddedPlace>* places : {&out.villages, &out.communes})
        for (const GriddedPlace& p : *places) {
            const XY ll = point_on_surface(geometry_from_wkb(p.place->wkb_lonlat).get());
            on_dem.emplace_back(p.place->origin + ": '" + p.place->name + "'", LonLat{ll.x, ll.y});
        }
    check_on_dem(on_dem, config.inputs.dem);
    out.dem = read_run_dem(config.inputs.dem, out.grid, diagnostics);
    out.landcover = read_run_landcover(config, out.grid);
    if (out.landcover) {
        const auto& codes = out.landcover->classes.values();
        const auto unclassified = static_cast<std::size_t>(std::count(codes.begin(), codes.end(), -1));
        if (unclassified)
            diagnostics.warn(Step::Prepare, {config.inputs.landcover, "", ""},
                             "no land-cover class at " + format_fixed(100.0 * static_cast<double>(unclassified) / static_cast<double>(codes.size()), 1) +
                                 " % of the grid (outside the raster or nodata): no receiver clutter there");
    }
    if (config.radio.calibration && config.radio.calibration->clutter_db.empty() && !config.inputs.landcover.empty())
        diagnostics.warn(Step::Prepare, {config.inputs.calibration, "", "clutter_db"},
                         "the calibration was fitted without land cover (no class losses): --landcover " +
                             config.inputs.landcover + " is not used for receiver clutter");
    else if (clutter_model(config) == ClutterModel::None && resolution_m < kClutterMattersBelowM && !config.radio.calibration)
        diagnostics.warn(Step::Prepare, {},
                         "no receiver clutter (no --landcover, or --clutter none): at " + format_quantity(resolution_m) +
                             " m the results ignore foliage and buildings, which take 10-30 dB at 2 GHz");

    for (const auto& [c, xy] : in_reach) {
        if (!sample_bilinear(out.dem.elevation_m, xy))
            throw InputError(c->origin + ": field 'lon': tower '" + c->site_id + "' at (" + degrees(c->location.lon) + ", " +
                             degrees(c->location.lat) + ") is not covered by the DEM " + config.inputs.dem);
        out.transmitters.push_back(make_transmitter(*c, xy, out.transmitter_cells.size(), config.budget));
        out.transmitter_cells.push_back(c);
    }
    group_operators(out, config, diagnostics);
    warn_calibration_frequencies(out, config, diagnostics);
    warn_calibration_itm(config, diagnostics);

    place_on_grid(out, in, config, commune_geoms, village_geoms, diagnostics);
    return out;
}

bool dem_coarser_than_grid(const DemLoad& dem, Metres grid_resolution) {
    return dem.native_pixel_m > kCoarseDemFactor * grid_resolution.value();
}

DemLoad read_run_dem(const std::string& path, const GridSpec& grid, Diagnostics& diagnostics) {
    DemLoad dem = read_dem(path, grid);
    diagnostics.warn_all(Step::Prepare, dem.warnings);
    const Metres resolution{std::min(grid.transform.dx, grid.transform.dy)};
    if (dem_coarser_than_grid(dem, resolution))
        diagnostics.warn(Step::Prepare, {path, "", ""},
                         "the DEM's pixels are about " + format_quantity(std::round(dem.native_pixel_m)) + " m, more than " +
                             format_quantity(kCoarseDemFactor) + " times the analysis grid's " +
                             format_quantity(resolution.value()) +
                             " m: its terrain is interpolated between samples, so dead zones behind ridges narrower "
                             "than its pixels will be missed; use a finer DEM (e.g. SRTM 1 arc-second) or a coarser grid");
    // Converting is correct, not a warning; but the user should know which unit was read.
    if (dem.metres_per_unit != 1.0) {
        const bool us_survey = dem.metres_per_unit == 1200.0 / 3937.0;  // shown as defined, not rounded
        diagnostics.note(Step::Prepare, {path, "", ""},
                         "elevations are in " + dem.elevation_unit + "; converted to metres (× " +
                             (us_survey ? std::string("1200/3937") : format_quantity(dem.metres_per_unit)) + ")");
    }
    return dem;
}

PreparedAnalysis prepare_places(const LoadedInputs& in, const RunConfig& config, const GridSpec& grid,
                                Diagnostics& diagnostics) {
    PreparedAnalysis out;
    out.grid = grid;
    const Transformer to_grid(kWgs84, grid.crs);
    std::vector<Geometry> commune_geoms, village_geoms;
    out.communes = project_places(in.communes, to_grid, commune_geoms);
    out.villages = project_places(in.villages, to_grid, village_geoms);
    // A place beyond the given rasters has no signal to assess: not "uncovered", unknown.
    std::vector<std::string> outside;
    for (const std::vector<GriddedPlace>* places : {&out.villages, &out.communes})
        for (const GriddedPlace& p : *places)
            if (!grid.pixel_of(p.position)) outside.push_back(p.place->origin + " '" + p.place->name + "'");
    if (!outside.empty())
        throw InputError(format_some(outside) + ": outside the signal rasters of --coverage " + config.inputs.coverage +
                         "; they cannot be assessed (give places within the coverage run's area)");
    place_on_grid(out, in, config, commune_geoms, village_geoms, diagnostics);
    return out;
}

}  // namespace phusong
