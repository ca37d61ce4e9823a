#include "cli/run_config_builder.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <thread>

#include "cli/command_line.hpp"
#include "geo/errors.hpp"
#include "io/csv_table.hpp"
#include "pipeline/calibration_file.hpp"

namespace phusong {
namespace {

}  // namespace

PropagationModel parse_model_option(const std::string& name) {
    const auto model = parse_propagation_model(name);
    if (!model) throw InputError("--model: unknown model '" + name + "' (expected itm, p1812, deygout, spm, fspl, hata or cost231)");
    return *model;
}

HataEnvironment parse_environment_option(const std::string& name) {
    const auto environment = parse_hata_environment(name);
    if (!environment) throw InputError("--environment: '" + name + "' is not urban, large-city, suburban or open");
    return *environment;
}

std::vector<Technology> parse_technology_list(const std::string& list) {
    std::vector<Technology> out;
    for (const std::string& name : split_list(list)) {
        const auto t = parse_technology(name);
        if (!t) throw InputError("--tech: unknown technology '" + name + "' (expected 2g, 3g, 4g or 5g)");
        if (std::find(out.begin(), out.end(), *t) == out.end()) out.push_back(*t);
    }
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

RunConfig build(const AnalysisOptions& o, RunKind kind) {
    RunConfig c;
    c.kind = kind;
    RunInputs& in = c.inputs;
    in.config = o.config;
    in.towers = o.towers;
    in.coverage = o.coverage_gpkg;
    in.dem = o.dem;
    in.villages = o.villages;
    in.village_population_field = o.village_population_field;
    in.communes = o.communes;
    in.commune_population_field = o.commune_population_field;
    in.places = o.places;
    in.places_population_field = o.places_population_field;
    in.population_raster = o.population_raster;
    in.landcover = o.landcover;
    in.landcover_classes = o.landcover_classes;
    in.targets = o.targets;
    in.candidates = o.candidates;
    if (o.district_field_given) in.district_field = o.district_field;
    in.village_power_field = o.village_power_field;
    in.districts = o.district_outlines;
    in.village_name_field = o.name_field;
    in.commune_name_field = o.commune_name_field;
    in.village_id_field = o.id_field;
    in.commune_id_field = o.commune_id_field;
    for (const std::string& d : o.districts) {
        if (split_names(d).empty()) throw InputError("--district: '" + d + "' names no district");
        c.districts.push_back(trim(d));
    }
    c.by_operator = o.by_operator || o.operator_rasters;
    c.operator_rasters = o.operator_rasters;

    c.technologies = parse_technology_list(o.technologies);
    if (c.technologies.empty() && (kind == RunKind::Analyze || kind == RunKind::Coverage))
        throw InputError("--tech: no technology selected");
    for (const std::string& s : o.tech_defaults) c.tower_defaults.apply(s);
    c.budget.set_margin(Db{o.margin_db});
    for (const std::string& s : o.budgets) c.budget.apply(s);

    RadioConfig& r = c.radio;
    r.model = parse_model_option(o.model);
    r.environment = parse_environment_option(o.environment);
    const auto engine = parse_coverage_engine(o.engine);
    if (!engine) throw InputError("--engine: unknown engine '" + o.engine + "' (expected sweep or per-pixel)");
    r.engine = *engine;
    if (!o.clutter.empty()) {
        r.clutter = parse_clutter_model(o.clutter);
        if (!r.clutter) throw InputError("--clutter: unknown model '" + o.clutter + "' (expected none, table or p2108)");
    }
    r.clutter_percent = o.clutter_percent;
    if (!o.calibration.empty()) {
        // The calibration is the model: its coefficients and its class losses (the clutter).
        r.calibration = read_calibration(o.calibration);
        in.calibration = o.calibration;
        if (o.given.contains("model") && r.model != r.calibration->model)
            throw InputError("--model " + o.model + " differs from the model of --calibration " + o.calibration + " (" +
                             to_string(r.calibration->model) + "): leave --model out");
        if (o.given.contains("clutter"))
            throw InputError("--clutter cannot be combined with --calibration: the calibration's class losses are its clutter");
        r.model = r.calibration->model;
    }
    r.itm = itm_settings_from(o.itm);
    // Options the run's model would not use are refused, not silently ignored.
    const bool p1812 = r.model == PropagationModel::P1812;
    for (const char* option : {"time-percent", "location-percent", "dn"})
        if (!p1812 && o.given.contains(option))
            throw InputError(std::string("--") + option + " is for --model p1812, not " + to_string(r.model));
    for (const char* option : kItmOnlyOptions)
        if (p1812 && o.given.contains(option))
            throw InputError(std::string("--") + option + " is an ITM option, not used by --model p1812 (it takes --time-percent and --location-percent)");
    r.p1812.time_percent = o.time_percent;
    r.p1812.location_percent = o.location_percent;
    r.p1812.DN = o.dn;
    r.p1812.N0 = o.given.contains("n0") ? o.itm.n0 : P1812Settings{}.N0;
    r.resolution = Metres{o.resolution_m};
    if (o.radius_km == "auto") {
        r.reach = ReachRule::Auto;
        r.radius = Metres{kAutoReachCapM};
    } else {
        r.reach = ReachRule::Fixed;
        double km = 0.0;
        const char* end = o.radius_km.data() + o.radius_km.size();
        const auto [stop, error] = std::from_chars(o.radius_km.data(), end, km);
        if (error != std::errc() || stop != end || o.radius_km.empty())
            throw InputError("--radius-km: '" + o.radius_km + "' is neither a range in km nor auto");
        r.radius = Metres::from_kilometres(km);
    }
    r.rx_height = Metres{o.rx_height_m};

    c.gaps.settlement_radius = Metres{o.settlement_radius_m};
    c.gaps.village_covered_share = o.village_covered_share;
    c.gaps.commune_covered_share = o.commune_covered_share;
    c.gaps.dead_zones = {o.min_dead_zone_area_km2, Metres{o.min_dead_zone_width_m}};

    RankingConfig& k = c.ranking;
    // Counts parsed as signed so that "-3" is refused as typed, not wrapped to 18446744073709551613.
    auto count = [](long long v, long long lo, long long hi, const char* option) {
        if (v < lo || v > hi)
            throw InputError(std::string("--") + option + " must be in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                             "], not " + std::to_string(v));
        return static_cast<std::size_t>(v);
    };
    k.auto_candidates = count(o.auto_candidates, 0, 100000, "auto");
    k.select = count(o.select, 1, 100000, "select");
    const auto objective = parse_objective(o.objective);
    if (!objective) throw InputError("--objective: '" + o.objective + "' is not population, villages or communes");
    k.objective = *objective;
    if (o.site_budget != 0.0) k.budget = o.site_budget;
    k.exact = o.exact;
    k.exact_time_limit_s = o.exact_time_limit_s;
    if (!o.rank_tech.empty()) {
        k.technology = parse_technology(o.rank_tech);
        if (!k.technology) throw InputError("--rank-tech: unknown technology '" + o.rank_tech + "' (expected 2g, 3g, 4g or 5g)");
    }
    if (!o.upgrade_existing.empty()) {
        k.upgrade_technology = parse_technology(o.upgrade_existing);
        if (!k.upgrade_technology)
            throw InputError("--upgrade-existing: unknown technology '" + o.upgrade_existing + "' (expected 2g, 3g, 4g or 5g)");
    }
    k.upgrade_cost = o.upgrade_cost;
    if (o.given.contains("upgrade-cost") && o.upgrade_existing.empty())
        throw InputError("--upgrade-cost prices --upgrade-existing upgrades: give --upgrade-existing TECH too");
    c.given_options = o.given;
    c.use_remembered_settings = kind == RunKind::Gaps || kind == RunKind::Rank;
    c.budget_settings = o.budgets;
    c.tower_default_settings = o.tech_defaults;
    c.crs = o.crs;
    c.out = o.out_dir;
    // 0 = all cores; `gaps` alone has no parallel work.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    c.threads = o.threads == 0 ? (kind == RunKind::Gaps ? 1u : cores)
                               : static_cast<unsigned>(count(o.threads, 1, 256, "threads"));
    // Gaps and Rank are checked once the coverage run's settings are known (load_inputs).
    if (!c.use_remembered_settings) validate(c);
    return c;
}

}  // namespace

RunConfig make_run_config(const AnalysisOptions& options, RunKind kind) {
    try {
        return build(options, kind);
    } catch (const InputError& e) {
        throw InputError(with_config_origin(e, options));
    }
}

}  // namespace phusong
