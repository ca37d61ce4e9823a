#include "coverage/spm.hpp"

#include <algorithm>
#include <cmath>

namespace phusong {

std::string spm_coefficient_name(std::size_t index) { return "K" + std::to_string(index + 1); }

SpmCoefficients default_spm_coefficients(Megahertz frequency) {
    // Forsk's typical values for d in metres.
    constexpr double k1_900 = 12.5, k1_1800 = 22.0, k2 = 44.9, k3 = 5.83, k4 = 0.5, k5 = -6.55;
    const double k1 = k1_900 + (k1_1800 - k1_900) * std::log10(frequency.value() / 900.0) / std::log10(2.0);
    // log10(d_m) = log10(d_km) + 3.
    return {{k1 + 3.0 * k2, k2, k3 + 3.0 * k5, k4, k5, 0.0, 0.0}};
}

SpmCoefficients spm_at(const SpmCoefficients& k, Megahertz frequency) {
    if (k.reference_mhz <= 0.0) return k;
    SpmCoefficients out = k;
    out.K[0] += default_spm_coefficients(frequency).K[0] - default_spm_coefficients(Megahertz{k.reference_mhz}).K[0];
    return out;
}

SpmPath spm_path(std::span<const double> elevations_m, Metres spacing, Metres tx_height, Metres rx_height,
                 double earth_radius_factor) {
    SpmPath p;
    p.deygout = deygout_geometry(elevations_m, spacing, tx_height, rx_height, earth_radius_factor);
    p.distance_km = spacing.value() * static_cast<double>(elevations_m.size() - 1) / 1000.0;
    p.heff_tx_m = std::max(1.0, tx_height.value() + elevations_m.front() - elevations_m.back());
    p.heff_rx_m = rx_height.value();
    return p;
}

SpmTerms spm_terms(const SpmPath& p, Megahertz frequency) {
    const double log_d = std::log10(p.distance_km), log_h = std::log10(p.heff_tx_m);
    return {{1.0, log_d, log_h, deygout_diffraction_loss(p.deygout, frequency).value(), log_d * log_h, p.heff_rx_m,
             std::log10(p.heff_rx_m)}};
}

Db spm_loss(const SpmCoefficients& k, const SpmTerms& terms) {
    double sum = 0.0;
    for (std::size_t i = 0; i < k.K.size(); ++i) sum += k.K[i] * terms.x[i];
    return Db{sum};
}

}  // namespace phusong
