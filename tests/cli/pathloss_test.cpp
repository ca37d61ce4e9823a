#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "io/csv_table.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using test::run_phusong;
using test::ScratchDir;

/// Flat profile CSV: `intervals` steps of `spacing` metres at elevation `z`.
std::string flat_profile(const ScratchDir& dir, int intervals, double spacing, double z = 100.0) {
    std::ostringstream csv;
    csv << "distance_m,elevation_m\n";
    for (int i = 0; i <= intervals; ++i) csv << i * spacing << "," << z << "\n";
    const std::string path = dir.file("profile.csv");
    test::write_file(path, csv.str());
    return path;
}

TEST(Pathloss, NtiaPointToPointCasesThroughTheCli) {
    PHUSONG_REQUIRE_SHARED();
    const auto base = test::shared_dir() / "testdata/propagation/ntia_itm_master";
    const CsvTable cases = read_csv_file((base / "p2p.csv").string());
    std::istringstream pfls(read_text_file((base / "pfls.csv").string()));
    ScratchDir dir;
    ASSERT_EQ(cases.records.size(), 5u);
    for (const CsvRecord& c : cases.records) {
        std::string line;
        std::getline(pfls, line);
        std::vector<double> pfl;
        std::istringstream s(line);
        for (std::string v; std::getline(s, v, ',');)
            if (!trim(v).empty()) pfl.push_back(std::stod(v));
        std::ostringstream csv;
        csv.precision(17);
        csv << "distance_m,elevation_m\n";
        for (std::size_t i = 2; i < pfl.size(); ++i) csv << static_cast<double>(i - 2) * pfl[1] << "," << pfl[i] << "\n";
        test::write_file(dir.file("p.csv"), csv.str());
        auto f = [&](const char* col) { return c.fields[*cases.column(col)]; };
        const test::CommandResult r = run_phusong(
            {"pathloss", "--model", "itm", "--profile", dir.file("p.csv"), "--freq-mhz", f("f__mhz"), "--tx-height-m",
             f("h_tx__meter"), "--rx-height-m", f("h_rx__meter"), "--climate", f("climate"), "--n0", f("N_0"),
             "--polarization", f("pol"), "--epsilon", f("epsilon"), "--sigma", f("sigma"), "--mdvar", f("mdvar"),
             "--time", f("time"), "--location", f("location"), "--situation", f("situation")});
        ASSERT_EQ(r.exit_status, 0) << r.err;
        EXPECT_NEAR(std::stod(r.out), std::stod(f("A__db")), 0.011) << "line " << c.line;  // printed to 0.01 dB
    }
}

TEST(Pathloss, HataAndFreeSpaceHandValues) {
    ScratchDir dir;
    // 10 km, 900 MHz, 30 m / 1.5 m, urban Okumura–Hata: 161.628 dB (worked in hata_test.cpp).
    const std::string ten_km = flat_profile(dir, 100, 100.0);
    auto r = run_phusong({"pathloss", "--model", "hata", "--environment", "urban", "--profile", ten_km, "--freq-mhz", "900",
                          "--tx-height-m", "30", "--rx-height-m", "1.5"});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_EQ(r.out, "161.63\n");
    // Open area (the default): 133.122 dB (worked in hata_test.cpp).
    r = run_phusong({"pathloss", "--model", "hata", "--profile", ten_km, "--freq-mhz", "900", "--tx-height-m", "30",
                     "--rx-height-m", "1.5"});
    EXPECT_EQ(r.out, "133.12\n");
    // Free space, 1 km at 1000 MHz: 92.448 dB.
    const std::string one_km = flat_profile(dir, 10, 100.0);
    r = run_phusong({"pathloss", "--model", "fspl", "--profile", one_km, "--freq-mhz", "1000", "--tx-height-m", "30",
                     "--rx-height-m", "1.5"});
    EXPECT_EQ(r.out, "92.45\n");
}

TEST(Pathloss, JsonCarriesModeAndWarnings) {
    ScratchDir dir;
    const std::string p = flat_profile(dir, 5, 100.0);  // 500 m: ITM flags the short path
    const auto r = run_phusong({"pathloss", "--profile", p, "--freq-mhz", "1845", "--tx-height-m", "30", "--rx-height-m",
                                "1.5", "--json"});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(r.out.find("\"model\": \"itm\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"mode\": \"line_of_sight\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("path distance small (< 1 km)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"N_s\""), std::string::npos) << r.out;
}

TEST(Pathloss, InvalidInputsExitTwoWithTheReason) {
    ScratchDir dir;
    const std::string p = flat_profile(dir, 50, 100.0);
    auto expect_error = [&](std::vector<std::string> args, const std::string& message) {
        const auto r = run_phusong(args);
        EXPECT_EQ(r.exit_status, 2) << r.err;
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    };
    expect_error({"pathloss", "--profile", p, "--freq-mhz", "10", "--tx-height-m", "30", "--rx-height-m", "1.5"},
                 "--freq-mhz must be in [20, 100000] MHz, not 10");
    expect_error({"pathloss", "--profile", p, "--freq-mhz", "30000", "--tx-height-m", "30", "--rx-height-m", "1.5"},
                 "ITM error 1009: frequency is out of range [20, 20000] MHz");
    expect_error({"pathloss", "--profile", p, "--freq-mhz", "900", "--tx-height-m", "0.2", "--rx-height-m", "1.5"},
                 "ITM error 1000: TX terminal height is out of range");
    expect_error({"pathloss", "--profile", p, "--freq-mhz", "900", "--tx-height-m", "30", "--rx-height-m", "1.5", "--climate", "9"},
                 "--climate: invalid radio climate");
    expect_error({"pathloss", "--profile", p, "--freq-mhz", "900", "--tx-height-m", "30", "--rx-height-m", "1.5", "--time", "100"},
                 "--time: time percentage is out of range");
    expect_error({"pathloss", "--profile", p, "--freq-mhz", "900", "--tx-height-m", "30"}, "rx-height-m");
    expect_error({"pathloss", "--profile", p, "--model", "magic", "--freq-mhz", "900", "--tx-height-m", "30", "--rx-height-m", "1"},
                 "--model: unknown model 'magic'");
    test::write_file(dir.file("uneven.csv"), "distance_m,elevation_m\n0,10\n100,11\n250,12\n");
    expect_error({"pathloss", "--profile", dir.file("uneven.csv"), "--freq-mhz", "900", "--tx-height-m", "30", "--rx-height-m", "1.5"},
                 dir.file("uneven.csv") + ": line 4: field 'distance_m': spacing must be uniform");
    test::write_file(dir.file("cols.csv"), "d,z\n0,10\n100,11\n");
    expect_error({"pathloss", "--profile", dir.file("cols.csv"), "--freq-mhz", "900", "--tx-height-m", "30", "--rx-height-m", "1.5"},
                 dir.file("cols.csv") + ": line 1: field 'distance_m': required column is missing");
}

}  // namespace
}  // namespace phusong
