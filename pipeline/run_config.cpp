#include "pipeline/run_config.hpp"

#include "geo/errors.hpp"
#include "geo/text_format.hpp"

namespace phusong {
namespace {

void in_range(double v, double lo, double hi, const char* option) {
    if (!(v >= lo && v <= hi))
        throw InputError(std::string("--") + option + " must be in [" + format_quantity(lo) + ", " + format_quantity(hi) +
                         "], not " + format_quantity(v));
}

}  // namespace

std::string_view to_string(RunKind kind) {
    switch (kind) {
        case RunKind::Analyze: return "analyze";
        case RunKind::Coverage: return "coverage";
        case RunKind::Gaps: return "gaps";
        case RunKind::Rank: return "rank";
    }
    return "analyze";
}

void validate_itm_settings(const ItmSettings& s) {
    // Let ITM judge the parameters on a typical link, so the rules are exactly its own.
    const itm::Environment env = itm_environment(s, 900.0);
    const itm::Result probe = itm::area_tls(30.0, 1.5, itm::SitingCriteria::Random, itm::SitingCriteria::Random, 10.0,
                                            90.0, env, {s.time, s.location, s.situation});
    const char* option = nullptr;
    switch (probe.return_code) {
        case itm::kErrorInvalidRadioClimate: option = "--climate"; break;
        case itm::kErrorRefractivity:
        case itm::kErrorSurfaceRefractivitySmall:
        case itm::kErrorSurfaceRefractivityLarge:
        case itm::kErrorEffectiveEarth: option = "--n0"; break;
        case itm::kErrorEpsilon: option = "--epsilon"; break;
        case itm::kErrorSigma: option = "--sigma"; break;
        case itm::kErrorGroundImpedance: option = "--epsilon/--sigma"; break;
        case itm::kErrorMdvar: option = "--mdvar"; break;
        case itm::kErrorInvalidTime: option = "--time"; break;
        case itm::kErrorInvalidLocation: option = "--location"; break;
        case itm::kErrorInvalidSituation: option = "--situation"; break;
        default: break;
    }
    if (option) throw InputError(std::string(option) + ": " + itm::describe_return_code(probe.return_code));
    if (!probe.ok()) throw InputError("ITM parameters: " + itm::describe_return_code(probe.return_code));
}

void check_rx_height_for_model(PropagationModel model, Metres rx_height) {
    const double h = rx_height.value();
    const bool hata = model == PropagationModel::OkumuraHata || model == PropagationModel::Cost231Hata;
    if (hata && !(h >= kHataMinMobileHeightM && h <= kHataMaxMobileHeightM))
        throw InputError("--rx-height-m must be in [1, 10] m for --model " + to_string(model) +
                         " (the mobile heights the Hata formulas were fitted to), not " + format_quantity(h));
    if (model == PropagationModel::Itm && h < 0.5) throw InputError("--rx-height-m must be at least 0.5 m for ITM");
    if (model == PropagationModel::P1812 && h < 1.0)
        throw InputError("--rx-height-m must be at least 1 m for P.1812 (its antennas are 1–3000 m above ground), not " + format_quantity(h));
}

CoverageSettings coverage_settings(const RunConfig& config) {
    CoverageSettings settings;
    settings.model = config.radio.model;
    settings.engine = config.radio.engine;
    settings.radius = config.radio.radius;
    settings.reach = config.radio.reach;
    settings.rx_height = config.radio.rx_height;
    settings.itm = config.radio.itm;
    settings.p1812 = config.radio.p1812;
    settings.hata_environment = config.radio.environment;
    if (const auto& c = config.radio.calibration) {
        settings.model = c->model;
        if (c->model == PropagationModel::Spm) settings.spm = c->spm;
        settings.correction = c->correction;
    }
    settings.threads = config.threads;
    return settings;
}

void validate(const RunConfig& c) {
    const RadioConfig& r = c.radio;
    in_range(r.resolution.value(), 1.0, 10000.0, "resolution-m");
    in_range(r.radius.value() / 1000.0, 0.1, 200.0, "radius-km");
    in_range(r.rx_height.value(), 0.1, 100.0, "rx-height-m");
    in_range(c.budget.margin().value(), -50.0, 50.0, "margin-db");
    in_range(c.gaps.settlement_radius.value(), 0.0, 10000.0, "settlement-radius-m");
    in_range(c.gaps.village_covered_share, 0.0, 1.0, "village-covered-share");
    in_range(c.gaps.commune_covered_share, 0.0, 1.0, "commune-covered-share");
    in_range(c.gaps.dead_zones.min_area_km2, 0.0, 1e6, "min-dead-zone-area-km2");
    in_range(c.gaps.dead_zones.min_width.value(), 0.0, 1e6, "min-dead-zone-width-m");
    in_range(static_cast<double>(c.threads), 1.0, 256.0, "threads");
    in_range(r.p1812.time_percent, 1.0, 50.0, "time-percent");
    in_range(r.p1812.location_percent, 1.0, 99.0, "location-percent");
    in_range(r.p1812.DN, 0.0, 156.0, "dn");
    if (c.predicts() || c.kind == RunKind::Rank) {
        // Rank works on the grid of its rasters; --resolution-m is for runs that choose a grid.
        if (c.predicts()) {
            if (r.radius.value() < 2.0 * r.resolution.value())
                throw InputError("--radius-km must be at least two pixels (2 x --resolution-m)");
            // The automatic reach lowers its cap to fit instead (predict_coverage).
            const std::size_t ray_bytes = r.reach == ReachRule::Auto ? 0 : ray_table_bytes(r.radius, r.resolution, coverage_settings(c));
            if (ray_bytes > kMaxRayTableBytes)
                throw InputError("--radius-km " + format_quantity(r.radius.value() / 1000.0) + " at --resolution-m " +
                                 format_quantity(r.resolution.value()) + " needs " + std::to_string(ray_bytes >> 20) +
                                 " MiB of engine tables per mast (limit " + std::to_string(kMaxRayTableBytes >> 20) +
                                 " MiB); use a smaller radius or a coarser resolution");
        }
        if (r.clutter && *r.clutter != ClutterModel::None && c.inputs.landcover.empty())
            throw InputError("--clutter " + to_string(*r.clutter) + " needs --landcover (the classes around each receiver)");
        if (!c.inputs.landcover_classes.empty() && c.inputs.landcover.empty())
            throw InputError("--landcover-classes describes a --landcover raster: give one");
        if (!(r.clutter_percent > 0.0 && r.clutter_percent < 100.0))
            throw InputError("--clutter-percent must be in (0, 100), not " + format_quantity(r.clutter_percent));
        check_rx_height_for_model(r.model, r.rx_height);
        if (r.model == PropagationModel::Itm) validate_itm_settings(r.itm);
    }
    if (c.kind == RunKind::Analyze || c.kind == RunKind::Coverage) {
        if (c.inputs.towers.empty()) throw InputError(std::string(to_string(c.kind)) + ": --towers is required");
        if (c.inputs.dem.empty()) throw InputError(std::string(to_string(c.kind)) + ": --dem is required");
        if (c.technologies.empty()) throw InputError("--tech: no technology selected");
    } else {
        if (c.inputs.coverage.empty()) throw InputError(std::string(to_string(c.kind)) + ": --coverage is required");
        if (c.kind == RunKind::Rank && c.inputs.dem.empty()) throw InputError("rank: --dem is required");
    }
    if (c.kind == RunKind::Rank && !c.ranks()) throw InputError("rank: give --candidates FILE or --auto N");
    if (!c.inputs.candidates.empty() && c.ranking.auto_candidates > 0)
        throw InputError("--candidates and --auto: give one of them, not both");
    in_range(static_cast<double>(c.ranking.select), 1.0, 100000.0, "select");
    in_range(static_cast<double>(c.ranking.auto_candidates), 0.0, 100000.0, "auto");
    if (c.ranking.budget) in_range(*c.ranking.budget, 0.0, 1e15, "budget");
    if (!(c.ranking.upgrade_cost > 0.0 && c.ranking.upgrade_cost <= 1e15))
        throw InputError("--upgrade-cost must be in (0, 1e15], not " + format_quantity(c.ranking.upgrade_cost));
    if (c.ranking.upgrade_technology && c.kind != RunKind::Analyze)
        throw InputError("--upgrade-existing needs the existing masts: use it with `analyze`, which reads --towers");
    in_range(c.ranking.exact_time_limit_s, 0.1, 86400.0, "exact-time-limit-s");
    if (const auto& cal = c.radio.calibration; cal && !cal->clutter_db.empty() && c.inputs.landcover.empty() && (c.predicts() || c.ranks()))
        throw InputError("--calibration " + c.inputs.calibration +
                         " holds land-cover class losses: give --landcover (a raster of the classes it was fitted with)");
    if (c.out.empty()) throw InputError("--out: no output given");
    if (c.kind == RunKind::Coverage && c.out.extension() != ".gpkg")
        throw InputError("--out: '" + c.out.string() + "' must be a file name ending in .gpkg (e.g. coverage.gpkg)");
}

}  // namespace phusong
