#include "geo/grid.hpp"

#include <algorithm>

#include "geo/errors.hpp"

namespace phusong {

GridSpec GridSpec::covering(const Extent& extent, Metres resolution, std::string crs) {
    const double r = resolution.value();
    if (!(r > 0.0) || !std::isfinite(r)) throw InputError("grid resolution must be a positive number of metres");
    if (!(extent.east > extent.west) || !(extent.north > extent.south))
        throw InputError("grid extent is empty");
    // Snap outward to a multiple of the resolution so neighbouring runs share pixel edges.
    const double west = std::floor(extent.west / r) * r;
    const double north = std::ceil(extent.north / r) * r;
    const double east = std::ceil(extent.east / r) * r;
    const double south = std::floor(extent.south / r) * r;
    GridSpec spec;
    spec.width = static_cast<std::size_t>(std::llround((east - west) / r));
    spec.height = static_cast<std::size_t>(std::llround((north - south) / r));
    spec.transform = {west, north, r, r};
    spec.crs = std::move(crs);
    return spec;
}

Extent GridSpec::extent() const {
    return {transform.west, transform.north - static_cast<double>(height) * transform.dy,
            transform.west + static_cast<double>(width) * transform.dx, transform.north};
}

std::optional<std::pair<std::size_t, std::size_t>> GridSpec::pixel_of(XY p) const {
    const auto [c, r] = to_pixel(p);
    if (c < 0.0 || r < 0.0) return std::nullopt;
    const auto col = static_cast<std::size_t>(c);
    const auto row = static_cast<std::size_t>(r);
    if (col >= width || row >= height) return std::nullopt;
    return std::pair{col, row};
}

}  // namespace phusong

namespace phusong {

std::vector<std::size_t> pixels_within(const GridSpec& grid, XY centre, Metres radius) {
    std::vector<std::size_t> out;
    const double r = radius.value();
    const auto [c_lo, r_lo] = grid.to_pixel({centre.x - r, centre.y + r});
    const auto [c_hi, r_hi] = grid.to_pixel({centre.x + r, centre.y - r});
    const auto clamp_index = [](double v, std::size_t n) {
        return static_cast<std::size_t>(std::clamp(v, 0.0, static_cast<double>(n)));
    };
    for (std::size_t row = clamp_index(std::floor(r_lo), grid.height); row < clamp_index(std::ceil(r_hi), grid.height); ++row)
        for (std::size_t col = clamp_index(std::floor(c_lo), grid.width); col < clamp_index(std::ceil(c_hi), grid.width); ++col) {
            const XY p = grid.centre(col, row);
            if (std::hypot(p.x - centre.x, p.y - centre.y) <= r) out.push_back(row * grid.width + col);
        }
    if (out.empty())
        if (auto px = grid.pixel_of(centre)) out.push_back(px->second * grid.width + px->first);
    return out;
}

}  // namespace phusong
