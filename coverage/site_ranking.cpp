#include "coverage/site_ranking.hpp"

#include <algorithm>
#include <stdexcept>

namespace phusong {
namespace {

/// Coverage state while picks are made.
class CoverState {
public:
    explicit CoverState(const CoverageProblem& p)
        : p_(p), element_covered_(p.element_people.size(), 0), village_count_(p.village_covered),
          village_done_(p.village_needed.size(), 0), commune_done_(p.commune_has_signal),
          village_elements_(p.village_needed.size()), commune_elements_(p.commune_has_signal.size()) {
        for (std::size_t v = 0; v < village_done_.size(); ++v) village_done_[v] = village_count_[v] >= p.village_needed[v];
        for (std::uint32_t e = 0; e < p.element_people.size(); ++e) {
            for (std::uint32_t v : p.element_villages[e]) village_elements_[v].push_back(e);
            const std::int32_t m = p.element_commune[e];
            if (m >= 0) commune_elements_[static_cast<std::size_t>(m)].push_back(e);
        }
    }

    /// What candidate c would add now.
    [[nodiscard]] Gain gain_of(std::size_t c) const {
        Gain g;
        thread_local std::vector<std::uint32_t> touched_villages;
        thread_local std::vector<std::int32_t> touched_communes;
        touched_villages.clear();
        touched_communes.clear();
        for (std::uint32_t e : p_.covers[c]) {
            if (element_covered_[e]) continue;
            g.population += p_.element_people[e];
            for (std::uint32_t v : p_.element_villages[e])
                if (!village_done_[v]) touched_villages.push_back(v);
            const std::int32_t m = p_.element_commune[e];
            if (m >= 0 && !commune_done_[static_cast<std::size_t>(m)]) touched_communes.push_back(m);
        }
        std::sort(touched_villages.begin(), touched_villages.end());
        for (std::size_t i = 0; i < touched_villages.size();) {
            std::size_t j = i;
            while (j < touched_villages.size() && touched_villages[j] == touched_villages[i]) ++j;
            const std::uint32_t v = touched_villages[i];
            if (village_count_[v] + (j - i) >= p_.village_needed[v]) {
                ++g.villages;
                g.village_people += p_.village_people[v];
            }
            i = j;
        }
        std::sort(touched_communes.begin(), touched_communes.end());
        g.communes = static_cast<std::size_t>(std::unique(touched_communes.begin(), touched_communes.end()) - touched_communes.begin());
        return g;
    }

