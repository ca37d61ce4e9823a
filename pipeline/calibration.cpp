#include "pipeline/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

#include "coverage/point_levels.hpp"
#include "geo/crs.hpp"
#include "geo/geos_geometry.hpp"
#include "io/csv_table.hpp"
#include "io/json_writer.hpp"
#include "pipeline/steps.hpp"

namespace phusong {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kSpmTerms = 7;

bool is_intercept(const std::string& name) { return name == "K1" || name == "a"; }

/// The measurements as point places, so that the run's preparation lays its grid over them,
/// checks them against the DEM and places the cells within reach.
PlaceLoad measurement_places(const MeasurementLoad& m) {
    PlaceLoad out;
    out.layer.source = m.source;
    out.layer.geometry = PlaceGeometry::Point;
    out.layer.places.reserve(m.rows.size());
    for (const Measurement& row : m.rows) {
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
    std::size_t row = 0;            ///< in MeasurementLoad::rows
    std::size_t cell = 0;           ///< in PreparedAnalysis::transmitters
    PointPath path;
    double measured_db = 0.0;       ///< measured loss
    double model_loss_db = 0.0;     ///< the uncorrected model's loss (ITM; SPM with default K)
    std::array<double, kSpmTerms> terms{};  ///< SPM regressors, or 1, log10 d_km for ITM
};

/// The regressors of a path: SPM's seven, or ITM's correction 1, log10(d_km).
std::array<double, kSpmTerms> regressors(PropagationModel model, const PointPath& p, Megahertz f) {
    if (model == PropagationModel::Spm) return spm_terms(p.spm, f).x;
    return {1.0, std::log10(std::max(p.distance_m, 1.0) / 1000.0), 0, 0, 0, 0, 0};
}

/// Per route: the default model's statistics and those of `predicted` (one per bin).
std::map<std::string, RouteStatistics> route_statistics(const std::vector<CalibrationBin>& bins,
                                                        const std::vector<double>& predicted) {
    std::map<std::string, std::vector<std::size_t>> by_route;
    for (std::size_t b = 0; b < bins.size(); ++b)
        if (!bins[b].route.empty()) by_route[bins[b].route].push_back(b);
    std::map<std::string, RouteStatistics> out;
    for (const auto& [route, members] : by_route) {
        std::vector<double> measured, before, after;
        for (const std::size_t b : members) {
            measured.push_back(bins[b].measured_db);
            before.push_back(bins[b].before_db);
            after.push_back(predicted[b]);
        }
        out[route] = {fit_statistics(measured, before), fit_statistics(measured, after)};
    }
    return out;
}

std::vector<std::string> base_unknowns(PropagationModel model) {
    if (model == PropagationModel::Itm) return {"a", "b"};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < kSpmTerms; ++i) out.push_back(spm_coefficient_name(i));
    return out;
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
    if (!(options.block_km > 0.0 && std::isfinite(options.block_km))) throw InputError("--block-km must be above 0");
    if (options.folds < 2 || options.folds > 100) throw InputError("--folds must be in [2, 100]");

    const MeasurementLoad measurements = read_measurements(options.measurements, options.kind);
    diagnostics.warn_all(Step::Load, measurements.warnings);
    LoadedInputs inputs = load_inputs(config, diagnostics);
    inputs.villages = measurement_places(measurements);
    inputs.villages_path = measurements.source;
    std::set<std::string> known_sites;
    for (const Cell& c : inputs.towers.cells) known_sites.insert(c.site_id);
    for (const Measurement& m : measurements.rows)
        if (!m.site_id.empty() && !known_sites.count(m.site_id))
            throw InputError({measurements.source, "line " + std::to_string(m.line), "site_id"},
                             "'" + m.site_id + "' is not a site of " + config.inputs.towers);
    config.gaps.settlement_radius = config.radio.resolution;  // a measurement is a point, not a village
    const PreparedAnalysis prepared = prepare_analysis(inputs, config, diagnostics);

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
    const std::vector<GriddedPlace>& points = prepared.villages;
    std::vector<std::vector<std::size_t>> candidates(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Measurement& m = measurements.rows[i];
        std::vector<std::size_t> all(cells.size());
        std::iota(all.begin(), all.end(), std::size_t{0});
        const auto site = cells_of_site.find(m.site_id);
        std::vector<std::size_t> pool = m.site_id.empty() ? all : (site == cells_of_site.end() ? std::vector<std::size_t>{} : site->second);
        if (m.technology) std::erase_if(pool, [&](std::size_t c) { return cells[c].technology != *m.technology; });
        if (pool.empty() && !m.site_id.empty() && m.technology && site != cells_of_site.end())
            throw InputError({measurements.source, "line " + std::to_string(m.line), "tech"},
                             "site '" + m.site_id + "' has no " + std::string(to_string(*m.technology)) + " cell");
        if (options.kind == MeasurementKind::PathLossDb && !pool.empty()) {
            for (const std::size_t c : pool)
                if (cells[c].frequency.value() != cells[pool.front()].frequency.value())
                    throw InputError({measurements.source, "line " + std::to_string(m.line), "site_id"},
                                     "site '" + m.site_id + "' has cells at several frequencies: give the tech column");
            pool.resize(1);  // one mast and frequency: every cell has the same path loss
        }
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
        for (const std::size_t i : rows) at.push_back(points[i].position);
        std::uint32_t warnings = 0, itm_warnings = 0;
        const std::vector<PointPath> paths = paths_at_points(prepared.dem.elevation_m, cells[c], at, s, warnings, itm_warnings);
        for (std::size_t j = 0; j < rows.size(); ++j) {
            if (!paths[j].reached) continue;
            const std::size_t i = rows[j];
            const double level = cells[c].reference_eirp.value() + paths[j].antenna_gain_db - paths[j].loss_db;
            if (level <= best_level[i]) continue;  // ties keep the lower cell index (rows_of is ordered)
            best_level[i] = level;
            Sample sample;
            sample.row = i;
            sample.cell = c;
            sample.path = paths[j];
            const double value = measurements.rows[i].value;
            sample.measured_db = options.kind == MeasurementKind::PathLossDb
                                     ? value
                                     : cells[c].reference_eirp.value() + paths[j].antenna_gain_db - value;
            sample.model_loss_db = paths[j].loss_db;
            sample.terms = regressors(model_kind, paths[j], cells[c].frequency);
            best[i] = sample;
        }
    }

    // Bins: one per serving cell and grid pixel, in order of first measurement.
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> bin_of;
    struct Sums {
        std::array<double, kSpmTerms> terms{};
        double measured = 0, model = 0, distance = 0, x = 0, y = 0, lon = 0, lat = 0;
        std::size_t cell = 0;
    };
    std::vector<Sums> sums;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!best[i]) {
            (candidates[i].empty() ? result.unserved : result.beyond_reach)++;
            continue;
        }
        const Sample& s = *best[i];
        const auto pixel = prepared.grid.pixel_of(points[i].position);
        const std::size_t index = pixel ? pixel->second * prepared.grid.width + pixel->first : 0;
        auto [it, added] = bin_of.try_emplace({s.cell, index}, result.bins.size());
        if (added) {
            CalibrationBin b;
            b.site_id = prepared.transmitter_cells[s.cell]->site_id;
            b.route = measurements.rows[i].route;
            b.frequency_mhz = cells[s.cell].frequency.value();
            if (classes && pixel) b.land_class = classes->at(pixel->first, pixel->second);
            result.bins.push_back(b);
            sums.push_back({});
            sums.back().cell = s.cell;
        }
        Sums& sum = sums[it->second];
        for (std::size_t t = 0; t < kSpmTerms; ++t) sum.terms[t] += s.terms[t];
        sum.measured += s.measured_db;
        sum.model += s.model_loss_db;
        sum.distance += s.path.distance_m;
        sum.x += points[i].position.x;
        sum.y += points[i].position.y;
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

