#include <gtest/gtest.h>

#include <filesystem>

#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> with_targets(const test::CliFixture& f, const std::string& targets) {
    auto args = f.analyze_args();
    args.insert(args.end(), {"--targets", targets});
    return args;
}

TEST(TargetsCli, AnalyzeExitsThreeWhenATargetFailsAndStillWritesResults) {
    test::CliFixture f;
    // The fixture's single commune holds the mast, so it has signal.
    test::write_file(f.dir.file("pass.ini"), "[communes_with_signal_share]\nmin = 1\n");
    test::write_file(f.dir.file("fail.ini"), "[communes_with_signal_share]\nmin = 1\n[uncovered_population_3g]\nmax = 1e9\n"
                                             "[villages_with_3g_share]\nmin = 1.0\ndistrict = nowhere-in-particular\n");
    auto r = test::run_phusong(with_targets(f, f.dir.file("pass.ini")));
    EXPECT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(r.out.find("PASS"), std::string::npos) << r.out;
    // An unknown district is bad input: exit 2 naming the line, nothing written.
    fs::remove_all(f.out);
    r = test::run_phusong(with_targets(f, f.dir.file("fail.ini")));
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("fail.ini: line 5: no district named 'nowhere-in-particular'"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(f.out));
    // A target that cannot pass: no 3G population at all.
    test::write_file(f.dir.file("fail2.ini"), "[villages_with_3g_share]\nmin = 1.0\n[population_3g_share]\nmax = 0\n");
    r = test::run_phusong(with_targets(f, f.dir.file("fail2.ini")));
    EXPECT_EQ(r.exit_status, 3) << r.err;
    EXPECT_NE(r.out.find("FAIL"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(f.out + "/summary.json"));
    EXPECT_NE(test::read_file(f.out + "/report.md").find("Coverage targets"), std::string::npos);
}

TEST(TargetsCli, TargetsCommandReadsASummary) {
    test::CliFixture f;
    ASSERT_EQ(test::run_phusong(f.analyze_args()).exit_status, 0);
    const std::string summary = f.out + "/summary.json";
    test::write_file(f.dir.file("ok.ini"), "[communes_with_signal_share]\nmin = 1\n");
    test::write_file(f.dir.file("no.ini"), "[population_3g_share]\nmax = 0\n");
    test::write_file(f.dir.file("bad.ini"), "[population_3g_share]\nmin = lots\n");
    EXPECT_EQ(test::run_phusong({"targets", "--summary", summary, "--targets", f.dir.file("ok.ini")}).exit_status, 0);
    EXPECT_EQ(test::run_phusong({"targets", "--summary", summary, "--targets", f.dir.file("no.ini")}).exit_status, 3);
    const auto bad = test::run_phusong({"targets", "--summary", summary, "--targets", f.dir.file("bad.ini")});
    EXPECT_EQ(bad.exit_status, 2);
    EXPECT_NE(bad.err.find("bad.ini: line 2: 'lots' is not a number"), std::string::npos) << bad.err;
    test::write_file(f.dir.file("broken.json"), "{ not json");
    const auto broken = test::run_phusong({"targets", "--summary", f.dir.file("broken.json"), "--targets", f.dir.file("ok.ini")});
    EXPECT_EQ(broken.exit_status, 2);
    EXPECT_NE(broken.err.find("broken.json: not valid JSON"), std::string::npos) << broken.err;
}

}  // namespace
}  // namespace phusong
