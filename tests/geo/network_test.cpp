#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "geo/network.hpp"
#include "geo/text_format.hpp"

namespace phusong {
namespace {

TEST(TechSetting, SplitsTrimsAndLowerCasesTheField) {
    const TechSetting s = parse_tech_setting(" 4G . Threshold_dBm = -105 ", "--link-budget", "4g.threshold_dbm=-110");
    EXPECT_EQ(s.technology, Technology::G4);
    EXPECT_EQ(s.field, "threshold_dbm");
    EXPECT_EQ(s.value, "-105");
}

TEST(TechSetting, MalformedSettingNamesTheOption) {
    try {
        parse_tech_setting("4g-threshold=-105", "--link-budget", "4g.threshold_dbm=-110");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "--link-budget: '4g-threshold=-105': expected TECH.FIELD=VALUE, e.g. 4g.threshold_dbm=-110");
    }
    EXPECT_THROW(parse_tech_setting("6g.freq_mhz=1", "--tech-default", "3g.freq_mhz=2100"), InputError);
}

TEST(FormatQuantity, AsPeopleWriteNumbers) {
    EXPECT_EQ(format_quantity(0.005), "0.005");          // not 0.0050000000000000001
    EXPECT_EQ(format_quantity(100000.0), "100000");      // not 1e+05
    EXPECT_EQ(format_quantity(1e9), "1000000000");
    EXPECT_EQ(format_quantity(-30.5), "-30.5");
    EXPECT_EQ(format_quantity(2e-7), "2e-07");           // tiny: scientific
    EXPECT_EQ(format_quantity(0.0), "0");
}

}  // namespace
}  // namespace phusong
