#include "coverage/antenna.hpp"

#include <algorithm>

namespace phusong {

Db AntennaPattern::relative_gain(Degrees bearing, Degrees below_horizon) const {
    if (!azimuth) return Db{0.0};
    const double phi = angle_difference(bearing, *azimuth).value() / horizontal_beamwidth.value();
    const double a_h = -std::min(12.0 * phi * phi, front_to_back.value());
    const double theta = (below_horizon.value() - downtilt.value()) / vertical_beamwidth.value();
    const double a_v = -std::min(12.0 * theta * theta, vertical_sidelobe.value());
    return Db{-std::min(-(a_h + a_v), front_to_back.value())};
}

}  // namespace phusong
