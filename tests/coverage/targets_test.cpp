#include "coverage/targets.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "geo/errors.hpp"

namespace phusong {
namespace {

const std::vector<Technology> kTechs{Technology::G3, Technology::G4};

PlaceOutcome village(double people, const char* district, bool g3, bool g4) {
    return {people, district, {g3, g4}, {g3 ? people : 0.0, g4 ? people : 0.0}, g3 || g4, g3 || g4, std::nullopt};
}

// Four villages of 100, 200, 300, 400 people; 3G reaches the 100 and 300 ones, 4G only the 300.
const std::vector<PlaceOutcome> kVillages{village(100, "A", true, false), village(200, "A", false, false),
                                          village(300, "B", true, true), village(400, "B", false, false)};
const std::vector<PlaceOutcome> kCommunes{{600, "A", {true, false}, {100, 0}, true, false, std::nullopt},
                                          {400, "B", {false, false}, {0, 0}, false, false, std::nullopt}};

/// The scope of district `d`, any operator, every village.
MetricScope district(const char* d) { return {d, "", false}; }

TEST(TargetMetrics, HandCountedValues) {
    const MetricValues m = compute_metrics(kTechs, kVillages, kCommunes);
    EXPECT_DOUBLE_EQ(m.at("villages_with_3g_share"), 0.5);    // 2 of 4
    EXPECT_DOUBLE_EQ(m.at("villages_with_4g_share"), 0.25);   // 1 of 4
    EXPECT_DOUBLE_EQ(m.at("communes_with_signal_share"), 0.5);
    EXPECT_DOUBLE_EQ(m.at("population_3g_share"), 0.4);       // (100 + 300) / 1000
    EXPECT_DOUBLE_EQ(m.at("covered_population_4g"), 300.0);
    EXPECT_DOUBLE_EQ(m.at("uncovered_population_4g"), 700.0);
    EXPECT_DOUBLE_EQ(m.at("uncovered_population_3g"), 600.0);   // the 200 and 400 villages
}

TEST(TargetMetrics, DistrictsAddUpToTheWholeArea) {
    const auto scopes = metrics_by_scope(kTechs, kVillages, kCommunes);
    ASSERT_EQ(scopes.size(), 3u);  // whole area, A, B
    EXPECT_DOUBLE_EQ(scopes.at(district("A")).at("villages_with_3g_share"), 0.5);
    EXPECT_DOUBLE_EQ(scopes.at(district("B")).at("population_4g_share"), 300.0 / 700.0);
    for (const char* metric : {"covered_population_3g", "uncovered_population_3g", "covered_population_4g"})
        EXPECT_DOUBLE_EQ(scopes.at(district("A")).at(metric) + scopes.at(district("B")).at(metric), scopes.at({}).at(metric)) << metric;
}

TEST(TargetMetrics, PopulationFromCommunesWhenNoVillages) {
    const MetricValues m = compute_metrics(kTechs, {}, kCommunes);
    EXPECT_FALSE(m.contains("villages_with_3g_share"));
    EXPECT_DOUBLE_EQ(m.at("population_3g_share"), 0.1);  // 100 of 1000 people (commune covered shares)
}

constexpr const char* kFile = R"(# targets of the plan
[villages_with_3g_share]
min = 0.5

; one district
[villages_with_3g_share]
district = B
min = 0.6
[uncovered_population_4g]
max = 650
)";

TEST(Targets, ParseAndCheck) {
    const auto targets = parse_targets(kFile, "t.ini");
    ASSERT_EQ(targets.size(), 3u);
    EXPECT_EQ(targets[1].district, "B");
    EXPECT_EQ(targets[1].line, 6u);
    const auto outcomes = check_targets(targets, metrics_by_scope(kTechs, kVillages, kCommunes), "t.ini");
    EXPECT_TRUE(outcomes[0].passed);    // 0.5 ≥ 0.5: the bound is inclusive
    EXPECT_FALSE(outcomes[1].passed);   // district B: 1 of 2 = 0.5 < 0.6
    EXPECT_FALSE(outcomes[2].passed);   // 700 uncovered > 650
    const std::string table = format_target_table(outcomes);
    EXPECT_NE(table.find("PASS"), std::string::npos);
    EXPECT_NE(table.find("FAIL"), std::string::npos);
}

TEST(Targets, TableAlignsVietnameseNamesByCharacters) {
    // "Sìn Hồ" is 6 characters but 9 bytes (ì and ồ take 2 and 3), and in NFD ("i" + U+0300,
    // "o" + U+0302 + U+0300) 12 bytes: the target column starts at the same character either way.
    TargetOutcome plain, nfc, nfd;
    plain.target.metric = nfc.target.metric = nfd.target.metric = "villages_with_4g_share";
    plain.target.min = nfc.target.min = nfd.target.min = 0.5;
    plain.target.district = "Tam Dg";           // 6 ASCII characters
    nfc.target.district = "S\u00ecn H\u1ed3";    // Sìn Hồ, precomposed
    nfd.target.district = "Si\u0300n Ho\u0302\u0300";
    auto columns_before_target = [](const std::string& table, int line) {
        std::istringstream in(table);
        std::string row;
        for (int i = 0; i <= line; ++i) std::getline(in, row);
        const std::size_t at = row.find(">=");
        std::size_t characters = 0;
        for (std::size_t i = 0; i < at; ++i) {
            const auto c = static_cast<unsigned char>(row[i]);
            if ((c & 0xC0) != 0x80) ++characters;
        }
        return characters;
    };
    const std::string table = format_target_table({plain, nfc, nfd});
    EXPECT_EQ(columns_before_target(table, 1), columns_before_target(table, 2)) << table;
    // NFD: its three combining marks take no column, as a terminal draws them.
    EXPECT_EQ(columns_before_target(table, 1) + 3, columns_before_target(table, 3)) << table;
}

std::string error_of(const std::string& text) {
    try {
        parse_targets(text, "t.ini");
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Targets, MalformedFilesNameTheLine) {
    EXPECT_EQ(error_of("[villages_with_6g_share]\nmin = 1\n").rfind("t.ini: line 1: unknown metric 'villages_with_6g_share'", 0), 0u);
    EXPECT_EQ(error_of("min = 0.5\n"), "t.ini: line 1: 'min = 0.5' is outside any [metric] section");
    EXPECT_EQ(error_of("[population_3g_share]\nmin = most\n"), "t.ini: line 2: 'most' is not a number");
    EXPECT_EQ(error_of("[population_3g_share]\nmin = 95\n"), "t.ini: line 2: a share is a fraction in [0, 1], found 95");
    EXPECT_EQ(error_of("[population_3g_share]\n\n[villages_with_3g_share]\nmin=1\n"),
              "t.ini: line 1: target [population_3g_share] has neither min nor max");
    EXPECT_EQ(error_of("[population_3g_share]\nmin = 0.9\nmax = 0.8\n"),
              "t.ini: line 1: target [population_3g_share] has min greater than max");
    EXPECT_EQ(error_of("[population_3g_share]\ngoal = 0.9\n"),
              "t.ini: line 2: unknown key 'goal' (expected min, max, district, operator or powered)");
    EXPECT_EQ(error_of("[population_3g_share]\npowered = no\nmin = 0.5\n"),
              "t.ini: line 2: powered takes 'yes' (count only the villages with grid power), not 'no'");
    EXPECT_EQ(error_of("[population_3g_share\n"), "t.ini: line 1: section header must end with ']'");
    EXPECT_EQ(error_of("# nothing\n"), "t.ini: holds no target");
    // The last of two values silently won before.
    EXPECT_EQ(error_of("[population_3g_share]\nmin = 0.9\nmin = 0.5\n"), "t.ini: line 3: 'min' given twice in [population_3g_share]");
}

TEST(Targets, UnmeasurableTargetsAreInputErrors) {
    const auto scopes = metrics_by_scope(kTechs, kVillages, kCommunes);
    const auto district = parse_targets("[population_3g_share]\ndistrict = Z\nmin = 0.1\n", "t.ini");
    EXPECT_THROW(check_targets(district, scopes, "t.ini"), InputError);
    const auto g5 = parse_targets("[villages_with_5g_share]\nmin = 0.1\n", "t.ini");  // 5G not analysed
    try {
        check_targets(g5, scopes, "t.ini");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("t.ini: line 1: metric 'villages_with_5g_share' cannot be measured", 0), 0u)
            << e.what();
    }
}

// The issue's hand-worked case: two operators, three villages of 100 people each, 4G only.
// Operator A covers village 1 (its disc and its point), B covers village 2; nobody covers village 3.
PlaceOutcome seen(bool covered, std::optional<bool> powered = std::nullopt) {
    PlaceOutcome p{100.0, "", {covered}, {covered ? 100.0 : 0.0}, covered, covered, powered};
    return p;
}

ScopedMetrics two_operators(std::optional<bool> power1 = std::nullopt, std::optional<bool> power2 = std::nullopt,
                            std::optional<bool> power3 = std::nullopt) {
    const std::vector<Technology> g4{Technology::G4};
    return metrics_by_scope(g4, std::vector<NetworkOutcomes>{
                                    {"", {seen(true, power1), seen(true, power2), seen(false, power3)}, {}},
                                    {"A", {seen(true, power1), seen(false, power2), seen(false, power3)}, {}},
                                    {"B", {seen(false, power1), seen(true, power2), seen(false, power3)}, {}}});
}

TEST(TargetMetrics, PerOperatorSharesAndVillagesWithoutSignal) {
    const ScopedMetrics m = two_operators();
    EXPECT_DOUBLE_EQ(m.at({"", "A", false}).at("villages_with_4g_share"), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.at({"", "B", false}).at("villages_with_4g_share"), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.at({}).at("villages_with_4g_share"), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.at({}).at("villages_without_signal"), 1.0);            // village 3
    EXPECT_DOUBLE_EQ(m.at({}).at("villages_without_signal_share"), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.at({"", "A", false}).at("villages_without_signal"), 2.0);  // A alone misses villages 2 and 3
    EXPECT_FALSE(m.contains({"", "", true}));  // power unknown: no powered scope
}

TEST(Targets, OperatorScopedTargets) {
    const ScopedMetrics m = two_operators();
    // A has 1/3 of the villages: min 0.3 passes, min 0.5 fails; any operator has 2/3.
    const auto targets = parse_targets("[villages_with_4g_share]\noperator = A\nmin = 0.3\n"
                                       "[villages_with_4g_share]\noperator = B\nmin = 0.5\n"
                                       "[villages_with_4g_share]\nmin = 0.5\n"
                                       "[villages_without_signal]\nmax = 0\n",
                                       "t.ini");
    ASSERT_EQ(targets[0].operator_name, "A");
    const auto outcomes = check_targets(targets, m, "t.ini");
    EXPECT_TRUE(outcomes[0].passed);
    EXPECT_FALSE(outcomes[1].passed);
    EXPECT_TRUE(outcomes[2].passed);
    EXPECT_FALSE(outcomes[3].passed);  // one village without signal > 0
    EXPECT_NE(format_target_table(outcomes).find("operator B"), std::string::npos);
    try {
        check_targets(parse_targets("[villages_with_4g_share]\noperator = C\nmin = 0.1\n", "t.ini"), m, "t.ini");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "t.ini: line 1: no operator named 'C' among the analysed cells (operators: 'A', 'B')");
    }
}

