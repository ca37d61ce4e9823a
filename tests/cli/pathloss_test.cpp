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

TEST(PathlossP1812, ItuValidationCaseThroughTheCli) {
    // ITU-R WP 3K's case b2iseac_1 (P.1812-6): Kippure to Dalton, 235.1 km, 95.3 MHz, p = 1 %,
    // horizontal, ΔN 45, N0 326.079979; the reference implementation logs Lb = 129.0969126 dB.
    PHUSONG_REQUIRE_SHARED();
    const auto sg3 = test::shared_dir() / "testdata/propagation/itu_p1812_sg3_validation/validation_profiles/b2iseac.csv";
    std::istringstream in(read_text_file(sg3.string()));
    std::ostringstream csv;
    csv << "distance_m,elevation_m,clutter_height_m,zone\n";
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("Number of Points:", 0) != 0) continue;
        const int n = std::stoi(line.substr(line.find(',') + 1));
        for (int i = 0; i < n && std::getline(in, line); ++i) {
            std::vector<std::string> c;
            std::istringstream cells(line);
            for (std::string v; std::getline(cells, v, ',');) c.push_back(v);
            csv << std::stod(c[0]) * 1000.0 << "," << c[1] << "," << c[3] << "," << c[4] << "\n";
        }
    }
    ScratchDir dir;
    test::write_file(dir.file("b2iseac.csv"), csv.str());
    const auto r = run_phusong({"pathloss", "--model", "p1812", "--profile", dir.file("b2iseac.csv"), "--freq-mhz", "95.3",
                                "--tx-height-m", "60", "--rx-height-m", "7", "--polarization", "horizontal", "--dn", "45", "--n0",
                                "326.079979", "--time-percent", "1", "--tx-lat", "53.18333333", "--tx-lon", "-6.333333333",
                                "--rx-lat", "54.16666667", "--rx-lon", "-3.183333333", "--json"});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    const auto at = r.out.find("\"loss_db\": ");
    ASSERT_NE(at, std::string::npos) << r.out;
    EXPECT_NEAR(std::stod(r.out.substr(at + 11)), 129.0969126, 0.001);
    EXPECT_NE(r.out.find("\"Lbulla\": 30.0316936"), std::string::npos) << r.out;  // logged 30.03169367
}

TEST(PathlossP1812, OutOfRangeInputsExitTwoWithTheReason) {
    ScratchDir dir;
    std::ostringstream csv;
    csv << "distance_m,elevation_m,clutter_height_m,zone\n";
    for (int i = 0; i <= 10; ++i) csv << i * 100 << ",100,0,A2\n";
    const std::string p = dir.file("p.csv");
    test::write_file(p, csv.str());
    const std::vector<std::string> base{"pathloss", "--model", "p1812", "--profile", p, "--tx-height-m", "30", "--rx-height-m", "10",
                                        "--tx-lat", "22", "--tx-lon", "103", "--rx-lat", "22", "--rx-lon", "103.01"};
    auto expect = [&](std::vector<std::string> extra, int status, const std::string& text) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run_phusong(args);
        EXPECT_EQ(r.exit_status, status) << r.err;
        EXPECT_NE((status == 0 ? r.out : r.err).find(text), std::string::npos) << r.out << r.err;
    };
    // 1 km over flat ground at 1 GHz, antennas 30 and 10 m: free space with d² + (0.02 km)²,
    // 92.4 + 10·log10(1.0004) = 92.40 dB (p = 50 %: no multipath term; the ray clears the ground).
    expect({"--freq-mhz", "1000"}, 0, "92.40");
    expect({"--freq-mhz", "6001"}, 2, "frequency 6001 MHz is outside 30–6000 MHz");
    expect({"--freq-mhz", "29"}, 2, "frequency 29 MHz is outside 30–6000 MHz");
    expect({"--freq-mhz", "900", "--time-percent", "0.5"}, 2, "time percentage 0.5 % is outside 1–50 %");
    expect({"--freq-mhz", "900", "--time-percent", "51"}, 2, "time percentage 51 % is outside 1–50 %");
    expect({"--freq-mhz", "900", "--location-percent", "99.5"}, 2, "location percentage 99.5 % is outside 1–99 %");
    test::write_file(dir.file("short.csv"), "distance_m,elevation_m,clutter_height_m,zone\n0,10,0,A2\n100,10,0,A2\n200,10,0,B\n");
    const auto r = run_phusong({"pathloss", "--model", "p1812", "--profile", dir.file("short.csv"), "--freq-mhz", "900", "--tx-height-m",
                                "30", "--rx-height-m", "10", "--tx-lat", "22", "--tx-lon", "103", "--rx-lat", "22", "--rx-lon", "103.01"});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("the profile has 3 points; P.1812 needs at least 5"), std::string::npos) << r.err;
    test::write_file(dir.file("zone.csv"), "distance_m,elevation_m,clutter_height_m,zone\n0,10,0,A2\n100,10,0,C\n");
    const auto z = run_phusong({"pathloss", "--model", "p1812", "--profile", dir.file("zone.csv"), "--freq-mhz", "900", "--tx-height-m",
                                "30", "--rx-height-m", "10", "--tx-lat", "22", "--tx-lon", "103", "--rx-lat", "22", "--rx-lon", "103.01"});
    EXPECT_EQ(z.exit_status, 2);
    EXPECT_NE(z.err.find(dir.file("zone.csv") + ": line 3: field 'zone': 'C' is not a zone"), std::string::npos) << z.err;
    // A path shorter than a wavelength, options of another model, options named as typed.
    test::write_file(dir.file("tiny.csv"), "distance_m,elevation_m\n0,100\n0.001,100\n0.002,100\n0.003,100\n0.004,100\n");
    const auto tiny = run_phusong({"pathloss", "--model", "p1812", "--profile", dir.file("tiny.csv"), "--freq-mhz", "900", "--tx-height-m",
                                   "10", "--rx-height-m", "10", "--tx-lat", "21", "--tx-lon", "105", "--rx-lat", "21", "--rx-lon", "105"});
    EXPECT_EQ(tiny.exit_status, 2);
    EXPECT_NE(tiny.err.find(dir.file("tiny.csv") + ": field 'distance_m': the path is 0.004 m long, shorter than one wavelength"),
              std::string::npos) << tiny.err;
    expect({"--freq-mhz", "900", "--time", "99"}, 2, "--time is not used by --model p1812");
    expect({"--freq-mhz", "900", "--dn", "157"}, 2, "--dn must be in [0, 156] N-units/km, not 157");
    expect({"--freq-mhz", "900", "--location-sigma-db", "1001"}, 2, "--location-sigma-db must be in [0, 100] dB, not 1001");
    const auto itm_with_p1812_option = run_phusong({"pathloss", "--profile", p, "--freq-mhz", "900", "--tx-height-m", "30",
                                                    "--rx-height-m", "10", "--time-percent", "10"});
    EXPECT_EQ(itm_with_p1812_option.exit_status, 2);
    EXPECT_NE(itm_with_p1812_option.err.find("--time-percent is not used by --model itm"), std::string::npos) << itm_with_p1812_option.err;
    const auto no_ends = run_phusong({"pathloss", "--model", "p1812", "--profile", p, "--freq-mhz", "900", "--tx-height-m", "30",
                                      "--rx-height-m", "10"});
    EXPECT_EQ(no_ends.exit_status, 2);
    EXPECT_NE(no_ends.err.find("--model p1812 needs --tx-lat"), std::string::npos) << no_ends.err;
}

}  // namespace
}  // namespace phusong
