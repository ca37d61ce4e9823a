// Ranking candidate sites by what they add to the existing network (maximal covering).
//
// The problem is stated over demand elements — the analysed pixels where people live and the
// existing network does not reach — and which of them each candidate would newly cover.
// Villages are covered once enough of their footprint pixels are (their covered share), and
// communes gain signal once any of their demand pixels is covered.
//
// Greedy selection picks, K times, the candidate with the largest marginal gain for the
// objective (gain per unit cost under a budget). After each pick it re-scores only the
// candidates whose gain can have changed — those covering an element just covered, or an
// element of a village or commune whose state just changed — so every gain is exact, whatever
// the objective. Ties (and picks that complete no village or commune yet) go to the larger
// population gain, then the lower cost, then the earlier candidate. Under a budget the result
// is the better of the gain-per-cost picks and the best single affordable site.
// Population and commune gains are submodular, so their greedy gains never increase from one
// pick to the next (and greedy reaches at least 1 − 1/e of the optimum without a budget);
// village gains (a share threshold) need not be.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phusong {

struct CoverageProblem {
    std::vector<double> element_people;                      ///< per demand element, people
    std::vector<std::vector<std::uint32_t>> element_villages; ///< per element: villages whose footprint holds it
    std::vector<std::int32_t> element_commune;                ///< per element: commune index, −1 = none
    std::vector<std::size_t> village_needed;                  ///< per village: covered pixels needed to count as covered
    std::vector<std::size_t> village_covered;                 ///< per village: pixels the existing network covers
    std::vector<double> village_people;
    std::vector<char> commune_has_signal;                     ///< per commune: from the existing network
    std::vector<std::vector<std::uint32_t>> covers;           ///< per candidate: elements it covers (ascending)
    std::vector<double> cost;                                 ///< per candidate (> 0)
};

/// Throws std::invalid_argument unless the arrays agree in size and every index names an
/// existing element, village or commune.
void validate(const CoverageProblem& problem);

enum class Objective { Population, Villages, Communes };

/// "population", "villages", "communes".
std::optional<Objective> parse_objective(const std::string& name);
/// The name parse_objective accepts.
const char* to_string(Objective objective);

/// What a set of picks adds: people, villages newly covered, communes gaining signal.
struct Gain {
    double population = 0.0;
    std::size_t villages = 0;
    double village_people = 0.0;   ///< people of the villages newly covered
    std::size_t communes = 0;
};

struct Pick {
    std::size_t candidate = 0;
    Gain marginal;                 ///< added by this pick, given the earlier ones
    Gain cumulative;               ///< added by this pick and all earlier ones
    double cost = 0.0;
    double cumulative_cost = 0.0;
};

/// The gains of picking `order` one after another (no optimisation): the evaluation greedy
/// uses, also for checking any other selection.
std::vector<Pick> evaluate_sequence(const CoverageProblem& problem, const std::vector<std::size_t>& order);

/// Greedy selection of up to `count` candidates (and within `budget` when given), stopping
/// early when no remaining candidate adds anything (to the objective or to people covered).
std::vector<Pick> greedy_select(const CoverageProblem& problem, Objective objective, std::size_t count,
                                std::optional<double> budget = std::nullopt);

/// The objective's value of a Gain.
double objective_value(const Gain& gain, Objective objective);

}  // namespace phusong
