#include "coverage/link_budget.hpp"

#include <gtest/gtest.h>

#include "geo/errors.hpp"

namespace phusong {
namespace {

TEST(LinkBudget, DefaultsAndMargin) {
    LinkBudget b;
    // One LTE resource element of 1 200 subcarriers (20 MHz): −10·log10(1200) = −30.792 dB.
    EXPECT_NEAR(b[Technology::G4].reference_share.value(), -30.792, 0.001);
    EXPECT_EQ(b[Technology::G3].reference_share.value(), -10.0);
    EXPECT_EQ(b.covered_level(Technology::G3).value(), -100.0);
    b.set_margin(Db{3.0});
    EXPECT_EQ(b.covered_level(Technology::G4).value(), -107.0);
    b.apply("4g.threshold_dbm=-105");
    EXPECT_EQ(b.covered_level(Technology::G4).value(), -102.0);
}

TEST(LinkBudget, BadSettings) {
    LinkBudget b;
    EXPECT_THROW(b.apply("4g.threshold_dbm=loud"), InputError);
    EXPECT_THROW(b.apply("4g.threshold_dbm=20"), InputError);
    EXPECT_THROW(b.apply("9g.threshold_dbm=-100"), InputError);
    EXPECT_THROW(b.apply("threshold"), InputError);
}

}  // namespace
}  // namespace phusong
