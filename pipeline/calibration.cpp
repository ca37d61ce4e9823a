#include "pipeline/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>

#include "coverage/point_levels.hpp"
#include "geo/crs.hpp"
#include "geo/geos_geometry.hpp"
#include "geo/text_format.hpp"
#include "io/raster_reader.hpp"
#include "io/csv_table.hpp"
#include "io/json_writer.hpp"
#include "pipeline/calibration_fit.hpp"
#include "pipeline/steps.hpp"

namespace phusong {
namespace {


/// Every measurement must lie on the DEM: named by its line before the analysis area is laid
/// over them (a stray fix far away would otherwise stretch the area out of its UTM zone).
void check_on_dem(const MeasurementLoad& m, const std::string& dem) {
    const RasterFootprint footprint = raster_footprint(dem);
    const Transformer to_dem(kWgs84, footprint.crs_wkt);
    const Extent& e = footprint.extent;
    for (const Measurement& row : m.rows) {
        XY p{std::nan(""), std::nan("")};
        try {
            p = to_dem.forward({row.location.lon, row.location.lat});
        } catch (const CrsError&) {
        }
        if (!(p.x >= e.west && p.x <= e.east && p.y >= e.south && p.y <= e.north))
            throw InputError({m.source, "line " + std::to_string(row.line), "lon"},
                             "(" + format_quantity(row.location.lon) + ", " + format_quantity(row.location.lat) +
                                 ") lies outside the DEM " + dem);
    }
}

/// The measurements farthest west, east, south and north as point places: the run's preparation
/// lays its grid over them (grown by the settlement radius) and places the cells within reach.
PlaceLoad measurement_area(const MeasurementLoad& m) {
    std::array<std::size_t, 4> extreme{};
    for (std::size_t i = 0; i < m.rows.size(); ++i) {
        const LonLat& at = m.rows[i].location;
        if (at.lon < m.rows[extreme[0]].location.lon) extreme[0] = i;
        if (at.lon > m.rows[extreme[1]].location.lon) extreme[1] = i;
        if (at.lat < m.rows[extreme[2]].location.lat) extreme[2] = i;
        if (at.lat > m.rows[extreme[3]].location.lat) extreme[3] = i;
    }
    PlaceLoad out;
    out.layer.source = m.source;
    out.layer.geometry = PlaceGeometry::Point;
    for (const std::size_t i : extreme) {
        const Measurement& row = m.rows[i];
        Place p;
        p.id = "line " + std::to_string(row.line);
        p.name = "measurement";
        p.wkb_lonlat = geometry_to_wkb(make_point({row.location.lon, row.location.lat}).get());
        p.origin = m.source + ": line " + std::to_string(row.line);
        out.layer.places.push_back(std::move(p));
    }
    return out;
}

/// One measurement tied to its serving cell.
struct Sample {
    std::size_t cell = 0;           ///< in PreparedAnalysis::transmitters
    double distance_m = 0.0;        ///< path length
    double measured_db = 0.0;       ///< measured loss
    double model_loss_db = 0.0;     ///< the uncorrected model's loss (ITM; SPM with default K)
    std::array<double, kSpmTerms> terms{};  ///< SPM regressors, or 1, log10 d_km for ITM
};

/// The regressors of a path: SPM's seven, or ITM's correction 1, log10(d_km).
std::array<double, kSpmTerms> regressors(PropagationModel model, const PointPath& p, Megahertz f) {
    if (model == PropagationModel::Spm) return spm_terms(p.spm, f).x;
    return {1.0, std::log10(std::max(p.distance_m, 1.0) / 1000.0), 0, 0, 0, 0, 0};
}

}  // namespace

std::vector<std::string> fitted_unknowns(PropagationModel model, const std::vector<std::string>& fit, bool landcover) {
    if (model != PropagationModel::Spm && model != PropagationModel::Itm)
        throw InputError("--model: calibrate fits spm or itm, not " + to_string(model));
    const std::vector<std::string> known = base_unknowns(model);
    std::vector<std::string> out;
    if (fit.empty()) {
        out = {known[0], known[1]};
        if (landcover) out.push_back("clutter");
        return out;
    }
    for (std::string name : fit) {
        name = trim(name);
        if (name.size() == 2 && name[0] == 'k') name[0] = 'K';
        const bool ok = name == "clutter" || std::find(known.begin(), known.end(), name) != known.end();
        if (!ok)
            throw InputError("--fit: unknown coefficient '" + name + "' for --model " + to_string(model) + " (expected " +
                             (model == PropagationModel::Spm ? "K1 … K7" : "a, b") + " or clutter)");
        if (name == "clutter" && !landcover) throw InputError("--fit: clutter needs --landcover (the classes to fit)");
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

CalibrationResult calibrate(const RunConfig& given, const CalibrationOptions& options, Diagnostics& diagnostics,
                            const std::optional<CalibratedModel>& evaluate) {
    RunConfig config = given;
    // Prepared as a coverage run (towers, DEM, land cover); nothing is written through its steps,
    // but they check a coverage run's output name.
    config.kind = RunKind::Coverage;
    config.out = "calibration.gpkg";
    if (evaluate) config.radio.model = evaluate->model;
    const PropagationModel model_kind = config.radio.model;
    const bool landcover = !config.inputs.landcover.empty();
    const std::vector<std::string> fit_names = fitted_unknowns(model_kind, options.fit, landcover);
    if (!(options.ridge >= 0.0 && std::isfinite(options.ridge))) throw InputError("--ridge must be a number ≥ 0");
    if (!(options.block_km >= 0.01 && options.block_km <= 10000.0)) throw InputError("--block-km must be in [0.01, 10000] km");
    if (options.folds < 2 || options.folds > 100) throw InputError("--folds must be in [2, 100]");

    const MeasurementLoad measurements = read_measurements(options.measurements, options.kind);
    diagnostics.warn_all(Step::Load, measurements.warnings);
    check_on_dem(measurements, config.inputs.dem);
    LoadedInputs inputs = load_inputs(config, diagnostics);
    inputs.villages = measurement_area(measurements);
    inputs.villages_path = measurements.source;
    std::set<std::string> known_sites;
    for (const Cell& c : inputs.towers.cells) known_sites.insert(c.site_id);
    for (const Measurement& m : measurements.rows)
        if (!m.site_id.empty() && !known_sites.count(m.site_id))
            throw InputError({measurements.source, "line " + std::to_string(m.line), "site_id"},
                             "'" + m.site_id + "' is not a site of " + config.inputs.towers);
    // The extreme measurements' envelope, grown by a margin for the projection's curvature.
    config.gaps.settlement_radius = Metres{std::max(500.0, 2.0 * config.radio.resolution.value())};
    const PreparedAnalysis prepared = prepare_analysis(inputs, config, diagnostics);
    const Transformer to_grid(kWgs84, prepared.grid.crs);
    std::vector<XY> points;
    points.reserve(measurements.rows.size());
    for (const Measurement& m : measurements.rows) points.push_back(to_grid.forward({m.location.lon, m.location.lat}));

    CoverageSettings settings = coverage_settings(config);
    // The uncalibrated model: coefficients, correction and class losses enter below.
    settings.spm.reset();
    settings.correction = {};
    settings.clutter = {};
    const std::vector<Transmitter>& cells = prepared.transmitters;
    std::map<std::string, std::vector<std::size_t>> cells_of_site;
    for (std::size_t i = 0; i < cells.size(); ++i) cells_of_site[prepared.transmitter_cells[i]->site_id].push_back(i);

    // The candidate cells of each measurement, then the paths per (cell, receiver height).
    CalibrationResult result;
    result.crs = prepared.grid.crs;
    std::vector<std::vector<std::size_t>> candidates(points.size());
    const double radius_m = settings.radius.value();
    std::set<Technology> analysed_technologies;
    for (const Transmitter& t : cells) analysed_technologies.insert(t.technology);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Measurement& m = measurements.rows[i];
        const auto site = cells_of_site.find(m.site_id);
        std::vector<std::size_t> pool;
        if (m.site_id.empty()) {
            // Without a site: every cell within reach may serve it.
            for (std::size_t c = 0; c < cells.size(); ++c)
                if (std::hypot(points[i].x - cells[c].position.x, points[i].y - cells[c].position.y) <= radius_m)
                    pool.push_back(c);
        } else if (site != cells_of_site.end()) {
            pool = site->second;
        }
        const InputLocation at{measurements.source, "line " + std::to_string(m.line), "tech"};
        if (m.technology) {
            std::erase_if(pool, [&](std::size_t c) { return cells[c].technology != *m.technology; });
            const std::string tech(to_string(*m.technology));
            if (pool.empty() && !m.site_id.empty() && site != cells_of_site.end())
                throw InputError(at, "site '" + m.site_id + "' has no " + tech + " cell");
            if (!analysed_technologies.contains(*m.technology))
                throw InputError(at, "no analysed cell is " + tech + " (the towers' technologies, narrowed by --tech)");
        }
        // A measurement is of one technology and frequency: cells of several cannot be told apart.
        for (const std::size_t c : pool)
            if (cells[c].frequency.value() != cells[pool.front()].frequency.value())
                throw InputError(at, (m.site_id.empty() ? std::string("cells at several frequencies could serve it")
                                                         : "site '" + m.site_id + "' has cells at several frequencies") +
                                         ": give the tech column");
        if (options.kind == MeasurementKind::PathLossDb && !pool.empty()) pool.resize(1);  // one mast and frequency: one path loss
        candidates[i] = std::move(pool);
    }
    std::map<std::pair<std::size_t, double>, std::vector<std::size_t>> rows_of;  // (cell, rx height) → rows
    for (std::size_t i = 0; i < points.size(); ++i)
        for (const std::size_t c : candidates[i])
            rows_of[{c, measurements.rows[i].rx_height_m.value_or(config.radio.rx_height.value())}].push_back(i);
    std::vector<std::optional<Sample>> best(points.size());
    std::vector<double> best_level(points.size(), -std::numeric_limits<double>::infinity());
    const Grid<std::int32_t>* classes = prepared.landcover ? &prepared.landcover->classes : nullptr;
    for (const auto& [key, rows] : rows_of) {
        const auto [c, rx_height] = key;
        CoverageSettings s = settings;
        s.rx_height = Metres{rx_height};
        std::vector<XY> at;
        for (const std::size_t i : rows) at.push_back(points[i]);
        std::uint32_t warnings = 0, itm_warnings = 0;
        const std::vector<PointPath> paths = paths_at_points(prepared.dem.elevation_m, cells[c], at, s, warnings, itm_warnings);
        for (std::size_t j = 0; j < rows.size(); ++j) {
            if (!paths[j].reached) continue;
            const std::size_t i = rows[j];
            const double level = cells[c].reference_eirp.value() + paths[j].antenna_gain_db - paths[j].loss_db;
            if (level <= best_level[i]) continue;  // ties keep the lower cell index (rows_of is ordered)
            best_level[i] = level;
            Sample sample;
            sample.cell = c;
            sample.distance_m = paths[j].distance_m;
            const double value = measurements.rows[i].value;
            sample.measured_db = options.kind == MeasurementKind::PathLossDb
                                     ? value
                                     : cells[c].reference_eirp.value() + paths[j].antenna_gain_db - value;
            sample.model_loss_db = paths[j].loss_db;
            sample.terms = regressors(model_kind, paths[j], cells[c].frequency);
            best[i] = sample;
        }
    }

    // Bins: one per serving cell, grid pixel and route, in order of first measurement.
    std::map<std::tuple<std::size_t, std::size_t, std::string>, std::size_t> bin_of;  // (cell, pixel, route)
    struct Sums {
        std::array<double, kSpmTerms> terms{};
        double measured = 0, model = 0, distance = 0, x = 0, y = 0, lon = 0, lat = 0;
    };
    std::vector<Sums> sums;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!best[i]) {
            // A site with no analysed cell is unserved; otherwise every candidate was out of reach.
            (candidates[i].empty() && !measurements.rows[i].site_id.empty() ? result.unserved : result.beyond_reach)++;
            continue;
        }
        const Sample& s = *best[i];
        const auto pixel = prepared.grid.pixel_of(points[i]);
        if (!pixel) {  // the grid covers the measurements with a margin; this is only a guard
            ++result.beyond_reach;
            continue;
        }
        // Per route too: a held-out route must not share bins with the routes it is tested against.
        const std::size_t index = pixel->second * prepared.grid.width + pixel->first;
        auto [it, added] = bin_of.try_emplace({s.cell, index, measurements.rows[i].route}, result.bins.size());
        if (added) {
            CalibrationBin b;
            b.site_id = prepared.transmitter_cells[s.cell]->site_id;
            b.route = measurements.rows[i].route;
            b.frequency_mhz = cells[s.cell].frequency.value();
            if (classes) b.land_class = classes->at(pixel->first, pixel->second);
            result.bins.push_back(b);
            sums.push_back({});
        }
        Sums& sum = sums[it->second];
        for (std::size_t t = 0; t < kSpmTerms; ++t) sum.terms[t] += s.terms[t];
        sum.measured += s.measured_db;
        sum.model += s.model_loss_db;
        sum.distance += s.distance_m;
        sum.x += points[i].x;
        sum.y += points[i].y;
        sum.lon += measurements.rows[i].location.lon;
        sum.lat += measurements.rows[i].location.lat;
        ++result.bins[it->second].samples;
        ++result.measurements;
    }
    if (result.unserved)
        diagnostics.warn(Step::Prepare, {measurements.source, "", "site_id"},
                         std::to_string(result.unserved) + " measurement(s) left out: no analysed cell can serve them (--tech, or their site is out of the grid)");
    if (result.beyond_reach)
        diagnostics.warn(Step::Prepare, {measurements.source, "", ""},
                         std::to_string(result.beyond_reach) +
                             " measurement(s) left out: beyond --radius-km or the DEM from every cell that could serve them");
    if (result.bins.empty()) throw InputError({measurements.source, "", ""}, "no measurement is within reach of a cell");

