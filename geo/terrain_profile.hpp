// Terrain profiles: ground elevation sampled at uniform spacing along the straight line
// between two points of a DEM grid. Earth curvature is NOT applied here; propagation models
// add it themselves.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "geo/grid.hpp"
#include "geo/units.hpp"

namespace phusong {

/// Elevations (metres above the DEM's datum) from the first point to the last, `spacing` apart.
struct TerrainProfile {
    Metres spacing{0.0};
    std::vector<double> elevations_m;

    [[nodiscard]] Metres length() const {
        return elevations_m.empty() ? Metres{0.0}
                                    : spacing * static_cast<double>(elevations_m.size() - 1);
    }
};

/// Bilinear interpolation between the four nearest pixel centres (metres).
/// Near the outer edge (within half a pixel) the edge pixels are extended.
/// Returns nullopt outside the grid or when a contributing pixel is nodata.
std::optional<double> sample_bilinear(const Grid<float>& dem, XY p);

/// Fills out[j] with sample_bilinear(dem, from + j/k·(to − from)) for j = 0 … k (k =
/// out.size() − 1), the same values up to rounding, several times faster: the segment is
/// walked in pixel coordinates. False when a sample is off the grid or on nodata.
bool sample_line_bilinear(const Grid<float>& dem, XY from, XY to, std::span<double> out);

/// Profile from `from` to `to` with the largest uniform spacing ≤ `max_spacing`
/// (so both end points are samples). Throws InputError if any sample is off the DEM or
/// on a void, and ModelDomainError if max_spacing is not positive.
TerrainProfile extract_profile(const Grid<float>& dem, XY from, XY to, Metres max_spacing);

}  // namespace phusong
