#include "coverage/fspl.hpp"

#include <cmath>
#include <numbers>

#include "geo/errors.hpp"

namespace phusong {

Db free_space_loss(Metres distance, Megahertz frequency) {
    if (!(distance.value() > 0.0)) throw ModelDomainError("free space loss: distance must be > 0 m");
    if (!(frequency.value() > 0.0)) throw ModelDomainError("free space loss: frequency must be > 0 MHz");
    return Db{20.0 * std::log10(4.0 * std::numbers::pi * distance.value() / frequency.wavelength().value())};
}

}  // namespace phusong
