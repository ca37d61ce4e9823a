#include "pipeline/calibration_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <set>

#include "geo/text_format.hpp"

namespace phusong {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_intercept(const std::string& name) { return name == "K1" || name == "a"; }

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

}  // namespace

std::vector<double> measured_losses(const std::vector<CalibrationBin>& bins) {
    std::vector<double> out;
    out.reserve(bins.size());
    for (const CalibrationBin& b : bins) out.push_back(b.measured_db);
    return out;
}

std::vector<std::string> base_unknowns(PropagationModel model) {
    if (model == PropagationModel::Itm) return {"a", "b"};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < kSpmTerms; ++i) out.push_back(spm_coefficient_name(i));
    return out;
}

void evaluate_bins(const CalibratedModel& model, const BinnedPaths& paths, CalibrationResult& result) {
    const std::size_t nb = result.bins.size();
    const PropagationModel model_kind = model.model;
    const auto& terms = paths.terms;
    const auto& model_loss = paths.model_loss_db;
    // Predict with the given model: its coefficients, correction and class losses.
    std::vector<double> predicted(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        CalibrationBin& bin = result.bins[b];
        double loss = model_kind == PropagationModel::Spm ? 0.0 : model_loss[b];
        if (model_kind == PropagationModel::Spm)
            loss += spm_loss(spm_at(model.spm, Megahertz{bin.frequency_mhz}), {terms[b]}).value();
        else
            loss += model.correction.offset_db + model.correction.slope_db_per_decade * terms[b][1];
        if (paths.table_loss.contains(bin.land_class)) loss += class_loss_db(model, bin.land_class, paths.table_loss_at(bin.land_class));
        predicted[b] = bin.after_db = loss;
    }
    result.training = fit_statistics(measured_losses(result.bins), predicted);
    result.model = model;
    result.routes = route_statistics(result.bins, predicted);
}

