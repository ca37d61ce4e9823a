// One link over one terrain profile with any model (`phusong pathloss`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "coverage/coverage_engine.hpp"
#include "coverage/itm/itm.hpp"
#include "geo/terrain_profile.hpp"

namespace phusong {

struct LinkRequest {
    PropagationModel model = PropagationModel::Itm;
    HataEnvironment environment = HataEnvironment::Open;  ///< Hata and COST-231
    ItmSettings itm;
    std::optional<SpmCoefficients> spm;  ///< SPM: nullopt for default_spm_coefficients
    Megahertz frequency{0.0};
    Metres tx_height{0.0};   ///< above ground
    Metres rx_height{0.0};   ///< above ground
};

/// Physical bounds every model shares (beyond them a model's arithmetic still gives a number,
/// but not a loss): antenna heights in (0, 3000] m — ITM's own upper limit, far above any mast —
/// frequencies in [20, 100000] MHz as for towers, and a path of at least one wavelength (free-space
/// loss is negative below λ/4π: the receiver would be in the transmitter's near field).
inline constexpr double kMaxAntennaHeightM = 3000.0;
inline constexpr double kMinFrequencyMhz = 20.0;
inline constexpr double kMaxFrequencyMhz = 100000.0;

struct LinkPrediction {
    Db loss{0.0};                       ///< basic transmission loss
    std::string mode;                   ///< ITM's propagation mode, the Hata environment, "free_space", "deygout" or "spm"
    std::vector<std::string> warnings;  ///< validity flags, described
    std::uint32_t warning_flags = 0;
    std::optional<itm::Result> itm;     ///< ITM's intermediate values
};

/// InputError naming the option (--freq-mhz, --tx-height-m, --rx-height-m) or the profile
/// when the link is outside the bounds above.
void check_link_request(const LinkRequest& request, const TerrainProfile& profile, const std::string& profile_source);

/// The loss over `profile` (transmitter at its first point). ModelDomainError when the model
/// rejects the link.
LinkPrediction predict_link(const LinkRequest& request, const TerrainProfile& profile);

}  // namespace phusong
