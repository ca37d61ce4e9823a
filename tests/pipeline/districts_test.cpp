// --district: an analysis restricted to some districts equals the same analysis of the places
// clipped to them by hand, and the maps draw the districts' boundaries.
#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "pipeline/run.hpp"
#include "tests/cli/cli_fixture.hpp"
#include "tests/pipeline/pipeline_fixture.hpp"

namespace phusong {
namespace {

using test::CliFixture;

/// Communes 'Xa Tay' (district A, west half of the fixture's square) and 'Xa Dong' (district B,
/// east half); villages V0, V1 in A (V1 names no district: it lies in Xa Tay) and V2 in B.
std::string communes(bool west, bool east) {
    std::string features;
    if (west)
        features += R"({"type":"Feature","properties":{"name":"Xa Tay","district":"A","population":300},"geometry":{"type":"Polygon",
            "coordinates":[[[103.23,22.33],[103.25,22.33],[103.25,22.37],[103.23,22.37],[103.23,22.33]]]}})";
    if (east)
        features += std::string(west ? "," : "") + R"({"type":"Feature","properties":{"name":"Xa Dong","district":"B","population":200},
            "geometry":{"type":"Polygon","coordinates":[[[103.25,22.33],[103.27,22.33],[103.27,22.37],[103.25,22.37],[103.25,22.33]]]}})";
    return R"({"type":"FeatureCollection","name":"communes","features":[)" + features + "]}";
}

std::string villages(bool west, bool east) {
    std::vector<std::string> v;
    if (west) {
        v.push_back(R"({"type":"Feature","properties":{"name":"V0","district":"A","population":120},"geometry":{"type":"Point","coordinates":[103.24,22.345]}})");
        v.push_back(R"({"type":"Feature","properties":{"name":"V1","district":"","population":80},"geometry":{"type":"Point","coordinates":[103.245,22.36]}})");
    }
    if (east)
        v.push_back(R"({"type":"Feature","properties":{"name":"V2","district":"B","population":150},"geometry":{"type":"Point","coordinates":[103.26,22.352]}})");
    std::string out = R"({"type":"FeatureCollection","name":"villages","features":[)";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
    return out + "]}";
}

RunConfig config(const CliFixture& f) { return test::fixture_config(f); }

TEST(PipelineDistricts, RestrictedRunEqualsTheRunOfThePlacesClippedByHand) {
    CliFixture restricted, clipped;
    test::write_file(restricted.communes, communes(true, true));
    test::write_file(restricted.villages, villages(true, true));
    test::write_file(clipped.communes, communes(true, false));
    test::write_file(clipped.villages, villages(true, false));
    RunConfig r = config(restricted);
    r.districts = {"A"};
    const auto a = run(r);
    const auto b = run(config(clipped));
    ASSERT_EQ(a->prepared.villages.size(), 2u);  // V0 by its field, V1 by its commune
    ASSERT_EQ(a->prepared.communes.size(), 1u);
    EXPECT_TRUE(a->prepared.grid == b->prepared.grid);
    EXPECT_EQ(test::read_file(restricted.out + "/places.csv"), test::read_file(clipped.out + "/places.csv"));
    EXPECT_EQ(test::read_file(restricted.out + "/dead_zones.csv"), test::read_file(clipped.out + "/dead_zones.csv"));
    EXPECT_EQ(a->result.metrics, b->result.metrics);
}

TEST(PipelineDistricts, BoundariesFromTheCommunesOrFromAFile) {
    CliFixture f;
    test::write_file(f.communes, communes(true, true));
    test::write_file(f.villages, villages(true, true));
    RunConfig c = config(f);
    const auto derived = run(c);
    ASSERT_EQ(derived->prepared.districts.size(), 2u);  // A and B, each its one commune's outline
    EXPECT_EQ(derived->prepared.districts[0].first, "A");
    // A file of outlines without people, named by the district field.
    c.inputs.districts = f.dir.file("districts.geojson");
    test::write_file(c.inputs.districts, R"({"type":"FeatureCollection","name":"districts","features":[
        {"type":"Feature","properties":{"district":"Huyen Mot"},"geometry":{"type":"Polygon",
         "coordinates":[[[103.22,22.32],[103.28,22.32],[103.28,22.38],[103.22,22.38],[103.22,22.32]]]}}]})");
    const auto given = run(c);
    ASSERT_EQ(given->prepared.districts.size(), 1u);
    EXPECT_EQ(given->prepared.districts[0].first, "Huyen Mot");
}

TEST(PipelineDistricts, ANameWithACommaIsTakenWhole) {
    CliFixture f;
    std::string c = communes(true, true);
    c.replace(c.find("\"district\":\"A\""), 14, "\"district\":\"Than Uyên, Mới\"");
    test::write_file(f.communes, c);
    test::write_file(f.villages, villages(false, true));
    RunConfig r = config(f);
    r.districts = {"Than Uyên, Mới"};
    const auto whole = run(r);
    ASSERT_EQ(whole->prepared.communes.size(), 1u);
    EXPECT_EQ(whole->prepared.communes[0].district, "Than Uyên, Mới");
    r.districts = {"B, Than Uyên, Mới"};  // not a name: a list, whose 'Than Uyên' is unknown
    EXPECT_THROW(run(r), InputError);
}

TEST(PipelineDistricts, UnknownDistrictIsNamedWithTheKnownOnes) {
    CliFixture f;
    test::write_file(f.communes, communes(true, true));
    test::write_file(f.villages, villages(true, true));
    RunConfig c = config(f);
    c.districts = {"A", "Sin Ho"};
    try {
        run(c);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "--district: no place names the district 'Sin Ho' in its field 'district' (districts: 'A', 'B')");
    }
}

}  // namespace
}  // namespace phusong