void fit_bins(PropagationModel model_kind, const std::vector<std::string>& fit_names, const CalibrationOptions& options,
              const BinnedPaths& paths, CalibrationResult& result, Diagnostics& diagnostics) {
    const std::size_t nb = result.bins.size();
    const auto& terms = paths.terms;
    const auto& model_loss = paths.model_loss_db;
    const auto& table_loss = paths.table_loss;
    const std::vector<double> measured = measured_losses(result.bins);
    double min_f = std::numeric_limits<double>::infinity(), max_f = 0.0, sum_f = 0.0;
    for (const CalibrationBin& b : result.bins) {
        min_f = std::min(min_f, b.frequency_mhz);
        max_f = std::max(max_f, b.frequency_mhz);
        sum_f += b.frequency_mhz;
    }
    const Megahertz mean_f{sum_f / static_cast<double>(nb)};

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
        // What the unknowns do not cover: the model's fixed terms and the class's table loss. A
        // fitted K1 holds at the mean frequency; other bands differ from it as the defaults do.
        if (model_kind == PropagationModel::Spm) {
            for (std::size_t t = 0; t < kSpmTerms; ++t)
                if (std::find(fitted_terms.begin(), fitted_terms.end(), t) == fitted_terms.end()) fixed[b] += k_default.K[t] * terms[b][t];
            if (!fitted_terms.empty() && fitted_terms.front() == 0) fixed[b] += k_default.K[0] - defaults.K[0];
        } else {
            fixed[b] = model_loss[b];
        }
        const auto klass = std::find(fitted_classes.begin(), fitted_classes.end(), result.bins[b].land_class);
        if (klass == fitted_classes.end()) fixed[b] += paths.table_loss_at(result.bins[b].land_class);
        for (std::size_t j = 0; j < fitted_terms.size(); ++j) x[b * p + j] = terms[b][fitted_terms[j]];
        if (klass != fitted_classes.end())
            x[b * p + fitted_terms.size() + static_cast<std::size_t>(klass - fitted_classes.begin())] = 1.0;
    }
    LinearFitOptions fit_options;
    fit_options.ridge = options.ridge;
    fit_options.prior = prior;
    fit_options.loss = options.loss;

    // Fits the bins `use`, with unknowns no bin of them informs held at their prior (and, with
    // hold_dependent, those they cannot tell apart).
    auto fit_subset = [&](const std::vector<std::size_t>& use, bool hold_dependent) {
        std::vector<char> informed(p, 0);
        for (const std::size_t b : use)
            for (std::size_t j = 0; j < p; ++j)
                if (x[b * p + j] != 0.0) informed[j] = 1;
        std::vector<std::size_t> uninformed;
        for (std::size_t j = 0; j < p; ++j)
            if (!informed[j]) uninformed.push_back(j);
        if (uninformed.size() == p)
            throw InputError("calibration: no measurement informs " + format_some(names) +
                             " (their regressors are 0 everywhere, as K4's without diffraction): fit others with --fit");
        std::vector<double> xs, ys;
        for (const std::size_t b : use) {
            ys.push_back(measured[b] - fixed[b]);
            xs.insert(xs.end(), x.begin() + static_cast<std::ptrdiff_t>(b * p), x.begin() + static_cast<std::ptrdiff_t>((b + 1) * p));
        }
        LinearFitOptions o = fit_options;
        o.hold_dependent = hold_dependent;
        return fit_linear_holding(xs, ys, names, o, uninformed);
    };
    auto predict = [&](const LinearFit& fit, std::size_t b) {
        double v = fixed[b];
        for (std::size_t j = 0; j < p; ++j) v += fit.beta[j] * x[b * p + j];
        return v;
    };
    std::vector<std::size_t> every(nb);
    std::iota(every.begin(), every.end(), std::size_t{0});
    const LinearFit fit = fit_subset(every, false);
    // An unknown nothing informs keeps its default and is reported as not fitted.
    std::vector<char> fitted(p, 1);
    for (const std::size_t h : fit.held) {
        fitted[h] = 0;
        diagnostics.warn(Step::Assess, {options.measurements, "", ""},
                         names[h] + " has no effect on these measurements (its regressor is 0 in every bin): kept at its default");
    }
    result.huber_iterations = fit.iterations;
    result.residual_std_db = fit.residual_std;
    std::vector<double> after(nb);
    for (std::size_t b = 0; b < nb; ++b) after[b] = result.bins[b].after_db = predict(fit, b);
    result.training = fit_statistics(measured, after);

    // The calibrated model: fitted values over the defaults (at the mean frequency).
    CalibratedModel& m = result.model;
    m.model = model_kind;
    m.spm = defaults;
    m.spm.reference_mhz = mean_f.value();
    m.min_frequency_mhz = min_f;
    m.max_frequency_mhz = max_f;
    for (std::size_t j = 0; j < fitted_terms.size(); ++j) {
        if (model_kind == PropagationModel::Spm) m.spm.K[fitted_terms[j]] = fit.beta[j];
        else if (fitted_terms[j] == 0) m.correction.offset_db = fit.beta[j];
        else m.correction.slope_db_per_decade = fit.beta[j];
    }
    for (const CalibrationBin& b : result.bins)  // the classes measured, at their table loss unless fitted
        if (const auto it = table_loss.find(b.land_class); it != table_loss.end()) m.clutter_db[b.land_class] = it->second;
    for (std::size_t c = 0; c < fitted_classes.size(); ++c) m.clutter_db[fitted_classes[c]] = fit.beta[fitted_terms.size() + c];
    for (std::size_t t = 0; t < base.size(); ++t) {
        const auto j = std::find(fitted_terms.begin(), fitted_terms.end(), t);
        const auto column = static_cast<std::size_t>(j - fitted_terms.begin());
        CoefficientEstimate e{base[t], model_kind == PropagationModel::Spm ? m.spm.K[t] : (t == 0 ? m.correction.offset_db : m.correction.slope_db_per_decade),
                              kNaN, j != fitted_terms.end() && fitted[column]};
        if (e.fitted) e.standard_error = fit.standard_error[column];
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
        diagnostics.warn(Step::Assess, {options.measurements, "", ""},
                         "all measurements lie in one validation block (route or --block-km tile): no held-out statistics");
        return;
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
        diagnostics.warn(Step::Assess, {options.measurements, "", ""},
                         "some validation folds cannot tell " + format_some({held_in_folds.begin(), held_in_folds.end()}) + " apart from the other unknowns (too few routes, heights or classes in their training data): held at the default there");
    }
    result.routes = route_statistics(result.bins, held_out);
}

}  // namespace phusong
