// The radial form of ITM's terrain analysis against the per-profile analysis (analyse_profile,
// itself checked against NTIA's reference vectors in itm_reference_test): for every receiver
// along seeded rough radials, the geometry and the loss must be those of p2p_tls over the
// profile prefix ending at that receiver.
#include "coverage/itm/itm_radial.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "coverage/itm/itm.hpp"

namespace phusong {
namespace {

using namespace itm;
using namespace itm::detail;

constexpr double kSpacingM = 90.0;

/// Mountain terrain along a radial: long ridges, a random walk and sample-scale noise
/// (metres), seeded.
std::vector<double> rough_radial(std::size_t samples, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> step(0.0, 12.0), noise(0.0, 4.0);
    std::vector<double> z;
    double walk = 0.0;
    for (std::size_t i = 0; i <= samples; ++i) {
        walk += step(rng);
        const double x = static_cast<double>(i);
        z.push_back(900.0 + 350.0 * std::sin(x / 37.0 + seed) + 120.0 * std::sin(x / 7.3) + walk + noise(rng));
    }
    return z;
}

RadialSettings settings_for(const std::vector<double>& z, bool every_sample_exact) {
    RadialSettings s;
    s.spacing__meter = kSpacingM;
    s.h_tx__meter = 30.0;
    s.h_rx__meter = 1.5;
    s.N_0 = 301.0;
    if (every_sample_exact) s.exact_delta_h_samples = z.size();
    return s;
}

std::vector<double> prefix_pfl(const std::vector<double>& z, std::size_t n) {
    std::vector<double> pfl{static_cast<double>(n), kSpacingM};
    pfl.insert(pfl.end(), z.begin(), z.begin() + static_cast<std::ptrdiff_t>(n) + 1);
    return pfl;
}

TEST(ItmRadial, EveryReceiverGetsThePrefixProfilesGeometry) {
    std::size_t receivers = 0, other_horizon = 0;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        const std::vector<double> z = rough_radial(400, seed);
        const RadialSettings s = settings_for(z, true);
        std::vector<std::uint8_t> wanted(z.size(), 1);
        wanted[0] = 0;
        std::vector<RadialPath> out(z.size());
        analyse_radial(z, s, wanted, out);
        for (std::size_t n = 1; n < z.size(); ++n, ++receivers) {
            const std::vector<double> pfl = prefix_pfl(z, n);
            const Medium m = make_medium(1845.0, s.N_0, [&] {
                // p2p's system elevation, summed directly.
                const auto first = static_cast<std::size_t>(3.0 + 0.1 * static_cast<double>(n)) - 3;
                double sum = 0.0;
                for (std::size_t i = first; i <= n - first; ++i) sum += z[i];
                return sum / static_cast<double>(n - 2 * first + 1);
            }(), Polarization::Vertical, 15.0, 0.005);
            const PathGeometry want = analyse_profile(pfl, s.h_tx__meter, s.h_rx__meter, m.gamma_e__per_meter);
            const PathGeometry& got = out[n].geometry;
            ASSERT_NEAR(out[n].N_s, m.N_s, 1e-9) << "seed " << seed << " n " << n;
            ASSERT_NEAR(out[n].gamma_e__per_meter, m.gamma_e__per_meter, 1e-18);
            ASSERT_NEAR(got.d__meter, want.d__meter, 1e-9);
            if (std::abs(got.d_hzn__meter[0] - want.d_hzn__meter[0]) > 1e-6 ||
                std::abs(got.d_hzn__meter[1] - want.d_hzn__meter[1]) > 1e-6) {
                // Horizon candidates are ranked under one curvature per radial; the receiver's
                // own curvature differs by a few per cent at most, which can only swap candidates
                // whose angles differ by less than |Δγ|·|Δx|/2 (< 1e-5 rad over these 36 km).
                // The other horizon moves the Δh window too, so Δh is not compared then.
                ++other_horizon;
                for (int j = 0; j < 2; ++j) EXPECT_NEAR(got.theta_hzn[j], want.theta_hzn[j], 1e-5);
                continue;
            }
            ASSERT_NEAR(got.delta_h__meter, want.delta_h__meter, 1e-6) << "seed " << seed << " n " << n;
            for (int j = 0; j < 2; ++j) {
                ASSERT_NEAR(got.theta_hzn[j], want.theta_hzn[j], 1e-9) << "seed " << seed << " n " << n;
                ASSERT_NEAR(got.d_hzn__meter[j], want.d_hzn__meter[j], 1e-6) << "seed " << seed << " n " << n;
                ASSERT_NEAR(got.h_e__meter[j], want.h_e__meter[j], 1e-6) << "seed " << seed << " n " << n;
            }
        }
    }
    EXPECT_LT(other_horizon, receivers / 200) << other_horizon << " of " << receivers;
}

TEST(ItmRadial, LossesEqualP2pOverEachPrefix) {
    const std::vector<double> z = rough_radial(300, 11);
    const RadialSettings s = settings_for(z, true);
    std::vector<std::uint8_t> wanted(z.size(), 0);
    for (std::size_t n = 1; n < z.size(); n += 7) wanted[n] = 1;
    std::vector<RadialPath> out(z.size());
    analyse_radial(z, s, wanted, out);
    Environment env;
    env.f__mhz = 2100.0;
    const TimeLocationSituation median{50, 50, 50};
    for (std::size_t n = 1; n < z.size(); n += 7) {
        const Result want = p2p_tls(s.h_tx__meter, s.h_rx__meter, prefix_pfl(z, n), env, median);
        Medium m = make_medium(env.f__mhz, env.N_0, 0.0, env.pol, env.epsilon, env.sigma);
        m.N_s = out[n].N_s;
        m.gamma_e__per_meter = out[n].gamma_e__per_meter;
        const Result got = finish(out[n].geometry, m, env, deviates(median), true, 0);
        ASSERT_TRUE(want.ok() && got.ok());
        EXPECT_NEAR(got.A__db, want.A__db, 1e-6) << "n " << n;
    }
}

TEST(ItmRadial, SparseWantedSamplesGetTheSameGeometryAsAllSamples) {
    // The engine asks for a few samples per radial: the Δh knots around each must still be
    // computed, so every wanted sample gets what it gets when every sample is wanted.
    const std::vector<double> z = rough_radial(700, 9);
    const RadialSettings s = settings_for(z, false);
    std::vector<std::uint8_t> all(z.size(), 1), few(z.size(), 0);
    all[0] = 0;
    for (const std::size_t n : {3u, 40u, 41u, 97u, 250u, 251u, 252u, 463u, 699u}) few[n] = 1;
    std::vector<RadialPath> from_all(z.size()), from_few(z.size());
    analyse_radial(z, s, all, from_all);
    analyse_radial(z, s, few, from_few);
    for (std::size_t n = 1; n < z.size(); ++n) {
        if (!few[n]) continue;
        EXPECT_EQ(from_few[n].geometry.delta_h__meter, from_all[n].geometry.delta_h__meter) << "n " << n;
        EXPECT_EQ(from_few[n].geometry.h_e__meter, from_all[n].geometry.h_e__meter) << "n " << n;
        EXPECT_GT(from_few[n].geometry.delta_h__meter, 0.0) << "n " << n;
    }
}

TEST(ItmRadial, DeltaHIsExactAtKnotsAndCloseBetween) {
    const std::vector<double> z = rough_radial(600, 5);
    const RadialSettings s = settings_for(z, false);
    std::vector<std::uint8_t> wanted(z.size(), 1);
    wanted[0] = 0;
    std::vector<RadialPath> interpolated(z.size()), exact(z.size());
    analyse_radial(z, s, wanted, interpolated);
    analyse_radial(z, settings_for(z, true), wanted, exact);
    std::size_t knots = 0;
    double worst_relative = 0.0;
    for (std::size_t n = 1; n < z.size(); ++n) {
        const double a = interpolated[n].geometry.delta_h__meter, b = exact[n].geometry.delta_h__meter;
        if (is_delta_h_knot(n, s)) {
            ++knots;
            EXPECT_EQ(a, b) << "knot " << n;
        }
        worst_relative = std::max(worst_relative, std::abs(a - b) / b);
    }
    EXPECT_LT(knots, z.size() / 3);  // the point of knots: most samples skip dlthx
    EXPECT_LT(worst_relative, 0.1);
}

}  // namespace
}  // namespace phusong
