// ITM terrain analysis: horizons, effective heights and terrain irregularity Δh from a
// PFL profile (Hufford, "The Algorithm", subroutines hzns, zlsq1, dlthx, qlrpfl), and the
// area-mode equivalents from siting criteria (qlra).
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <vector>

#include "coverage/itm/itm_internals.hpp"

namespace phusong::itm::detail {
namespace {

/// FORTRAN DIM: the positive difference max(x − y, 0).
double positive_difference(double x, double y) { return x > y ? x - y : 0.0; }

double elevation(std::span<const double> pfl, std::size_t i) { return pfl[i + 2]; }

struct Horizons {
    std::array<double, 2> theta{};
    std::array<double, 2> d__meter{};
};

/// 1/i for i = 0..n (entry 0 unused), kept per thread: multiplying by it is much cheaper than
/// dividing in the horizon scans.
std::span<const double> reciprocals(std::size_t n) {
    thread_local std::vector<double> table{0.0};
    while (table.size() <= n) table.push_back(1.0 / static_cast<double>(table.size()));
    return table;
}

constexpr std::size_t kNoSample = static_cast<std::size_t>(-1);

/// The steepest sample seen from a terminal: scanning `count` samples from `first`, one step of
/// `direction` (±1) at a time, where sample i lies `distance_of(i)` spacings from the terminal.
/// Angles are scaled by the spacing: with x in spacings, θ·spacing = (z − z_terminal)/x −
/// x·spacing²·γ/2, so no division is needed. A sample counts only above `floor` (also scaled);
/// on equal angles the first scanned wins when `keep_first`, else the last.
struct Steepest {
    double angle;
    std::size_t index = kNoSample;        // the steepest sample
    std::size_t first_above = kNoSample;  // the first sample scanned above `floor`
};

template <class DistanceOf>
Steepest steepest(std::span<const double> pfl, std::size_t first, std::size_t count, std::ptrdiff_t direction,
                  double z_terminal, double half_curvature_per_spacing, double floor, bool keep_first,
                  DistanceOf distance_of) {
    const std::span<const double> inverse = reciprocals(static_cast<std::size_t>(pfl[0]));
    Steepest best{floor};
    std::size_t i = first;
    for (std::size_t step = 0; step < count; ++step, i += static_cast<std::size_t>(direction)) {
        const std::size_t x = distance_of(i);
        const double angle = (elevation(pfl, i) - z_terminal) * inverse[x] - half_curvature_per_spacing * static_cast<double>(x);
        // Without branches: where the steepest sample lies is unpredictable.
        const bool found = best.index != kNoSample;
        const bool better = angle > best.angle || (!keep_first && found && angle == best.angle);
        best.angle = better ? angle : best.angle;
        best.index = better ? i : best.index;
        best.first_above = found ? best.first_above : best.index;
    }
    return best;
}

/// Horizon angles and distances seen from each terminal over a curved earth, as Hufford's
/// hzns: the transmitter's horizon is the first sample with the greatest elevation angle above
/// the line of sight; the receiver's horizon is only searched from the first sample that
/// blocks the transmitter's line of sight (a path never blocked is line-of-sight, both
/// horizons at the far end), and is the farthest sample with the greatest angle seen from the
/// receiver. Angles are computed per sample rather than raised by increments as in hzns, which
/// changes results only by rounding.
Horizons find_horizons(std::span<const double> pfl, std::array<double, 2> h_g, double gamma_e) {
    const auto n = static_cast<std::size_t>(pfl[0]);
    const double spacing = pfl[1];
    const double d = pfl[0] * spacing;
    const double z_tx = elevation(pfl, 0) + h_g[0];
    const double z_rx = elevation(pfl, n) + h_g[1];
    const double half_curvature = 0.5 * gamma_e;
    const double slope = (z_rx - z_tx) / d;
    Horizons h;
    h.theta = {slope - half_curvature * d, -slope - half_curvature * d};
    h.d__meter = {d, d};
    if (n < 2) return h;
    const double half_curvature_per_spacing = half_curvature * spacing * spacing;
    const Steepest tx = steepest(pfl, 1, n - 1, 1, z_tx, half_curvature_per_spacing, h.theta[0] * spacing, true,
                                 [](std::size_t i) { return i; });
    if (tx.index == kNoSample) return h;
    h.theta[0] = tx.angle / spacing;
    h.d__meter[0] = static_cast<double>(tx.index) * spacing;
    const Steepest rx = steepest(pfl, n - 1, n - tx.first_above, -1, z_rx, half_curvature_per_spacing,
                                 h.theta[1] * spacing, false, [n](std::size_t i) { return n - i; });
    if (rx.index != kNoSample) {
        h.theta[1] = rx.angle / spacing;
        h.d__meter[1] = static_cast<double>(n - rx.index) * spacing;
    }
    return h;
}

}  // namespace

double surface_refractivity(double N_0, double z_sys__meter) {
    return z_sys__meter == 0.0 ? N_0 : N_0 * std::exp(-z_sys__meter / 9460.0);
}

double effective_curvature(double N_s) { return 157e-9 * (1.0 - 0.04665 * std::exp(N_s / 179.3)); }

Medium make_medium(double f__mhz, double N_0, double z_sys__meter, Polarization pol, double epsilon, double sigma) {
    Medium m;
    m.f__mhz = f__mhz;
    m.k__per_meter = f__mhz / 47.7;
    m.N_s = surface_refractivity(N_0, z_sys__meter);
    m.gamma_e__per_meter = effective_curvature(m.N_s);
    const std::complex<double> eps_complex(epsilon, 18000.0 * sigma / f__mhz);
    m.Z_g = std::sqrt(eps_complex - 1.0);
    if (pol == Polarization::Vertical) m.Z_g /= eps_complex;
    m.cbrt_f = cube_root(f__mhz);
    m.inverse_abs_Z_g = 1.0 / std::abs(m.Z_g);
    m.ln_0133k = std::log(0.133 * m.k__per_meter);
    m.scatter_distance__meter = cube_root(575.7e12 / m.k__per_meter);
    m.free_space_at_1km__db = 32.45 + 20.0 * std::log10(f__mhz);
    return m;
}

std::array<double, 2> fit_line(std::span<const double> pfl, double x1__meter, double x2__meter) {
    // Work in units of the profile spacing; the fit window is [first, last] sample indices.
    const double n = pfl[0];
    const double spacing = pfl[1];
    double first = std::trunc(positive_difference(x1__meter / spacing, 0.0));
    double last = n - std::trunc(positive_difference(n, x2__meter / spacing));
    if (last <= first) {
        first = positive_difference(first, 1.0);
        last = n - positive_difference(n, last + 1.0);
    }
    const auto i_first = static_cast<std::size_t>(first);
    const auto i_last = static_cast<std::size_t>(last);
    const double width = last - first;
    // x runs from −width/2 to +width/2 across the window; centre at index first + width/2.
    double x = -0.5 * width;
    const double centre = last + x;
    double sum = 0.5 * (elevation(pfl, i_first) + elevation(pfl, i_last));
    double moment = 0.5 * (elevation(pfl, i_first) - elevation(pfl, i_last)) * x;
    for (std::size_t i = i_first + 1; i < i_last; ++i) {
        x += 1.0;
        sum += elevation(pfl, i);
        moment += elevation(pfl, i) * x;
    }
    const double mean = sum / width;
    const double slope = moment * 12.0 / ((width * width + 2.0) * width);
    return {mean - slope * centre, mean + slope * (n - centre)};
}

// Δh needs the two deciles of up to 245 deviations per path, and selection over all of them
// is branchy. Thresholds read from an evenly spaced sample let one branch-free pass keep only
// each tail (under a fifth of the values); exact selection then runs on the tails. A tail
// holding fewer than `rank` values would not contain the answer, so then the selection runs
// over all values: the result never depends on the sample.
std::pair<double, double> decile_values(std::vector<double>& values, std::size_t rank) {
    const std::size_t n = values.size();
    const auto at = [](std::vector<double>& v, std::size_t r) { return v.begin() + static_cast<std::ptrdiff_t>(r); };
    constexpr std::size_t kSample = 16;
    if (n >= 4 * kSample) {
        // The 3rd largest and 3rd smallest of the sample (about the top and bottom 18 %), kept
        // by compare-exchange chains, which do not branch.
        std::array<double, 3> top, bottom;
        top.fill(-std::numeric_limits<double>::infinity());
        bottom.fill(std::numeric_limits<double>::infinity());
        for (std::size_t i = 0; i < kSample; ++i) {
            double up = values[(2 * i + 1) * n / (2 * kSample)], down = up;
            for (std::size_t j = 0; j < top.size(); ++j) {
                const double kept_top = std::max(top[j], up), kept_bottom = std::min(bottom[j], down);
                up = std::min(top[j], up);
                down = std::max(bottom[j], down);
                top[j] = kept_top;
                bottom[j] = kept_bottom;
            }
        }
        const double upper_from = top.back(), lower_to = bottom.back();
        thread_local std::vector<double> upper, lower;
        upper.resize(n);
        lower.resize(n);
        std::size_t n_upper = 0, n_lower = 0;
        for (const double v : values) {
            upper[n_upper] = v;
            n_upper += v >= upper_from ? 1 : 0;
            lower[n_lower] = v;
            n_lower += v <= lower_to ? 1 : 0;
        }
        if (n_upper >= rank && n_lower >= rank) {
            std::nth_element(upper.begin(), at(upper, rank - 1), at(upper, n_upper), std::greater<>());
            std::nth_element(lower.begin(), at(lower, rank - 1), at(lower, n_lower));
            return {upper[rank - 1], lower[rank - 1]};
        }
    }
    std::nth_element(values.begin(), at(values, rank - 1), values.end(), std::greater<>());
    const double high = values[rank - 1];
    std::nth_element(at(values, rank), at(values, n - rank), values.end(), std::greater<>());
    return {high, values[n - rank]};
}

double terrain_irregularity(std::span<const double> pfl, double x1__meter, double x2__meter) {
    const auto n_profile = static_cast<std::size_t>(pfl[0]);
    const double xa = x1__meter / pfl[1];
    const double xb_index = x2__meter / pfl[1];
    if (xb_index - xa < 2.0) return 0.0;
    // Resample the window at n points (10 per decile band, 4 ≤ k ≤ 25 samples per decile).
    const int per_decile = std::min(std::max(4, static_cast<int>(0.1 * (xb_index - xa + 8.0))), 25);
    const int n = 10 * per_decile - 5;
    const double step = (xb_index - xa) / static_cast<double>(n - 1);
    // Reused per thread: this runs once per pixel in coverage predictions.
    thread_local std::vector<double> resampled, deviations;
    resampled.resize(static_cast<std::size_t>(n) + 2);
    resampled[0] = n - 1;
    resampled[1] = 1.0;
    // Sample j lies at index position xa + j·step (≥ 0): linear interpolation between samples
    // k−1 and k = ⌊position⌋ + 1, at most n_profile (extrapolating past the end as Hufford's
    // dlthx does). Positions are computed directly rather than accumulated, so the iterations
    // are independent.
    for (int j = 0; j < n; ++j) {
        const double position = xa + static_cast<double>(j) * step;
        const std::size_t k = std::min(static_cast<std::size_t>(position) + 1, n_profile);
        resampled[static_cast<std::size_t>(j) + 2] =
            elevation(pfl, k) + (elevation(pfl, k) - elevation(pfl, k - 1)) * (position - static_cast<double>(k));
    }
    const auto [start, end] = fit_line(resampled, 0.0, n - 1.0);
    const double rise = (end - start) / (n - 1.0);
    deviations.resize(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j)
        deviations[static_cast<std::size_t>(j)] = resampled[static_cast<std::size_t>(j) + 2] - (start + rise * j);
    const auto [upper, lower] = decile_values(deviations, static_cast<std::size_t>(per_decile));
    return (upper - lower) / (1.0 - 0.8 * std::exp(-(x2__meter - x1__meter) / 50e3));
}

std::array<double, 2> foreground_window(const PathGeometry& p) {
    return {std::min(15.0 * p.h_g__meter[0], 0.1 * p.d_hzn__meter[0]),
            p.d__meter - std::min(15.0 * p.h_g__meter[1], 0.1 * p.d_hzn__meter[1])};
}

PathGeometry analyse_profile(std::span<const double> pfl, double h_tx__meter, double h_rx__meter, double gamma_e) {
    PathGeometry p;
    const auto n = static_cast<std::size_t>(pfl[0]);
    p.d__meter = pfl[0] * pfl[1];
    p.h_g__meter = {h_tx__meter, h_rx__meter};
    const Horizons hz = find_horizons(pfl, p.h_g__meter, gamma_e);
    p.theta_hzn = hz.theta;
    p.d_hzn__meter = hz.d__meter;
    const std::array<double, 2> x = foreground_window(p);
    p.delta_h__meter = terrain_irregularity(pfl, x[0], x[1]);
    complete_geometry(p, x, {elevation(pfl, 0), elevation(pfl, n)}, gamma_e,
                      [pfl](double x1, double x2) { return fit_line(pfl, x1, x2); });
    return p;
}

PathGeometry area_geometry(double h_tx__meter, double h_rx__meter, SitingCriteria tx, SitingCriteria rx,
                           double d__meter, double delta_h__meter, double gamma_e) {
    PathGeometry p;
    p.d__meter = d__meter;
    p.h_g__meter = {h_tx__meter, h_rx__meter};
    p.delta_h__meter = delta_h__meter;
    const std::array<SitingCriteria, 2> siting{tx, rx};
    for (int j = 0; j < 2; ++j) {
        const double h_g = p.h_g__meter[j];
        if (siting[j] == SitingCriteria::Random) {
            p.h_e__meter[j] = h_g;
        } else {
            // Careful siting finds a rise of up to 4 m (very careful: 9 m) above the average.
            double rise = siting[j] == SitingCriteria::Careful ? 4.0 : 9.0;
            if (h_g < 5.0) rise *= std::sin(0.1 * std::numbers::pi * h_g);
            p.h_e__meter[j] = h_g + (1.0 + rise) * std::exp(-std::min(20.0, 2.0 * h_g / std::max(1e-3, delta_h__meter)));
        }
        const double smooth = std::sqrt(2.0 * p.h_e__meter[j] / gamma_e);
        p.d_hzn__meter[j] = smooth * std::exp(-0.07 * std::sqrt(delta_h__meter / std::max(p.h_e__meter[j], 5.0)));
        p.theta_hzn[j] = (0.65 * delta_h__meter * (smooth / p.d_hzn__meter[j] - 1.0) - 2.0 * p.h_e__meter[j]) / smooth;
    }
    return p;
}

}  // namespace phusong::itm::detail
