#include "coverage/p1812.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "geo/errors.hpp"
#include "geo/text_format.hpp"

namespace phusong::p1812 {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kEarthRadius__km = 6371.0;
/// Wavelength numerator (m·GHz) the Recommendation's reference implementation uses.
constexpr double kLightSpeed__m_ghz = 0.2998;

using PerPolarization = std::array<double, 2>;  // horizontal, vertical

double radians(double degrees) { return degrees * kPi / 180.0; }
double degrees(double radians) { return radians * 180.0 / kPi; }

/// Throws ModelDomainError with the message `what()` builds, only when `ok` is false (paths in
/// a coverage run are checked by the million).
template <class Message>
void require(bool ok, Message what) {
    if (!ok) throw ModelDomainError("P.1812: " + std::string(what()));
}

/// Path-centre latitude (degrees), halfway along the great circle (P.2001 Attachment H).
double path_centre_latitude(const Inputs& in, double dtot__km) {
    const double phi_t = radians(in.phi_t_deg), phi_r = radians(in.phi_r_deg);
    const double dlon = radians(in.lam_r_deg - in.lam_t_deg);
    const double r = std::sin(phi_t) * std::sin(phi_r) + std::cos(phi_t) * std::cos(phi_r) * std::cos(dlon);
    const double x1 = std::sin(phi_r) - r * std::sin(phi_t);
    const double y1 = std::cos(phi_t) * std::cos(phi_r) * std::sin(dlon);
    // Coincident terminals have no bearing; the centre is then the terminal itself.
    const double bearing = std::abs(x1) < 1e-9 && std::abs(y1) < 1e-9 ? 0.0 : std::atan2(y1, x1);
    const double half = 0.5 * dtot__km / kEarthRadius__km;
    const double s = std::sin(phi_t) * std::cos(half) + std::cos(phi_t) * std::sin(half) * std::cos(bearing);
    return degrees(std::asin(std::clamp(s, -1.0, 1.0)));
}

/// Sections [first, last] of consecutive points whose zone satisfies `in_zone`, with their
/// lengths (km): the distance between the end points plus half a step beyond each end that is
/// not the path's end (§3.6's "continuous section").
template <class Pred>
std::vector<double> section_lengths(const Profile& p, Pred in_zone) {
    std::vector<double> out;
    const std::size_t n = p.d_km.size();
    for (std::size_t i = 0; i < n;) {
        if (!in_zone(p.zone[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < n && in_zone(p.zone[j + 1])) ++j;
        double length = p.d_km[j] - p.d_km[i];
        if (j + 1 < n) length += (p.d_km[j + 1] - p.d_km[j]) / 2.0;
        if (i > 0) length += (p.d_km[i] - p.d_km[i - 1]) / 2.0;
        out.push_back(length);
        i = j + 1;
    }
    return out;
}

/// β0 (%), the time percentage for which refractivity lapse rates beyond 100 N-units/km can be
/// expected in the first 100 m of the atmosphere (Eqs. 2–5).
double beta0(double phi_deg, double dtm, double dlm) {
    const double tau = 1.0 - std::exp(-4.12e-4 * std::pow(dlm, 2.41));
    const double mu1 = std::min(1.0, std::pow(std::pow(10.0, -dtm / (16.0 - 6.6 * tau)) + std::pow(10.0, -5.0 * (0.496 + 0.354 * tau)), 0.2));
    const double phi = std::abs(phi_deg);
    if (phi <= 70.0) return std::pow(10.0, -0.015 * phi + 1.67) * mu1 * std::pow(mu1, -0.935 + 0.0176 * phi);
    return 4.17 * mu1 * std::pow(mu1, 0.3);
}

/// Knife-edge loss J(ν) (Eq. 12), 0 below ν = −0.78.
double knife_edge(double nu) {
    return nu > -0.78 ? 6.9 + 20.0 * std::log10(std::sqrt((nu - 0.1) * (nu - 0.1) + 1.0) + nu - 0.1) : 0.0;
}

/// Bullington diffraction loss (§4.3.1, Eqs. 13–21) over heights g (m) at distances d (km),
/// antennas at hts, hrs (m above sea level), effective Earth radius ap (km).
/// `g` null: a smooth path (every height 0).
double bullington(const std::vector<double>& d, const std::vector<double>* heights, double hts, double hrs, double ap, double f_ghz) {
    const auto g = [heights](std::size_t i) { return heights ? (*heights)[i] : 0.0; };
    const double ce = 1.0 / ap, lambda = kLightSpeed__m_ghz / f_ghz;
    const std::size_t n = d.size();
    const double dtot = d[n - 1] - d[0];
    double stim = -INFINITY;
    for (std::size_t i = 1; i + 1 < n; ++i) stim = std::max(stim, (g(i) + 500.0 * ce * d[i] * (dtot - d[i]) - hts) / d[i]);
    const double str = (hrs - hts) / dtot;
    double luc = 0.0;
    // Line of sight, or grazing (stim = str, where Eq. 18's Bullington point would be 0/0 and the
    // line-of-sight form gives its limit, ν = 0 at the grazing point): the highest ν.
    if (stim <= str) {
        double nu_max = -INFINITY;
        for (std::size_t i = 1; i + 1 < n; ++i)
            nu_max = std::max(nu_max, (g(i) + 500.0 * ce * d[i] * (dtot - d[i]) - (hts * (dtot - d[i]) + hrs * d[i]) / dtot) *
                                          std::sqrt(0.002 * dtot / (lambda * d[i] * (dtot - d[i]))));
        luc = knife_edge(nu_max);
    } else {  // trans-horizon: the Bullington point
        double srim = -INFINITY;
        for (std::size_t i = 1; i + 1 < n; ++i) srim = std::max(srim, (g(i) + 500.0 * ce * d[i] * (dtot - d[i]) - hrs) / (dtot - d[i]));
        const double dbp = (hrs - hts + srim * dtot) / (stim + srim);
        const double nub = (hts + stim * dbp - (hts * (dtot - dbp) + hrs * dbp) / dtot) * std::sqrt(0.002 * dtot / (lambda * dbp * (dtot - dbp)));
        luc = knife_edge(nub);
    }
    return luc + (1.0 - std::exp(-luc / 6.0)) * (10.0 + 0.02 * dtot);
}

/// First-term spherical-Earth diffraction loss for one ground (Eqs. 29–36), per polarization.
PerPolarization first_term_one_ground(double epsr, double sigma, double d, double hte, double hre, double adft, double f) {
    PerPolarization out{};
    const double kh = 0.036 * std::pow(adft * f, -1.0 / 3.0) * std::pow((epsr - 1.0) * (epsr - 1.0) + (18.0 * sigma / f) * (18.0 * sigma / f), -0.25);
    const PerPolarization K{kh, kh * std::sqrt(epsr * epsr + (18.0 * sigma / f) * (18.0 * sigma / f))};
    const auto height_gain = [](double b) {
        return b > 2.0 ? 17.6 * std::sqrt(b - 1.1) - 5.0 * std::log10(b - 1.1) - 8.0 : 20.0 * std::log10(b + 0.1 * b * b * b);
    };
    for (int k = 0; k < 2; ++k) {
        const double k2 = K[k] * K[k];
        const double beta = (1.0 + 1.6 * k2 + 0.67 * k2 * k2) / (1.0 + 4.5 * k2 + 1.53 * k2 * k2);
        const double x = 21.88 * beta * std::cbrt(f / (adft * adft)) * d;
        const double yt = 0.9575 * beta * std::cbrt(f * f / adft) * hte, yr = 0.9575 * beta * std::cbrt(f * f / adft) * hre;
        const double fx = x >= 1.6 ? 11.0 + 10.0 * std::log10(x) - 17.6 * x : -20.0 * std::log10(x) - 5.6488 * std::pow(x, 1.425);
        const double floor = 2.0 + 20.0 * std::log10(K[k]);
        out[k] = -fx - std::max(height_gain(beta * yt), floor) - std::max(height_gain(beta * yr), floor);
    }
    return out;
}

/// First-term loss over the path's mix of land and sea (Eq. 28).
PerPolarization first_term(double d, double hte, double hre, double adft, double f, double omega) {
    const PerPolarization land = first_term_one_ground(22.0, 0.003, d, hte, hre, adft, f);
    const PerPolarization sea = first_term_one_ground(80.0, 5.0, d, hte, hre, adft, f);
    return {omega * sea[0] + (1.0 - omega) * land[0], omega * sea[1] + (1.0 - omega) * land[1]};
}

/// Spherical-Earth diffraction loss (§4.3.2, Eqs. 22–27), per polarization.
PerPolarization spherical_earth(double d, double hte, double hre, double ap, double f, double omega) {
    const double lambda = kLightSpeed__m_ghz / f;
    const double dlos = std::sqrt(2.0 * ap) * (std::sqrt(0.001 * hte) + std::sqrt(0.001 * hre));
    if (d >= dlos) return first_term(d, hte, hre, ap, f, omega);
    const double c = (hte - hre) / (hte + hre);
    const double m = 250.0 * d * d / (ap * (hte + hre));
    const double b = 2.0 * std::sqrt((m + 1.0) / (3.0 * m)) *
                     std::cos(kPi / 3.0 + std::acos(std::clamp(1.5 * c * std::sqrt(3.0 * m / ((m + 1.0) * (m + 1.0) * (m + 1.0))), -1.0, 1.0)) / 3.0);
    const double dse1 = d / 2.0 * (1.0 + b), dse2 = d - dse1;
    const double hse = ((hte - 500.0 * dse1 * dse1 / ap) * dse2 + (hre - 500.0 * dse2 * dse2 / ap) * dse1) / d;
    const double hreq = 17.456 * std::sqrt(dse1 * dse2 * lambda / d);
    if (hse > hreq) return {0.0, 0.0};
    const double aem = 500.0 * std::pow(d / (std::sqrt(hte) + std::sqrt(hre)), 2.0);
    const PerPolarization ldft = first_term(d, hte, hre, aem, f, omega);
    return {(1.0 - hse / hreq) * std::max(ldft[0], 0.0), (1.0 - hse / hreq) * std::max(ldft[1], 0.0)};
}

struct DeltaBullington {
    PerPolarization Ld{};
    double Lbulla = 0, Lbulls = 0;
    PerPolarization Ldsph{};
};

/// The delta-Bullington diffraction loss (§4.3.4, Eqs. 37–39) for effective Earth radius ap.
DeltaBullington delta_bullington(const Profile& p, const std::vector<double>& g, double hts, double hrs, double hstd, double hsrd,
                                 double ap, double f, double omega) {
    DeltaBullington out;
    out.Lbulla = bullington(p.d_km, &g, hts, hrs, ap, f);
    const double hte = hts - hstd, hre = hrs - hsrd;  // Eqs. 37–38: antennas over a smooth path
    out.Lbulls = bullington(p.d_km, nullptr, hte, hre, ap, f);
    const double dtot = p.d_km.back() - p.d_km.front();
    out.Ldsph = spherical_earth(dtot, hte, hre, ap, f, omega);
    for (int k = 0; k < 2; ++k) out.Ld[k] = out.Lbulla + std::max(out.Ldsph[k] - out.Lbulls, 0.0);
    return out;
}

/// Attachment 1 §4–5: horizons, angular distance and the smooth-Earth heights.
void analyse_path(const Profile& p, const Inputs& in, Result& r) {
    const std::vector<double>& d = p.d_km;
    const std::vector<double>& h = p.h_m;
    const std::size_t n = d.size();
    const double dtot = d[n - 1];
    const double hts = r.hts, hrs = r.hrs, ae = r.ae;
    // §5.6.1: the least-squares smooth-Earth surface (Eqs. 85–88).
    double v1 = 0.0, v2 = 0.0;
    for (std::size_t i = 1; i < n; ++i) {
        const double step = d[i] - d[i - 1];
        v1 += step * (h[i] + h[i - 1]);
        v2 += step * (h[i] * (2.0 * d[i] + d[i - 1]) + h[i - 1] * (d[i] + 2.0 * d[i - 1]));
    }
    r.hst_n = (2.0 * v1 * dtot - v2) / (dtot * dtot);
    r.hsr_n = (v2 - v1 * dtot) / (dtot * dtot);
    // §5.6.2: smooth-surface heights for the diffraction model (Eqs. 89–91).
    double hobs = -INFINITY, alpha_obt = -INFINITY, alpha_obr = -INFINITY;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double hh = h[i] - (hts * (dtot - d[i]) + hrs * d[i]) / dtot;
        hobs = std::max(hobs, hh);
        alpha_obt = std::max(alpha_obt, hh / d[i]);
        alpha_obr = std::max(alpha_obr, hh / (dtot - d[i]));
    }
    double hstp = r.hst_n, hsrp = r.hsr_n;
    if (hobs > 0.0) {
        hstp -= hobs * alpha_obt / (alpha_obt + alpha_obr);
        hsrp -= hobs * alpha_obr / (alpha_obt + alpha_obr);
    }
    r.hstd = hstp >= h[0] ? h[0] : hstp;
    r.hsrd = hsrp > h[n - 1] ? h[n - 1] : hsrp;
    // §4: horizon angles and distances (Eqs. 76–83), over the terrain without clutter.
    // The angles are arctangents of their slopes (Eq. 77): the highest slope gives the highest
    // angle, so one arctangent serves the whole profile.
    double slope_max = -INFINITY;
    std::size_t lt = 1;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double s = (h[i] - hts) / (1000.0 * d[i]) - d[i] / (2.0 * ae);
        if (s > slope_max) {
            slope_max = s;
            lt = i;  // the first point of the highest angle
        }
    }
    const double theta_max = 1000.0 * std::atan(slope_max);
    const double theta_td = 1000.0 * std::atan((hrs - hts) / (1000.0 * dtot) - dtot / (2.0 * ae));
    const double theta_rd = 1000.0 * std::atan((hts - hrs) / (1000.0 * dtot) - dtot / (2.0 * ae));
    const bool trans_horizon = theta_max > theta_td;
    r.theta_t = std::max(theta_max, theta_td);
    std::size_t lr = lt;
    if (trans_horizon) {
        r.dlt = d[lt];
        double slope_r = -INFINITY;
        for (std::size_t i = 1; i + 1 < n; ++i) {
            const double s = (h[i] - hrs) / (1000.0 * (dtot - d[i])) - (dtot - d[i]) / (2.0 * ae);
            if (s >= slope_r) {
                slope_r = s;
                lr = i;  // the last point of the highest angle
            }
        }
        r.theta_r = 1000.0 * std::atan(slope_r);
        r.dlr = dtot - d[lr];
    } else {
        // Line of sight: both horizons at the point of highest diffraction parameter ν (Eq. 15).
        r.theta_r = theta_rd;
        const double lambda = kLightSpeed__m_ghz / in.f_ghz;
        double nu_max = -INFINITY;
        for (std::size_t i = 1; i + 1 < n; ++i) {
            const double nu = (h[i] + 500.0 / ae * d[i] * (dtot - d[i]) - (hts * (dtot - d[i]) + hrs * d[i]) / dtot) *
                              std::sqrt(0.002 * dtot / (lambda * d[i] * (dtot - d[i])));
            if (nu >= nu_max) {
                nu_max = nu;
                lt = i;
            }
        }
        r.dlt = d[lt];
        r.dlr = dtot - r.dlt;
        lr = lt;
    }
    r.theta = 1e3 * dtot / ae + r.theta_t + r.theta_r;  // Eq. 84
    // §5.6.3: the ducting / layer-reflection model's heights and roughness (Eqs. 92–95).
    r.hst = std::min(r.hst_n, h[0]);
    r.hsr = std::min(r.hsr_n, h[n - 1]);
    const double slope = (r.hsr - r.hst) / dtot;
    r.hte = in.htg_m + h[0] - r.hst;
    r.hre = in.hrg_m + h[n - 1] - r.hsr;
    r.hm = -INFINITY;
    for (std::size_t i = lt; i <= lr; ++i) r.hm = std::max(r.hm, h[i] - (r.hst + slope * d[i]));
}

/// Basic transmission loss during anomalous propagation: ducting and layer reflection
/// (§4.5, Eqs. 46–56).
double anomalous(const Result& r, const Inputs& in) {
    const double f = in.f_ghz, dtot = r.d;
    const double alf = f < 0.5 ? 45.375 - 137.0 * f + 92.5 * f * f : 0.0;
    const auto site_shielding = [f](double theta2, double dl) {
        return theta2 > 0.0 ? 20.0 * std::log10(1.0 + 0.361 * theta2 * std::sqrt(f * dl)) + 0.264 * theta2 * std::cbrt(f) : 0.0;
    };
    const double ast = site_shielding(r.theta_t - 0.1 * r.dlt, r.dlt), asr = site_shielding(r.theta_r - 0.1 * r.dlr, r.dlr);
    const auto sea_duct_coupling = [&r](double dc, double dl, double hs) {
        return dc <= 5.0 && dc <= dl && r.omega >= 0.75 ? -3.0 * std::exp(-0.25 * dc * dc) * (1.0 + std::tanh(0.07 * (50.0 - hs))) : 0.0;
    };
    const double act = sea_duct_coupling(in.dct_km, r.dlt, r.hts), acr = sea_duct_coupling(in.dcr_km, r.dlr, r.hrs);
    const double gamma_d = 5e-5 * r.ae * std::cbrt(f);
    const double theta1 = 1e3 * dtot / r.ae + std::min(r.theta_t, 0.1 * r.dlt) + std::min(r.theta_r, 0.1 * r.dlr);
    const double dI = std::min(dtot - r.dlt - r.dlr, 40.0);
    const double mu3 = r.hm > 10.0 ? std::exp(-4.6e-5 * (r.hm - 10.0) * (43.0 + 6.0 * dI)) : 1.0;
    const double tau = 1.0 - std::exp(-4.12e-4 * std::pow(r.dlm, 2.41));
    const double alpha = std::max(-3.4, -0.6 - 3.5e-9 * std::pow(dtot, 3.1) * tau);
    const double mu2 = std::min(1.0, std::pow(500.0 / r.ae * dtot * dtot / std::pow(std::sqrt(r.hte) + std::sqrt(r.hre), 2.0), alpha));
    const double beta = r.b0 * mu2 * mu3;
    const double lb = std::log10(beta);
    const double gamma = 1.076 / std::pow(2.0058 - lb, 1.012) * std::exp(-(9.51 - 4.8 * lb + 0.198 * lb * lb) * 1e-6 * std::pow(dtot, 1.13));
    const double ap = -12.0 + (1.2 + 3.7e-3 * dtot) * std::log10(in.p_percent / beta) + 12.0 * std::pow(in.p_percent / beta, gamma);
    const double af = 102.45 + 20.0 * std::log10(f) + 20.0 * std::log10(r.dlt + r.dlr) + alf + ast + asr + act + acr;
    return af + gamma_d * theta1 + ap;
}

void validate(const Profile& p, const Inputs& in) {
    const auto within = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
    require(within(in.f_ghz, 0.03, 6.0), [&] { return "frequency " + format_quantity(in.f_ghz * 1000.0) + " MHz is outside 30–6000 MHz"; });
    require(within(in.p_percent, 1.0, 50.0), [&] { return "time percentage " + format_quantity(in.p_percent) + " % is outside 1–50 %"; });
    require(within(in.pL_percent, 1.0, 99.0),
            [&] { return "location percentage " + format_quantity(in.pL_percent) + " % is outside 1–99 %"; });
    require(within(in.htg_m, 1.0, 3000.0), [] { return "transmitter height must be 1–3000 m above ground"; });
    require(within(in.hrg_m, 1.0, 3000.0), [] { return "receiver height must be 1–3000 m above ground"; });
    require(within(in.sigmaL_db, 0.0, 100.0), [] { return "the location variability σL must be 0–100 dB"; });
    require(within(in.dct_km, 0.0, 1e5) && within(in.dcr_km, 0.0, 1e5), [] { return "distances to the coast must be 0 km or more"; });
    require(within(in.DN, 0.0, 156.0), [] { return "ΔN must be 0–156 N-units/km"; });
    require(within(in.N0, 1.0, 1e3), [] { return "N0 must be positive"; });
    for (const double angle : {in.phi_t_deg, in.phi_r_deg}) require(within(angle, -90.0, 90.0), [] { return "latitudes must be −90–90°"; });
    for (const double angle : {in.lam_t_deg, in.lam_r_deg}) require(within(angle, -360.0, 360.0), [] { return "longitudes must be −360–360°"; });
    const std::size_t n = p.d_km.size();
    require(n >= 5, [&] { return "the profile has " + std::to_string(n) + " points; P.1812 needs at least 5"; });
    require(p.h_m.size() == n && p.R_m.size() == n && p.zone.size() == n, [] { return "the profile's columns differ in length"; });
    require(p.d_km[0] == 0.0, [] { return "the profile must start at distance 0 (the transmitter)"; });
    for (std::size_t i = 0; i < n; ++i) {
        const auto point = [i] { return "profile point " + std::to_string(i + 1); };
        require(std::isfinite(p.d_km[i]) && std::isfinite(p.h_m[i]) && std::isfinite(p.R_m[i]), [&] { return point() + " is not a finite number"; });
        require(p.R_m[i] >= 0.0, [&] { return point() + ": clutter height below 0 m"; });
        require(i == 0 || p.d_km[i] > p.d_km[i - 1], [&] { return point() + ": distances must increase"; });
    }
}

}  // namespace

