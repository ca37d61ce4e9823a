#include "coverage/hata.hpp"

#include "coverage/fspl.hpp"

#include <cmath>

#include "coverage/model_warnings.hpp"
#include "geo/errors.hpp"

namespace phusong {
namespace {

void check_domain(Metres d, Megahertz f, Metres hb, Metres hm, const char* model) {
    if (!(d.value() > 0.0) || !(f.value() > 0.0) || !(hb.value() > 0.0) || !(hm.value() > 0.0))
        throw ModelDomainError(std::string(model) + ": distance, frequency and antenna heights must be > 0");
}

/// Far outside their range (metres from the mast, mobiles far above 10 m) the empirical
/// formulas fall below free-space loss, even below 0 dB: no real path loses less than free
/// space on average, so free-space loss is the floor, flagged.
HataResult at_least_free_space(HataResult r, Metres distance, Megahertz frequency) {
    const Db floor = free_space_loss(distance, frequency);
    if (r.loss.value() < floor.value()) {
        r.loss = floor;
        r.warnings |= kWarnBelowFreeSpace;
    }
    return r;
}

/// Mobile antenna height correction a(h_m) in dB.
double mobile_correction(double f_mhz, double hm_m, HataEnvironment env) {
    if (env == HataEnvironment::LargeCity) {
        return f_mhz <= 300.0 ? 8.29 * std::pow(std::log10(1.54 * hm_m), 2) - 1.1
                              : 3.2 * std::pow(std::log10(11.75 * hm_m), 2) - 4.97;
    }
    const double lf = std::log10(f_mhz);
    return (1.1 * lf - 0.7) * hm_m - (1.56 * lf - 0.8);
}

/// Suburban and open-area corrections applied to the urban loss (dB to subtract).
double environment_correction(double f_mhz, HataEnvironment env) {
    const double lf = std::log10(f_mhz);
    switch (env) {
        case HataEnvironment::Suburban: return 2.0 * std::pow(std::log10(f_mhz / 28.0), 2) + 5.4;
        case HataEnvironment::Open: return 4.78 * lf * lf - 18.33 * lf + 40.94;
        default: return 0.0;
    }
}

std::uint32_t common_warnings(double d_km, double hb, double hm) {
    std::uint32_t w = 0;
    if (d_km < 1.0 || d_km > 20.0) w |= kWarnDistanceOutOfRange;
    if (hb < 30.0 || hb > 200.0) w |= kWarnTxHeightOutOfRange;
    if (hm < 1.0 || hm > 10.0) w |= kWarnRxHeightOutOfRange;
    return w;
}

}  // namespace

std::optional<HataEnvironment> parse_hata_environment(const std::string& name) {
    if (name == "urban") return HataEnvironment::Urban;
    if (name == "large-city") return HataEnvironment::LargeCity;
    if (name == "suburban") return HataEnvironment::Suburban;
    if (name == "open") return HataEnvironment::Open;
    return std::nullopt;
}

std::string to_string(HataEnvironment environment) {
    switch (environment) {
        case HataEnvironment::Urban: return "urban";
        case HataEnvironment::LargeCity: return "large-city";
        case HataEnvironment::Suburban: return "suburban";
        case HataEnvironment::Open: return "open";
    }
    return "open";
}

HataResult okumura_hata_loss(Metres distance, Megahertz frequency, Metres base_height, Metres mobile_height,
                             HataEnvironment environment) {
    check_domain(distance, frequency, base_height, mobile_height, "Okumura-Hata");
    const double f = frequency.value(), hb = base_height.value(), hm = mobile_height.value();
    const double d_km = distance.kilometres();
    const double urban = 69.55 + 26.16 * std::log10(f) - 13.82 * std::log10(hb) - mobile_correction(f, hm, environment) +
                         (44.9 - 6.55 * std::log10(hb)) * std::log10(d_km);
    HataResult r{Db{urban - environment_correction(f, environment)}, common_warnings(d_km, hb, hm)};
    if (f < 150.0 || f > 1500.0) r.warnings |= kWarnFrequencyOutOfRange;
    return at_least_free_space(r, distance, frequency);
}

HataResult cost231_hata_loss(Metres distance, Megahertz frequency, Metres base_height, Metres mobile_height,
                             HataEnvironment environment) {
    check_domain(distance, frequency, base_height, mobile_height, "COST-231 Hata");
    const double f = frequency.value(), hb = base_height.value(), hm = mobile_height.value();
    const double d_km = distance.kilometres();
    const double c_m = environment == HataEnvironment::LargeCity ? 3.0 : 0.0;
    const double urban = 46.3 + 33.9 * std::log10(f) - 13.82 * std::log10(hb) - mobile_correction(f, hm, environment) +
                         (44.9 - 6.55 * std::log10(hb)) * std::log10(d_km) + c_m;
    HataResult r{Db{urban - environment_correction(f, environment)}, common_warnings(d_km, hb, hm)};
    if (f < 1500.0 || f > 2000.0) r.warnings |= kWarnFrequencyOutOfRange;
    return at_least_free_space(r, distance, frequency);
}

}  // namespace phusong