    /// Applies candidate c; returns the elements whose state (or whose village's or commune's) changed.
    std::vector<std::uint32_t> apply(std::size_t c) {
        std::vector<std::uint32_t> changed;
        std::vector<std::uint32_t> villages;
        std::vector<std::int32_t> communes;
        for (std::uint32_t e : p_.covers[c]) {
            if (element_covered_[e]) continue;
            element_covered_[e] = 1;
            changed.push_back(e);
            for (std::uint32_t v : p_.element_villages[e])
                if (!village_done_[v]) {
                    ++village_count_[v];
                    villages.push_back(v);
                }
            const std::int32_t m = p_.element_commune[e];
            if (m >= 0 && !commune_done_[static_cast<std::size_t>(m)]) {
                commune_done_[static_cast<std::size_t>(m)] = 1;
                communes.push_back(m);
            }
        }
        for (std::uint32_t v : villages)
            if (village_count_[v] >= p_.village_needed[v]) village_done_[v] = 1;
        // Every element of a village whose count moved, or of a commune that gained signal, now
        // gains differently (an element may be listed twice; callers only mark what it touches).
        std::sort(villages.begin(), villages.end());
        villages.erase(std::unique(villages.begin(), villages.end()), villages.end());
        for (std::uint32_t v : villages) changed.insert(changed.end(), village_elements_[v].begin(), village_elements_[v].end());
        for (std::int32_t m : communes) {
            const auto& elements = commune_elements_[static_cast<std::size_t>(m)];
            changed.insert(changed.end(), elements.begin(), elements.end());
        }
        return changed;
    }

private:
    const CoverageProblem& p_;
    std::vector<char> element_covered_;
    std::vector<std::size_t> village_count_;
    std::vector<char> village_done_;
    std::vector<char> commune_done_;
    std::vector<std::vector<std::uint32_t>> village_elements_;  ///< elements in each village
    std::vector<std::vector<std::uint32_t>> commune_elements_;  ///< elements in each commune
};

void add(Gain& total, const Gain& g) {
    total.population += g.population;
    total.villages += g.villages;
    total.village_people += g.village_people;
    total.communes += g.communes;
}

}  // namespace

void validate(const CoverageProblem& p) {
    const std::size_t n = p.element_people.size();
    if (p.element_villages.size() != n || p.element_commune.size() != n) throw std::invalid_argument("coverage problem: element arrays differ in size");
    if (p.cost.size() != p.covers.size()) throw std::invalid_argument("coverage problem: one cost per candidate needed");
    if (p.village_covered.size() != p.village_needed.size() || p.village_people.size() != p.village_needed.size())
        throw std::invalid_argument("coverage problem: village arrays differ in size");
    for (std::size_t e = 0; e < n; ++e) {
        for (std::uint32_t v : p.element_villages[e])
            if (v >= p.village_needed.size()) throw std::invalid_argument("coverage problem: village index out of range");
        if (p.element_commune[e] >= static_cast<std::int64_t>(p.commune_has_signal.size()))
            throw std::invalid_argument("coverage problem: commune index out of range");
    }
    for (const auto& elements : p.covers)
        for (std::uint32_t e : elements)
            if (e >= n) throw std::invalid_argument("coverage problem: element index out of range");
}

std::optional<Objective> parse_objective(const std::string& name) {
    if (name == "population") return Objective::Population;
    if (name == "villages") return Objective::Villages;
    if (name == "communes") return Objective::Communes;
    return std::nullopt;
}

const char* to_string(Objective objective) {
    switch (objective) {
        case Objective::Population: return "population";
        case Objective::Villages: return "villages";
        case Objective::Communes: return "communes";
    }
    return "population";
}

double objective_value(const Gain& gain, Objective objective) {
    switch (objective) {
        case Objective::Population: return gain.population;
        case Objective::Villages: return static_cast<double>(gain.villages);
        case Objective::Communes: return static_cast<double>(gain.communes);
    }
    return 0.0;
}

std::vector<Pick> evaluate_sequence(const CoverageProblem& problem, const std::vector<std::size_t>& order) {
    validate(problem);
    CoverState state(problem);
    std::vector<Pick> picks;
    Gain total;
    double spent = 0.0;
    for (std::size_t c : order) {
        const Gain g = state.gain_of(c);
        state.apply(c);
        add(total, g);
        spent += problem.cost[c];
        picks.push_back({c, g, total, problem.cost[c], spent});
    }
    return picks;
}

std::vector<Pick> greedy_select(const CoverageProblem& problem, Objective objective, std::size_t count,
                                std::optional<double> budget) {
    validate(problem);
    const std::size_t n = problem.covers.size();
    // Which candidates cover each element: they are the ones to re-score when it changes.
    std::vector<std::vector<std::uint32_t>> covered_by(problem.element_people.size());
    for (std::size_t c = 0; c < n; ++c)
        for (std::uint32_t e : problem.covers[c]) covered_by[e].push_back(static_cast<std::uint32_t>(c));
    CoverState state(problem);
    std::vector<Gain> gain(n);
    for (std::size_t c = 0; c < n; ++c) gain[c] = state.gain_of(c);
    std::vector<char> picked(n, 0), stale(n, 0);
    std::vector<std::size_t> order;
    double spent = 0.0;
    // Ranking key: the objective (per unit cost under a budget), then people, then lower cost,
    // then input order. People keep the village and commune objectives moving when no single
    // pick completes a village or reaches a commune yet.
    auto better = [&](std::size_t a, std::size_t b) {
        const double va = objective_value(gain[a], objective), vb = objective_value(gain[b], objective);
        const double ka = budget ? va / problem.cost[a] : va, kb = budget ? vb / problem.cost[b] : vb;
        if (ka != kb) return ka > kb;
        const double pa = budget ? gain[a].population / problem.cost[a] : gain[a].population;
        const double pb = budget ? gain[b].population / problem.cost[b] : gain[b].population;
        if (pa != pb) return pa > pb;
        return problem.cost[a] < problem.cost[b];
    };
    while (order.size() < count) {
        std::optional<std::size_t> best;
        for (std::size_t c = 0; c < n; ++c) {
            if (picked[c] || (budget && spent + problem.cost[c] > *budget + 1e-9)) continue;
            if (objective_value(gain[c], objective) <= 0.0 && gain[c].population <= 0.0) continue;
            if (!best || better(c, *best)) best = c;
        }
        if (!best) break;  // nothing left adds anything (or fits the budget)
        picked[*best] = 1;
        order.push_back(*best);
        spent += problem.cost[*best];
        std::vector<std::size_t> rescore;
        for (std::uint32_t e : state.apply(*best))
            for (std::uint32_t c : covered_by[e])
                if (!picked[c] && !stale[c]) {
                    stale[c] = 1;
                    rescore.push_back(c);
                }
        for (std::size_t c : rescore) {
            gain[c] = state.gain_of(c);
            stale[c] = 0;
        }
    }
    if (budget) {
        // Gain per cost alone can be arbitrarily bad (a cheap small site blocking a big one); the
        // better of it and the best single affordable site keeps half the optimum (Khuller et al.).
        const std::vector<Pick> by_ratio = evaluate_sequence(problem, order);
        const double ratio_value = by_ratio.empty() ? 0.0 : objective_value(by_ratio.back().cumulative, objective);
        std::optional<std::size_t> single;
        const CoverState fresh(problem);
        double single_value = 0.0;
        for (std::size_t c = 0; c < n; ++c) {
            if (problem.cost[c] > *budget + 1e-9) continue;
            const double v = objective_value(fresh.gain_of(c), objective);
            if (v > single_value) single_value = v, single = c;
        }
        if (single && single_value > ratio_value) return evaluate_sequence(problem, {*single});
        return by_ratio;
    }
    return evaluate_sequence(problem, order);
}

}  // namespace phusong