    const std::size_t nb = result.bins.size();
    std::vector<std::array<double, kSpmTerms>> terms(nb);
    std::vector<double> model_loss(nb), table_clutter(nb, 0.0), measured(nb);
    std::map<std::int32_t, double> table_loss;  // class code → its table loss
    if (prepared.landcover)
        for (const LandCoverClass& c : prepared.landcover->table.classes) table_loss[c.code] = c.loss.value();
    for (std::size_t b = 0; b < nb; ++b) {
        CalibrationBin& bin = result.bins[b];
        const Sums& s = sums[b];
        const auto n = static_cast<double>(bin.samples);
        for (std::size_t t = 0; t < kSpmTerms; ++t) terms[b][t] = s.terms[t] / n;
        measured[b] = bin.measured_db = s.measured / n;
        model_loss[b] = s.model / n;
        bin.distance_km = s.distance / n / 1000.0;
        bin.position = {s.x / n, s.y / n};
        bin.location = {s.lon / n, s.lat / n};
        if (const auto it = table_loss.find(bin.land_class); it != table_loss.end()) table_clutter[b] = it->second;
        bin.before_db = model_loss[b] + table_clutter[b];
        bin.held_out_db = kNaN;
    }
    result.before = fit_statistics(measured, [&] {
        std::vector<double> v(nb);
        for (std::size_t b = 0; b < nb; ++b) v[b] = result.bins[b].before_db;
        return v;
    }());
    double min_f = std::numeric_limits<double>::infinity(), max_f = 0.0, sum_f = 0.0;
    for (const CalibrationBin& b : result.bins) {
        min_f = std::min(min_f, b.frequency_mhz);
        max_f = std::max(max_f, b.frequency_mhz);
        sum_f += b.frequency_mhz;
    }
    const Megahertz mean_f{sum_f / static_cast<double>(nb)};

