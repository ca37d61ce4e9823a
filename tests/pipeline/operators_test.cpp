// The department's indicators through a whole run: per-operator coverage, villages without
// signal and villages with grid power, on flat ground in free space where every number can be
// worked out by hand.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <gdal_priv.h>

#include "geo/errors.hpp"
#include "pipeline/operators.hpp"
#include "pipeline/run.hpp"
#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

using test::CliFixture;

/// Two omni 4G cells, operator A at (103.24, 22.35) and B at (103.27, 22.35), 3.1 km apart, on flat
/// ground in free space. With the whole EIRP as reference signal, RSRP = 58 − FSPL(1800 MHz, d):
/// FSPL = 32.45 + 20·log10(1800) + 20·log10(d/km) = 97.56 dB at 1 km, so a −39.56 dBm threshold
/// covers a disc of 1 km (the 28.5 m height difference adds 0.004 dB). Three villages of 100
/// people: V1 at A's mast, V2 at B's, V3 at (103.255, 22.37), 2.7 km from both. Power: V1 yes,
/// V2 no, V3 yes.
RunConfig two_operators(CliFixture& f) {
    test::write_raster(f.dem, 32648, f.centre_x - 3000.0, f.centre_y + 3000.0, 30.0, 200, 200, [](double, double) { return 300.0; });
    test::write_file(f.towers, std::string(test::kTowerHeader) + "SA,A,103.24,22.35,30,4G,1800,58,,,\nSB,B,103.27,22.35,30,4G,1800,58,,,\n");
    test::write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
        {"type":"Feature","properties":{"name":"V1","population":100,"power":"yes"},"geometry":{"type":"Point","coordinates":[103.24,22.35]}},
        {"type":"Feature","properties":{"name":"V2","population":100,"power":"no"},"geometry":{"type":"Point","coordinates":[103.27,22.35]}},
        {"type":"Feature","properties":{"name":"V3","population":100,"power":"có"},"geometry":{"type":"Point","coordinates":[103.255,22.37]}}]})");
    RunConfig c;
    c.inputs.towers = f.towers;
    c.inputs.dem = f.dem;
    c.inputs.villages = f.villages;
    c.inputs.village_power_field = "power";
    c.technologies = {Technology::G4};
    c.radio.model = PropagationModel::FreeSpace;
    c.radio.resolution = Metres{30.0};
    c.radio.reach = ReachRule::Fixed;
    c.radio.radius = Metres{3000.0};
    c.budget.apply("4g.reference_share_db=0");
    c.budget.apply("4g.threshold_dbm=-39.56");
    c.out = f.out;
    return c;
}

