#include "coverage/itm/itm_radial.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace phusong::itm::detail {
namespace {

/// Sums over the radial's elevations for O(1) window statistics: sum[i] = Σ_{j<i} z_j and
/// moment[i] = Σ_{j<i} j·z_j.
struct PrefixSums {
    std::vector<double> sum, moment;

    void build(std::span<const double> z) {
        sum.assign(z.size() + 1, 0.0);
        moment.assign(z.size() + 1, 0.0);
        for (std::size_t j = 0; j < z.size(); ++j) {
            sum[j + 1] = sum[j] + z[j];
            moment[j + 1] = moment[j] + static_cast<double>(j) * z[j];
        }
    }

    /// p2p's system elevation over the profile z_0 … z_n: the mean of z over indices
    /// [⌊3 + 0.1 n⌋ − 3, n − ⌊3 + 0.1 n⌋ + 3].
    [[nodiscard]] double system_elevation(std::size_t n) const {
        const auto first = static_cast<std::size_t>(3.0 + 0.1 * static_cast<double>(n)) - 3;
        const std::size_t last = n - first;
        return (sum[last + 1] - sum[first]) / static_cast<double>(last - first + 1);
    }

    /// fit_line over the profile z_0 … z_n (spacing s) for the window [x1, x2] metres, from
    /// the sums: the same window rules, end weights ½ and line.
    [[nodiscard]] std::array<double, 2> fit_line(std::span<const double> z, std::size_t n, double s, double x1,
                                                 double x2) const {
        const double nd = static_cast<double>(n);
        const auto dim = [](double a, double b) { return a > b ? a - b : 0.0; };
        double first = std::trunc(dim(x1 / s, 0.0));
        double last = nd - std::trunc(dim(nd, x2 / s));
        if (last <= first) {
            first = dim(first, 1.0);
            last = nd - dim(nd, last + 1.0);
        }
        const auto a = static_cast<std::size_t>(first), b = static_cast<std::size_t>(last);
        const double width = last - first;
        const double centre = first + 0.5 * width;
        const double window_sum = sum[b + 1] - sum[a];
        const double total = window_sum - 0.5 * (z[a] + z[b]);
        const double moment_about_centre = (moment[b + 1] - moment[a]) - centre * window_sum -
                                           0.5 * z[a] * (first - centre) - 0.5 * z[b] * (last - centre);
        const double mean = total / width;
        const double slope = moment_about_centre * 12.0 / ((width * width + 2.0) * width);
        return {mean - slope * centre, mean + slope * (nd - centre)};
    }
};

/// Upper convex hull of the curvature-corrected heights w_i = z_i − γ(i·s)²/2, samples added
/// in increasing i; the receiver's horizon is its tangent point seen from the receiver.
class UpperHull {
public:
    void clear() { vertices_.clear(); }

    void add(std::size_t i, double w) {
        const auto x = static_cast<double>(i);
        while (vertices_.size() >= 2) {
            const Vertex& a = vertices_[vertices_.size() - 2];
            const Vertex& b = vertices_.back();
            // Drop b when it is not strictly above the chord from a to the new point.
            if ((b.x - a.x) * (w - a.w) - (b.w - a.w) * (x - a.x) >= 0.0) vertices_.pop_back();
            else break;
        }
        vertices_.push_back({x, w, i});
    }

    /// The vertex seen at the greatest elevation angle from (x_q, w_q), x_q right of every
    /// vertex; on equal angles the farthest (leftmost). Unimodal along the hull: binary search.
    [[nodiscard]] std::size_t tangent_from_right(double x_q, double w_q) const {
        std::size_t lo = 0, hi = vertices_.size() - 1;
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            const Vertex& a = vertices_[mid];
            const Vertex& b = vertices_[mid + 1];
            // b is seen higher than a iff (w_b − w_q)/(x_q − x_b) > (w_a − w_q)/(x_q − x_a).
            if ((b.w - w_q) * (x_q - a.x) > (a.w - w_q) * (x_q - b.x)) lo = mid + 1;
            else hi = mid;
        }
        return vertices_[lo].index;
    }

    [[nodiscard]] bool empty() const { return vertices_.empty(); }

private:
    struct Vertex {
        double x, w;
        std::size_t index;
    };
    std::vector<Vertex> vertices_;
};

/// The knots at which Δh is computed exactly, ascending, for a radial of K samples: every
/// sample up to exact_delta_h_samples, then growing steps, and always K.
void delta_h_knots(std::size_t K, const RadialSettings& s, std::vector<std::size_t>& knots) {
    knots.clear();
    std::size_t n = 1;
    while (n < K) {
        knots.push_back(n);
        const std::size_t step = n < s.exact_delta_h_samples
                                     ? 1
                                     : std::max<std::size_t>(1, static_cast<std::size_t>(static_cast<double>(n) * s.knot_spacing_fraction));
        n += step;
    }
    if (K >= 1) knots.push_back(K);
}

/// What the horizon scan gives for one receiver before Δh is known.
struct Horizons {
    std::array<double, 2> theta{}, d__meter{};
};

}  // namespace

bool is_delta_h_knot(std::size_t n, const RadialSettings& settings) {
    // The knots of a radial longer than n: its own last sample, always a knot, is not n.
    std::vector<std::size_t> knots;
    delta_h_knots(n + 1, settings, knots);
    return std::find(knots.begin(), knots.end() - 1, n) != knots.end() - 1;
}

