#include "coverage/site_ranking.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "coverage/exact_selection.hpp"

namespace phusong {
namespace {

constexpr double kTolPeople = 1e-9;

/// A problem with only population elements (no villages, no communes).
CoverageProblem population_problem(std::vector<double> people, std::vector<std::vector<std::uint32_t>> covers,
                                   std::vector<double> cost = {}) {
    CoverageProblem p;
    p.element_people = std::move(people);
    p.element_villages.assign(p.element_people.size(), {});
    p.element_commune.assign(p.element_people.size(), -1);
    p.covers = std::move(covers);
    p.cost = cost.empty() ? std::vector<double>(p.covers.size(), 1.0) : std::move(cost);
    return p;
}

// Elements: 0 = s1 (2 people), 1 = s2 (2), 2 = a (1.5), 3 = b (3), 4 = c (3).
// Candidates: A = {s1, s2, a} = 5.5 people, B = {s1, b} = 5, C = {s2, c} = 5.
// Two sites: greedy takes A (5.5) then B or C (+3) = 8.5; the optimum is B + C = 10.
CoverageProblem greedy_trap() { return population_problem({2, 2, 1.5, 3, 3}, {{0, 1, 2}, {0, 3}, {1, 4}}); }

TEST(SiteRanking, GreedyPicksTheLargestGainThenWhatIsLeft) {
    const auto picks = greedy_select(greedy_trap(), Objective::Population, 2);
    ASSERT_EQ(picks.size(), 2u);
    EXPECT_EQ(picks[0].candidate, 0u);
    EXPECT_NEAR(picks[0].marginal.population, 5.5, kTolPeople);
    EXPECT_EQ(picks[1].candidate, 1u);  // B and C tie at +3 with equal cost: the earlier wins
    EXPECT_NEAR(picks[1].marginal.population, 3.0, kTolPeople);
    EXPECT_NEAR(picks[1].cumulative.population, 8.5, kTolPeople);
}

TEST(SiteRanking, ExactFindsTheOptimumGreedyMisses) {
    const ExactResult exact = exact_select(greedy_trap(), Objective::Population, 2, std::nullopt, 10.0);
    EXPECT_TRUE(exact.optimal);
    EXPECT_EQ(exact.selected, (std::vector<std::size_t>{1, 2}));
    EXPECT_NEAR(exact.value, 10.0, 1e-6);
    EXPECT_NEAR(exact.gap(), 0.0, 1e-9);
    // Greedy reaches 8.5 / 10 = 0.85 of it, above the 1 − 1/e = 0.632 guarantee.
    EXPECT_GE(8.5 / exact.value, 1.0 - 1.0 / std::exp(1.0));
}

TEST(SiteRanking, MarginalGainsNeverIncrease) {
    // 12 candidates over 40 elements with overlapping, irregular covers.
    std::vector<double> people;
    for (int e = 0; e < 40; ++e) people.push_back(1.0 + (e * 7) % 5);
    std::vector<std::vector<std::uint32_t>> covers(12);
    for (std::uint32_t c = 0; c < 12; ++c)
        for (std::uint32_t e = 0; e < 40; ++e)
            if ((e * 3 + c * 5) % 7 < 3 || e % 12 == c) covers[c].push_back(e);
    const auto picks = greedy_select(population_problem(people, covers), Objective::Population, 12);
    ASSERT_GE(picks.size(), 3u);
    for (std::size_t i = 1; i < picks.size(); ++i)
        EXPECT_LE(picks[i].marginal.population, picks[i - 1].marginal.population + kTolPeople) << i;
}

TEST(SiteRanking, ACandidateThatCoversNothingNewAddsZero) {
    // D covers exactly what B covers: after B it adds nothing, by any measure.
    CoverageProblem p = greedy_trap();
    p.covers.push_back(p.covers[1]);
    p.cost.push_back(1.0);
    const auto picks = evaluate_sequence(p, {1, 3});
    EXPECT_NEAR(picks[1].marginal.population, 0.0, kTolPeople);
    EXPECT_EQ(picks[1].marginal.villages, 0u);
    EXPECT_EQ(picks[1].marginal.communes, 0u);
    EXPECT_NEAR(picks[1].cumulative.population, picks[0].cumulative.population, kTolPeople);
    // Greedy stops rather than pick sites that add nothing: 3 useful picks at most here.
    EXPECT_EQ(greedy_select(p, Objective::Population, 10).size(), 3u);
}

TEST(SiteRanking, VillagesNeedTheirShareAndCommunesAnyPixel) {
    // Village 0 has 4 footprint pixels (elements 0–3), needs 2 covered, has none. Village 1
    // (element 4) is covered already. Commune 0 holds elements 0–3 (no signal yet); commune 1
    // holds element 4 and has signal. X covers element 0, Y element 1, Z element 4.
    CoverageProblem p = population_problem({10, 10, 10, 10, 5}, {{0}, {1}, {4}});
    p.element_villages = {{0}, {0}, {0}, {0}, {1}};
    p.element_commune = {0, 0, 0, 0, 1};
    p.village_needed = {2, 1};
    p.village_covered = {0, 1};
    p.village_people = {40, 5};
    p.commune_has_signal = {0, 1};
    const auto picks = evaluate_sequence(p, {0, 1, 2});
    EXPECT_EQ(picks[0].marginal.villages, 0u);   // 1 of the 2 pixels needed
    EXPECT_EQ(picks[0].marginal.communes, 1u);   // commune 0 gains signal
    EXPECT_EQ(picks[1].marginal.villages, 1u);   // the second pixel completes village 0
    EXPECT_NEAR(picks[1].marginal.village_people, 40.0, kTolPeople);
    EXPECT_EQ(picks[1].marginal.communes, 0u);
    EXPECT_EQ(picks[2].marginal.villages, 0u);   // village 1 was covered already
    EXPECT_EQ(picks[2].marginal.communes, 0u);   // commune 1 had signal
    EXPECT_NEAR(picks[2].marginal.population, 5.0, kTolPeople);
    // By villages, no single pick completes village 0: greedy follows people (X, 10 — ahead of Z's
    // 5), then Y completes the village; exact pairs X and Y as well.
    const auto by_village = greedy_select(p, Objective::Villages, 2);
    ASSERT_EQ(by_village.size(), 2u);
    EXPECT_EQ(by_village[0].candidate, 0u);
    EXPECT_EQ(by_village[1].marginal.villages, 1u);
    const ExactResult exact = exact_select(p, Objective::Villages, 2, std::nullopt, 10.0);
    EXPECT_TRUE(exact.optimal);
    EXPECT_NEAR(exact.value, 1.0, 1e-9);
    EXPECT_EQ(exact.selected, (std::vector<std::size_t>{0, 1}));
    const auto by_commune = greedy_select(p, Objective::Communes, 3);
    ASSERT_EQ(by_commune.size(), 3u);            // X gains commune 0, then people: Y (10), Z (5)
    EXPECT_EQ(by_commune[0].candidate, 0u);
    EXPECT_EQ(by_commune[0].marginal.communes, 1u);
    EXPECT_EQ(by_commune[1].marginal.communes, 0u);
}

TEST(SiteRanking, ElementsNamingAnUnknownVillageOrCommuneAreRefused) {
    CoverageProblem p = population_problem({1, 1}, {{0}, {1}});
    p.village_needed = {1};
    p.village_covered = {0};
    p.village_people = {1};
    p.commune_has_signal = {0};
    p.element_villages = {{0}, {1}};  // village 1 does not exist
    p.element_commune = {0, 0};
    EXPECT_THROW(greedy_select(p, Objective::Villages, 1), std::invalid_argument);
    p.element_villages = {{0}, {0}};
    p.element_commune = {0, 1};  // commune 1 does not exist
    EXPECT_THROW(greedy_select(p, Objective::Communes, 1), std::invalid_argument);
    EXPECT_THROW(exact_select(p, Objective::Communes, 1, std::nullopt, 10.0), std::invalid_argument);
    p.element_commune = {0, 0};
    EXPECT_EQ(greedy_select(p, Objective::Villages, 1).size(), 1u);
}

TEST(SiteRanking, BudgetPicksByGainPerCost) {
    // A: 5.5 people for 5.5; B, C: 5 people for 1 each. Budget 2: B then C (ratio 5, then 3).
    const CoverageProblem p = population_problem({2, 2, 1.5, 3, 3}, {{0, 1, 2}, {0, 3}, {1, 4}}, {5.5, 1.0, 1.0});
    const auto picks = greedy_select(p, Objective::Population, 10, 2.0);
    ASSERT_EQ(picks.size(), 2u);
    EXPECT_EQ(picks[0].candidate, 1u);
    EXPECT_EQ(picks[1].candidate, 2u);
    EXPECT_NEAR(picks[1].cumulative_cost, 2.0, 1e-12);
    const ExactResult exact = exact_select(p, Objective::Population, 10, 2.0, 10.0);
    EXPECT_NEAR(exact.value, 10.0, 1e-6);
    // Budget 5.5 fits A alone or B + C: the optimum is B + C (10 people), ratios agree.
    EXPECT_NEAR(exact_select(p, Objective::Population, 10, 5.5, 10.0).value, 10.0, 1e-6);
}

TEST(SiteRanking, UnderABudgetABigSiteBeatsACheapSmallOne) {
    // Budget 10: A costs 1 for 2 people, B costs 10 for 15. By gain per cost A (2/1) comes
    // first and then B no longer fits; the best single affordable site, B, is better.
    const CoverageProblem p = population_problem({2, 15}, {{0}, {1}}, {1.0, 10.0});
    const auto picks = greedy_select(p, Objective::Population, 5, 10.0);
    ASSERT_EQ(picks.size(), 1u);
    EXPECT_EQ(picks[0].candidate, 1u);
    EXPECT_NEAR(picks[0].cumulative.population, 15.0, kTolPeople);
}

TEST(SiteRanking, ObjectiveNames) {
    EXPECT_EQ(parse_objective("villages"), Objective::Villages);
    EXPECT_FALSE(parse_objective("people"));
}

}  // namespace
}  // namespace phusong
