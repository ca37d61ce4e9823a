// `phusong compare` on two runs whose difference is worked out by hand: flat ground, free space,
// a second mast added beside a village (tests/cli/two_operator_scene.hpp).
#include <gtest/gtest.h>

#include <filesystem>

#include "io/csv_table.hpp"
#include "tests/cli/cli_fixture.hpp"
#include "tests/cli/two_operator_scene.hpp"

namespace phusong {
namespace {

using test::CliFixture;
using test::read_file;

/// The two-operator scene: before, SA only; after, SA and SB.
std::vector<std::string> analyze(CliFixture& f, bool with_sb, const std::string& out) {
    return test::two_operator_analyze(f, with_sb, out, "[villages_with_4g_share]\nmin = 0.5\n[villages_without_signal]\nmax = 1\n");
}

TEST(Compare, ReportsExactlyTheVillagesWhoseVerdictChanged) {
    CliFixture f;
    const std::string before = f.dir.file("before"), after = f.dir.file("after"), out = f.dir.file("cmp");
    ASSERT_EQ(test::run_phusong(analyze(f, false, before)).exit_status, 3);  // 1 of 3 villages < 0.5
    ASSERT_EQ(test::run_phusong(analyze(f, true, after)).exit_status, 0);
    const test::CommandResult r = test::run_phusong({"compare", "--before", before, "--after", after, "--out", out});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_EQ(r.out, "1 village verdict(s) gained and 0 lost (any operator, all technologies), 2 target(s) changed state; see " +
                         out + "/compare.md\n");
    // Only V2 changes, in the network of every operator (operator B is new, so not compared alone;
    // A's own coverage is as it was).
    const CsvTable t = read_csv_file(out + "/compare.csv");
    ASSERT_EQ(t.records.size(), 1u);
    auto field = [&](const char* name) { return t.records[0].fields[*t.column(name)]; };
    EXPECT_EQ(field("name"), "V2");
    EXPECT_EQ(field("operator"), "");  // the network of every operator
    EXPECT_EQ(field("tech"), "4g");
    EXPECT_EQ(field("change"), "gained");
    EXPECT_EQ(field("population"), "150");
    const std::string md = read_file(out + "/compare.md");
    EXPECT_NE(md.find("| any operator | 4G | 1 / 3 | 2 / 3 | 1 | 0 | 150 | 0 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| A | 4G | 1 / 3 | 1 / 3 | 0 | 0 | 0 | 0 |"), std::string::npos) << md;
    // 1/3 → 2/3 passes 0.5; villages without signal 2 → 1 passes max 1.
    EXPECT_NE(md.find("| villages_with_4g_share ≥ 0.5 | whole area | 0.3333333333333333 | 0.6666666666666666 | PASS |"),
              std::string::npos) << md;
    EXPECT_NE(md.find("| villages_without_signal ≤ 1 | whole area | 2 | 1 | PASS |"), std::string::npos) << md;
}

TEST(Compare, CountsCommunesToo) {
    // The fixture's commune, 4.118 km x 4.430 km = 18.24 km², people spread evenly: SA's 1 km disc lies
    // inside it (3.14 km², 17 %); SB stands on its east edge, half its disc inside (+1.57 km², 26 % in
    // all). At a covered share of 0.2 the commune is covered after, not before.
    CliFixture f;
    const std::string before = f.dir.file("before"), after = f.dir.file("after"), out = f.dir.file("cmp");
    for (const auto& [with_sb, folder] : {std::pair{false, before}, std::pair{true, after}}) {
        std::vector<std::string> args = analyze(f, with_sb, folder);
        args.insert(args.end(), {"--communes", f.communes, "--commune-covered-share", "0.2"});
        test::run_phusong(args);
    }
    const test::CommandResult r = test::run_phusong({"compare", "--before", before, "--after", after, "--out", out});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(r.out.find("1 commune verdict(s) gained and 0 lost"), std::string::npos) << r.out;
    EXPECT_NE(read_file(out + "/compare.md").find("| any operator | 4G | 0 / 1 | 1 / 1 | 1 | 0 |"), std::string::npos);
}

TEST(Compare, MissingRunAndOutputInsideARunAreNamed) {
    CliFixture f;
    const test::CommandResult missing =
        test::run_phusong({"compare", "--before", f.dir.file("nothing"), "--after", f.dir.file("nothing2"), "--out", f.dir.file("c")});
    EXPECT_EQ(missing.exit_status, 2);
    EXPECT_NE(missing.err.find(f.dir.file("nothing") + "/summary.json"), std::string::npos) << missing.err;
    const std::string before = f.dir.file("before");
    ASSERT_EQ(test::run_phusong(analyze(f, false, before)).exit_status, 3);
    const test::CommandResult inside = test::run_phusong({"compare", "--before", before, "--after", before, "--out", before});
    EXPECT_EQ(inside.exit_status, 2);
    EXPECT_NE(inside.err.find("inputs are never overwritten"), std::string::npos) << inside.err;
    // Another run's folder as --out: its outputs would be cleaned away.
    const std::string other = f.dir.file("other");
    ASSERT_EQ(test::run_phusong(analyze(f, true, other)).exit_status, 0);
    const test::CommandResult onto = test::run_phusong({"compare", "--before", before, "--after", before + "/", "--out", other});
    EXPECT_EQ(onto.exit_status, 2);
    EXPECT_NE(onto.err.find("holds the outputs of a run"), std::string::npos) << onto.err;
    EXPECT_TRUE(std::filesystem::exists(other + "/places.csv"));
}

TEST(Compare, PlacesNumberedDifferentlyAreRefusedUnlessAStableIdIsGiven) {
    CliFixture f;
    const std::string before = f.dir.file("before"), after = f.dir.file("after");
    const std::string in_order = [&] {
        analyze(f, false, before);
        return read_file(f.villages);
    }();
    // The same villages in another order (V3 first): by feature number V1 would meet V3.
    const auto v3 = in_order.find("{\"type\":\"Feature\",\"properties\":{\"name\":\"V3\"");
    const auto v3_end = in_order.find("]}}", v3) + 3;
    const auto first = in_order.find("{\"type\":\"Feature\"");
    const std::string reordered = in_order.substr(0, first) + in_order.substr(v3, v3_end - v3) + "," +
                                  in_order.substr(first, in_order.rfind(',', v3) - first) + in_order.substr(v3_end);
    auto run_both = [&](const std::vector<std::string>& extra) {  // analyze() writes the inputs it names
        std::vector<std::string> a = analyze(f, false, before);
        a.insert(a.end(), extra.begin(), extra.end());
        test::write_file(f.villages, in_order);
        EXPECT_EQ(test::run_phusong(a).exit_status, 3);
        std::vector<std::string> b = analyze(f, true, after);
        b.insert(b.end(), extra.begin(), extra.end());
        test::write_file(f.villages, reordered);
        EXPECT_EQ(test::run_phusong(b).exit_status, 0);
    };
    run_both({});
    const test::CommandResult refused = test::run_phusong({"compare", "--before", before, "--after", after, "--out", f.dir.file("c1")});
    EXPECT_EQ(refused.exit_status, 2);
    EXPECT_NE(refused.err.find("number their places differently"), std::string::npos) << refused.err;
    run_both({"--id-field", "name"});
    const test::CommandResult matched = test::run_phusong({"compare", "--before", before, "--after", after, "--out", f.dir.file("c2")});
    ASSERT_EQ(matched.exit_status, 0) << matched.err;
    const CsvTable changes = read_csv_file(f.dir.file("c2") + "/compare.csv");
    ASSERT_EQ(changes.records.size(), 1u);
    EXPECT_EQ(changes.records[0].fields[*changes.column("id")], "V2");
}

}  // namespace
}  // namespace phusong
