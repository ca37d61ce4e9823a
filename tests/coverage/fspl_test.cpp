#include "coverage/fspl.hpp"

#include <gtest/gtest.h>

#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr double kTolDb = 0.001;

TEST(FreeSpaceLoss, HandWorkedValues) {
    // P.525: L = 20 log10(4π d / λ). 1 km at 1000 MHz: λ = 0.299792458 m,
    // 4π·1000/0.299792458 = 41 916.9 → 20·log10(41 916.9) = 92.448 dB.
    EXPECT_NEAR(free_space_loss(Metres{1000.0}, Megahertz{1000.0}).value(), 92.448, kTolDb);
    // Short form 32.448 + 20 log10(300) + 20 log10(10) = 32.448 + 49.542 + 20 = 101.990 dB.
    EXPECT_NEAR(free_space_loss(Metres{10000.0}, Megahertz{300.0}).value(), 101.990, kTolDb);
}

TEST(FreeSpaceLoss, SixDecibelsPerDoubling) {
    const double a = free_space_loss(Metres{2000.0}, Megahertz{2100.0}).value();
    const double b = free_space_loss(Metres{4000.0}, Megahertz{2100.0}).value();
    const double c = free_space_loss(Metres{2000.0}, Megahertz{4200.0}).value();
    EXPECT_NEAR(b - a, 6.0206, kTolDb);  // 20 log10 2
    EXPECT_NEAR(c - a, 6.0206, kTolDb);
}

TEST(FreeSpaceLoss, RejectsNonPositiveInputs) {
    EXPECT_THROW(free_space_loss(Metres{0.0}, Megahertz{900.0}), ModelDomainError);
    EXPECT_THROW(free_space_loss(Metres{10.0}, Megahertz{-1.0}), ModelDomainError);
}

}  // namespace
}  // namespace phusong
