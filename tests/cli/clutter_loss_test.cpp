// `phusong clutter-loss` runs NTIA's P.2108 test vectors through the binary (all three methods,
// tests/data/ntia_p2108): each loss (--json, full precision) rounded to the 0.1 dB NTIA's values
// are printed to is within 0.01 dB of NTIA's, and every invalid case is refused with exit status 2
// and P.2108's reason.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "io/csv_table.hpp"
#include "tests/support/ntia_p2108.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using test::kP2108TolDb;
using test::printed_to_tenth;

/// Runs every row of `file` as `clutter-loss --method method` with the options built by `args`.
void run_all(const std::string& file, const std::string& method, const std::string& loss_column,
             const std::function<std::vector<std::string>(const std::function<std::string(const std::string&)>&)>& args) {
    const CsvTable table = test::p2108_vectors(file);
    for (std::size_t i = 0; i < table.records.size(); ++i) {
        const auto field = [&](const std::string& name) { return table.records[i].fields[*table.column(name)]; };
        std::vector<std::string> command{"clutter-loss", "--method", method, "--json"};
        for (const std::string& a : args(field)) command.push_back(a);
        const test::CommandResult r = test::run_phusong(command);
        if (std::stoi(field("rtn")) == 0) {
            ASSERT_EQ(r.exit_status, 0) << file << " row " << i + 2 << ": " << r.err;
            const double loss_db = nlohmann::json::parse(r.out).at("loss_db").get<double>();
            EXPECT_NEAR(printed_to_tenth(loss_db), std::stod(field(loss_column)), kP2108TolDb) << file << " row " << i + 2 << ": " << loss_db;
        } else {
            EXPECT_EQ(r.exit_status, 2) << file << " row " << i + 2;
            EXPECT_NE(r.err.find("clutter-loss --method " + method + ": "), std::string::npos) << r.err;
        }
    }
}

TEST(ClutterLoss, TerrestrialVectors) {
    run_all("TerrestrialStatisticalModelTestData.csv", "terrestrial", "L_ctt__db", [](const auto& f) {
        return std::vector<std::string>{"--freq-ghz", f("f__ghz"), "--distance-km", f("d__km"), "--percent", f("p")};
    });
}

TEST(ClutterLoss, HeightGainVectors) {
    const std::map<std::string, std::string> names{{"1", "water-sea"}, {"2", "open-rural"},   {"3", "suburban"},
                                                   {"4", "urban"},     {"5", "trees-forest"}, {"6", "dense-urban"}};
    run_all("HeightGainTerminalCorrectionModelTestData.csv", "height-gain", "A_h__db", [&](const auto& f) {
        return std::vector<std::string>{"--freq-ghz",        f("f__ghz"), "--height-m",       f("h__meter"),
                                        "--street-width-m",  f("w_s__meter"), "--clutter-height-m", f("R__meter"),
                                        "--clutter-type",    names.at(f("clutter_type"))};
    });
}

TEST(ClutterLoss, AeronauticalVectors) {
    run_all("AeronauticalStatisticalModelTestData.csv", "aeronautical", "L_ces__db", [](const auto& f) {
        return std::vector<std::string>{"--freq-ghz", f("f__ghz"), "--elevation-deg", f("theta_deg"), "--percent", f("p")};
    });
}

TEST(ClutterLoss, MissingOrUnknownInputsAreNamed) {
    auto r = test::run_phusong({"clutter-loss", "--method", "height-gain", "--freq-ghz", "1.5", "--height-m", "2"});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--method height-gain needs --clutter-type"), std::string::npos) << r.err;
    r = test::run_phusong({"clutter-loss", "--method", "height-gain", "--freq-ghz", "1.5", "--height-m", "2", "--clutter-type", "jungle"});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--clutter-type: 'jungle' is not"), std::string::npos) << r.err;
    r = test::run_phusong({"clutter-loss", "--method", "indoor", "--freq-ghz", "1.5"});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--method: 'indoor' is not terrestrial, height-gain or aeronautical"), std::string::npos) << r.err;
}

TEST(ClutterLoss, RepresentativeHeightFromTable1) {
    // Urban clutter is 15 m high in P.2108 Table 1: a 2 m terminal at 1.5 GHz among 27 m streets
    // gets the same loss as with --clutter-height-m 15 given (NTIA's row: 24.5 dB).
    const auto implicit = test::run_phusong({"clutter-loss", "--method", "height-gain", "--freq-ghz", "1.5", "--height-m", "2",
                                             "--clutter-type", "urban"});
    ASSERT_EQ(implicit.exit_status, 0) << implicit.err;
    EXPECT_NEAR(printed_to_tenth(std::stod(implicit.out)), 24.5, kP2108TolDb);
}

}  // namespace
}  // namespace phusong
