// What the two coverage engines share (internal to coverage/): masts, the window of the grid a
// mast can reach, and the per-cell levels a mast predicts over it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "coverage/coverage_engine.hpp"

namespace phusong::engine {

/// Cells at one position and antenna height: terrain and path analysis are shared by them.
struct Mast {
    XY position;
    Metres antenna_height;
    std::vector<const Transmitter*> cells;
    std::vector<double> frequencies_mhz;      ///< distinct, ascending
    std::vector<std::size_t> cell_frequency;  ///< per cell: its index in frequencies_mhz
    /// ReachRule::Auto: the range kept toward each of n equal sectors, sector j centred on bearing
    /// 2πj/n (probe_reach); empty: the radius in every direction.
    std::vector<double> sector_reach_m;

    /// Whether a receiver `range` metres away at `bearing` (radians clockwise from north) is to be
    /// predicted: within `radius` and, with sector reaches, within the largest of the eight probe
    /// radials around the bearing (four each side, for the terrain between them).
    [[nodiscard]] bool reaches(double range, double bearing, double radius) const;
};

/// Masts in order of first appearance, with the cells of the technologies in covered_levels.
std::vector<Mast> group_into_masts(std::span<const Transmitter> transmitters, const std::map<Technology, Dbm>& covered_levels);

/// Per-mast prediction: one value per cell over a window of the grid.
struct MastFootprint {
    std::size_t col0 = 0, row0 = 0, cols = 0, rows = 0;
    std::vector<std::vector<float>> cell_dbm;  ///< [cell][row * cols + col], NaN = not reached
    std::uint32_t warnings = 0;
    std::uint32_t itm_warnings = 0;
    bool off_dem = false;
};

/// Sets out's window to the grid pixels within the square of half-side `radius` around `centre`.
void place_window(const GridSpec& spec, XY centre, Metres radius, MastFootprint& out);

/// A mast's pixels listed ray by ray (a counting sort): ray j's pixels are
/// pixels[first[j]] … pixels[first[j + 1] − 1], in ascending pixel order.
struct PixelsByRay {
    std::vector<std::size_t> first;      ///< rays + 1 offsets
    std::vector<std::uint32_t> pixels;
};

/// Lists pixels by ray_of[pixel] (< rays), skipping pixels whose ray is `none`.
PixelsByRay pixels_by_ray(std::span<const std::uint32_t> ray_of, std::size_t rays, std::uint32_t none);

/// Bearing of (dx, dy) in radians clockwise from north, in [0, 2π).
double bearing_of(double dx, double dy);

}  // namespace phusong::engine
