// --upgrade-existing: existing masts without the ranked technology compete with new sites in
// one ranking, at their own position and height, costing --upgrade-cost.
#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "pipeline/run.hpp"
#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

using test::CliFixture;

/// Flat ground, free space. Operator A's 3G mast SA (30 m) at (103.24, 22.35); a commune over the
/// fixture's square; villages at the mast and 2.7 km away. Candidates: new 4G site N1 at SA's very
/// position and height, cost 2. Ranked for 4G, which no mast has.
RunConfig upgrade_scenario(CliFixture& f, double upgrade_cost) {
    test::write_raster(f.dem, 32648, f.centre_x - 3000.0, f.centre_y + 3000.0, 30.0, 200, 200, [](double, double) { return 300.0; });
    test::write_file(f.towers, std::string(test::kTowerHeader) + "SA,A,103.24,22.35,30,3G,2140,58,,,\n");
    test::write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
        {"type":"Feature","properties":{"name":"V1","population":100},"geometry":{"type":"Point","coordinates":[103.24,22.35]}},
        {"type":"Feature","properties":{"name":"V2","population":100},"geometry":{"type":"Point","coordinates":[103.255,22.37]}}]})");
    RunConfig c;
    c.inputs.towers = f.towers;
    c.inputs.dem = f.dem;
    c.inputs.villages = f.villages;
    c.inputs.communes = f.communes;  // "Xa Thu"
    c.inputs.candidates = f.dir.file("candidates.csv");
    test::write_file(c.inputs.candidates, "candidate_id,name,lon,lat,height_m,tech,cost\nN1,new mast,103.24,22.35,30,4G,2\n");
    c.technologies = {Technology::G3, Technology::G4};
    c.radio.model = PropagationModel::FreeSpace;
    c.radio.resolution = Metres{30.0};
    c.radio.reach = ReachRule::Fixed;
    c.radio.radius = Metres{3000.0};
    c.ranking.upgrade_technology = Technology::G4;
    c.ranking.upgrade_cost = upgrade_cost;
    c.ranking.select = 2;
    c.out = f.out;
    return c;
}

TEST(PipelineUpgrades, CheaperUpgradeOutranksANewSiteOfEqualGain) {
    CliFixture f;
    const auto outcome = run(upgrade_scenario(f, 1.0));
    const RankingResult& r = *outcome->result.ranking;
    ASSERT_EQ(r.sites.size(), 2u);
    EXPECT_EQ(r.sites[1].id, "upgrade-SA");
    EXPECT_TRUE(r.sites[1].upgrade);
    EXPECT_EQ(r.sites[1].cost, 1.0);
    // The same mast, the same cell: the same people.
    EXPECT_GT(r.standalone_population[0], 0.0);
    EXPECT_EQ(r.standalone_population[0], r.standalone_population[1]);
    ASSERT_GE(r.picks.size(), 1u);
    EXPECT_EQ(r.sites[r.picks[0].candidate].id, "upgrade-SA");  // equal gain: the cheaper first
    EXPECT_EQ(r.communes[1], "Xa Thu");
    const std::string csv = test::read_file(f.out + "/candidates.csv");
    EXPECT_NE(csv.find("1,upgrade-SA,\"existing mast SA, A + 4G\",upgrade,Xa Thu,,4G,"), std::string::npos) << csv;
}

TEST(PipelineUpgrades, ReportNamesTheTargetsEachPickMeets) {
    CliFixture f;
    RunConfig c = upgrade_scenario(f, 1.0);
    c.inputs.targets = f.dir.file("targets.ini");
    // 3G (free space, the default thresholds) reaches both villages: that target passes before any pick.
    // No 4G before; the first pick covers V1 at least: 1 of 2 villages (or both) meets 0.5.
    test::write_file(c.inputs.targets, "[villages_with_4g_share]\nmin = 0.5\n[villages_with_3g_share]\nmin = 0.99\n");
    const auto outcome = run(c);
    const std::string report = test::read_file(f.out + "/report.md");
    EXPECT_NE(report.find("| – | existing network | | | | | | | | | | 0.0% | 1 of 2 | |"), std::string::npos) << report;
    const auto row = report.substr(report.find("| 1 | upgrade-SA |"));
    EXPECT_NE(row.substr(0, row.find('\n')).find("| 2 of 2 | villages_with_4g_share ≥ 0.5 (whole area) |"), std::string::npos) << row;
}

TEST(PipelineUpgrades, DearerUpgradeRanksBehind) {
    CliFixture f;
    const auto outcome = run(upgrade_scenario(f, 3.0));
    const RankingResult& r = *outcome->result.ranking;
    ASSERT_GE(r.picks.size(), 1u);
    EXPECT_EQ(r.sites[r.picks[0].candidate].id, "N1");
}

TEST(PipelineUpgrades, MastsWithTheTechnologyAreNotCandidates) {
    CliFixture f;
    RunConfig c = upgrade_scenario(f, 1.0);
    test::write_file(f.towers, std::string(test::kTowerHeader) + "SA,A,103.24,22.35,30,3G,2140,58,,,\nSA,A,103.24,22.35,30,4G,1845,58,,,\n");
    const auto outcome = run(c);
    ASSERT_EQ(outcome->result.ranking->sites.size(), 1u);
    EXPECT_EQ(outcome->result.ranking->sites[0].id, "N1");
    c.ranking.upgrade_technology = Technology::G3;
    EXPECT_THROW(run(c), InputError);  // the ranking is for 4G
}

TEST(PipelineUpgrades, OneSiteAtTwoHeightsGivesTwoUpgradesAndIdsStayUnique) {
    CliFixture f;
    RunConfig c = upgrade_scenario(f, 1.0);
    test::write_file(f.towers, std::string(test::kTowerHeader) + "SA,A,103.24,22.35,30,3G,2140,58,,,\nSA,A,103.24,22.35,20,3G,2110,58,,,\n");
    const auto outcome = run(c);
    const auto& sites = outcome->result.ranking->sites;
    ASSERT_EQ(sites.size(), 3u);
    EXPECT_EQ(sites[1].id, "upgrade-SA-30m");
    EXPECT_EQ(sites[2].id, "upgrade-SA-20m");
    test::write_file(c.inputs.candidates, "candidate_id,name,lon,lat,height_m,tech,cost\nupgrade-SA-20m,mine,103.24,22.35,30,4G,2\n");
    try {
        run(c);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("the candidate id 'upgrade-SA-20m' is also the id of the upgrade of mast SA"),
                  std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace phusong
