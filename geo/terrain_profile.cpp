#include "geo/terrain_profile.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "geo/errors.hpp"

namespace phusong {

std::optional<double> sample_bilinear(const Grid<float>& dem, XY p) {
    const GridSpec& spec = dem.spec();
    auto [fc, fr] = spec.to_pixel(p);
    const auto w = static_cast<double>(spec.width), h = static_cast<double>(spec.height);
    if (!(fc >= 0.0 && fr >= 0.0 && fc <= w && fr <= h) || spec.width == 0 || spec.height == 0) return std::nullopt;
    // Continuous coordinates relative to pixel centres.
    fc = std::clamp(fc - 0.5, 0.0, static_cast<double>(spec.width - 1));
    fr = std::clamp(fr - 0.5, 0.0, static_cast<double>(spec.height - 1));
    const auto c0 = static_cast<std::size_t>(fc);
    const auto r0 = static_cast<std::size_t>(fr);
    const std::size_t c1 = std::min(c0 + 1, spec.width - 1);
    const std::size_t r1 = std::min(r0 + 1, spec.height - 1);
    const double tc = fc - static_cast<double>(c0);
    const double tr = fr - static_cast<double>(r0);
    for (auto [c, r] : {std::pair{c0, r0}, {c1, r0}, {c0, r1}, {c1, r1}})
        if (dem.is_nodata(c, r)) return std::nullopt;
    const double top = dem.at(c0, r0) * (1.0 - tc) + dem.at(c1, r0) * tc;
    const double bottom = dem.at(c0, r1) * (1.0 - tc) + dem.at(c1, r1) * tc;
    return top * (1.0 - tr) + bottom * tr;
}

TerrainProfile extract_profile(const Grid<float>& dem, XY from, XY to, Metres max_spacing) {
    if (!(max_spacing.value() > 0.0)) throw ModelDomainError("profile spacing must be positive");
    const double length = std::hypot(to.x - from.x, to.y - from.y);
    const auto intervals =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(length / max_spacing.value() - 1e-9)));
    TerrainProfile profile;
    profile.spacing = Metres{length / static_cast<double>(intervals)};
    profile.elevations_m.reserve(intervals + 1);
    for (std::size_t i = 0; i <= intervals; ++i) {
        const double t = static_cast<double>(i) / static_cast<double>(intervals);
        const XY p{from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)};
        const auto z = sample_bilinear(dem, p);
        if (!z) {
            std::ostringstream msg;
            msg.precision(12);
            msg << "terrain profile point (" << p.x << ", " << p.y
                << ") is outside the DEM or on a void";
            throw InputError(msg.str());
        }
        profile.elevations_m.push_back(*z);
    }
    return profile;
}

}  // namespace phusong
