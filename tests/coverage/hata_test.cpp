#include "coverage/hata.hpp"

#include <gtest/gtest.h>

#include "coverage/model_warnings.hpp"

namespace phusong {
namespace {

constexpr double kTolDb = 0.001;

// Hand calculation, f = 900 MHz, h_b = 30 m, h_m = 1.5 m (COST 231 final report §4.4.1):
//   log f = 2.954243, log h_b = 1.477121
//   a(h_m) = (1.1·2.954243 − 0.7)·1.5 − (1.56·2.954243 − 0.8) = 3.824501 − 3.808619 = 0.015882
//   L_u(1 km)  = 69.55 + 26.16·2.954243 − 13.82·1.477121 − 0.015882 = 126.403 dB
//   L_u(10 km) = 126.403 + (44.9 − 6.55·1.477121)·1 = 126.403 + 35.225 = 161.628 dB
//   suburban: 161.628 − 2·(log(900/28))² − 5.4 = 161.628 − 4.543 − 5.4 = 151.686 dB
//   open:     161.628 − 4.78·2.954243² + 18.33·2.954243 − 40.94 = 161.628 − 28.506 = 133.122 dB
TEST(OkumuraHata, UrbanSuburbanOpenAt900MHz) {
    const Metres hb{30.0}, hm{1.5};
    EXPECT_NEAR(okumura_hata_loss(Metres{1000}, Megahertz{900}, hb, hm, HataEnvironment::Urban).loss.value(), 126.403, kTolDb);
    const HataResult urban = okumura_hata_loss(Metres{10000}, Megahertz{900}, hb, hm, HataEnvironment::Urban);
    EXPECT_NEAR(urban.loss.value(), 161.628, kTolDb);
    EXPECT_EQ(urban.warnings, 0u);
    EXPECT_NEAR(okumura_hata_loss(Metres{10000}, Megahertz{900}, hb, hm, HataEnvironment::Suburban).loss.value(), 151.686, kTolDb);
    EXPECT_NEAR(okumura_hata_loss(Metres{10000}, Megahertz{900}, hb, hm, HataEnvironment::Open).loss.value(), 133.122, kTolDb);
}

// COST-231 Hata, f = 1800 MHz, h_b = 30 m, h_m = 1.5 m, d = 1 km:
//   log f = 3.255273; a(h_m) = (1.1·3.255273 − 0.7)·1.5 − (1.56·3.255273 − 0.8) = 0.042975
//   medium city: 46.3 + 33.9·3.255273 − 13.82·1.477121 − 0.042975 + 0 = 136.197 dB
//   metropolitan: a(h_m) = 3.2·(log 17.625)² − 4.97 = −0.000919, C_m = 3 dB → 139.241 dB
TEST(Cost231Hata, MediumCityAndMetropolitanAt1800MHz) {
    const Metres hb{30.0}, hm{1.5};
    EXPECT_NEAR(cost231_hata_loss(Metres{1000}, Megahertz{1800}, hb, hm, HataEnvironment::Urban).loss.value(), 136.197, kTolDb);
    EXPECT_NEAR(cost231_hata_loss(Metres{1000}, Megahertz{1800}, hb, hm, HataEnvironment::LargeCity).loss.value(), 139.241, kTolDb);
}

TEST(Hata, OutOfRangeIsFlaggedNotRefused) {
    const HataResult r = okumura_hata_loss(Metres{50000}, Megahertz{2100}, Metres{10}, Metres{1.5}, HataEnvironment::Urban);
    EXPECT_EQ(r.warnings, kWarnFrequencyOutOfRange | kWarnDistanceOutOfRange | kWarnTxHeightOutOfRange);
    EXPECT_GT(r.loss.value(), 0.0);
    EXPECT_EQ(cost231_hata_loss(Metres{5000}, Megahertz{900}, Metres{30}, Metres{1.5}, HataEnvironment::Urban).warnings,
              kWarnFrequencyOutOfRange);
}

TEST(Hata, LossGrowsWithDistanceAndFrequency) {
    double previous = 0.0;
    for (double km = 1.0; km <= 20.0; km += 1.0) {
        const double l = okumura_hata_loss(Metres::from_kilometres(km), Megahertz{900}, Metres{30}, Metres{1.5}, HataEnvironment::Open).loss.value();
        EXPECT_GT(l, previous);
        previous = l;
    }
    EXPECT_LT(okumura_hata_loss(Metres{5000}, Megahertz{800}, Metres{30}, Metres{1.5}, HataEnvironment::Urban).loss,
              okumura_hata_loss(Metres{5000}, Megahertz{1200}, Metres{30}, Metres{1.5}, HataEnvironment::Urban).loss);
}

TEST(Hata, NeverBelowFreeSpaceFarOutsideItsRange) {
    // Half a metre from the mast the urban formula gives about −14 dB. Free space, P.525:
    // 20 log10(4π d f / c) = 20 log10(4π × 0.5 × 9e8 / 299792458) = 20 log10(18.864) = 25.51 dB.
    const HataResult near = okumura_hata_loss(Metres{0.5}, Megahertz{900}, Metres{30}, Metres{1.5}, HataEnvironment::Urban);
    EXPECT_NEAR(near.loss.value(), 25.51, 0.01);
    EXPECT_TRUE(near.warnings & kWarnBelowFreeSpace);
    // In its range the formula stands: 5 km, 900 MHz, 30 m / 1.5 m urban is 146.5 dB, far above free space.
    EXPECT_FALSE(okumura_hata_loss(Metres{5000}, Megahertz{900}, Metres{30}, Metres{1.5}, HataEnvironment::Urban).warnings &
                 kWarnBelowFreeSpace);
}

}  // namespace
}  // namespace phusong
