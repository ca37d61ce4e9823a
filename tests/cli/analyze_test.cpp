#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/csv_table.hpp"
#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;
using test::CliFixture;
using test::read_file;

std::vector<float> raster_values(const std::string& path) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds{GDALDataset::Open(path.c_str(), GDAL_OF_RASTER)};
    if (!ds) return {};
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    std::vector<float> v(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_Float32, 0, 0) != CE_None) return {};
    return v;
}

TEST(Analyze, WritesEveryOutputAndNoTemporaryFile) {
    CliFixture f;
    const test::CommandResult r = test::run_phusong(f.analyze_args());
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_EQ(r.err, "");  // --quiet, and stderr is not a terminal: no progress
    // --quiet silences stderr only: the closing summary stays on stdout.
    EXPECT_NE(r.out.find("analysed "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  4G: "), std::string::npos) << r.out;
    for (const char* name : {"signal_3g.tif", "signal_4g.tif", "server_3g.tif", "server_4g.tif", "servers_3g.tif", "places.csv",
                             "population.tif", "cells.csv", "summary.json", "report.md"})
        EXPECT_TRUE(fs::exists(fs::path(f.out) / name)) << name;
    for (const auto& entry : fs::directory_iterator(f.out))
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
    const std::string places = read_file(f.out + "/places.csv");
    EXPECT_EQ(std::count(places.begin(), places.end(), '\n'), 5);  // header + 3 villages + 1 commune
    const std::string summary = read_file(f.out + "/summary.json");
    EXPECT_NE(summary.find("\"villages\": 3"), std::string::npos) << summary;
    EXPECT_NE(summary.find("\"commune_population\": 535"), std::string::npos) << summary;
    // All three villages lie in the fixture's one commune, "Xa Thu" (no district field).
    EXPECT_NE(places.find("village,1,V1,Xa Thu,,340,"), std::string::npos) << places;
    // V1 lies 250 m from the 3G mast, inside its 0° sector: covered.
    const auto v1 = places.substr(places.find("village,1,V1,"));
    EXPECT_NE(v1.substr(0, v1.find('\n')).find(",yes,"), std::string::npos) << v1;
    EXPECT_NE(places.find("commune,0,Xa Thu,Xa Thu,,535,"), std::string::npos) << places;
    // The commune row ends with its 3 villages and how many each technology covers.
    const auto commune_row = places.substr(places.find("commune,0,"));
    EXPECT_NE(commune_row.find(",3,"), std::string::npos) << commune_row;
}

TEST(Analyze, OutputsAgreeWithEachOther) {
    // Conservation across files: per-village rows of places.csv add up to summary.json's totals
    // and metrics; covered + uncovered = all people; communes' village counts add up too.
    test::CliFixture f;
    ASSERT_EQ(test::run_phusong(f.analyze_args()).exit_status, 0);
    const CsvTable places = read_csv_file(f.out + "/places.csv");
    const nlohmann::json summary = nlohmann::json::parse(read_file(f.out + "/summary.json"));
    for (const std::string tech : {"3g", "4g"}) {
        double covered_people = 0.0, people = 0.0;
        std::size_t villages_covered = 0, commune_tally = 0;
        for (const CsvRecord& r : places.records) {
            const auto field = [&](const std::string& name) { return r.fields[*places.column(name)]; };
            if (field("kind") == "village") {
                covered_people += std::stod(field(tech + "_covered_population"));
                people += std::stod(field("population"));
                villages_covered += field(tech + "_covered") == "yes";
            } else {
                commune_tally += std::stoul(field(tech + "_villages_covered"));
            }
        }
        const auto& metrics = summary["metrics"]["whole_area"];
        EXPECT_EQ(covered_people, summary["technologies"][tech]["village_population_covered"].get<double>()) << tech;
        EXPECT_EQ(covered_people, metrics["covered_population_" + tech].get<double>()) << tech;
        EXPECT_EQ(covered_people + metrics["uncovered_population_" + tech].get<double>(), people) << tech;
        EXPECT_EQ(villages_covered, summary["technologies"][tech]["villages_covered"].get<std::size_t>()) << tech;
        EXPECT_EQ(villages_covered, commune_tally) << tech;
    }
}

TEST(Analyze, SameResultsWhateverTheThreadCount) {
    CliFixture f;
    const std::string out1 = f.dir.file("t1"), out2 = f.dir.file("t2");
    std::vector<std::string> one = f.analyze_args(), two = f.analyze_args();
    one.back() = "--threads=1";  // replaces --quiet, which the determinism check does not need
    two.back() = "--threads=2";
    // With generated candidates, so the ranking is checked too.
    one.insert(one.end(), {"--out=" + out1, "--auto", "6", "--select", "3"});
    two.insert(two.end(), {"--out=" + out2, "--auto", "6", "--select", "3"});
    std::erase(one, "--out");
    std::erase(two, "--out");
    std::erase(one, f.out);
    std::erase(two, f.out);
    ASSERT_EQ(test::run_phusong(one).exit_status, 0);
    ASSERT_EQ(test::run_phusong(two).exit_status, 0);
    for (const char* text : {"places.csv", "summary.json", "cells.csv", "report.md", "dead_zones.csv", "candidates.csv"})
        EXPECT_EQ(read_file(out1 + "/" + text), read_file(out2 + "/" + text)) << text;
    for (const char* raster : {"signal_3g.tif", "signal_4g.tif", "server_3g.tif"}) {
        const auto a = raster_values(out1 + "/" + raster), b = raster_values(out2 + "/" + raster);
        ASSERT_FALSE(a.empty());
        ASSERT_EQ(a.size(), b.size());
        EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0) << raster;
    }
}

TEST(Analyze, SummaryRecordsTheEngineThatRan) {
    // ITM runs on the engine asked for (sweep by default); other models always per pixel.
    CliFixture f;
    const auto engine_of = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = f.analyze_args();
        args.insert(args.end(), extra.begin(), extra.end());
        EXPECT_EQ(test::run_phusong(args).exit_status, 0);
        return nlohmann::json::parse(read_file(f.out + "/summary.json"))["model"]["engine"].get<std::string>();
    };
    EXPECT_EQ(engine_of({}), "sweep");
    EXPECT_EQ(engine_of({"--engine", "per-pixel"}), "per-pixel");
    EXPECT_EQ(engine_of({"--model", "deygout"}), "per-pixel");
}

