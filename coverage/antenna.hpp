// Antenna gain relative to the main beam, 3GPP TR 36.814 Table A.2.1.1-2:
//   A_H(φ) = −min(12 (φ/φ_3dB)², A_m),   A_V(θ) = −min(12 ((θ−θ_tilt)/θ_3dB)², SLA_V),
//   A(φ, θ) = −min(−(A_H + A_V), A_m),
// with A_m = front-to-back ratio (25 dB), θ_3dB = 10°, SLA_V = 20 dB.
// φ is the bearing off the azimuth, θ the angle below the horizon (positive down).
#pragma once

#include <optional>

#include "geo/units.hpp"

namespace phusong {

struct AntennaPattern {
    std::optional<Degrees> azimuth;        ///< none = omnidirectional (0 dB everywhere)
    Degrees horizontal_beamwidth{65.0};
    Degrees downtilt{0.0};
    Degrees vertical_beamwidth{10.0};
    Db front_to_back{25.0};
    Db vertical_sidelobe{20.0};

    /// Gain relative to boresight (≤ 0 dB) towards `bearing` (clockwise from north) and
    /// `below_horizon` (positive = below).
    [[nodiscard]] Db relative_gain(Degrees bearing, Degrees below_horizon) const;
};

}  // namespace phusong
