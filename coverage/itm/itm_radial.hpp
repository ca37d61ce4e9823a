// ITM's point-to-point terrain analysis for every receiver along one radial at once.
//
// Receivers further out on a radial share the profile's prefix, so the analysis that
// p2p_tls repeats from scratch for each receiver (O(n) per receiver, O(n²) per radial) is
// kept incrementally here, in O(1) or O(log n) per receiver:
// - the system elevation (for N_s) and the least-squares terrain fits come from prefix sums;
// - the transmitter's horizon is a running maximum of the elevation angle;
// - the receiver's horizon is the tangent from the receiver to the upper convex hull of the
//   curvature-corrected heights z − x²/2a, found by binary search;
// - Δh (ITM's dlthx, O(1) but about 250 resampled points) is computed exactly at knots and
//   interpolated linearly between them: knots lie at every sample up to `exact_delta_h_samples`,
//   then `knot_spacing_fraction` of the distance apart.
//
// Differences from analyse_profile over the same prefix, all by construction:
// - horizon searches rank samples under one earth curvature per radial (from the whole
//   radial's mean height) and then take the chosen sample's angle under the receiver's own
//   curvature. N_s, and so the curvature, varies by up to about 3 % along a radial (500 m of
//   system elevation), so only near-ties can resolve differently: candidates whose angles differ
//   by less than |Δγ|·|Δx|/2, about 3e-5 rad for candidates 20 km apart (but the horizon distance
//   then jumps from one candidate to the other);
// - Δh between knots is interpolated (exact at knots and within `exact_delta_h_samples`);
// - sums are formed from prefix differences, which changes results by rounding only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "coverage/itm/itm_internals.hpp"

namespace phusong::itm::detail {

struct RadialSettings {
    double spacing__meter = 0.0;  ///< distance between profile samples
    double h_tx__meter = 0.0;     ///< transmitter structural height above z_0
    double h_rx__meter = 0.0;     ///< receiver structural height above its sample
    double N_0 = 301.0;           ///< sea-level surface refractivity, N-units
    /// Δh is exact at every sample up to here, and at knots beyond.
    std::size_t exact_delta_h_samples = 16;
    /// Knots beyond exact_delta_h_samples lie this fraction of their distance apart.
    double knot_spacing_fraction = 1.0 / 8.0;
};

/// One receiver's path: the geometry reference_attenuation needs and its surface refractivity.
struct RadialPath {
    PathGeometry geometry;
    double N_s = 0.0;                 ///< surface refractivity at the path's system elevation, N-units
    double gamma_e__per_meter = 0.0;  ///< effective earth curvature from N_s
};

/// Analyses the receivers at samples n (1 ≤ n ≤ K) where wanted[n] != 0, along the radial
/// `elevations` = z_0 … z_K (metres, z_0 under the transmitter). out[n] is written for those
/// samples only. wanted and out have K + 1 entries. Reuses per-thread buffers; thread-safe.
void analyse_radial(std::span<const double> elevations, const RadialSettings& settings,
                    std::span<const std::uint8_t> wanted, std::span<RadialPath> out);

/// Whether sample n is a Δh knot under `settings` on a radial longer than n (exposed for tests).
bool is_delta_h_knot(std::size_t n, const RadialSettings& settings);

}  // namespace phusong::itm::detail