TEST(AnalyzeP1812, RunsWithItsSettingsRecordedTheSameWhateverTheThreads) {
    // P.1812 over the fixture: its settings (Vietnam's defaults ΔN 52, N0 350 unless given)
    // in summary.json and the report, the same rasters on 1 and 2 threads, and a lower
    // time percentage (more of the time's enhancements) never weakens any pixel.
    CliFixture f;
    auto run = [&](const std::string& out, std::vector<std::string> extra) {
        std::vector<std::string> args = f.analyze_args();
        for (std::size_t i = 0; i + 1 < args.size(); ++i)
            if (args[i] == "--out") args[i + 1] = out;
        args.insert(args.end(), {"--model", "p1812"});
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = test::run_phusong(args);
        EXPECT_EQ(r.exit_status, 0) << r.err;
    };
    const std::string one = f.dir.file("p1"), two = f.dir.file("p2"), ten = f.dir.file("p10"), given_out = f.dir.file("given");
    run(one, {"--threads", "1"});
    run(two, {"--threads", "2"});
    run(ten, {"--time-percent", "10"});
    run(given_out, {"--time-percent", "10", "--dn", "45", "--n0", "330"});
    const nlohmann::json summary = nlohmann::json::parse(read_file(one + "/summary.json"));
    EXPECT_EQ(summary["model"]["name"], "p1812");
    EXPECT_EQ(summary["model"]["engine"], "per-pixel");
    EXPECT_EQ(summary["model"]["p1812"]["dn"], 52.0);
    EXPECT_EQ(summary["model"]["p1812"]["n0"], 350.0);
    const nlohmann::json given = nlohmann::json::parse(read_file(given_out + "/summary.json"));
    EXPECT_EQ(given["model"]["p1812"]["time_percent"], 10.0);
    EXPECT_EQ(given["model"]["p1812"]["n0"], 330.0);
    EXPECT_NE(read_file(one + "/report.md").find("ITU-R P.1812-6: loss not exceeded for 50 % of time"), std::string::npos);
    const auto a = raster_values(one + "/signal_4g.tif"), b = raster_values(two + "/signal_4g.tif"), c = raster_values(ten + "/signal_4g.tif");
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0);
    std::size_t compared = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::isfinite(a[i]) && std::isfinite(c[i])) {
            ++compared;
            EXPECT_GE(c[i], a[i] - 1e-3) << "pixel " << i;
        }
    EXPECT_GT(compared, 1000u);
}

