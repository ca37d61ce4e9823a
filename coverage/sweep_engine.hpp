// The sweep coverage engine (`--engine sweep`, the default for ITM): ITM evaluated at the
// samples of radials from the mast, each pixel taking the value of the sample nearest it.
//
// Radials: their number doubles by range rings, so that neighbouring radials are never more
// than SweepSettings::max_ray_gap_steps grid steps apart at the ranges where they are used;
// near the mast fewer radials serve. Along each radial, terrain is sampled every
// step/samples_per_step metres from the mast's foot, and ITM's terrain analysis for every
// receiver on the radial is kept incrementally (coverage/itm/itm_radial.hpp), so the cost per
// receiver does not grow with its distance.
//
// A pixel at range r and bearing θ uses the ring's radial nearest θ and the sample nearest r:
// its path is the straight profile to a point at most half a sample spacing along and half a
// radial gap across from the pixel centre. Only the samples some pixel uses are evaluated, so
// ITM runs at most once per pixel and frequency.
//
// Radials are shared among `threads` workers, then pixels; each writes its own slots, so
// results do not depend on the thread count.
#pragma once

#include "coverage/mast_footprint.hpp"

namespace phusong::engine {

/// One mast's levels over its window from radial sweeps. settings.model must be ITM.
/// `clutter` is the run's (ClutterAtReceivers over every frequency of its masts).
MastFootprint predict_sweep(const Grid<float>& dem, const CoverageSettings& settings, const Mast& mast,
                            const ClutterAtReceivers& clutter);

/// Memory the sweep tables of one mast take (bytes) at one frequency.
std::size_t sweep_table_bytes(Metres radius, Metres resolution, const CoverageSettings& settings);

}  // namespace phusong::engine
