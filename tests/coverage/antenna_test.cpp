#include "coverage/antenna.hpp"

#include <gtest/gtest.h>

namespace phusong {
namespace {

constexpr double kTolDb = 1e-9;

TEST(AntennaPattern, OmniIsFlat) {
    const AntennaPattern omni;
    EXPECT_EQ(omni.relative_gain(Degrees{123}, Degrees{10}).value(), 0.0);
}

TEST(AntennaPattern, ThreeGppSectorPoints) {
    AntennaPattern s;
    s.azimuth = Degrees{120.0};
    s.horizontal_beamwidth = Degrees{65.0};
    s.downtilt = Degrees{4.0};
    // Boresight, at the tilt angle: 0 dB.
    EXPECT_NEAR(s.relative_gain(Degrees{120.0}, Degrees{4.0}).value(), 0.0, kTolDb);
    // Half the beamwidth off azimuth: −12·(32.5/65)² = −3 dB.
    EXPECT_NEAR(s.relative_gain(Degrees{152.5}, Degrees{4.0}).value(), -3.0, kTolDb);
    EXPECT_NEAR(s.relative_gain(Degrees{87.5}, Degrees{4.0}).value(), -3.0, kTolDb);
    // Behind: −min(12·(180/65)², 25) = −25 dB (front-to-back).
    EXPECT_NEAR(s.relative_gain(Degrees{300.0}, Degrees{4.0}).value(), -25.0, kTolDb);
    // 5° below the tilt: −12·(5/10)² = −3 dB.
    EXPECT_NEAR(s.relative_gain(Degrees{120.0}, Degrees{9.0}).value(), -3.0, kTolDb);
    // Vertical side lobe floor −20 dB, combined pattern floor −25 dB.
    EXPECT_NEAR(s.relative_gain(Degrees{120.0}, Degrees{60.0}).value(), -20.0, kTolDb);
    EXPECT_NEAR(s.relative_gain(Degrees{300.0}, Degrees{60.0}).value(), -25.0, kTolDb);
}

TEST(AntennaPattern, WrapsAcrossNorth) {
    AntennaPattern s;
    s.azimuth = Degrees{350.0};
    EXPECT_NEAR(s.relative_gain(Degrees{22.5}, Degrees{0.0}).value(), -3.0, kTolDb);  // 32.5° off
}

}  // namespace
}  // namespace phusong