TEST(AnalyzeP1812, OptionsOutsideTheRecommendationAndCellsItCannotTakeAreRefused) {
    CliFixture f;
    auto expect_error = [&](std::vector<std::string> extra, const std::string& text) {
        std::vector<std::string> args = f.analyze_args();
        args.insert(args.end(), {"--model", "p1812"});
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = test::run_phusong(args);
        EXPECT_EQ(r.exit_status, 2) << r.err;
        EXPECT_NE(r.err.find(text), std::string::npos) << r.err;
    };
    expect_error({"--time-percent", "60"}, "--time-percent");
    expect_error({"--time", "10"}, "--time is an ITM option, not used by --model p1812");
    expect_error({"--location-percent", "0"}, "--location-percent");
    {
        std::vector<std::string> args = f.analyze_args();
        args.insert(args.end(), {"--time-percent", "10"});
        const auto r = test::run_phusong(args);
        EXPECT_EQ(r.exit_status, 2);
        EXPECT_NE(r.err.find("--time-percent is for --model p1812, not itm"), std::string::npos) << r.err;
    }
    // A candidate's height is checked before anything is predicted.
    test::write_file(f.dir.file("cand.csv"), "candidate_id,lon,lat,height_m\nA,103.25,22.36,0.5\n");
    expect_error({"--candidates", f.dir.file("cand.csv")}, "cand.csv: line 2: field 'height_m': 0.5 m is outside P.1812's 1-3000 m");
    test::write_file(f.towers, std::string(test::kTowerHeader) + "T1,Viettel,103.25,22.35,30,5G,28000,58,0,65,4\n");
    expect_error({"--tech", "5g"}, "line 2: field 'freq_mhz': 28000 MHz is outside P.1812's 30-6000 MHz");
}

TEST(Analyze, P2108ClutterRefusesACellOutsideItsBandByRecord) {
    // The demo's land cover brings P.2108's receiver clutter, whose statistics cover 0.5-67 GHz:
    // a 400 MHz cell is refused naming its record before anything is predicted.
    const std::filesystem::path demo = std::filesystem::path(PHUSONG_SOURCE_DIR) / "datasets/demo";
    if (!std::filesystem::exists(demo / "generated/terrain.tif")) GTEST_SKIP() << "demo scenario not generated (run `make demo-data`)";
    test::ScratchDir dir;
    test::write_file(dir.file("towers.csv"), std::string(test::kTowerHeader) + "U1,Viettel,103.25,22.35,30,3G,400,58,0,65,4\n");
    const auto r = test::run_phusong({"analyze", "--config", (demo / "analyze.ini").string(), "--towers", dir.file("towers.csv"),
                                      "--candidates", "", "--out", dir.file("out"), "--quiet"});
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("towers.csv: line 2: field 'freq_mhz': 400 MHz is outside the 500-67000 MHz of ITU-R P.2108's receiver clutter "
                         "(give --clutter none or table)"),
              std::string::npos)
        << r.err;
}

TEST(Analyze, ConfigFileWithRelativePathsAndCommandLineOverride) {
    CliFixture f;
    fs::create_directories(f.dir.file("cfg"));
    fs::copy_file(f.towers, f.dir.file("cfg/towers.csv"));
    fs::copy_file(f.dem, f.dir.file("cfg/dem.tif"));
    fs::copy_file(f.villages, f.dir.file("cfg/villages.geojson"));
    test::write_file(f.dir.file("cfg/run.ini"),
                     "# relative to this file\ntowers = towers.csv\ndem = dem.tif\nvillages = villages.geojson\n"
                     "resolution-m = 60\nradius-km = 3\ntech = 3g\n");
    const test::CommandResult r =
        test::run_phusong({"analyze", "--config", f.dir.file("cfg/run.ini"), "--out", f.out, "--tech", "4g", "-q"});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_TRUE(fs::exists(f.out + "/signal_4g.tif"));   // command line won
    EXPECT_FALSE(fs::exists(f.out + "/signal_3g.tif"));
}

TEST(Analyze, CommandLineWinsOverConfigAlsoForRepeatableOptions) {
    CliFixture f;
    // The file sets an impossible 3G threshold; the command line's must be the one used.
    test::write_file(f.dir.file("run.ini"), "link-budget = 3g.threshold_dbm=-10\n");
    auto args = f.analyze_args();
    args.insert(args.end(), {"--config", f.dir.file("run.ini"), "--link-budget", "3g.threshold_dbm=-100"});
    ASSERT_EQ(test::run_phusong(args).exit_status, 0);
    EXPECT_NE(read_file(f.out + "/summary.json").find("\"threshold_dbm\": -100"), std::string::npos);
}

