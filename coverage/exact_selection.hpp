// Exact maximal covering (Church & ReVelle 1974) as an integer program solved by GLPK, to
// measure how far greedy selection is from the optimum.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "coverage/site_ranking.hpp"

namespace phusong {

struct ExactResult {
    bool solved = false;                  ///< a selection was found within the time limit (maybe empty)
    bool optimal = false;                 ///< proven optimal within the time limit
    std::vector<std::size_t> selected;    ///< the best selection found, ascending (empty if none)
    double value = 0.0;                   ///< its objective value
    double bound = 0.0;                   ///< upper bound on the optimum (= value when optimal)
    double seconds = 0.0;                 ///< solver time
    [[nodiscard]] double gap() const { return bound > 0.0 ? (bound - value) / bound : 0.0; }
};

/// Maximises the objective over selections of at most `count` candidates (and cost within
/// `budget` when given), within `time_limit_s` seconds. Binary x per candidate; population:
/// elements merged when the same candidates cover them, y ≤ Σ x; villages: binary y per
/// village, needed·y ≤ Σ z over its elements, z ≤ Σ x; communes: y ≤ Σ x over the candidates
/// reaching its demand pixels.
ExactResult exact_select(const CoverageProblem& problem, Objective objective, std::size_t count,
                         std::optional<double> budget, double time_limit_s);

}  // namespace phusong