TEST(Targets, PoweredVillagesOnly) {
    // Villages 1 and 3 have grid power, village 2 not: of the powered, 1 of 2 has 4G and 1 of 2 no signal.
    const ScopedMetrics m = two_operators(true, false, true);
    EXPECT_DOUBLE_EQ(m.at({"", "", true}).at("villages_with_4g_share"), 0.5);
    EXPECT_DOUBLE_EQ(m.at({"", "", true}).at("villages_without_signal"), 1.0);
    EXPECT_DOUBLE_EQ(m.at({"", "", true}).at("covered_population_4g"), 100.0);
    EXPECT_DOUBLE_EQ(m.at({"", "B", true}).at("villages_with_4g_share"), 0.0);  // B covers only the unpowered village 2
    const auto outcomes = check_targets(parse_targets("[villages_with_4g_share]\npowered = yes\nmin = 0.6\n"
                                                      "[villages_with_4g_share]\nmin = 0.6\n",
                                                      "t.ini"),
                                        m, "t.ini");
    EXPECT_FALSE(outcomes[0].passed);  // 0.5 of the powered villages
    EXPECT_TRUE(outcomes[1].passed);   // 2/3 of all villages
    try {
        check_targets(parse_targets("[villages_with_4g_share]\npowered = yes\nmin = 0.1\n", "t.ini"), two_operators(), "t.ini");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "t.ini: line 1: powered = yes needs the villages' power: give --village-power-field, naming a field "
                               "with yes or no for some village");
    }
}

TEST(Targets, NoPoweredVillageCountsZeroButHasNoShare) {
    const ScopedMetrics m = two_operators(false, false, false);
    EXPECT_DOUBLE_EQ(m.at({"", "", true}).at("villages_without_signal"), 0.0);
    EXPECT_FALSE(m.at({"", "", true}).contains("villages_with_4g_share"));
    EXPECT_TRUE(check_targets(parse_targets("[villages_without_signal]\npowered = yes\nmax = 0\n", "t.ini"), m, "t.ini")[0].passed);
    try {
        check_targets(parse_targets("[villages_with_4g_share]\npowered = yes\nmin = 0.5\n", "t.ini"), m, "t.ini");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("no village of this scope has grid power"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace phusong
