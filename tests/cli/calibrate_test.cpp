// `phusong calibrate` through the binary: outputs, the calibration's round trip, bad input, and
// a calibrated demo run that does not depend on the thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "geo/crs.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::run_phusong;
using test::write_file;

constexpr double kCentreX = 500000.0, kCentreY = 2400000.0;  // UTM 48N

/// A flat plain with one 4G mast and 60 path-loss measurements on two routes, from
/// L = 140 + 30·log10(d_km) + a deterministic ±3 dB wobble.
struct Scene {
    test::ScratchDir dir;
    std::string dem = dir.file("dem.tif"), towers = dir.file("towers.csv"), measurements = dir.file("m.csv"),
                out = dir.file("cal");
    Scene() {
        test::write_raster(dem, 32648, kCentreX - 5000.0, kCentreY + 5000.0, 30.0, 334, 334, [](double, double) { return 200.0; });
        const Transformer to_lonlat("EPSG:32648", kWgs84);
        const XY mast = to_lonlat.forward({kCentreX, kCentreY});
        std::ostringstream t;
        t.precision(12);
        t << "site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm\nS1,A," << mast.x << "," << mast.y << ",30,4G,1800,60\n";
        write_file(towers, t.str());
        std::ostringstream m;
        m.precision(12);
        m << "lon,lat,path_loss_db,site_id,route\n";
        for (int i = 0; i < 60; ++i) {
            const double d = 300.0 + 45.0 * i, bearing = 0.7 * i;
            const XY p = to_lonlat.forward({kCentreX + d * std::sin(bearing), kCentreY + d * std::cos(bearing)});
            m << p.x << "," << p.y << "," << 140.0 + 30.0 * std::log10(d / 1000.0) + 3.0 * std::sin(1.3 * i) << ",S1,"
              << (i % 2 ? "north" : "south") << "\n";
        }
        write_file(measurements, m.str());
    }
    std::vector<std::string> args(std::vector<std::string> more = {}) const {
        std::vector<std::string> a{"calibrate",        "--measurements", measurements, "--measurements-kind", "path_loss_db",
                                   "--towers",         towers,           "--dem",      dem,                   "--radius-km",
                                   "4",                "--out",          out,          "--quiet"};
        a.insert(a.end(), more.begin(), more.end());
        return a;
    }
};

TEST(Calibrate, WritesItsOutputsAndTheCalibrationRoundTrips) {
    Scene s;
    const test::CommandResult r = run_phusong(s.args());
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(r.out.find("held out (2 folds)"), std::string::npos) << r.out;
    for (const char* file : {"calibration.json", "residuals.csv", "residuals.gpkg", "residuals.png", "calibration.md"})
        EXPECT_TRUE(fs::exists(fs::path(s.out) / file)) << file;
    const nlohmann::json cal = nlohmann::json::parse(read_file(s.out + "/calibration.json"));
    EXPECT_EQ(cal["model"], "spm");
    EXPECT_TRUE(cal["coefficients"]["K1"]["fitted"].get<bool>());
    EXPECT_FALSE(cal["coefficients"]["K3"]["fitted"].get<bool>());
    EXPECT_EQ(cal["measurements"]["used"], 60);
    EXPECT_EQ(cal["routes"].size(), 2u);
    // 60 bins and a header in the residuals table.
    const std::string csv = read_file(s.out + "/residuals.csv");
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 61);
    // Evaluating the written calibration on its own measurements gives its training figures.
    const test::CommandResult e = run_phusong({"calibrate", "--calibration", s.out + "/calibration.json", "--evaluate", "--json",
                                               "--measurements", s.measurements, "--measurements-kind", "path_loss_db",
                                               "--towers", s.towers, "--dem", s.dem, "--radius-km", "4", "--quiet"});
    ASSERT_EQ(e.exit_status, 0) << e.err;
    const nlohmann::json stats = nlohmann::json::parse(e.out);
    for (const char* key : {"n", "bias_db", "std_db", "rmse_db", "r2"}) ASSERT_TRUE(stats.contains(key)) << key;
    EXPECT_EQ(stats["n"], cal["statistics"]["training"]["n"]);
    EXPECT_NEAR(stats["rmse_db"].get<double>(), cal["statistics"]["training"]["rmse_db"].get<double>(), 1e-9);
    EXPECT_NEAR(stats["r2"].get<double>(), cal["statistics"]["training"]["r2"].get<double>(), 1e-9);
}

