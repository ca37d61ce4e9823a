// The Standard Propagation Model (SPM), the empirical model that planning tools calibrate to
// drive tests (Forsk Atoll's form):
//
//   L = K1 + K2·log10(d) + K3·log10(Heff_tx) + K4·Diffraction + K5·log10(d)·log10(Heff_tx)
//       + K6·Heff_rx + K7·log10(Heff_rx) + Kclutter(class)
//
// with d in km, heights in metres and the losses in dB. Here:
// - Heff_tx, the transmitter's effective height, is its height above the receiver's ground:
//   antenna height + ground at the mast − ground at the receiver, at least 1 m (Atoll's "height
//   above the receiver's ground" method; it needs only the two ends of the profile);
// - Heff_rx is the receiver's antenna height above its ground;
// - Diffraction is the Deygout loss over the terrain profile (coverage/deygout.hpp);
// - Kclutter is the receiver's land-cover class loss, applied by the receiver-clutter table
//   (coverage/receiver_clutter.hpp), not here.
//
// Default coefficients (default_spm_coefficients) are Forsk's typical values, as its SPM
// calibration guide (Atoll, 2004, §3.2) lists them for d in metres: K1 = 12.5 at 900 MHz and
// 22.0 at 1800 MHz, K2 = 44.9, K3 = 5.83, K4 = 0.5, K5 = −6.55, K6 = K7 = 0. With d in km,
// log10(d_m) = log10(d_km) + 3, so K1 gains 3·K2 and K3 gains 3·K5; other frequencies take K1
// on the straight line in log10(f) through the two published values.
#pragma once

#include <array>
#include <span>
#include <string>

#include "coverage/deygout.hpp"
#include "geo/units.hpp"

namespace phusong {

/// SPM coefficients for d in km and heights in m (see above); K[0] is K1 … K[6] is K7.
struct SpmCoefficients {
    std::array<double, 7> K{};
    /// The frequency K1 holds at (MHz): at another frequency K1 moves as the defaults' K1 does
    /// (spm_at). 0: K1 is used as it is at every frequency.
    double reference_mhz = 0.0;
    friend bool operator==(const SpmCoefficients&, const SpmCoefficients&) = default;
};

/// Names "K1" … "K7".
std::string spm_coefficient_name(std::size_t index);

/// Forsk's typical values at `frequency` (see above), converted to d in km.
SpmCoefficients default_spm_coefficients(Megahertz frequency);

/// `k` at `frequency`: K1 shifted by default K1(frequency) − default K1(k.reference_mhz), so that
/// a calibration at one band carries to another as the published values do (+9.5 dB per octave).
SpmCoefficients spm_at(const SpmCoefficients& k, Megahertz frequency);

/// The regressors of one path: what multiplies each K (Diffraction at one frequency).
struct SpmTerms {
    std::array<double, 7> x{};  ///< 1, log10 d_km, log10 Heff_tx, diffraction dB, log10 d_km·log10 Heff_tx, Heff_rx m, log10 Heff_rx
};

/// Effective heights and the Deygout construction over a profile (elevations in metres,
/// transmitter first, `spacing` apart), whose frequency-free part serves every frequency.
struct SpmPath {
    double distance_km = 0.0;
    double heff_tx_m = 1.0;
    double heff_rx_m = 1.0;
    DeygoutGeometry deygout;
};

/// ModelDomainError for fewer than two points or a non-positive spacing.
SpmPath spm_path(std::span<const double> elevations_m, Metres spacing, Metres tx_height, Metres rx_height,
                 double earth_radius_factor);

/// The regressors of `path` at `frequency`.
SpmTerms spm_terms(const SpmPath& path, Megahertz frequency);

/// L without Kclutter (dB): Σ K_i·x_i.
Db spm_loss(const SpmCoefficients& k, const SpmTerms& terms);

}  // namespace phusong
