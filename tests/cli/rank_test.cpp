// `phusong rank` on a hand-built scene whose best sites are known: flat ground, free-space
// propagation (every pixel within --radius-km of a candidate is covered), one pixel per village.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>

#include "geo/crs.hpp"
#include "io/csv_table.hpp"
#include "io/geopackage_writer.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::write_file;

// 10 × 10 pixels of 100 m, north-west corner (500000, 2400000) in UTM 48N; no 4G anywhere yet.
// Villages (pixel centres): V1 (500150, 2399850) 100 people, V2 (500850, 2399850) 50,
// V3 (500850, 2399150) 30. Candidates, reach 400 m:
//   A at V1 covers V1 (100 people, 1 village);
//   B at (500850, 2399500), 350 m from V2 and V3, covers both (80 people, 2 villages);
//   C at V2 covers V2 only (50) — V3 is 700 m away.
struct RankFixture {
    test::ScratchDir dir;
    std::string coverage = dir.file("coverage.gpkg"), dem = dir.file("dem.tif"), villages = dir.file("villages.geojson"),
                candidates = dir.file("candidates.csv"), out = dir.file("out");

    RankFixture() {
        const GridSpec grid{10, 10, {500000.0, 2400000.0, 100.0, 100.0}, "EPSG:32648"};
        GeoPackageWriter writer(coverage);
        writer.add_raster("signal_4g", Grid<float>(grid, std::nanf(""), std::nanf("")), {"signal_4g", "dBm"});
        writer.commit();
        test::write_raster(dem, 32648, 500000.0, 2400000.0, 100.0, 10, 10, [](double, double) { return 200.0; });
        write_file(villages, R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}},
 "features": [
  {"type": "Feature", "properties": {"name": "V1", "population": 100}, "geometry": {"type": "Point", "coordinates": [500150, 2399850]}},
  {"type": "Feature", "properties": {"name": "V2", "population": 50}, "geometry": {"type": "Point", "coordinates": [500850, 2399850]}},
  {"type": "Feature", "properties": {"name": "V3", "population": 30}, "geometry": {"type": "Point", "coordinates": [500850, 2399150]}}]})");
        write_candidates({{"A", 500150, 2399850, 3.0}, {"B", 500850, 2399500, 1.0}, {"C", 500850, 2399850, 1.0}});
    }

    struct Site {
        std::string id;
        double x, y, cost;
    };
    void write_candidates(const std::vector<Site>& sites) const {
        const Transformer to_lonlat("EPSG:32648", "EPSG:4326");
        std::string csv = "candidate_id,lon,lat,height_m,cost\n";
        for (const Site& s : sites) {
            const XY ll = to_lonlat.forward({s.x, s.y});
            char row[160];
            std::snprintf(row, sizeof row, "%s,%.9f,%.9f,30,%g\n", s.id.c_str(), ll.x, ll.y, s.cost);
            csv += row;
        }
        write_file(candidates, csv);
    }

    [[nodiscard]] std::vector<std::string> args(std::vector<std::string> extra = {}) const {
        std::vector<std::string> a{"rank", "--coverage", coverage, "--dem", dem, "--places", villages, "--candidates",
                                   candidates, "--out", out, "--model", "fspl", "--radius-km", "0.4",
                                   "--settlement-radius-m", "0", "--quiet"};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
};

std::string field(const CsvTable& t, std::size_t row, const std::string& name) { return t.records[row].fields[*t.column(name)]; }

TEST(RankCli, PicksTheSitesThatReachTheMostPeople) {
    RankFixture f;
    const test::CommandResult r = test::run_phusong(f.args({"--select", "3"}));
    ASSERT_EQ(r.exit_status, 0) << r.err;
    const CsvTable t = read_csv_file(f.out + "/candidates.csv");
    ASSERT_EQ(t.records.size(), 3u);
    // A (100) first, then B (+80); C adds nothing once B covers V2, so greedy stops at two.
    EXPECT_EQ(field(t, 0, "rank"), "1");
    EXPECT_EQ(field(t, 0, "candidate_id"), "A");
    EXPECT_EQ(field(t, 0, "marginal_population"), "100.0");
    EXPECT_EQ(field(t, 0, "marginal_villages"), "1");
    EXPECT_EQ(field(t, 1, "candidate_id"), "B");
    EXPECT_EQ(field(t, 1, "marginal_population"), "80.0");
    EXPECT_EQ(field(t, 1, "marginal_villages"), "2");
    EXPECT_EQ(field(t, 1, "cumulative_population"), "180.0");
    EXPECT_EQ(field(t, 1, "villages_with_4g_share"), "1.0000");
    EXPECT_EQ(field(t, 2, "candidate_id"), "C");
    EXPECT_EQ(field(t, 2, "rank"), "");
    EXPECT_EQ(field(t, 2, "standalone_population"), "50.0");
    const nlohmann::json s = nlohmann::json::parse(read_file(f.out + "/summary.json"));
    EXPECT_EQ(s["ranking"]["picks"].size(), 2u);
    EXPECT_EQ(s["ranking"]["villages_share_before"].get<double>(), 0.0);
    EXPECT_NE(read_file(f.out + "/report.md").find("## Candidate sites"), std::string::npos);
}