TEST(Calibrate, BadInputIsRefusedWithItsLocation) {
    Scene s;
    struct Case {
        std::string name, measurements;  // "" keeps the scene's
        std::vector<std::string> more;
        std::vector<std::string> expected;
    };
    const std::string header = "lon,lat,path_loss_db,site_id\n";
    const std::string good_row = read_file(s.measurements).substr(read_file(s.measurements).find('\n') + 1, 200);
    const std::string first = good_row.substr(0, good_row.find('\n'));
    const std::string lonlat = first.substr(0, first.find(',', first.find(',') + 1));
    const std::vector<Case> cases{
        {"unknown site", header + lonlat + ",120,S9\n", {}, {"line 2", "site_id", "'S9' is not a site"}},
        {"missing column", "lon,lat,site_id\n" + lonlat + ",S1\n", {}, {"path_loss_db", "missing column"}},
        {"not a number", header + lonlat + ",loud,S1\n", {}, {"line 2", "path_loss_db"}},
        {"outside the DEM", header + "106.5,21.7,120,S1\n", {}, {"line 2", "outside the DEM"}},
        {"unknown unknown", "", {"--fit", "K9"}, {"--fit", "K9"}},
        {"unknown loss", "", {"--loss", "absolute"}, {"--loss"}},
        {"too few samples", header + lonlat + ",120,S1\n", {}, {"too few samples"}},
        {"singular design", "", {"--fit", "K1,K3"}, {"singular", "K"}},
        {"evaluate without calibration", "", {"--evaluate"}, {"--evaluate needs --calibration"}},
        {"clutter without land cover", "", {"--fit", "K1,clutter"}, {"--fit", "--landcover"}},
        {"a column named twice", "lon,lat,path_loss_db,site_id,lon\n" + lonlat + ",120,S1,1\n", {}, {"line 1", "lon", "2 times"}},
        {"a stray fix at 0, 0", read_file(s.measurements) + "0,0,120,S1,north\n", {}, {"line 62", "outside the DEM"}},
        {"a technology no cell has", "lon,lat,path_loss_db,site_id,tech\n" + lonlat + ",120,S1,3G\n", {}, {"line 2", "tech", "no 3G cell"}},
        {"clutter given to calibrate", "", {"--clutter", "p2108"}, {"--clutter", "not used by calibrate"}},
        {"block too small", "", {"--block-km", "1e-20"}, {"--block-km"}},
    };
    for (const Case& c : cases) {
        if (!c.measurements.empty()) write_file(s.measurements, c.measurements);
        const test::CommandResult r = run_phusong(s.args(c.more));
        EXPECT_EQ(r.exit_status, 2) << c.name << ": " << r.err;
        for (const std::string& e : c.expected) EXPECT_NE(r.err.find(e), std::string::npos) << c.name << ": " << r.err;
        EXPECT_FALSE(fs::exists(s.out)) << c.name << ": nothing is written";
        Scene fresh;
        write_file(s.measurements, read_file(fresh.measurements));
    }
}

