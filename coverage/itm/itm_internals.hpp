// Building blocks of ITM shared by its source files; not part of the public interface.
// Symbols follow Hufford's algorithm paper: h_g structural heights, h_e effective heights,
// d_L horizon distances, θ horizon angles, Δh terrain irregularity, γ_e earth curvature.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "coverage/itm/itm.hpp"

namespace phusong::itm::detail {

/// x^⅓ for x > 0 as exp(ln x / 3): within a few parts in 1e15 of std::cbrt, and several times
/// cheaper than glibc's cbrt, which took 8 % of a sweep. Vogler's distances and the diffraction
/// unit need no more.
inline double cube_root(double x) { return std::exp(std::log(x) * (1.0 / 3.0)); }

/// Properties of the medium at the frequency (Hufford §3 "preparatory subroutines").
struct Medium {
    double f__mhz = 0.0;
    double k__per_meter = 0.0;          ///< wave number 2π/λ = f/47.7 MHz·m
    double N_s = 0.0;                    ///< surface refractivity, N-units
    double gamma_e__per_meter = 0.0;     ///< effective earth curvature 1/a_e
    std::complex<double> Z_g;            ///< surface transfer impedance of the ground
    // Terms that depend on the frequency only, kept here so that many paths at one frequency
    // compute them once:
    double cbrt_f = 0.0;                 ///< f^⅓ (MHz^⅓), for Vogler's smooth-earth diffraction
    double inverse_abs_Z_g = 0.0;        ///< 1/|Z_g|
    double ln_0133k = 0.0;               ///< ln(0.133·k), the frequency term of the variability curves
    double scatter_distance__meter = 0.0;  ///< (575.7e12/k)^⅓, the scatter part of the effective distance
    double free_space_at_1km__db = 0.0;  ///< 32.45 + 20·log10 f
};

/// Surface refractivity N_s = N_0·exp(−z_sys/9460 m) (N-units) at system elevation z_sys (m).
double surface_refractivity(double N_0, double z_sys__meter);
/// Effective earth curvature γ_e = 157e-9·(1 − 0.04665·exp(N_s/179.3)), 1/m.
double effective_curvature(double N_s);

/// N_s and γ_e as above; wave number and ground impedance at f, with
/// ε_r = ε + j·18000·σ/f[MHz] as in NTIA 1.4 (1.2.2: 376.62·σ/k, i.e. 17964.8·σ/f).
Medium make_medium(double f__mhz, double N_0, double z_sys__meter, Polarization pol, double epsilon, double sigma);

/// The terminals and terrain as the reference attenuation sees them.
struct PathGeometry {
    double d__meter = 0.0;
    std::array<double, 2> h_g__meter{};
    std::array<double, 2> h_e__meter{};
    std::array<double, 2> d_hzn__meter{};
    std::array<double, 2> theta_hzn{};
    double delta_h__meter = 0.0;
};

/// Point-to-point terrain analysis of a PFL profile (horizons, Δh, effective heights).
PathGeometry analyse_profile(std::span<const double> pfl, double h_tx__meter, double h_rx__meter,
                             double gamma_e__per_meter);

/// Where Δh and the foreground fits are measured: away from each terminal's immediate
/// foreground, {from the transmitter, to the receiver} in metres along the path (p.d__meter,
/// p.h_g__meter and the profile's horizon distances must be set).
std::array<double, 2> foreground_window(const PathGeometry& p);

/// The end of the point-to-point analysis, once horizons (from the profile) and Δh are known:
/// effective heights over least-squares terrain fits and, on line-of-sight paths, smooth-earth
/// horizons reduced for roughness (Hufford qlrpfl). `ground` is {z at the transmitter, z at the
/// receiver} (m); `fit(x1, x2)` returns fit_line's {height at the start, height at the end} of
/// the profile for the window [x1, x2] metres.
template <class Fit>
void complete_geometry(PathGeometry& p, std::array<double, 2> x, std::array<double, 2> ground, double gamma_e, Fit fit) {
    const auto above = [](double z, double fitted) { return z > fitted ? z - fitted : 0.0; };
    if (p.d_hzn__meter[0] + p.d_hzn__meter[1] > 1.5 * p.d__meter) {
        // Line-of-sight path: effective heights over the fitted terrain, horizons from the
        // smooth-earth formula reduced for terrain roughness.
        const auto [z_start, z_end] = fit(x[0], x[1]);
        p.h_e__meter = {p.h_g__meter[0] + above(ground[0], z_start), p.h_g__meter[1] + above(ground[1], z_end)};
        auto horizon = [&](int j) {
            return std::sqrt(2.0 * p.h_e__meter[j] / gamma_e) *
                   std::exp(-0.07 * std::sqrt(p.delta_h__meter / std::max(p.h_e__meter[j], 5.0)));
        };
        for (int j = 0; j < 2; ++j) p.d_hzn__meter[j] = horizon(j);
        const double sum = p.d_hzn__meter[0] + p.d_hzn__meter[1];
        if (sum <= p.d__meter) {
            const double scale = (p.d__meter / sum) * (p.d__meter / sum);
            for (int j = 0; j < 2; ++j) {
                p.h_e__meter[j] *= scale;
                p.d_hzn__meter[j] = horizon(j);
            }
        }
        for (int j = 0; j < 2; ++j) {
            const double smooth = std::sqrt(2.0 * p.h_e__meter[j] / gamma_e);
            p.theta_hzn[j] = (0.65 * p.delta_h__meter * (smooth / p.d_hzn__meter[j] - 1.0) - 2.0 * p.h_e__meter[j]) / smooth;
        }
    } else {
        // Trans-horizon path: effective heights over lines fitted to each foreground.
        const double z_start = fit(x[0], 0.9 * p.d_hzn__meter[0])[0];
        const double z_end = fit(p.d__meter - 0.9 * p.d_hzn__meter[1], x[1])[1];
        p.h_e__meter = {p.h_g__meter[0] + above(ground[0], z_start), p.h_g__meter[1] + above(ground[1], z_end)};
    }
}

/// Area-mode geometry from siting criteria and Δh (Hufford "qlra").
PathGeometry area_geometry(double h_tx__meter, double h_rx__meter, SitingCriteria tx, SitingCriteria rx,
                           double d__meter, double delta_h__meter, double gamma_e__per_meter);

/// Interdecile range of terrain heights about a straight-line fit between x1 and x2 (m),
/// scaled to an infinite-path value (Hufford "dlthx").
double terrain_irregularity(std::span<const double> pfl, double x1__meter, double x2__meter);

/// The `rank`-th largest and the `rank`-th smallest of `values` (1-based, 1 ≤ rank, 2·rank ≤
/// size): the deciles dlthx needs. Reorders `values`; the result is exact whatever the data.
std::pair<double, double> decile_values(std::vector<double>& values, std::size_t rank);

/// Least-squares straight line through the PFL elevations between x1 and x2 (m), ends
/// weighted ½; returns its heights at the start and at the end of the whole profile.
std::array<double, 2> fit_line(std::span<const double> pfl, double x1__meter, double x2__meter);

struct ReferenceAttenuation {
    double A_ref__db = 0.0;
    PropagationMode mode = PropagationMode::NotSet;
    std::uint32_t warnings = 0;
    int error = kSuccess;
};

/// Reference attenuation (median, before variability) at the path distance (Hufford "lrprop").
/// `point_to_point` selects the p2p form of the diffraction weighting.
ReferenceAttenuation reference_attenuation(const PathGeometry& path, const Medium& medium, bool point_to_point);

/// Standard normal deviates for time, location and situation.
struct Deviates {
    double z_T = 0.0, z_L = 0.0, z_S = 0.0;
};

/// Loss quantile: A_ref adjusted for time, location and situation variability (Hufford "avar").
double apply_variability(double A_ref__db, const PathGeometry& path, const Medium& medium, Climate climate, int mdvar,
                         const Deviates& z, std::uint32_t& warnings);

/// Deviates for time, location and situation percentages, or for confidence and reliability.
Deviates deviates(const TimeLocationSituation& v);
Deviates deviates(const ConfidenceReliability& v);

/// p2p_tls's input checks for terminal heights, environment and percentages: kSuccess or the
/// first error code; warnings OR-ed into `warnings`.
int validate_p2p_tls(double h_tx__meter, double h_rx__meter, const Environment& env, const TimeLocationSituation& v,
                     std::uint32_t& warnings);

/// The loss from an analysed path: reference attenuation, variability and free-space loss,
/// with `warnings` from validation carried into the result.
Result finish(const PathGeometry& path, const Medium& medium, const Environment& env, const Deviates& z,
              bool point_to_point, std::uint32_t warnings);

}  // namespace phusong::itm::detail
