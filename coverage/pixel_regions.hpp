// Connected regions of a pixel mask (4-connectivity: pixels sharing an edge), the raster
// form of polygons such as dead zones and covered areas.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace phusong {

struct PixelRegions {
    /// Per pixel (row-major): region number 1…count, or 0 outside the mask. Regions are
    /// numbered in the raster order of their first (north-west-most) pixel, so the numbering
    /// depends only on the mask.
    std::vector<std::int32_t> labels;
    std::vector<std::size_t> pixel_counts;  ///< pixels of region k at index k − 1

    [[nodiscard]] std::size_t count() const { return pixel_counts.size(); }
};

/// Labels the 4-connected regions of the non-zero pixels of `mask` (width × height, row-major).
PixelRegions label_regions(std::span<const char> mask, std::size_t width, std::size_t height);

}  // namespace phusong
