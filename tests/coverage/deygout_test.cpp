#include "coverage/deygout.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "coverage/fspl.hpp"
#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr double kTolDb = 0.001;
constexpr double kFlatEarth = 1e9;  // effective-radius factor making the earth flat

TEST(KnifeEdge, P526Values) {
    // J(ν) = 6.9 + 20 log10(√((ν − 0.1)² + 1) + ν − 0.1):
    //   ν = 0: 6.9 + 20 log10(1.004988 − 0.1) = 6.9 − 0.867 = 6.033 dB (grazing ≈ 6 dB)
    //   ν = 1: 6.9 + 20 log10(1.345362 + 0.9) = 13.926 dB
    EXPECT_NEAR(knife_edge_loss(0.0).value(), 6.033, kTolDb);
    EXPECT_NEAR(knife_edge_loss(1.0).value(), 13.926, kTolDb);
    EXPECT_EQ(knife_edge_loss(-0.78).value(), 0.0);
    EXPECT_EQ(knife_edge_loss(-3.0).value(), 0.0);
}

TEST(Deygout, GrazingSingleEdgeAddsSixDecibels) {
    // Terminals on 0 m ground with 10 m antennas, a deep valley (−200 m) between them and one
    // 10 m spike mid-path: the spike touches the ray, ν = 0, and the sub-paths are far clear,
    // so loss = FSPL(10 km, 300 MHz) + J(0) = 101.990 + 6.033 = 108.023 dB.
    std::vector<double> z(11, -200.0);
    z[0] = z[10] = 0.0;
    z[5] = 10.0;
    const Db loss = deygout_loss(z, Metres{1000}, Metres{10}, Metres{10}, Megahertz{300}, kFlatEarth);
    EXPECT_NEAR(loss.value(), 108.023, kTolDb);
}

TEST(Deygout, ClearPathIsFreeSpace) {
    const std::vector<double> z(21, 0.0);
    const Db loss = deygout_loss(z, Metres{500}, Metres{30}, Metres{30}, Megahertz{900}, kFlatEarth);
    EXPECT_NEAR(loss.value(), free_space_loss(Metres{10000}, Megahertz{900}).value(), kTolDb);
}

TEST(Deygout, EarthBulgeMakesGrazingPath) {
    // k = 4/3: the mid-path bulge over 20 km is d²/(8·k·6371 km) = 4e8 / (8 · 8 494 667)
    //   = 5.886 m. With a 0 m point mid-path (else a −500 m valley) and 5.886 m antennas on
    //   0 m ground, the bulged point grazes the ray: ν = 0 → +6.033 dB over free space.
    std::vector<double> z(21, -500.0);
    z[0] = z[10] = z[20] = 0.0;
    const double bulge = 20000.0 * 20000.0 / (8.0 * (4.0 / 3.0) * 6371000.0);
    const Db loss = deygout_loss(z, Metres{1000}, Metres{bulge}, Metres{bulge}, Megahertz{900});
    EXPECT_NEAR(loss.value() - free_space_loss(Metres{20000}, Megahertz{900}).value(), 6.033, kTolDb);
}

TEST(Deygout, TwoEdgesAddMoreThanOne) {
    std::vector<double> one(21, 0.0), two(21, 0.0);
    one[10] = 60.0;
    two[10] = 60.0;
    two[5] = 55.0;
    const Db a = deygout_loss(one, Metres{500}, Metres{10}, Metres{10}, Megahertz{900}, kFlatEarth);
    const Db b = deygout_loss(two, Metres{500}, Metres{10}, Metres{10}, Megahertz{900}, kFlatEarth);
    EXPECT_GT(b.value(), a.value() + 1.0);
}

TEST(Deygout, MainEdgeIsTheLargestNuNotTheHighestObstacle) {
    // Flat earth, 10 km in 1 km steps, 10 m antennas on 0 m ground (the ray at 10 m), 300 MHz
    // (λ = 0.999308 m). Obstacles: 40 m at 1 km (h = 30 m) and 55 m at 5 km (h = 45 m).
    //   ν·√λ = h·√(2·(1/d1 + 1/d2)): at 1 km 30·√(2·(1/1000 + 1/9000)) = 1.414214,
    //   at 5 km 45·√(2·(2/5000)) = 1.272792, so the main edge is the lower obstacle, ν = 1.414703.
    //   No point lies between the transmitter and it. Receiver side: the ray from its top
    //   (40 m at 1 km) to the receiver (10 m at 10 km) passes 5 km at 40 − 30·4/9 = 26.667 m,
    //   h = 28.333 m, ν·√λ = 28.333·√(2·(1/4000 + 1/5000)) = 0.85, ν = 0.850294.
    //   J(1.414703) = 16.3449 dB, J(0.850294) = 12.9226 dB: diffraction 29.2675 dB.
    std::vector<double> z(11, 0.0);
    z[1] = 40.0;
    z[5] = 55.0;
    const DeygoutGeometry g = deygout_geometry(z, Metres{1000}, Metres{10}, Metres{10}, kFlatEarth);
    EXPECT_NEAR(g.nu_sqrt_lambda[0], 1.414214, 1e-6);
    EXPECT_NEAR(g.nu_sqrt_lambda[2], 0.85, 1e-6);
    EXPECT_NEAR(deygout_diffraction_loss(g, Megahertz{300}).value(), 29.2675, kTolDb);
}

TEST(Deygout, OfTwoEqualEdgesTheOneNearerTheTransmitterIsMain) {
    // Flat earth, 10 km in 1 km steps, 10 m antennas on 0 m ground, 40 m obstacles at 2 and
    // 8 km (h = 30 m, the same ν·√λ = 30·√(2·(1/2000 + 1/8000)) = 1.060660 for both). The first
    // is main, so the transmitter side holds only the 0 m point at 1 km, 25 m below the ray
    // from 10 m to 40 m: ν·√λ = −25·√(2·(2/1000)) = −1.581139. The receiver side holds the
    // other obstacle, 22.5 m above the ray from 40 m at 2 km to 10 m at 10 km:
    // 22.5·√(2·(1/6000 + 1/2000)) = 0.821584.
    std::vector<double> z(11, 0.0);
    z[2] = z[8] = 40.0;
    const DeygoutGeometry g = deygout_geometry(z, Metres{1000}, Metres{10}, Metres{10}, kFlatEarth);
    EXPECT_NEAR(g.nu_sqrt_lambda[0], 1.060660, 1e-6);
    EXPECT_NEAR(g.nu_sqrt_lambda[1], -1.581139, 1e-6);
    EXPECT_NEAR(g.nu_sqrt_lambda[2], 0.821584, 1e-6);
}

TEST(Deygout, EdgesDoNotDependOnFrequencyButLossGrowsWithIt) {
    std::vector<double> z(21, 0.0);
    z[7] = 40.0;
    const DeygoutGeometry g = deygout_geometry(z, Metres{500}, Metres{20}, Metres{2});
    EXPECT_LT(deygout_diffraction_loss(g, Megahertz{900}), deygout_diffraction_loss(g, Megahertz{2100}));
    EXPECT_THROW(deygout_geometry(std::vector<double>{1.0}, Metres{500}, Metres{20}, Metres{2}), ModelDomainError);
}

}  // namespace
}  // namespace phusong
