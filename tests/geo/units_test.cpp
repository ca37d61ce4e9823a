#include "geo/units.hpp"

#include <gtest/gtest.h>

#include <array>

namespace phusong {
namespace {

constexpr double kTolDb = 1e-9;

// Adding two absolute power levels has no meaning in dB; it must not compile.
template <class A, class B>
concept Addable = requires(A a, B b) { a + b; };
static_assert(!Addable<Dbm, Dbm>);
static_assert(Addable<Dbm, Db>);
static_assert(!Addable<Metres, Db>);
static_assert(!Addable<Megahertz, Megahertz>);

TEST(Units, DbmMinusDbmIsDb) {
    const Db d = Dbm{-60.0} - Dbm{-100.0};
    EXPECT_NEAR(d.value(), 40.0, kTolDb);
}

TEST(Units, DbmPlusGainMinusLoss) {
    EXPECT_NEAR((Dbm{43.0} + Db{17.0} - Db{2.0}).value(), 58.0, kTolDb);
}

TEST(Units, TwoEqualPowersSumToThreeDecibelsMore) {
    // 1 mW + 1 mW = 2 mW = 10·log10(2) dBm = 3.0103 dBm.
    const std::array<Dbm, 2> p{Dbm{0.0}, Dbm{0.0}};
    EXPECT_NEAR(sum_powers(p).value(), 3.010299957, 1e-9);
}

TEST(Units, MilliwattConversion) {
    EXPECT_NEAR(Dbm{30.0}.milliwatts(), 1000.0, 1e-9);  // 30 dBm = 1 W
    EXPECT_NEAR(Dbm::from_milliwatts(0.001).value(), -30.0, 1e-9);
}

TEST(Units, WavelengthOfOneGigahertzIsAboutThirtyCentimetres) {
    EXPECT_NEAR(Megahertz{1000.0}.wavelength().value(), 0.299792458, 1e-12);
}

TEST(Units, AngleDifferenceFoldsAcrossNorth) {
    EXPECT_NEAR(angle_difference(Degrees{10.0}, Degrees{350.0}).value(), 20.0, 1e-12);
    EXPECT_NEAR(angle_difference(Degrees{350.0}, Degrees{10.0}).value(), -20.0, 1e-12);
    EXPECT_NEAR(angle_difference(Degrees{180.0}, Degrees{0.0}).value(), 180.0, 1e-12);
    EXPECT_NEAR(Degrees{180.0}.radians(), 3.14159265358979, 1e-12);
}

TEST(Units, MetresArithmetic) {
    EXPECT_NEAR((Metres{1500.0} + Metres::from_kilometres(2.0)).kilometres(), 3.5, 1e-12);
    EXPECT_NEAR(Metres{10.0} / Metres{4.0}, 2.5, 1e-12);
}

}  // namespace
}  // namespace phusong
