// The run remembers its parameters: `rank` and `gaps` on a coverage GeoPackage take the settings
// its rasters were predicted with, so that rank with only --coverage, --places, --candidates and
// --dem reproduces analyze's ranking of the same candidates.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

using test::CliFixture;
using test::read_file;

/// The fixture's villages only (the grid: their discs and the mast). Non-default settings everywhere the rasters and the candidates' predictions depend on them.
std::vector<std::string> analyze_args(const CliFixture& f, const std::string& candidates) {
    return {"analyze", "--towers", f.towers, "--dem", f.dem, "--villages", f.villages, "--candidates", candidates,
            "--out", f.out, "--resolution-m", "60", "--radius-km", "3", "--n0", "320", "--location", "60",
            "--link-budget", "4g.threshold_dbm=-98", "--margin-db", "2", "--tech-default", "4g.freq_mhz=2600",
            "--tech-default", "4g.eirp_dbm=55", "--rx-height-m", "2", "--settlement-radius-m", "180",
            "--village-covered-share", "0.4", "--select", "3", "--quiet"};
}

std::string write_candidates(const CliFixture& f) {
    const std::string path = f.dir.file("candidates.csv");
    test::write_file(path, "candidate_id,name,lon,lat,height_m,tech,cost\n"
                           "C1,west,103.242,22.347,25,4G,1\nC2,east,103.258,22.351,35,4G,1\n"
                           "C3,north,103.252,22.352,30,4G,2\nC4,south,103.246,22.345,30,4G,1\n");
    return path;
}

/// `rank` on analyze's GeoPackage with nothing but its own inputs.
test::CommandResult rank_with_only_its_inputs(const CliFixture& f, const std::string& candidates, const std::string& out) {
    return test::run_phusong({"rank", "--coverage", f.out + "/phusong.gpkg", "--places", f.villages, "--candidates", candidates,
                              "--dem", f.dem, "--out", out, "--select", "3"});
}

TEST(RunMemory, RankWithOnlyItsInputsReproducesAnalyzesRanking) {
    CliFixture f;
    const std::string candidates = write_candidates(f);
    const test::CommandResult analyzed = test::run_phusong(analyze_args(f, candidates));
    ASSERT_EQ(analyzed.exit_status, 0) << analyzed.err;
    const std::string ranked_out = f.dir.file("ranked");
    const test::CommandResult ranked = rank_with_only_its_inputs(f, candidates, ranked_out);
    ASSERT_EQ(ranked.exit_status, 0) << ranked.err;
    EXPECT_EQ(ranked.err.find("differs"), std::string::npos) << ranked.err;
    const std::string by_analyze = read_file(f.out + "/candidates.csv"), by_rank = read_file(ranked_out + "/candidates.csv");
    EXPECT_NE(by_analyze.find("\n1,"), std::string::npos) << by_analyze;  // something was picked
    EXPECT_EQ(by_rank, by_analyze);
    const auto summary = nlohmann::json::parse(read_file(ranked_out + "/summary.json"));
    EXPECT_EQ(summary["model"]["name"], "itm");
    EXPECT_EQ(summary["model"]["settings_from"], f.out + "/phusong.gpkg");
    EXPECT_EQ(summary["model"]["radius_km"].get<double>(), 3.0);
    EXPECT_EQ(summary["technologies"]["4g"]["covered_level_dbm"].get<double>(), -96.0);  // -98 + 2
}

TEST(RunMemory, AnOptionThatDiffersFromTheCoverageRunIsWarnedAbout) {
    CliFixture f;
    const std::string candidates = write_candidates(f);
    ASSERT_EQ(test::run_phusong(analyze_args(f, candidates)).exit_status, 0);
    const test::CommandResult ranked =
        test::run_phusong({"rank", "--coverage", f.out + "/phusong.gpkg", "--places", f.villages, "--candidates", candidates,
                           "--dem", f.dem, "--out", f.dir.file("ranked"), "--model", "fspl", "--n0", "320"});
    ASSERT_EQ(ranked.exit_status, 0) << ranked.err;
    EXPECT_NE(ranked.err.find("--model fspl differs from the coverage run's itm, recorded in " + f.out + "/phusong.gpkg"),
              std::string::npos) << ranked.err;
    EXPECT_EQ(ranked.err.find("--n0"), std::string::npos) << ranked.err;  // the same as the run's
    // gaps takes the budget too: the same covered level as the run.
    const test::CommandResult gaps = test::run_phusong({"gaps", "--coverage", f.out + "/phusong.gpkg", "--places", f.villages,
                                                        "--out", f.dir.file("gaps"), "--quiet"});
    ASSERT_EQ(gaps.exit_status, 0) << gaps.err;
    const auto summary = nlohmann::json::parse(read_file(f.dir.file("gaps") + "/summary.json"));
    EXPECT_EQ(summary["technologies"]["4g"]["covered_level_dbm"].get<double>(), -96.0);
}