void analyse_radial(std::span<const double> z, const RadialSettings& s, std::span<const std::uint8_t> wanted,
                    std::span<RadialPath> out) {
    const std::size_t K = z.size() - 1;
    if (K < 1) return;
    thread_local PrefixSums sums;
    thread_local UpperHull hull;
    thread_local std::vector<std::size_t> knots;
    thread_local std::vector<double> knot_delta_h, pfl;
    thread_local std::vector<std::uint8_t> needed_knot;
    sums.build(z);
    hull.clear();
    delta_h_knots(K, s, knots);
    // Δh is computed only at the knots around a wanted sample.
    needed_knot.assign(K + 1, 0);
    knot_delta_h.assign(K + 1, 0.0);
    for (std::size_t n = 1, k = 0; n <= K; ++n) {
        while (knots[k] < n) ++k;  // knots[k] is the first knot ≥ n; K is always a knot
        if (!wanted[n]) continue;
        needed_knot[knots[k]] = 1;
        if (knots[k] != n && k > 0) needed_knot[knots[k - 1]] = 1;
    }
    // Whole profile with a PFL header rewritten per knot, so dlthx reads the prefix in place.
    pfl.resize(K + 3);
    std::copy(z.begin(), z.end(), pfl.begin() + 2);
    pfl[1] = s.spacing__meter;

    const double sp = s.spacing__meter;
    const double z_tx = z[0] + s.h_tx__meter;
    const double gamma_ref = effective_curvature(surface_refractivity(s.N_0, sums.system_elevation(K)));
    const double half_gamma_ref = 0.5 * gamma_ref;
    std::size_t tx_best = 0;  // steepest sample from the transmitter under gamma_ref; 0 = none yet
    double tx_best_angle = 0.0;

    for (std::size_t n = 1; n <= K; ++n) {
        const bool knot = needed_knot[n] != 0;
        if (wanted[n] || knot) {
            const double N_s = surface_refractivity(s.N_0, sums.system_elevation(n));
            const double gamma = effective_curvature(N_s);
            const double half_gamma = 0.5 * gamma;
            const double d = static_cast<double>(n) * sp;
            const double z_rx = z[n] + s.h_rx__meter;
            const double slope = (z_rx - z_tx) / d;
            Horizons h{{slope - half_gamma * d, -slope - half_gamma * d}, {d, d}};
            if (n >= 2) {
                const double x_b = static_cast<double>(tx_best) * sp;
                const double tx_angle = (z[tx_best] - z_tx) / x_b - half_gamma * x_b;
                if (tx_angle > h.theta[0]) {
                    h.theta[0] = tx_angle;
                    h.d__meter[0] = x_b;
                    const double w_q = z_rx - half_gamma_ref * d * d;
                    const std::size_t r = hull.tangent_from_right(static_cast<double>(n), w_q);
                    const double x_r = static_cast<double>(n - r) * sp;
                    const double rx_angle = (z[r] - z_rx) / x_r - half_gamma * x_r;
                    if (rx_angle > h.theta[1]) {
                        h.theta[1] = rx_angle;
                        h.d__meter[1] = x_r;
                    }
                }
            }
            PathGeometry p;
            p.d__meter = d;
            p.h_g__meter = {s.h_tx__meter, s.h_rx__meter};
            p.theta_hzn = h.theta;
            p.d_hzn__meter = h.d__meter;
            if (knot) {
                const std::array<double, 2> x = foreground_window(p);
                pfl[0] = static_cast<double>(n);
                knot_delta_h[n] = terrain_irregularity(std::span<const double>(pfl.data(), n + 3), x[0], x[1]);
            }
            if (wanted[n]) out[n] = {p, N_s, gamma};
        }
        // Sample n becomes a horizon candidate for the receivers beyond it.
        const double x_n = static_cast<double>(n) * sp;
        const double angle = (z[n] - z_tx) / x_n - half_gamma_ref * x_n;
        if (tx_best == 0 || angle > tx_best_angle) {
            tx_best = n;
            tx_best_angle = angle;
        }
        hull.add(n, z[n] - half_gamma_ref * x_n * x_n);
    }

    // Δh for each wanted sample from the knots around it, then the rest of the geometry.
    std::size_t below = 0, above_index = 0;
    for (std::size_t n = 1; n <= K; ++n) {
        if (!wanted[n]) continue;
        while (above_index < knots.size() && knots[above_index] < n) below = knots[above_index++];
        const std::size_t above = knots[above_index];
        RadialPath& r = out[n];
        PathGeometry& p = r.geometry;
        if (above == n || below == 0) {
            p.delta_h__meter = knot_delta_h[above];
        } else {
            const double t = static_cast<double>(n - below) / static_cast<double>(above - below);
            p.delta_h__meter = knot_delta_h[below] + (knot_delta_h[above] - knot_delta_h[below]) * t;
        }
        complete_geometry(p, foreground_window(p), {z[0], z[n]}, r.gamma_e__per_meter,
                          [&](double x1, double x2) { return sums.fit_line(z, n, sp, x1, x2); });
    }
}

}  // namespace phusong::itm::detail
