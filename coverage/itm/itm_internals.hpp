// Building blocks of ITM shared by its source files; not part of the public interface.
// Symbols follow Hufford's algorithm paper: h_g structural heights, h_e effective heights,
// d_L horizon distances, θ horizon angles, Δh terrain irregularity, γ_e earth curvature.
#pragma once

#include <array>
#include <complex>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "coverage/itm/itm.hpp"

namespace phusong::itm::detail {

/// Properties of the medium at the frequency (Hufford §3 "preparatory subroutines").
struct Medium {
    double f__mhz = 0.0;
    double k__per_meter = 0.0;          ///< wave number 2π/λ = f/47.7 MHz·m
    double N_s = 0.0;                    ///< surface refractivity, N-units
    double gamma_e__per_meter = 0.0;     ///< effective earth curvature 1/a_e
    std::complex<double> Z_g;            ///< surface transfer impedance of the ground
};

/// N_s = N_0·exp(−z_sys/9460 m); γ_e = 157e-9·(1 − 0.04665·exp(N_s/179.3)) 1/m;
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

}  // namespace phusong::itm::detail