    if (evaluate) {
        // Predict with the given model: its coefficients, correction and class losses.
        std::vector<double> predicted(nb);
        for (std::size_t b = 0; b < nb; ++b) {
            CalibrationBin& bin = result.bins[b];
            double loss = model_kind == PropagationModel::Spm ? 0.0 : model_loss[b];
            if (model_kind == PropagationModel::Spm)
                for (std::size_t t = 0; t < kSpmTerms; ++t) loss += evaluate->spm.K[t] * terms[b][t];
            else
                loss += evaluate->correction.offset_db + evaluate->correction.slope_db_per_decade * terms[b][1];
            if (const auto it = evaluate->clutter_db.find(bin.land_class); it != evaluate->clutter_db.end()) loss += it->second;
            predicted[b] = bin.after_db = loss;
        }
        result.training = fit_statistics(measured, predicted);
        result.model = *evaluate;
        result.routes = route_statistics(result.bins, predicted);
        return result;
    }

    // Unknowns and the design: the model's fitted coefficients, then the fitted classes.
    const std::vector<std::string> base = base_unknowns(model_kind);
    std::vector<std::size_t> fitted_terms;
    for (std::size_t t = 0; t < base.size(); ++t)
        if (std::find(fit_names.begin(), fit_names.end(), base[t]) != fit_names.end()) fitted_terms.push_back(t);
    const bool fit_clutter = std::find(fit_names.begin(), fit_names.end(), "clutter") != fit_names.end();
    std::vector<std::int32_t> fitted_classes;
    std::optional<std::int32_t> reference_class;
    if (fit_clutter) {
        std::map<std::int32_t, std::size_t> count;
        for (const CalibrationBin& b : result.bins)
            if (table_loss.count(b.land_class)) ++count[b.land_class];
        const bool intercept = std::any_of(fitted_terms.begin(), fitted_terms.end(), [&](std::size_t t) { return is_intercept(base[t]); });
        if (intercept && !count.empty())
            reference_class = std::max_element(count.begin(), count.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
        for (const auto& [code, n] : count)
            if (code != reference_class) fitted_classes.push_back(code);
    }
    const SpmCoefficients defaults = default_spm_coefficients(mean_f);
    std::vector<std::string> names;
    std::vector<double> prior;
    for (const std::size_t t : fitted_terms) {
        names.push_back(base[t]);
        prior.push_back(model_kind == PropagationModel::Spm ? defaults.K[t] : 0.0);
    }
    for (const std::int32_t code : fitted_classes) {
        names.push_back("clutter_" + std::to_string(code));
        prior.push_back(table_loss.at(code));
    }
    const std::size_t p = names.size();
    if (p == 0) throw InputError("--fit: nothing to fit");
    std::vector<double> x(nb * p, 0.0), fixed(nb, 0.0);
    for (std::size_t b = 0; b < nb; ++b) {
        const Megahertz f{result.bins[b].frequency_mhz};
        const SpmCoefficients k_default = default_spm_coefficients(f);
        // What the unknowns do not cover: the model's fixed terms and the class's table loss.
        if (model_kind == PropagationModel::Spm) {
            for (std::size_t t = 0; t < kSpmTerms; ++t)
                if (std::find(fitted_terms.begin(), fitted_terms.end(), t) == fitted_terms.end()) fixed[b] += k_default.K[t] * terms[b][t];
        } else {
            fixed[b] = model_loss[b];
        }
        const auto klass = std::find(fitted_classes.begin(), fitted_classes.end(), result.bins[b].land_class);
        if (klass == fitted_classes.end()) fixed[b] += table_clutter[b];
        for (std::size_t j = 0; j < fitted_terms.size(); ++j) x[b * p + j] = terms[b][fitted_terms[j]];
        if (klass != fitted_classes.end())
            x[b * p + fitted_terms.size() + static_cast<std::size_t>(klass - fitted_classes.begin())] = 1.0;
    }
    LinearFitOptions fit_options;
    fit_options.ridge = options.ridge;
    fit_options.prior = prior;
    fit_options.loss = options.loss;

    // Fits the bins `use` (all when empty), with unknowns no bin of them informs held at their prior.
    auto fit_subset = [&](const std::vector<std::size_t>& use, bool hold_dependent) {
        std::vector<char> informed(p, 0);
        for (const std::size_t b : use)
            for (std::size_t j = 0; j < p; ++j)
                if (x[b * p + j] != 0.0) informed[j] = 1;
        std::vector<std::size_t> active;
        for (std::size_t j = 0; j < p; ++j)
            if (informed[j]) active.push_back(j);
        std::vector<double> xs, ys, sub_prior;
        std::vector<std::string> sub_names;
        for (const std::size_t j : active) {
            sub_names.push_back(names[j]);
            sub_prior.push_back(prior[j]);
        }
        for (const std::size_t b : use) {
            double y = measured[b] - fixed[b];
            for (std::size_t j = 0; j < p; ++j)
                if (!informed[j]) y -= prior[j] * x[b * p + j];
            ys.push_back(y);
            for (const std::size_t j : active) xs.push_back(x[b * p + j]);
        }
        LinearFitOptions o = fit_options;
        o.prior = sub_prior;
        o.hold_dependent = hold_dependent;
        if (active.empty()) throw InputError("calibration: no measurement informs the unknowns --fit names");
        const LinearFit sub = fit_linear(xs, ys, sub_names, o);
        LinearFit full;
        full.beta = prior;
        full.standard_error.assign(p, kNaN);
        for (std::size_t a = 0; a < active.size(); ++a) {
            full.beta[active[a]] = sub.beta[a];
            full.standard_error[active[a]] = sub.standard_error[a];
        }
        full.residual_std = sub.residual_std;
        full.iterations = sub.iterations;
        for (const std::size_t h : sub.held) full.held.push_back(active[h]);
        return full;
    };
    auto predict = [&](const LinearFit& fit, std::size_t b) {
        double v = fixed[b];
        for (std::size_t j = 0; j < p; ++j) v += fit.beta[j] * x[b * p + j];
        return v;
    };
    std::vector<std::size_t> every(nb);
    std::iota(every.begin(), every.end(), std::size_t{0});
    const LinearFit fit = fit_subset(every, false);
    result.huber_iterations = fit.iterations;
    result.residual_std_db = fit.residual_std;
    std::vector<double> after(nb);
    for (std::size_t b = 0; b < nb; ++b) after[b] = result.bins[b].after_db = predict(fit, b);
    result.training = fit_statistics(measured, after);

    // The calibrated model: fitted values over the defaults (at the mean frequency).
    CalibratedModel& m = result.model;
    m.model = model_kind;
    m.spm = defaults;
    m.min_frequency_mhz = min_f;
    m.max_frequency_mhz = max_f;
    for (std::size_t j = 0; j < fitted_terms.size(); ++j) {
        if (model_kind == PropagationModel::Spm) m.spm.K[fitted_terms[j]] = fit.beta[j];
        else if (fitted_terms[j] == 0) m.correction.offset_db = fit.beta[j];
        else m.correction.slope_db_per_decade = fit.beta[j];
    }
    m.clutter_db = table_loss;
    for (std::size_t c = 0; c < fitted_classes.size(); ++c) m.clutter_db[fitted_classes[c]] = fit.beta[fitted_terms.size() + c];
    for (std::size_t t = 0; t < base.size(); ++t) {
        const auto j = std::find(fitted_terms.begin(), fitted_terms.end(), t);
        CoefficientEstimate e{base[t], model_kind == PropagationModel::Spm ? m.spm.K[t] : (t == 0 ? m.correction.offset_db : m.correction.slope_db_per_decade), kNaN, j != fitted_terms.end()};
        if (e.fitted) e.standard_error = fit.standard_error[static_cast<std::size_t>(j - fitted_terms.begin())];
        result.coefficients.push_back(e);
    }
    for (const auto& [code, value] : m.clutter_db) {
        const auto j = std::find(fitted_classes.begin(), fitted_classes.end(), code);
        CoefficientEstimate e{"clutter_" + std::to_string(code), value, kNaN, j != fitted_classes.end()};
        if (e.fitted) e.standard_error = fit.standard_error[fitted_terms.size() + static_cast<std::size_t>(j - fitted_classes.begin())];
        result.coefficients.push_back(e);
    }

    // Validation by blocks: whole routes, else tiles.
    std::map<std::string, std::vector<std::size_t>> blocks;
    const double block_m = options.block_km * 1000.0;
    for (std::size_t b = 0; b < nb; ++b) {
        const CalibrationBin& bin = result.bins[b];
        std::string key = bin.route;
        if (key.empty()) {
            const auto tx = static_cast<long long>(std::floor(bin.position.x / block_m));
            const auto ty = static_cast<long long>(std::floor(bin.position.y / block_m));
            key = "tile " + std::to_string(tx) + "," + std::to_string(ty);
        }
        blocks[key].push_back(b);
    }
    result.folds = std::min(options.folds, blocks.size());
    if (result.folds < 2) {
        result.folds = 0;
        diagnostics.warn(Step::Assess, {measurements.source, "", ""},
                         "all measurements lie in one validation block (route or --block-km tile): no held-out statistics");
        return result;
    }
    std::size_t block_index = 0;
    for (const auto& [key, members] : blocks) {
        for (const std::size_t b : members) result.bins[b].fold = block_index % result.folds;
        ++block_index;
    }
    std::vector<double> held_out(nb);
    std::set<std::string> held_in_folds;
    for (std::size_t f = 0; f < result.folds; ++f) {
        std::vector<std::size_t> train, test;
        for (std::size_t b = 0; b < nb; ++b) (result.bins[b].fold == f ? test : train).push_back(b);
        // A fold may not inform every unknown the whole set does (one route, one mast height):
        // those are held at their defaults for that fold.
        const LinearFit fold_fit = fit_subset(train, true);
        for (const std::size_t h : fold_fit.held) held_in_folds.insert(names[h]);
        for (const std::size_t b : test) held_out[b] = result.bins[b].held_out_db = predict(fold_fit, b);
    }
    result.held_out = fit_statistics(measured, held_out);
    if (!held_in_folds.empty()) {
        std::string list;
        for (const std::string& n : held_in_folds) list += (list.empty() ? "" : ", ") + n;
        diagnostics.warn(Step::Assess, {measurements.source, "", ""},
                         "some validation folds cannot tell " + list + " apart from the other unknowns (too few routes, heights or classes in their training data): held at the default there");
    }
    result.routes = route_statistics(result.bins, held_out);
    return result;
}

}  // namespace phusong