TEST(RankCli, ObjectiveBudgetAndExact) {
    RankFixture f;
    // By villages, one pick: B brings two villages, A one.
    ASSERT_EQ(test::run_phusong(f.args({"--select", "1", "--objective", "villages"})).exit_status, 0);
    EXPECT_EQ(field(read_csv_file(f.out + "/candidates.csv"), 0, "candidate_id"), "B");
    // Budget 2 with costs A 3, B 1, C 1: B (80 per unit), then C adds nothing and A does not fit.
    ASSERT_EQ(test::run_phusong(f.args({"--select", "3", "--budget", "2"})).exit_status, 0);
    const CsvTable budgeted = read_csv_file(f.out + "/candidates.csv");
    EXPECT_EQ(field(budgeted, 0, "candidate_id"), "B");
    EXPECT_EQ(field(budgeted, 1, "rank"), "");
    // Exact, one site by population: A (100) is the optimum, and greedy found it too.
    ASSERT_EQ(test::run_phusong(f.args({"--select", "1", "--exact"})).exit_status, 0);
    const nlohmann::json s = nlohmann::json::parse(read_file(f.out + "/summary.json"));
    EXPECT_TRUE(s["ranking"]["exact"]["optimal"].get<bool>());
    EXPECT_NEAR(s["ranking"]["exact"]["value"].get<double>(), 100.0, 1e-6);
    EXPECT_EQ(s["ranking"]["exact"]["selected"][0], "A");
    EXPECT_EQ(field(read_csv_file(f.out + "/candidates.csv"), 0, "in_exact_optimum"), "yes");
}

TEST(RankCli, SameResultsWhateverTheThreadCount) {
    RankFixture f;
    const std::string one = f.dir.file("one"), two = f.dir.file("two");
    auto args = f.args({"--select", "3", "--threads", "1"});
    *std::find(args.begin(), args.end(), "fspl") = "itm";
    args[std::find(args.begin(), args.end(), "--out") - args.begin() + 1] = one;
    ASSERT_EQ(test::run_phusong(args).exit_status, 0);
    args[std::find(args.begin(), args.end(), "--out") - args.begin() + 1] = two;
    args.back() = "2";
    ASSERT_EQ(test::run_phusong(args).exit_status, 0);
    EXPECT_EQ(read_file(one + "/candidates.csv"), read_file(two + "/candidates.csv"));
}

TEST(RankCli, BadCandidatesAreRefusedNamingTheLine) {
    RankFixture f;
    f.write_candidates({{"A", 500150, 2399850, 1.0}, {"A", 500850, 2399500, 1.0}});
    const test::CommandResult dup = test::run_phusong(f.args());
    EXPECT_EQ(dup.exit_status, 2);
    EXPECT_NE(dup.err.find("line 3: field 'candidate_id': duplicate id 'A'"), std::string::npos) << dup.err;
    write_file(f.candidates, "candidate_id,lon,lat,cost\nA,103.1,22.4,-1\n");
    const test::CommandResult cost = test::run_phusong(f.args());
    EXPECT_EQ(cost.exit_status, 2);
    EXPECT_NE(cost.err.find("line 2: field 'cost'"), std::string::npos) << cost.err;
    write_file(f.candidates, "candidate_id,x,y\nA,1,2\n");
    EXPECT_EQ(test::run_phusong(f.args()).exit_status, 2);
    EXPECT_EQ(test::run_phusong(f.args({"--auto", "5"})).exit_status, 2);       // both --candidates and --auto
    EXPECT_EQ(test::run_phusong(f.args({"--rank-tech", "3g"})).exit_status, 2);  // not in the coverage
    EXPECT_FALSE(fs::exists(f.out));
}

}  // namespace
}  // namespace phusong
