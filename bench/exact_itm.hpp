// The benchmarks' reference, "exact per-point ITM": ITM over the straight terrain profile from
// a mast to a point, sampled bilinearly at no more than a given spacing.
#pragma once

#include <exception>
#include <optional>
#include <vector>

#include "coverage/coverage_engine.hpp"
#include "coverage/itm/itm.hpp"
#include "geo/terrain_profile.hpp"

namespace phusong::bench {

/// Basic transmission loss (dB) from a mast `tx_height_m` above the terrain at `mast` to a
/// receiver `rx_height_m` above it at `point`, at `frequency_mhz` with the ITM settings `s`;
/// nullopt when the profile leaves the DEM or ITM rejects the path.
inline std::optional<double> exact_itm_loss_db(const Grid<float>& dem, XY mast, XY point, Metres max_spacing,
                                               double tx_height_m, double rx_height_m, double frequency_mhz,
                                               const ItmSettings& s) {
    TerrainProfile profile;
    try {
        profile = extract_profile(dem, mast, point, max_spacing);
    } catch (const std::exception&) {
        return std::nullopt;  // the profile leaves the DEM
    }
    std::vector<double> pfl{static_cast<double>(profile.elevations_m.size() - 1), profile.spacing.value()};
    pfl.insert(pfl.end(), profile.elevations_m.begin(), profile.elevations_m.end());
    const itm::Environment env = itm_environment(s, frequency_mhz);
    const itm::Result r = itm::p2p_tls(tx_height_m, rx_height_m, pfl, env, {s.time, s.location, s.situation});
    if (!r.ok()) return std::nullopt;
    return r.A__db;
}

}  // namespace phusong::bench
