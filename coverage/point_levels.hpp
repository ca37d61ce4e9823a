// Received levels of one mast's cells at chosen points (demand points, villages), without
// predicting a whole raster: how candidate sites are scored.
#pragma once

#include <span>
#include <vector>

#include "coverage/coverage_engine.hpp"
#include "coverage/path_model.hpp"
#include "coverage/spm.hpp"

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

/// The straight profile levels_at_points uses from a mast at `mast` (ground elevation `ground`,
/// metres) to `point`, in NTIA layout with model.profile_intervals() intervals: false beyond
/// settings.radius or where it leaves the DEM.
bool point_profile(const Grid<float>& dem, XY mast, double ground, XY point, const CoverageSettings& settings,
                   const PathModel& model, std::vector<double>& pfl);

/// One path from a cell to a point as calibration needs it.
struct PointPath {
    bool reached = false;         ///< false beyond settings.radius, off the DEM, or no terrain at the mast
    double distance_m = 0.0;      ///< the profile's length (at least half a grid step)
    double loss_db = 0.0;         ///< settings' model (with its correction) at the cell's frequency
    SpmPath spm;                  ///< SPM's effective heights and Deygout construction over its profile
    double antenna_gain_db = 0.0; ///< the cell's antenna toward the point, relative to its main beam
};

/// The paths from `cell` to each point, over the same profiles as levels_at_points. For SPM
/// (settings.model) `spm` is filled; for every model `loss_db`. Parallel over points;
/// identical whatever settings.threads. Flags as levels_at_points.
std::vector<PointPath> paths_at_points(const Grid<float>& dem, const Transmitter& cell, std::span<const XY> points,
                                       const CoverageSettings& settings, std::uint32_t& warnings, std::uint32_t& itm_warnings);

}  // namespace phusong