TEST(Calibrate, BadCalibrationFilesAreRefusedWithTheirKey) {
    Scene s;
    const std::string cal = s.dir.file("bad.json");
    struct Case {
        std::string json, key;
    };
    const std::string spm_k = R"("coefficients": {"K1": {"value": 150}, "K2": {"value": 35}, "K3": {"value": -13}, "K4": {"value": 0.5},
                                   "K5": {"value": -6}, "K6": {"value": 0}, "K7": {"value": 0}})";
    const std::vector<Case> cases{
        {R"({"phusong_calibration": 1, "model": 7, )" + spm_k + "}", "model"},
        {R"({"phusong_calibration": "1", "model": "spm", )" + spm_k + "}", "phusong_calibration"},
        {R"({"phusong_calibration": 1, "model": "spm", "coefficients": {"K1": {"value": 1e300}}})", "coefficients.K1.value"},
        {R"({"phusong_calibration": 1, "model": "itm", "coefficients": {"a": {"value": "3"}, "b": {"value": 0}}})", "coefficients.a.value"},
        {R"({"phusong_calibration": 1, "model": "spm", )" + spm_k + R"(, "frequency_mhz": {"min": 5000, "max": 100}})", "frequency_mhz.max"},
        {R"({"phusong_calibration": 1, "model": "spm", )" + spm_k + R"(, "clutter_db": {"10": {"value": -500}}})", "clutter_db.10.value"},
    };
    for (const Case& c : cases) {
        write_file(cal, c.json);
        const test::CommandResult r = run_phusong({"coverage", "--towers", s.towers, "--dem", s.dem, "--out", s.dir.file("c.gpkg"),
                                                   "--tech", "4g", "--radius-km", "2", "--calibration", cal, "--quiet"});
        EXPECT_EQ(r.exit_status, 2) << c.json << ": " << r.err;
        EXPECT_NE(r.err.find(c.key), std::string::npos) << c.json << ": " << r.err;
        EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;
    }
    // Class losses without a land cover to apply them to.
    write_file(cal, R"({"phusong_calibration": 1, "model": "spm", )" + spm_k + R"(, "clutter_db": {"10": {"value": 12}}})");
    const test::CommandResult r = run_phusong({"coverage", "--towers", s.towers, "--dem", s.dem, "--out", s.dir.file("c.gpkg"),
                                               "--tech", "4g", "--radius-km", "2", "--calibration", cal, "--quiet"});
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("give --landcover"), std::string::npos) << r.err;
    // --evaluate fits nothing: fitting options are refused.
    const test::CommandResult e = run_phusong(s.args({"--calibration", cal, "--evaluate", "--fit", "K1"}));
    EXPECT_EQ(e.exit_status, 2);
    EXPECT_NE(e.err.find("--fit is for fitting"), std::string::npos) << e.err;
}

TEST(Calibrate, RowsWithoutValueAreLeftOutAndCounted) {
    Scene s;
    write_file(s.measurements, read_file(s.measurements) + ",,,S1,north\n" + ",,NaN,S1,north\n");
    const std::vector<std::string> loud = [&] {
        std::vector<std::string> a = s.args();
        std::erase(a, "--quiet");
        return a;
    }();
    const test::CommandResult r = run_phusong(loud);
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(r.err.find("2 row(s) with an empty or NaN value left out"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("on 60 measurements"), std::string::npos) << r.out;
}

TEST(Calibrate, CalibratedDemoIsTheSameWhateverTheThreadCount) {
    const fs::path demo = fs::path(PHUSONG_SOURCE_DIR) / "datasets/demo";
    if (!fs::exists(demo / "generated/terrain.tif")) GTEST_SKIP() << "demo scenario not generated (run `make demo-data`)";
    // An ITM calibration as `calibrate` writes it: a correction and tree-cover and built-up losses.
    test::ScratchDir dir;
    const std::string cal = dir.file("calibration.json");
    write_file(cal, R"({"phusong_calibration": 1, "model": "itm",
        "coefficients": {"a": {"value": 4.5}, "b": {"value": 6.0}},
        "clutter_db": {"10": {"value": 14.0}, "50": {"value": 11.0}, "40": {"value": 2.5}},
        "frequency_mhz": {"min": 1800, "max": 2100}})");
    std::vector<std::vector<std::string>> runs;
    for (const char* threads : {"1", "2"})
        runs.push_back({"analyze", "--config", (demo / "analyze.ini").string(), "--resolution-m", "90", "--calibration", cal,
                        "--threads", threads, "--out", dir.file(std::string("t") + threads), "--quiet"});
    for (const auto& args : runs) {
        const test::CommandResult r = run_phusong(args);
        ASSERT_EQ(r.exit_status == 0 || r.exit_status == 3, true) << r.err;
    }
    for (const char* file : {"summary.json", "places.csv", "cells.csv", "report.md", "dead_zones.csv", "candidates.csv",
                             "signal_3g.tif", "signal_4g.tif", "server_4g.tif", "population.tif"}) {
        const std::string a = read_file(dir.file("t1") + "/" + file), b = read_file(dir.file("t2") + "/" + file);
        EXPECT_FALSE(a.empty()) << file;
        EXPECT_TRUE(a == b) << file << " differs between 1 and 2 threads";
    }
    const nlohmann::json summary = nlohmann::json::parse(read_file(dir.file("t1") + "/summary.json"));
    EXPECT_EQ(summary["model"]["calibration"], cal);
    EXPECT_EQ(summary["model"]["clutter"], "table");
}

}  // namespace
}  // namespace phusong
