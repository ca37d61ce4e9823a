// One link over one terrain profile with any model (`phusong pathloss`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "coverage/coverage_engine.hpp"
#include "coverage/itm/itm.hpp"
#include "coverage/p1812.hpp"
#include "io/profile_reader.hpp"
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
    /// P.1812: time and location percentages, ΔN, N0 (its latitude and clutter heights are unused
    /// here: predict_p1812_link takes them with the profile).
    P1812Settings p1812;
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
/// rejects the link. P.1812 takes the profile as inland, without clutter, at latitude 0 for β0
/// (predict_p1812_link takes them all).
LinkPrediction predict_link(const LinkRequest& request, const TerrainProfile& profile);

/// The terminals of a P.1812 link, degrees.
struct LinkEnds {
    double tx_lat = 0.0, tx_lon = 0.0, rx_lat = 0.0, rx_lon = 0.0;
};

/// ITU-R P.1812 over a profile with clutter heights and zones; `sigma_l_db` the location
/// variability (nullopt: §4.8's for 100 m squares at the receiver's clutter). ModelDomainError
/// naming the value the Recommendation does not cover.
p1812::Result predict_p1812_link(const LinkRequest& request, const ClutterProfile& profile, const LinkEnds& ends,
                                 std::optional<double> sigma_l_db);

}  // namespace phusong
