// The department's indicators through the command line: operator-scoped and powered-only targets
// decide the exit status as worked out by hand (tests/cli/two_operator_scene.hpp: A covers V1,
// B covers V2, nobody V3; V1 and V3 have grid power).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/two_operator_scene.hpp"

namespace phusong {
namespace {

using test::CliFixture;

int exit_status_with(const std::string& targets) {
    CliFixture f;
    const test::CommandResult r = test::run_phusong(test::two_operator_analyze(f, true, f.out, targets));
    EXPECT_TRUE(r.exit_status == 0 || r.exit_status == 3) << r.err;
    return r.exit_status;
}

TEST(Indicators, OperatorScopedTargetsGiveTheExitStatusWorkedOut) {
    // A alone: 1 of 3 villages.
    EXPECT_EQ(exit_status_with("[villages_with_4g_share]\noperator = A\nmin = 0.33\n"), 0);
    EXPECT_EQ(exit_status_with("[villages_with_4g_share]\noperator = A\nmin = 0.34\n"), 3);
    // Any operator: 2 of 3; one village (V3) without signal.
    EXPECT_EQ(exit_status_with("[villages_with_4g_share]\nmin = 0.66\n[villages_without_signal]\nmax = 1\n"), 0);
    EXPECT_EQ(exit_status_with("[villages_without_signal]\nmax = 0\n"), 3);
}

TEST(Indicators, PoweredOnlyTargetsGiveTheExitStatusWorkedOut) {
    // Powered: V1 (covered by A) and V3 (nothing): 1 of 2 with 4G, one without signal; B covers none of them.
    EXPECT_EQ(exit_status_with("[villages_with_4g_share]\npowered = yes\nmin = 0.5\n"), 0);
    EXPECT_EQ(exit_status_with("[villages_with_4g_share]\npowered = yes\nmin = 0.51\n"), 3);
    EXPECT_EQ(exit_status_with("[villages_with_4g_share]\npowered = yes\noperator = B\nmax = 0\n"), 0);
    EXPECT_EQ(exit_status_with("[covered_population_4g]\npowered = yes\nmin = 101\n"), 3);  // 100 people of V1
}

TEST(Indicators, TargetsCommandReadsEveryScopeBack) {
    CliFixture f;
    ASSERT_EQ(test::run_phusong(test::two_operator_analyze(f, true, f.out, "[villages_without_signal]\nmax = 1\n")).exit_status, 0);
    const std::string later = f.dir.file("later.ini");
    test::write_file(later, "[villages_with_4g_share]\noperator = B\npowered = yes\nmax = 0\n[villages_with_4g_share]\noperator = A\nmin = 0.5\n");
    const test::CommandResult r = test::run_phusong({"targets", "--summary", f.out + "/summary.json", "--targets", later});
    EXPECT_EQ(r.exit_status, 3) << r.err;  // the first passes, A's 1/3 < 0.5 fails
    EXPECT_NE(r.out.find("operator B, powered villages"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace phusong
