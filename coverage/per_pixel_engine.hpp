// The per-pixel coverage engine (`--engine per-pixel`), the reference for the sweep engine.
//
// Rays are cast every Δθ = step/(oversampling·radius) radians and terrain is sampled along
// each ray `ray_subsamples` times per grid step, once for every cell and frequency on the mast.
// Each pixel's profile has one point per grid step (about), ends exactly at the pixel, and
// takes its terrain from the two rays enclosing the pixel's bearing, interpolated in polar
// coordinates, so it follows the straight line to the pixel closely; the model is evaluated
// over that profile from scratch for every pixel. (Measured on SRTM-3: 96 % of pixels within
// 1 dB of ITM over the exact straight profile; see bench/radial_accuracy.cpp.)
//
// Rays and pixels are shared among `threads` workers; each writes its own slots, so results
// do not depend on the thread count.
#pragma once

#include "coverage/mast_footprint.hpp"

namespace phusong::engine {

/// One mast's levels over its window, computed pixel by pixel.
/// `clutter` is the run's (ClutterAtReceivers over every frequency of its masts).
MastFootprint predict_per_pixel(const Grid<float>& dem, const CoverageSettings& settings, const Mast& mast,
                            const ClutterAtReceivers& clutter);

/// Memory the per-mast terrain rays take (bytes).
std::size_t per_pixel_table_bytes(Metres radius, Metres resolution, const CoverageSettings& settings);

}  // namespace phusong::engine