double inverse_cumulative_normal(double x) {
    x = std::clamp(x, 1e-6, 1.0 - 1e-6);
    const auto tail = [](double y) {  // T(y) − C(y), Eqs. 97, 97a, 97b
        const double t = std::sqrt(-2.0 * std::log(y));
        const double c = ((0.010328 * t + 0.802853) * t + 2.515516698) / (((0.001308 * t + 0.189269) * t + 1.432788) * t + 1.0);
        return t - c;
    };
    return x <= 0.5 ? tail(x) : -tail(1.0 - x);
}

double location_sigma_db(double f_ghz, double hrg_m, double R_m, double wa_m) {
    const double uh = hrg_m < R_m ? 1.0 : (hrg_m >= R_m + 10.0 ? 0.0 : 1.0 - (hrg_m - R_m) / 10.0);
    return (0.52 + 0.024 * f_ghz) * std::pow(wa_m, 0.28) * uh;
}

Result basic_transmission_loss(const Profile& profile, const Inputs& given) {
    validate(profile, given);
    Inputs in = given;
    if (profile.zone.front() == Zone::Sea) in.dct_km = 0.0;  // a terminal at sea is at the coast
    if (profile.zone.back() == Zone::Sea) in.dcr_km = 0.0;
    const std::vector<double>& d = profile.d_km;
    const std::vector<double>& h = profile.h_m;
    const std::size_t n = d.size();
    const int pol = in.polarization == Polarization::Horizontal ? 0 : 1;
    Result r;
    r.d = d[n - 1];
    const auto is_land = [](Zone z) { return z != Zone::Sea; };
    const auto is_inland = [](Zone z) { return z == Zone::Inland; };
    const auto is_sea = [](Zone z) { return z == Zone::Sea; };
    for (const double length : section_lengths(profile, is_land)) r.dtm = std::max(r.dtm, length);
    for (const double length : section_lengths(profile, is_inland)) r.dlm = std::max(r.dlm, length);
    double sea = 0.0;
    for (const double length : section_lengths(profile, is_sea)) sea += length;
    r.omega = sea / r.d;  // Table 5: fraction of the path over sea
    r.phi = in.path_centre_latitude_deg ? *in.path_centre_latitude_deg : path_centre_latitude(in, r.d);
    r.b0 = beta0(r.phi, r.dtm, r.dlm);
    r.ae = kEarthRadius__km * 157.0 / (157.0 - in.DN);  // Eqs. 6, 7a
    const double ab = kEarthRadius__km * 3.0;               // Eq. 7b
    r.hts = h[0] + in.htg_m;
    r.hrs = h[n - 1] + in.hrg_m;
    analyse_path(profile, in, r);

    // Angular-distance and distance interpolation factors (Eqs. 57, 58).
    r.Fj = 1.0 - 0.5 * (1.0 + std::tanh(3.0 * 0.8 * (r.theta - 0.3) / 0.3));
    r.Fk = 1.0 - 0.5 * (1.0 + std::tanh(3.0 * 0.5 * (r.d - 20.0) / 20.0));
    // Line of sight (Eqs. 8–11).
    const double dfs2 = r.d * r.d + std::pow((r.hts - r.hrs) / 1000.0, 2.0);
    r.Lbfs = 92.4 + 20.0 * std::log10(in.f_ghz) + 10.0 * std::log10(dfs2);
    const double multipath = 2.6 * (1.0 - std::exp(-0.1 * (r.dlt + r.dlr)));
    r.Lb0p = r.Lbfs + multipath * std::log10(in.p_percent / 50.0);
    r.Lb0b = r.Lbfs + multipath * std::log10(r.b0 / 50.0);
    // Diffraction over the profile raised by its clutter, terminals excepted (§3.2), at the median
    // and the β0 effective Earth radius, interpolated to p (Eqs. 40–41).
    thread_local std::vector<double> g;
    g.resize(n);
    for (std::size_t i = 0; i < n; ++i) g[i] = h[i] + (i == 0 || i + 1 == n ? 0.0 : profile.R_m[i]);
    const DeltaBullington median = delta_bullington(profile, g, r.hts, r.hrs, r.hstd, r.hsrd, r.ae, in.f_ghz, r.omega);
    // At p = 50 % the loss uses no β0 diffraction (Eqs. 41, 59 take Ld50); a coverage run skips it.
    const bool beta_needed = in.p_percent < 50.0 || !in.only_the_loss;
    const DeltaBullington beta = beta_needed ? delta_bullington(profile, g, r.hts, r.hrs, r.hstd, r.hsrd, ab, in.f_ghz, r.omega) : median;
    r.Lbulla50 = median.Lbulla;
    r.Lbulls50 = median.Lbulls;
    r.Ldsph50 = median.Ldsph[pol];
    r.Ld50 = median.Ld[pol];
    r.Ldb = beta.Ld[pol];
    const double fi_diffraction = in.p_percent > r.b0 ? inverse_cumulative_normal(in.p_percent / 100.0) / inverse_cumulative_normal(r.b0 / 100.0) : 1.0;
    r.Ldp = in.p_percent == 50.0 ? r.Ld50 : r.Ld50 + fi_diffraction * (r.Ldb - r.Ld50);
    r.Lbd50 = r.Lbfs + r.Ld50;  // Eq. 42
    r.Lbd = r.Lb0p + r.Ldp;     // Eq. 43
    // The notional minimum loss of line of sight and sub-path diffraction (Eqs. 40, 59).
    r.Fi = 1.0;
    r.Lminb0p = r.Lb0p + (1.0 - r.omega) * r.Ldp;
    if (in.p_percent >= r.b0) {
        r.Fi = inverse_cumulative_normal(in.p_percent / 100.0) / inverse_cumulative_normal(r.b0 / 100.0);
        r.Lminb0p = r.Lbd50 + (r.Lb0b + (1.0 - r.omega) * r.Ldp - r.Lbd50) * r.Fi;
    }
    // Ducting and layer reflection, and its blend with line of sight (Eq. 60).
    r.Lba = anomalous(r, in);
    constexpr double eta = 2.5;
    // η·ln(e^(Lba/η) + e^(Lb0p/η)), written so that neither exponential can overflow.
    const double high = std::max(r.Lba, r.Lb0p), low = std::min(r.Lba, r.Lb0p);
    r.Lminbap = high + eta * std::log1p(std::exp((low - high) / eta));
    r.Lbda = r.Lminbap <= r.Lbd ? r.Lminbap + (r.Lbd - r.Lminbap) * r.Fk : r.Lbd;  // Eq. 61
    r.Lbam = r.Lbda + (r.Lminb0p - r.Lbda) * r.Fj;                                  // Eq. 62
    // Troposcatter (Eqs. 44–45).
    const double lf = 25.0 * std::log10(in.f_ghz) - 2.5 * std::pow(std::log10(in.f_ghz / 2.0), 2.0);
    r.Lbs = 190.1 + lf + 20.0 * std::log10(r.d) + 0.573 * r.theta - 0.15 * in.N0 - 10.125 * std::pow(std::log10(50.0 / in.p_percent), 0.7);
    r.Lbc = -5.0 * std::log10(std::pow(10.0, -0.2 * r.Lbs) + std::pow(10.0, -0.2 * r.Lbam));  // Eq. 63
    // Location variability (Eqs. 67–69): none for a receiver at sea.
    r.Lloc = profile.zone.back() == Zone::Sea ? 0.0 : -inverse_cumulative_normal(in.pL_percent / 100.0) * in.sigmaL_db;
    r.Lb = std::max(r.Lb0p, r.Lbc + r.Lloc);
    r.Ep = 199.36 + 20.0 * std::log10(in.f_ghz) - r.Lb;  // Eq. 70, 1 kW e.r.p.
    return r;
}

}  // namespace phusong::p1812
