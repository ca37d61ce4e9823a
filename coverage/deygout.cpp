#include "coverage/deygout.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "coverage/fspl.hpp"
#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr double kEarthRadiusM = 6371000.0;

struct Edge {
    std::size_t index = 0;
    double nu_sqrt_lambda = -std::numeric_limits<double>::infinity();
};

/// Edge with the largest ν·√λ strictly between points a and b, whose tops are za and zb
/// (metres above the curved-earth reference). Heights already include the earth bulge.
Edge strongest_edge(std::span<const double> height, double spacing, std::size_t a, double za, std::size_t b,
                    double zb) {
    Edge best;
    if (b < a + 2) return best;
    // With x1 = i − a and x2 = b − i (in spacings), ν·√λ = h·√(2·(x1 + x2)/(spacing·x1·x2)): the
    // factor √(2·(x1 + x2)/spacing) is the same for every point, so the points rank as h/√(x1·x2),
    // and so as h·|h|/(x1·x2) (x·|x| increases). Comparing those by cross-multiplication (x1·x2 > 0)
    // keeps square roots and divisions out of this loop, the hot spot of quick scans.
    const double rise = (zb - za) / static_cast<double>(b - a);
    // Each comparison depends on the best so far; four lanes taking every fourth point make four
    // independent chains. A lane's best is its first point of highest rank, and on equal ranks
    // the merge keeps the earliest point, so the answer is the first point of highest rank.
    constexpr std::size_t kLanes = 4;
    struct Best {
        std::size_t index = 0;  // 0: none yet (points start at a + 1 ≥ 1)
        double num = 0.0, den = 0.0;  // h·|h| and x1·x2
        [[nodiscard]] bool outranked_by(double n, double d) const { return index == 0 || n * den > num * d; }
    };
    std::array<Best, kLanes> lane{};
    const std::size_t count = b - a - 1;
    const double span = static_cast<double>(b - a);
    const auto visit = [&](Best& l, std::size_t step) {
        const double x1 = static_cast<double>(step + 1);
        const double h = height[a + 1 + step] - (za + rise * x1);
        const double num = h * std::abs(h), den = x1 * (span - x1);
        if (l.outranked_by(num, den)) l = {a + 1 + step, num, den};
    };
    std::size_t step = 0;
    for (; step + kLanes <= count; step += kLanes) {  // constant lane indices keep lanes in registers
        visit(lane[0], step);
        visit(lane[1], step + 1);
        visit(lane[2], step + 2);
        visit(lane[3], step + 3);
    }
    for (; step < count; ++step) visit(lane[step % kLanes], step);
    Best top = lane[0];  // lane 0 always holds the first point
    for (std::size_t k = 1; k < kLanes; ++k) {
        const Best& l = lane[k];
        if (l.index == 0) continue;
        const double mine = l.num * top.den, theirs = top.num * l.den;
        if (mine > theirs || (mine == theirs && l.index < top.index)) top = l;
    }
    best.index = top.index;
    const double d1 = static_cast<double>(best.index - a) * spacing;
    const double d2 = static_cast<double>(b - best.index) * spacing;
    const double h = height[best.index] - (za + rise * static_cast<double>(best.index - a));
    best.nu_sqrt_lambda = h * std::sqrt(2.0 * (1.0 / d1 + 1.0 / d2));
    return best;
}

}  // namespace

Db knife_edge_loss(double nu) {
    if (nu <= -0.78) return Db{0.0};
    const double t = nu - 0.1;
    return Db{6.9 + 20.0 * std::log10(std::sqrt(t * t + 1.0) + t)};
}

DeygoutGeometry deygout_geometry(std::span<const double> elevations_m, Metres spacing, Metres tx_height,
                                 Metres rx_height, double earth_radius_factor) {
    if (elevations_m.size() < 2) throw ModelDomainError("Deygout: a profile needs at least two points");
    if (!(spacing.value() > 0.0)) throw ModelDomainError("Deygout: profile spacing must be > 0 m");
    DeygoutGeometry g;
    const std::size_t last = elevations_m.size() - 1;
    if (last < 2) return g;
    const double s = spacing.value();
    const double total = static_cast<double>(last) * s;
    const double inverse_two_ae = 1.0 / (2.0 * earth_radius_factor * kEarthRadiusM);
    // Terrain raised by the earth bulge d1·d2/(2·a_e) so straight lines are radio rays.
    thread_local std::vector<double> height;
    height.resize(elevations_m.size());
    for (std::size_t i = 0; i <= last; ++i) {
        const double d1 = static_cast<double>(i) * s;
        height[i] = elevations_m[i] + d1 * (total - d1) * inverse_two_ae;
    }
    const double z_tx = elevations_m[0] + tx_height.value();
    const double z_rx = elevations_m[last] + rx_height.value();
    const Edge main = strongest_edge(height, s, 0, z_tx, last, z_rx);
    g.nu_sqrt_lambda[0] = main.nu_sqrt_lambda;
    g.edges = 1;
    if (main.index > 1) {
        g.nu_sqrt_lambda[1] = strongest_edge(height, s, 0, z_tx, main.index, height[main.index]).nu_sqrt_lambda;
        ++g.edges;
    } else {
        g.nu_sqrt_lambda[1] = -std::numeric_limits<double>::infinity();
    }
    if (main.index + 1 < last) {
        g.nu_sqrt_lambda[2] = strongest_edge(height, s, main.index, height[main.index], last, z_rx).nu_sqrt_lambda;
        ++g.edges;
    } else {
        g.nu_sqrt_lambda[2] = -std::numeric_limits<double>::infinity();
    }
    return g;
}

Db deygout_diffraction_loss(const DeygoutGeometry& geometry, Megahertz frequency) {
    if (geometry.edges == 0) return Db{0.0};
    const double inv_sqrt_lambda = 1.0 / std::sqrt(frequency.wavelength().value());
    const Db main = knife_edge_loss(geometry.nu_sqrt_lambda[0] * inv_sqrt_lambda);
    // Sub-edges only count when the main edge blocks the line of sight (ν > 0). Adding them
    // whenever ν > −0.78 (sub-path Fresnel-zone intrusion) would switch them on and off with
    // frequency and make the loss fall as frequency rises.
    if (geometry.nu_sqrt_lambda[0] <= 0.0) return main;
    return main + knife_edge_loss(geometry.nu_sqrt_lambda[1] * inv_sqrt_lambda) +
           knife_edge_loss(geometry.nu_sqrt_lambda[2] * inv_sqrt_lambda);
}

Db deygout_loss(std::span<const double> elevations_m, Metres spacing, Metres tx_height, Metres rx_height,
                Megahertz frequency, double earth_radius_factor) {
    const DeygoutGeometry g = deygout_geometry(elevations_m, spacing, tx_height, rx_height, earth_radius_factor);
    const Metres length = spacing * static_cast<double>(elevations_m.size() - 1);
    return free_space_loss(length, frequency) + deygout_diffraction_loss(g, frequency);
}

}  // namespace phusong