    // Each bin's means: the regressors, the model's loss, the measured loss.
    const std::size_t nb = result.bins.size();
    BinnedPaths paths;
    paths.terms.resize(nb);
    paths.model_loss_db.resize(nb);
    if (prepared.landcover)
        for (const LandCoverClass& c : prepared.landcover->table.classes)
            // ITM predicts bare earth: the table's losses are its clutter. SPM's defaults describe
            // urban surroundings already: its Kclutter start at 0.
            paths.table_loss[c.code] = model_kind == PropagationModel::Spm ? 0.0 : c.loss.value();
    std::vector<double> before(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        CalibrationBin& bin = result.bins[b];
        const Sums& s = sums[b];
        const auto n = static_cast<double>(bin.samples);
        for (std::size_t t = 0; t < kSpmTerms; ++t) paths.terms[b][t] = s.terms[t] / n;
        bin.measured_db = s.measured / n;
        paths.model_loss_db[b] = s.model / n;
        bin.distance_km = s.distance / n / 1000.0;
        bin.position = {s.x / n, s.y / n};
        bin.location = {s.lon / n, s.lat / n};
        before[b] = bin.before_db = paths.model_loss_db[b] + paths.table_loss_at(bin.land_class);
        bin.held_out_db = std::numeric_limits<double>::quiet_NaN();
    }
    result.before = fit_statistics(measured_losses(result.bins), before);
    if (evaluate) evaluate_bins(*evaluate, paths, result);
    else fit_bins(model_kind, fit_names, options, paths, result, diagnostics);
    return result;
}
}  // namespace phusong
