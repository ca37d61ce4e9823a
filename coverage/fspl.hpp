// Free-space basic transmission loss, ITU-R P.525-4 eq. (6):
//   L_bf = 20 log10(4π d / λ) dB  (= 32.45 + 20 log10 f[MHz] + 20 log10 d[km]).
// Valid for any positive distance in the far field; no warnings.
#pragma once

#include "geo/units.hpp"

namespace phusong {

/// Loss between isotropic antennas over `distance` (> 0) at `frequency` (> 0).
/// Throws ModelDomainError for non-positive inputs.
Db free_space_loss(Metres distance, Megahertz frequency);

}  // namespace phusong