TEST(RunMemory, CoverageGeoPackageRemembersToo) {
    CliFixture f;
    const std::string gpkg = f.dir.file("cov.gpkg");
    ASSERT_EQ(test::run_phusong({"coverage", "--towers", f.towers, "--dem", f.dem, "--out", gpkg, "--resolution-m", "60",
                                 "--radius-km", "3", "--margin-db", "4", "--quiet"})
                  .exit_status,
              0);
    const test::CommandResult gaps =
        test::run_phusong({"gaps", "--coverage", gpkg, "--places", f.villages, "--out", f.dir.file("gaps"), "--quiet"});
    ASSERT_EQ(gaps.exit_status, 0) << gaps.err;
    const auto summary = nlohmann::json::parse(read_file(f.dir.file("gaps") + "/summary.json"));
    EXPECT_EQ(summary["model"]["margin_db"].get<double>(), 4.0);
    EXPECT_EQ(summary["technologies"]["3g"]["covered_level_dbm"].get<double>(), -96.0);  // RSCP -100 + 4
}

TEST(RunMemory, RankReusesTheCalibrationOfTheRun) {
    // An SPM calibration (with its K values) given to analyze: rank on its GeoPackage scores the
    // candidates with the same calibrated model and reproduces analyze's ranking.
    CliFixture f;
    const std::string candidates = write_candidates(f);
    const std::string cal = f.dir.file("calibration.json");
    test::write_file(cal, R"({"phusong_calibration": 1, "model": "spm",
        "coefficients": {"K1": {"value": 128}, "K2": {"value": 38}, "K3": {"value": -10}, "K4": {"value": 0.6},
                         "K5": {"value": -4}, "K6": {"value": 0}, "K7": {"value": 0}}})");
    std::vector<std::string> args = analyze_args(f, candidates);
    args.insert(args.end(), {"--calibration", cal});
    const test::CommandResult analyzed = test::run_phusong(args);
    ASSERT_EQ(analyzed.exit_status, 0) << analyzed.err;
    const std::string ranked_out = f.dir.file("ranked");
    const test::CommandResult ranked = rank_with_only_its_inputs(f, candidates, ranked_out);
    ASSERT_EQ(ranked.exit_status, 0) << ranked.err;
    const std::string by_analyze = read_file(f.out + "/candidates.csv");
    EXPECT_NE(by_analyze.find("\n1,"), std::string::npos) << by_analyze;  // something was picked
    EXPECT_EQ(read_file(ranked_out + "/candidates.csv"), by_analyze);
    const auto summary = nlohmann::json::parse(read_file(ranked_out + "/summary.json"));
    EXPECT_EQ(summary["model"]["name"], "spm");
    EXPECT_EQ(summary["model"]["calibrated"]["K1"].get<double>(), 128.0);
    // rank with a model of its own: the run's calibration is not taken, with a note.
    const test::CommandResult own = test::run_phusong({"rank", "--coverage", f.out + "/phusong.gpkg", "--places", f.villages,
                                                       "--candidates", candidates, "--dem", f.dem, "--out", f.dir.file("own"),
                                                       "--select", "3", "--model", "itm"});
    ASSERT_EQ(own.exit_status, 0) << own.err;
    EXPECT_NE(own.err.find("is not used with the --model given"), std::string::npos) << own.err;
    const auto own_summary = nlohmann::json::parse(read_file(f.dir.file("own") + "/summary.json"));
    EXPECT_EQ(own_summary["model"]["name"], "itm");
    EXPECT_FALSE(own_summary["model"].contains("calibration"));
    // The calibration and --model disagree: refused.
    args.insert(args.end(), {"--model", "itm"});
    const test::CommandResult refused = test::run_phusong(args);
    EXPECT_EQ(refused.exit_status, 2);
    EXPECT_NE(refused.err.find("differs from the model of --calibration"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace phusong