TEST(Analyze, ImpossibleRunSettingsAreRefusedBeforeAnyWork) {
    CliFixture f;
    // Replaces an option's value in the fixture's arguments, or appends the option.
    auto with = [&](std::vector<std::pair<std::string, std::string>> changes) {
        auto args = f.analyze_args();
        for (const auto& [option, value] : changes) {
            const auto it = std::find(args.begin(), args.end(), option);
            if (it != args.end()) *(it + 1) = value;
            else args.insert(args.end(), {option, value});
        }
        return test::run_phusong(args);
    };
    auto r = with({{"--threads", "-1"}});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--threads must be in [1"), std::string::npos) << r.err;
    r = with({{"--radius-km", "0.1"}});  // less than two 60 m pixels
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("at least two pixels"), std::string::npos) << r.err;
    r = with({{"--engine", "fast"}});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--engine: unknown engine 'fast' (expected sweep or per-pixel)"), std::string::npos) << r.err;
    r = with({{"--clutter", "trees"}});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--clutter: unknown model 'trees' (expected none, table or p2108)"), std::string::npos) << r.err;
    r = with({{"--clutter", "table"}});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--clutter table needs --landcover"), std::string::npos) << r.err;
    r = with({{"--radius-km", "200"}, {"--resolution-m", "5"}});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("MiB of engine tables per mast"), std::string::npos) << r.err;
    test::write_file(f.towers, std::string(test::kTowerHeader) + "T1,V,103.25,22.35,30,5G,28000,58,0,65,4\n");
    r = with({{"--tech", "5g"}});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find(f.towers + ": line 2: field 'freq_mhz': 28000 MHz is above ITM's 20000 MHz"), std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(f.out));
}

TEST(Analyze, BadConfigFile) {
    CliFixture f;
    test::write_file(f.dir.file("bad.ini"), "towers = x.csv\ncolour = blue\n");
    const auto r = test::run_phusong({"analyze", "--config", f.dir.file("bad.ini"), "--out", f.out});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("colour"), std::string::npos) << r.err;
    EXPECT_EQ(test::run_phusong({"analyze", "--config", f.dir.file("none.ini")}).exit_status, 2);
}

TEST(Analyze, HelpAndVersion) {
    const auto help = test::run_phusong({"analyze", "--help"});
    EXPECT_EQ(help.exit_status, 0);
    EXPECT_NE(help.out.find("--towers"), std::string::npos);
    EXPECT_NE(help.out.find("--threads"), std::string::npos);
    const auto version = test::run_phusong({"--version"});
    EXPECT_EQ(version.exit_status, 0);
    EXPECT_EQ(version.out.rfind("phusong ", 0), 0u);
    EXPECT_EQ(test::run_phusong({"--help"}).exit_status, 0);
}

TEST(Analyze, NameFieldPicksTheNamesAndKeepsTheirDiacritics) {
    CliFixture f;
    test::write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
        {"type":"Feature","properties":{"name":"code 7","ten_ban":"Bản Nậm Xe","population":120},"geometry":{"type":"Point","coordinates":[103.25,22.352]}}]})");
    std::vector<std::string> args = f.analyze_args();
    args.insert(args.end(), {"--name-field", "ten_ban"});
    const test::CommandResult r = test::run_phusong(args);
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(read_file(f.out + "/places.csv").find("village,0,Bản Nậm Xe,"), std::string::npos);
    args.back() = "ten";
    const test::CommandResult missing = test::run_phusong(args);
    EXPECT_EQ(missing.exit_status, 2);
    EXPECT_NE(missing.err.find(f.villages + ": field 'ten': no such field"), std::string::npos) << missing.err;
}

TEST(Analyze, ChosenIdsMustBeUniqueAndPresent) {
    CliFixture f;
    test::write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
        {"type":"Feature","properties":{"code":"B7","population":120},"geometry":{"type":"Point","coordinates":[103.25,22.352]}},
        {"type":"Feature","properties":{"code":"B7","population":80},"geometry":{"type":"Point","coordinates":[103.252,22.352]}}]})");
    std::vector<std::string> args = f.analyze_args();
    args.insert(args.end(), {"--id-field", "code"});
    const test::CommandResult r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find(f.villages + ": feature 1: field 'code': id 'B7' is also the id of " + f.villages + ": feature 0"),
              std::string::npos) << r.err;
}

}  // namespace
}  // namespace phusong