TEST(PipelineOperators, EachOperatorCoversItsOwnVillage) {
    CliFixture f;
    const auto outcome = run(two_operators(f));
    ASSERT_EQ(outcome->prepared.operators, (std::vector<std::string>{"A", "B"}));
    const ScopedMetrics& m = outcome->result.metrics;
    EXPECT_DOUBLE_EQ(m.at({"", "A", false}).at("villages_with_4g_share"), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.at({"", "B", false}).at("villages_with_4g_share"), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.at({}).at("villages_with_4g_share"), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.at({}).at("villages_without_signal"), 1.0);
    EXPECT_DOUBLE_EQ(m.at({"", "A", false}).at("villages_without_signal"), 2.0);
    // Powered: V1 (covered by A) and V3 (no signal).
    EXPECT_DOUBLE_EQ(m.at({"", "", true}).at("villages_with_4g_share"), 0.5);
    EXPECT_DOUBLE_EQ(m.at({"", "B", true}).at("villages_with_4g_share"), 0.0);

    // The outputs: summary.json by operator, places.csv with the operators' columns.
    const auto summary = nlohmann::json::parse(test::read_file(f.out + "/summary.json"));
    EXPECT_DOUBLE_EQ(summary["metrics"]["operators"]["A"]["villages_with_4g_share"].get<double>(), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(summary["metrics"]["powered_villages"]["villages_without_signal"].get<double>(), 1.0);
    const std::string places = test::read_file(f.out + "/places.csv");
    EXPECT_NE(places.find("signal_at_centre,powered,a_4g_covered,a_4g_best_dbm,b_4g_covered,b_4g_best_dbm"), std::string::npos) << places;
    const std::string report = test::read_file(f.out + "/report.md");
    EXPECT_NE(report.find("1 of 3 villages"), std::string::npos) << report;
}

TEST(PipelineOperators, EachOperatorsLevelsAreThoseOfItsCellsAlone) {
    CliFixture both_f, alone_f;
    RunConfig both = two_operators(both_f);
    both.operator_rasters = true;
    const auto together = run(both);
    RunConfig only_b = two_operators(alone_f);
    test::write_file(alone_f.towers, std::string(test::kTowerHeader) + "SB,B,103.27,22.35,30,4G,1800,58,,,\n");
    only_b.by_operator = true;
    const auto alone = run(only_b);
    const TechnologyCoverage& t = together->result.technologies[0].coverage;
    ASSERT_EQ(t.group_signal_dbm.size(), 2u);
    // B's levels, where B alone reaches, on the grids of both runs (the same villages: the same grid).
    const auto& b = t.group_signal_dbm[1].values();
    const auto& b_alone = alone->result.technologies[0].coverage.signal_dbm.values();
    ASSERT_EQ(b.size(), b_alone.size());
    for (std::size_t i = 0; i < b.size(); ++i) {
        ASSERT_EQ(std::isnan(b[i]), std::isnan(b_alone[i])) << i;
        if (!std::isnan(b[i])) {
            ASSERT_EQ(b[i], b_alone[i]) << i;
        }
        const float a = t.group_signal_dbm[0].values()[i], network = t.signal_dbm.values()[i];
        if (!std::isnan(network)) {
            ASSERT_EQ(network, std::max(std::isnan(a) ? -1e9f : a, std::isnan(b[i]) ? -1e9f : b[i])) << i;
        }
    }
    EXPECT_TRUE(std::filesystem::exists(both_f.out + "/signal_4g_a.tif"));
    EXPECT_TRUE(std::filesystem::exists(both_f.out + "/signal_4g_b.tif"));
}

TEST(PipelineOperators, GapsOnTheOperatorRastersGivesTheSameIndicators) {
    CliFixture f;
    RunConfig analyze = two_operators(f);
    analyze.operator_rasters = true;
    const auto analysed = run(analyze);
    RunConfig gaps;
    gaps.kind = RunKind::Gaps;
    gaps.technologies.clear();
    gaps.inputs.coverage = f.out + "/phusong.gpkg";
    gaps.inputs.places = f.villages;
    gaps.inputs.village_power_field = "power";
    gaps.use_remembered_settings = true;
    gaps.out = f.dir.file("gaps");
    const auto gapped = run(gaps);
    EXPECT_EQ(gapped->prepared.operators, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(gapped->config.settings_from, gaps.inputs.coverage);  // the budget came from the run
    for (const MetricScope& scope : {MetricScope{"", "A", false}, MetricScope{"", "B", true}, MetricScope{}})
        EXPECT_EQ(gapped->result.metrics.at(scope), analysed->result.metrics.at(scope)) << describe(scope);
}

TEST(PipelineOperators, OperatorAndPoweredTargetsPassOrFailAsWorkedOut) {
    CliFixture f;
    RunConfig c = two_operators(f);
    c.inputs.targets = f.dir.file("targets.ini");
    test::write_file(c.inputs.targets,
                     "[villages_with_4g_share]\noperator = A\nmin = 0.3\n"      // 1/3: pass
                     "[villages_with_4g_share]\noperator = B\npowered = yes\nmin = 0.1\n"  // 0 of 2 powered: fail
                     "[villages_without_signal]\npowered = yes\nmax = 1\n");     // V3: pass
    const auto outcome = run(c);
    ASSERT_EQ(outcome->result.targets.size(), 3u);
    EXPECT_TRUE(outcome->result.targets[0].passed);
    EXPECT_FALSE(outcome->result.targets[1].passed);
    EXPECT_TRUE(outcome->result.targets[2].passed);
    EXPECT_FALSE(outcome->targets_met());
}

TEST(PipelineOperators, OneOperatorIsPooledUnlessAsked) {
    CliFixture f;
    RunConfig c = two_operators(f);
    test::write_file(f.towers, std::string(test::kTowerHeader) + "SA,A,103.24,22.35,30,4G,1800,58,,,\nSB,A,103.27,22.35,30,4G,1800,58,,,\n");
    EXPECT_TRUE(run(c)->prepared.operators.empty());
    c.by_operator = true;
    const auto by_operator = run(c);
    ASSERT_EQ(by_operator->prepared.operators, std::vector<std::string>{"A"});
    EXPECT_EQ(by_operator->result.metrics.at({"", "A", false}), by_operator->result.metrics.at({}));
}

TEST(PipelineOperators, PowerValueThatIsNeitherYesNorNoIsNamed) {
    CliFixture f;
    RunConfig c = two_operators(f);
    test::write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
        {"type":"Feature","properties":{"name":"V1","population":100,"power":"maybe"},"geometry":{"type":"Point","coordinates":[103.24,22.35]}}]})");
    try {
        run(c);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), f.villages + ": feature 0: field 'power': 'maybe' is neither yes nor no (--village-power-field)");
    }
    c.inputs.village_power_field = "grid";
    try {
        run(c);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), f.villages + ": field 'grid': no such field (--village-power-field); fields are: name, population, power");
    }
}

TEST(PipelineOperators, AnOperatorRasterOnAnotherGridIsRefused) {
    CliFixture f;
    RunConfig analyze = two_operators(f);
    analyze.operator_rasters = true;
    run(analyze);
    // B's table replaced by one on a grid shifted by a pixel.
    const std::string gpkg = f.out + "/phusong.gpkg";
    {
        GDALDatasetUniquePtr ds{GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE)};
        ASSERT_TRUE(ds);
        ds->ExecuteSQL("UPDATE gpkg_contents SET min_x = min_x + 30, max_x = max_x + 30 WHERE table_name = 'signal_4g_b'",
                       nullptr, nullptr);
    }
    RunConfig gaps;
    gaps.kind = RunKind::Gaps;
    gaps.technologies.clear();
    gaps.inputs.coverage = gpkg;
    gaps.inputs.places = f.villages;
    gaps.out = f.dir.file("gaps");
    try {
        run(gaps);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), gpkg + ": table signal_4g_b: is not on the same grid as signal_4g");
    }
}

TEST(OperatorKeys, FileAndFieldNamesFromOperatorNames) {
    EXPECT_EQ(operator_key("MobiFone", 0), "mobifone");
    EXPECT_EQ(operator_key("Sài Gòn Tel", 0), "sai_gon_tel");
    EXPECT_EQ(operator_key("Điện lực", 0), "dien_luc");
    EXPECT_EQ(operator_key("中国移动", 2), "operator3");
    EXPECT_EQ(operator_keys({"VNPT", "vnpt", "V.N.P.T"}), (std::vector<std::string>{"vnpt", "vnpt_2", "v_n_p_t"}));
}

}  // namespace
}  // namespace phusong
