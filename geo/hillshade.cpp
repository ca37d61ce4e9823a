#include "geo/hillshade.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace phusong {

Grid<float> hillshade(const Grid<float>& elevation_m, Degrees azimuth, Degrees altitude) {
    const std::size_t w = elevation_m.width(), h = elevation_m.height();
    Grid<float> out(elevation_m.spec(), std::nanf(""), std::nanf(""));
    if (w == 0 || h == 0) return out;
    const double az = azimuth.value() * std::numbers::pi / 180.0, alt = altitude.value() * std::numbers::pi / 180.0;
    // Light direction in (east, north, up).
    const double lx = std::cos(alt) * std::sin(az), ly = std::cos(alt) * std::cos(az), lz = std::sin(alt);
    const double dx = elevation_m.spec().transform.dx, dy = elevation_m.spec().transform.dy;
    auto z = [&](std::ptrdiff_t c, std::ptrdiff_t r) {
        return static_cast<double>(elevation_m.at(static_cast<std::size_t>(c), static_cast<std::size_t>(r)));
    };
    const auto last_col = static_cast<std::ptrdiff_t>(w) - 1, last_row = static_cast<std::ptrdiff_t>(h) - 1;
    for (std::size_t row = 0; row < h; ++row)
        for (std::size_t col = 0; col < w; ++col) {
            const auto c = static_cast<std::ptrdiff_t>(col), r = static_cast<std::ptrdiff_t>(row);
            if (std::isnan(z(c, r))) continue;
            // Horn: weighted differences across the 3 × 3 window (rows grow southwards); at the
            // edges the window shrinks to the pixel itself and the differences span one pixel.
            const std::ptrdiff_t west = std::max<std::ptrdiff_t>(c - 1, 0), east = std::min(c + 1, last_col);
            const std::ptrdiff_t north = std::max<std::ptrdiff_t>(r - 1, 0), south = std::min(r + 1, last_row);
            double dz_east = 0.0, dz_north = 0.0;
            if (east > west)
                dz_east = ((z(east, north) + 2 * z(east, r) + z(east, south)) - (z(west, north) + 2 * z(west, r) + z(west, south))) /
                          (4.0 * static_cast<double>(east - west) * dx);
            if (south > north)
                dz_north = ((z(west, north) + 2 * z(c, north) + z(east, north)) - (z(west, south) + 2 * z(c, south) + z(east, south))) /
                           (4.0 * static_cast<double>(south - north) * dy);
            if (std::isnan(dz_east) || std::isnan(dz_north)) continue;
            // Normal of z = f(east, north): (−∂z/∂east, −∂z/∂north, 1), normalised.
            const double norm = std::sqrt(dz_east * dz_east + dz_north * dz_north + 1.0);
            const double shade = (-dz_east * lx - dz_north * ly + lz) / norm;
            out.at(col, row) = static_cast<float>(std::max(0.0, shade));
        }
    return out;
}

}  // namespace phusong
