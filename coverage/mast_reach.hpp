// How far a mast's signal can matter (`--radius-km auto`): the range beyond which none of its
// cells comes near the covered level, so the engines predict no farther.
//
// The rule: the model itself is probed along `radials` radials from the mast, at `samples`
// points per radial up to the cap (settings.radius), each point's level computed as the engines
// do — reference EIRP plus the antenna's gain toward the point minus the model's loss — but
// without receiver clutter, which only lowers levels (a calibrated table that raises some adds
// its largest gain to the margin). Toward each radial the reach is one probe
// step beyond the farthest point whose level is within `margin_db` of its technology's covered
// level (at least two steps), never more than the cap; a receiver is predicted when it lies
// within the reach of any of the eight radials around its bearing (Mast::reaches).
// - Free-space loss bounds the reach from above: no uncalibrated terrain model here loses less
//   than free space (ITM adds A_ref ≥ 0, Deygout a diffraction loss ≥ 0), so the free-space
//   distance of the link budget is never exceeded; the cap is reached first in practice. (The
//   probe runs the model as configured, calibration included, so a calibrated model is probed
//   as it predicts.)
// - Terrain and the radio horizon shorten it: past a ridge or the horizon the probed loss rises
//   faster than free space, and the reach ends where it leaves the budget.
// - The margin stands for what the probe does not see: terrain between its radials and points
//   (it samples the DEM every cap/samples metres, coarser than the grid). The distance-only
//   models see no terrain, so their margin is zero and their reach is exact to one probe step.
// The check that the cut-off changes no result is bench/reach_check.py: doubling the reach
// must add under 0.1 % covered pixels.
#pragma once

#include <map>

#include "coverage/mast_footprint.hpp"

namespace phusong::engine {

struct ReachProbe {
    std::size_t radials = 180;
    std::size_t samples = 256;   ///< per radial, evenly spaced up to the cap (never finer than the grid)
    double margin_db = 6.0;      ///< terrain models only
};

struct ProbedReach {
    std::vector<double> sector_reach_m;  ///< per probe radial, metres (Mast::sector_reach_m); empty off the DEM
    /// Some radial still came within the margin where the grid (the DEM on it) ends: the reach
    /// there is the grid's edge, not the link budget's.
    bool at_grid_edge = false;
};

/// The reach of `mast` toward each probe radial (metres, ≤ settings.radius) over `dem`
/// (elevations in metres) under the rule above. Deterministic whatever settings.threads.
/// ModelDomainError when the model rejects a path.
ProbedReach probe_reach(const Grid<float>& dem, const Mast& mast, const std::map<Technology, Dbm>& covered_levels,
                                const CoverageSettings& settings, const ReachProbe& probe = {});

}  // namespace phusong::engine
