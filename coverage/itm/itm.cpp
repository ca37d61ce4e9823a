// ITM entry points: input validation (NTIA ITM 1.4 limits and codes), then terrain or
// area geometry, reference attenuation and variability.
#include "coverage/itm/itm.hpp"

#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include "coverage/itm/itm_internals.hpp"

namespace phusong::itm {
namespace {

using namespace detail;

int validate_common(double h_tx, double h_rx, const Environment& env, std::uint32_t& warnings) {
    if (!(h_tx >= 0.5 && h_tx <= 3000.0)) return kErrorTxTerminalHeight;
    if (!(h_rx >= 0.5 && h_rx <= 3000.0)) return kErrorRxTerminalHeight;
    if (h_tx < 1.0 || h_tx > 1000.0) warnings |= kWarnTxTerminalHeight;
    if (h_rx < 1.0 || h_rx > 1000.0) warnings |= kWarnRxTerminalHeight;
    const int climate = static_cast<int>(env.climate);
    if (climate < 1 || climate > 7) return kErrorInvalidRadioClimate;
    if (!(env.N_0 >= 250.0 && env.N_0 <= 400.0)) return kErrorRefractivity;
    if (!(env.f__mhz >= 20.0 && env.f__mhz <= 20000.0)) return kErrorFrequency;
    if (env.f__mhz < 40.0 || env.f__mhz > 10000.0) warnings |= kWarnFrequency;
    if (env.pol != Polarization::Horizontal && env.pol != Polarization::Vertical) return kErrorPolarization;
    if (!(env.epsilon >= 1.0)) return kErrorEpsilon;
    if (!(env.sigma > 0.0)) return kErrorSigma;
    const int base = env.mdvar % 10;
    if (env.mdvar < 0 || env.mdvar > 33 || base > 3) return kErrorMdvar;
    return kSuccess;
}

bool is_percentage(double v) { return v > 0.0 && v < 100.0; }

int validate_tls(const TimeLocationSituation& v) {
    // NTIA's order: situation, then time, then location.
    if (!is_percentage(v.situation)) return kErrorInvalidSituation;
    if (!is_percentage(v.time)) return kErrorInvalidTime;
    if (!is_percentage(v.location)) return kErrorInvalidLocation;
    return kSuccess;
}

int validate_cr(const ConfidenceReliability& v) {
    if (!is_percentage(v.confidence)) return kErrorInvalidConfidence;
    if (!is_percentage(v.reliability)) return kErrorInvalidReliability;
    return kSuccess;
}

}  // namespace

Deviates detail::deviates(const TimeLocationSituation& v) {
    return {inverse_complementary_normal(v.time / 100.0), inverse_complementary_normal(v.location / 100.0),
            inverse_complementary_normal(v.situation / 100.0)};
}

Deviates detail::deviates(const ConfidenceReliability& v) {
    // NTIA 1.4 runs its TLS form with time = reliability, location = 50 % and situation =
    // confidence. The location deviate matters only in broadcast mode (mdvar 3, 23), where it
    // is not tied to another one; Q⁻¹(0.5) is what the A&S fit gives there (≈ 6e-6, not 0).
    return {inverse_complementary_normal(v.reliability / 100.0), inverse_complementary_normal(0.5),
            inverse_complementary_normal(v.confidence / 100.0)};
}

namespace {

/// Mean terrain height over the middle of the profile (dropping a tenth at each end), used
/// to reduce N_0 to the surface refractivity N_s.
double system_elevation(std::span<const double> pfl) {
    const auto n = static_cast<long>(pfl[0]);
    const long first = static_cast<long>(3.0 + 0.1 * pfl[0]);
    const long last = n - first + 6;
    // Four interleaved sums: one chain of dependent additions would be four times as long.
    std::array<double, 4> sums{};
    long i = first - 1;
    for (; i + 3 < last; i += 4)
        for (long lane = 0; lane < 4; ++lane) sums[static_cast<std::size_t>(lane)] += pfl[static_cast<std::size_t>(i + lane)];
    for (; i < last; ++i) sums[0] += pfl[static_cast<std::size_t>(i)];
    return ((sums[0] + sums[1]) + (sums[2] + sums[3])) / static_cast<double>(last - first + 1);
}

}  // namespace

Result detail::finish(const PathGeometry& path, const Medium& medium, const Environment& env, const Deviates& z,
              bool point_to_point, std::uint32_t warnings) {
    Result r;
    const ReferenceAttenuation ref = reference_attenuation(path, medium, point_to_point);
    r.values.theta_hzn = path.theta_hzn;
    r.values.d_hzn__meter = path.d_hzn__meter;
    r.values.h_e__meter = path.h_e__meter;
    r.values.N_s = medium.N_s;
    r.values.delta_h__meter = path.delta_h__meter;
    r.values.d__km = path.d__meter / 1000.0;
    if (ref.error != kSuccess) {
        r.return_code = ref.error;
        return r;
    }
    warnings |= ref.warnings;
    r.values.A_ref__db = ref.A_ref__db;
    r.values.mode = ref.mode;
    r.values.A_fs__db = medium.free_space_at_1km__db + 20.0 * std::log10(r.values.d__km);
    r.A__db = r.values.A_fs__db + apply_variability(ref.A_ref__db, path, medium, env.climate, env.mdvar, z, warnings);
    r.warnings = warnings;
    r.return_code = warnings ? kSuccessWithWarnings : kSuccess;
    return r;
}

int detail::validate_p2p_tls(double h_tx, double h_rx, const Environment& env, const TimeLocationSituation& v,
                     std::uint32_t& warnings) {
    if (int e = validate_common(h_tx, h_rx, env, warnings); e != kSuccess) return e;
    return validate_tls(v);
}

namespace {

bool valid_profile(std::span<const double> pfl) {
    return pfl.size() >= 4 && pfl[0] >= 1.0 && pfl[1] > 0.0 && pfl.size() >= static_cast<std::size_t>(pfl[0]) + 3;
}

template <class Variability>
Result p2p(double h_tx, double h_rx, std::span<const double> pfl, const Environment& env, const Variability& v,
           int variability_error) {
    Result r;
    std::uint32_t warnings = 0;
    if (int e = validate_common(h_tx, h_rx, env, warnings); e != kSuccess) return r.return_code = e, r;
    if (variability_error != kSuccess) return r.return_code = variability_error, r;
    if (!valid_profile(pfl)) return r.return_code = kErrorPathDistance, r;
    const Medium medium = make_medium(env.f__mhz, env.N_0, system_elevation(pfl), env.pol, env.epsilon, env.sigma);
    const PathGeometry path = analyse_profile(pfl, h_tx, h_rx, medium.gamma_e__per_meter);
    return finish(path, medium, env, deviates(v), true, warnings);
}

template <class Variability>
Result area(double h_tx, double h_rx, SitingCriteria tx, SitingCriteria rx, double d__km, double delta_h,
            const Environment& env, const Variability& v, int variability_error) {
    Result r;
    std::uint32_t warnings = 0;
    if (int e = validate_common(h_tx, h_rx, env, warnings); e != kSuccess) return r.return_code = e, r;
    if (variability_error != kSuccess) return r.return_code = variability_error, r;
    const auto siting_ok = [](SitingCriteria s) { return static_cast<int>(s) >= 0 && static_cast<int>(s) <= 2; };
    if (!siting_ok(tx)) return r.return_code = kErrorTxSitingCriteria, r;
    if (!siting_ok(rx)) return r.return_code = kErrorRxSitingCriteria, r;
    if (!(d__km > 0.0)) return r.return_code = kErrorPathDistance, r;
    if (!(delta_h >= 0.0)) return r.return_code = kErrorDeltaH, r;
    const Medium medium = make_medium(env.f__mhz, env.N_0, 0.0, env.pol, env.epsilon, env.sigma);
    const PathGeometry path = area_geometry(h_tx, h_rx, tx, rx, d__km * 1000.0, delta_h, medium.gamma_e__per_meter);
    return finish(path, medium, env, deviates(v), false, warnings);
}

}  // namespace

double inverse_complementary_normal(double q) {
    constexpr double c0 = 2.515516, c1 = 0.802853, c2 = 0.010328;
    constexpr double d1 = 1.432788, d2 = 0.189269, d3 = 0.001308;
    const double x = q > 0.5 ? 1.0 - q : q;
    const double t = std::sqrt(-2.0 * std::log(x));
    const double z = t - ((c2 * t + c1) * t + c0) / (((d3 * t + d2) * t + d1) * t + 1.0);
    return q > 0.5 ? -z : z;
}

Result p2p_tls(double h_tx, double h_rx, std::span<const double> pfl, const Environment& env,
               const TimeLocationSituation& v) {
    return p2p(h_tx, h_rx, pfl, env, v, validate_tls(v));
}

Result p2p_cr(double h_tx, double h_rx, std::span<const double> pfl, const Environment& env,
              const ConfidenceReliability& v) {
    return p2p(h_tx, h_rx, pfl, env, v, validate_cr(v));
}

void p2p_tls_frequencies(double h_tx, double h_rx, std::span<const double> pfl, const Environment& env,
                         std::span<const double> frequencies_mhz, const TimeLocationSituation& v, std::span<Result> results) {
    const int variability_error = validate_tls(v);
    const double z_sys = valid_profile(pfl) ? system_elevation(pfl) : 0.0;
    std::optional<PathGeometry> path;  // shared: its earth curvature depends on N_s, not on f
    for (std::size_t i = 0; i < frequencies_mhz.size(); ++i) {
        Environment at_f = env;
        at_f.f__mhz = frequencies_mhz[i];
        Result& r = results[i];
        r = Result{};
        std::uint32_t warnings = 0;
        if (int e = validate_common(h_tx, h_rx, at_f, warnings); e != kSuccess) { r.return_code = e; continue; }
        if (variability_error != kSuccess) { r.return_code = variability_error; continue; }
        if (!valid_profile(pfl)) { r.return_code = kErrorPathDistance; continue; }
        const Medium medium = make_medium(at_f.f__mhz, env.N_0, z_sys, env.pol, env.epsilon, env.sigma);
        if (!path) path = analyse_profile(pfl, h_tx, h_rx, medium.gamma_e__per_meter);
        r = finish(*path, medium, at_f, deviates(v), true, warnings);
    }
}

Result area_tls(double h_tx, double h_rx, SitingCriteria tx, SitingCriteria rx, double d__km, double delta_h,
                const Environment& env, const TimeLocationSituation& v) {
    return area(h_tx, h_rx, tx, rx, d__km, delta_h, env, v, validate_tls(v));
}

Result area_cr(double h_tx, double h_rx, SitingCriteria tx, SitingCriteria rx, double d__km, double delta_h,
               const Environment& env, const ConfidenceReliability& v) {
    return area(h_tx, h_rx, tx, rx, d__km, delta_h, env, v, validate_cr(v));
}

std::string describe_return_code(int code) {
    switch (code) {
        case kSuccess: return "success";
        case kSuccessWithWarnings: return "success with warnings";
        case kErrorTxTerminalHeight: return "TX terminal height is out of range [0.5, 3000] m";
        case kErrorRxTerminalHeight: return "RX terminal height is out of range [0.5, 3000] m";
        case kErrorInvalidRadioClimate: return "invalid radio climate (expected 1-7)";
        case kErrorInvalidTime: return "time percentage is out of range (0, 100)";
        case kErrorInvalidLocation: return "location percentage is out of range (0, 100)";
        case kErrorInvalidSituation: return "situation percentage is out of range (0, 100)";
        case kErrorInvalidConfidence: return "confidence percentage is out of range (0, 100)";
        case kErrorInvalidReliability: return "reliability percentage is out of range (0, 100)";
        case kErrorRefractivity: return "refractivity N_0 is out of range [250, 400] N-units";
        case kErrorFrequency: return "frequency is out of range [20, 20000] MHz";
        case kErrorPolarization: return "invalid polarization (expected horizontal or vertical)";
        case kErrorEpsilon: return "relative permittivity epsilon must be >= 1";
        case kErrorSigma: return "ground conductivity sigma must be > 0 S/m";
        case kErrorGroundImpedance: return "ground impedance: imaginary part larger than real part";
        case kErrorMdvar: return "invalid mode of variability mdvar (0-3, +10, +20)";
        case kErrorEffectiveEarth: return "effective earth radius out of range";
        case kErrorPathDistance: return "path distance is out of range (profile needs at least 2 points and spacing > 0)";
        case kErrorDeltaH: return "terrain irregularity delta_h must be >= 0 m";
        case kErrorTxSitingCriteria: return "invalid TX siting criteria";
        case kErrorRxSitingCriteria: return "invalid RX siting criteria";
        case kErrorSurfaceRefractivitySmall: return "surface refractivity N_s is too small (< 150 N-units)";
        case kErrorSurfaceRefractivityLarge: return "surface refractivity N_s is too large (> 400 N-units)";
        default: return "unknown ITM return code " + std::to_string(code);
    }
}

std::string describe_warnings(std::uint32_t flags) {
    static const std::pair<std::uint32_t, const char*> kNames[] = {
        {kWarnTxTerminalHeight, "TX terminal height near its limits"},
        {kWarnRxTerminalHeight, "RX terminal height near its limits"},
        {kWarnFrequency, "frequency near its limits"},
        {kWarnPathDistanceTooBig1, "path distance near its upper limit"},
        {kWarnPathDistanceTooBig2, "path distance large"},
        {kWarnPathDistanceTooSmall1, "path distance near its lower limit"},
        {kWarnPathDistanceTooSmall2, "path distance small (< 1 km)"},
        {kWarnTxHorizonAngle, "TX horizon angle large"},
        {kWarnRxHorizonAngle, "RX horizon angle large"},
        {kWarnTxHorizonDistance1, "TX horizon distance < 1/10 of smooth-earth horizon"},
        {kWarnRxHorizonDistance1, "RX horizon distance < 1/10 of smooth-earth horizon"},
        {kWarnTxHorizonDistance2, "TX horizon distance > 3x smooth-earth horizon"},
        {kWarnRxHorizonDistance2, "RX horizon distance > 3x smooth-earth horizon"},
        {kWarnExtremeVariabilities, "variability far in the tail"},
        {kWarnSurfaceRefractivity, "surface refractivity small"},
    };
    std::string out;
    for (const auto& [flag, name] : kNames)
        if (flags & flag) out += (out.empty() ? "" : "; ") + std::string(name);
    return out;
}

}  // namespace phusong::itm
