#include "geo/terrain_profile.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "geo/errors.hpp"

namespace phusong {

namespace {

/// Bilinear samples j = 0..out.size()−1 at continuous pixel coordinates (c0 + j·dc, r0 + j·dr),
/// relative to pixel centres, all of whose four neighbours lie in the grid (`width` columns
/// of `v`, row-major). False when a sample is NaN. Runs once per profile point in candidate
/// scoring, so the x86-64 build interpolates the column and row pairs two lanes at a time; both
/// variants evaluate the same expressions, with the same rounding.
bool sample_interior_line(const float* v, std::size_t width, double c0, double r0, double dc, double dr,
                          std::span<double> out) {
    bool any_nan = false;  // gathered without branching
#if defined(__SSE2__)
    const __m128d start = _mm_set_pd(r0, c0), delta = _mm_set_pd(dr, dc);
    for (std::size_t j = 0; j < out.size(); ++j) {
        const __m128d position = _mm_add_pd(start, _mm_mul_pd(_mm_set1_pd(static_cast<double>(j)), delta));
        const __m128i cell = _mm_cvttpd_epi32(position);  // (column, row), truncated
        const __m128d fraction = _mm_sub_pd(position, _mm_cvtepi32_pd(cell));
        const auto col = static_cast<std::size_t>(_mm_cvtsi128_si32(cell));
        const auto row = static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(cell, 4)));
        const float* top_row = v + row * width + col;
        // Two neighbouring floats per row, widened: (a, b) above, (c, d) below.
        const __m128d top = _mm_cvtps_pd(_mm_castsi128_ps(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(top_row))));
        const __m128d bottom =
            _mm_cvtps_pd(_mm_castsi128_ps(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(top_row + width))));
        const __m128d left = _mm_unpacklo_pd(top, bottom), right = _mm_unpackhi_pd(top, bottom);
        const __m128d tc = _mm_unpacklo_pd(fraction, fraction);
        const __m128d rows = _mm_add_pd(left, _mm_mul_pd(_mm_sub_pd(right, left), tc));  // (top, bottom)
        const double upper = _mm_cvtsd_f64(rows), lower = _mm_cvtsd_f64(_mm_unpackhi_pd(rows, rows));
        out[j] = upper + (lower - upper) * _mm_cvtsd_f64(_mm_unpackhi_pd(fraction, fraction));
        any_nan |= std::isnan(out[j]);
    }
#else
    for (std::size_t j = 0; j < out.size(); ++j) {
        const double fc = c0 + static_cast<double>(j) * dc, fr = r0 + static_cast<double>(j) * dr;
        const auto col = static_cast<std::size_t>(fc), row = static_cast<std::size_t>(fr);
        const double tc = fc - static_cast<double>(col), tr = fr - static_cast<double>(row);
        const float* top_row = v + row * width + col;
        const float* bottom_row = top_row + width;
        const double top = top_row[0] + (top_row[1] - static_cast<double>(top_row[0])) * tc;
        const double bottom = bottom_row[0] + (bottom_row[1] - static_cast<double>(bottom_row[0])) * tc;
        out[j] = top + (bottom - top) * tr;
        any_nan |= std::isnan(out[j]);
    }
#endif
    return !any_nan;
}

}  // namespace

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

bool sample_line_bilinear(const Grid<float>& dem, XY from, XY to, std::span<double> out) {
    const GridSpec& spec = dem.spec();
    if (out.empty() || spec.width == 0 || spec.height == 0) return out.empty();
    const auto [c_from, r_from] = spec.to_pixel(from);
    const auto [c_to, r_to] = spec.to_pixel(to);
    const auto w = static_cast<double>(spec.width), h = static_cast<double>(spec.height);
    auto inside = [&](double c, double r) { return c >= 0.0 && r >= 0.0 && c <= w && r <= h; };
    // Both ends inside the (convex) grid: every sample is. A finite nodata value needs the
    // per-sample check of sample_bilinear; NaN nodata shows up as a NaN sample.
    const bool nan_nodata = !dem.nodata() || std::isnan(*dem.nodata());
    if (!inside(c_from, r_from) || !inside(c_to, r_to) || !nan_nodata) {
        for (std::size_t j = 0; j < out.size(); ++j) {
            const double t = out.size() > 1 ? static_cast<double>(j) / static_cast<double>(out.size() - 1) : 0.0;
            const auto z = sample_bilinear(dem, {from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)});
            if (!z) return false;
            out[j] = *z;
        }
        return true;
    }
    const float* v = dem.values().data();
    const std::size_t width = spec.width;
    const double last_c = static_cast<double>(spec.width - 1), last_r = static_cast<double>(spec.height - 1);
    const double k = out.size() > 1 ? static_cast<double>(out.size() - 1) : 1.0;
    const double dc = (c_to - c_from) / k, dr = (r_to - r_from) / k;
    const double c0 = c_from - 0.5, r0 = r_from - 0.5;
    auto interior = [&](double c, double r) { return c >= 0.0 && r >= 0.0 && c < last_c && r < last_r; };
    // Every sample has all four neighbours when the first and last do (the interior is convex,
    // and c0 + j·dc is monotone in j). The last one is tested as computed, not as c_to − 0.5:
    // rounding can carry it onto the last column or row.
    const double steps = static_cast<double>(out.size() - 1);
    if (interior(c0, r0) && interior(c0 + steps * dc, r0 + steps * dr))
        return sample_interior_line(v, width, c0, r0, dc, dr, out);
    for (std::size_t j = 0; j < out.size(); ++j) {
        // Continuous coordinates relative to pixel centres, as sample_bilinear.
        double fc = c0 + static_cast<double>(j) * dc, fr = r0 + static_cast<double>(j) * dr;
        std::size_t col, row, col1, row1;
        if (interior(fc, fr)) {  // both neighbours exist
            col = static_cast<std::size_t>(fc);
            row = static_cast<std::size_t>(fr);
            col1 = col + 1;
            row1 = row + 1;
        } else {  // the outer half pixel: edge values extended
            fc = std::clamp(fc, 0.0, last_c);
            fr = std::clamp(fr, 0.0, last_r);
            col = static_cast<std::size_t>(fc);
            row = static_cast<std::size_t>(fr);
            col1 = std::min(col + 1, spec.width - 1);
            row1 = std::min(row + 1, spec.height - 1);
        }
        const double tc = fc - static_cast<double>(col), tr = fr - static_cast<double>(row);
        const float* top_row = v + row * width;
        const float* bottom_row = v + row1 * width;
        const double a = top_row[col], b = top_row[col1], c = bottom_row[col], d = bottom_row[col1];
        const double top = a * (1.0 - tc) + b * tc;
        const double bottom = c * (1.0 - tc) + d * tc;
        out[j] = top * (1.0 - tr) + bottom * tr;
        if (std::isnan(out[j])) return false;
    }
    return true;
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
