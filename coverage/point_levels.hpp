// Received levels of one mast's cells at chosen points (demand points, villages), without
// predicting a whole raster: how candidate sites are scored.
#pragma once

#include <span>
#include <vector>

#include "coverage/coverage_engine.hpp"

namespace phusong {

/// Level (dBm) of each cell of one mast at each point: cells[c] must share position and
/// antenna height. Each point gets the straight terrain profile from the mast's foot to the
/// point (bilinear DEM samples about one grid step apart, ending exactly at the point) — the
/// reference that the raster engine's radial profiles approximate — and the model of
/// `settings`, plus the cell's antenna gain toward the point. NaN beyond settings.radius,
/// where the profile leaves the DEM, or when the mast has no terrain. Result[c][i] is cell c
/// at point i. Parallel over points (settings.threads); identical whatever the thread count.
/// `warnings` (Hata validity, ModelWarning) and `itm_warnings` receive the flags seen.
/// `clutter`: settings.clutter prepared for the cells' frequencies, when a caller scoring many
/// masts builds it once; nullptr to build it here.
std::vector<std::vector<float>> levels_at_points(const Grid<float>& dem, std::span<const Transmitter> cells,
                                                 std::span<const XY> points, const CoverageSettings& settings,
                                                 std::uint32_t& warnings, std::uint32_t& itm_warnings,
                                                 const ClutterAtReceivers* clutter = nullptr);

}  // namespace phusong
