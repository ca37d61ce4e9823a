// Terrain diffraction by the Deygout construction (main edge plus, when the main edge blocks
// the line of sight, one sub-edge on each side) over a profile, with the knife-edge loss J(ν) of ITU-R P.526-15 eq. (31) and an effective
// earth radius k·6371 km. Added to free-space loss it gives a fast terrain-aware model for
// quick scans; it ignores ground reflection and troposcatter (use ITM for those).
#pragma once

#include <array>
#include <span>

#include "geo/units.hpp"

namespace phusong {

/// Knife-edge diffraction loss J(ν) in dB for the Fresnel–Kirchhoff parameter ν
/// (P.526 eq. 31; 0 dB for ν ≤ −0.78).
Db knife_edge_loss(double nu);

/// The frequency-free part of a Deygout construction: for each edge, ν·√λ (metres^½).
/// Because every ν scales with 1/√λ, the choice of edges does not depend on frequency,
/// so one geometry serves all frequencies of a site.
struct DeygoutGeometry {
    std::array<double, 3> nu_sqrt_lambda{};  ///< main edge first, then transmitter- and receiver-side sub-edges
    int edges = 0;                            ///< 0 when no profile point lies between the ends
};

inline constexpr double kStandardEarthRadiusFactor = 4.0 / 3.0;

/// Builds the construction over elevations (metres, transmitter first, uniform `spacing`),
/// antenna heights above ground at each end. Throws ModelDomainError for fewer than two
/// points or non-positive spacing.
DeygoutGeometry deygout_geometry(std::span<const double> elevations_m, Metres spacing, Metres tx_height,
                                 Metres rx_height, double earth_radius_factor = kStandardEarthRadiusFactor);

/// Diffraction loss (dB, ≥ 0) of a construction at a frequency.
Db deygout_diffraction_loss(const DeygoutGeometry& geometry, Megahertz frequency);

/// Free-space loss over the profile's length plus Deygout diffraction.
Db deygout_loss(std::span<const double> elevations_m, Metres spacing, Metres tx_height, Metres rx_height,
                Megahertz frequency, double earth_radius_factor = kStandardEarthRadiusFactor);

}  // namespace phusong
