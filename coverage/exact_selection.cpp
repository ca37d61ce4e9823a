#include "coverage/exact_selection.hpp"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

namespace phusong {
namespace {

struct ProblemDeleter {
    void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

/// Adds a row  Σ coef·col ≤ upper  (1-based GLPK indices).
void add_row(glp_prob* lp, const std::vector<int>& cols, const std::vector<double>& coefs, double upper) {
    const int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, GLP_UP, 0.0, upper);
    std::vector<int> index{0};
    std::vector<double> value{0.0};
    index.insert(index.end(), cols.begin(), cols.end());
    value.insert(value.end(), coefs.begin(), coefs.end());
    glp_set_mat_row(lp, row, static_cast<int>(cols.size()), index.data(), value.data());
}

int add_column(glp_prob* lp, int kind, double upper, double objective) {
    const int col = glp_add_cols(lp, 1);
    glp_set_col_kind(lp, col, kind);
    glp_set_col_bnds(lp, col, GLP_DB, 0.0, upper);
    glp_set_obj_coef(lp, col, objective);
    return col;
}

/// Best bound seen by the branch-and-bound search (maximisation).
struct SearchState {
    double bound = 0.0;
    bool seen = false;
};

void on_search(glp_tree* tree, void* info) {
    auto* state = static_cast<SearchState*>(info);
    const int node = glp_ios_best_node(tree);
    if (node == 0) return;
    state->bound = glp_ios_node_bound(tree, node);
    state->seen = true;
}

}  // namespace

ExactResult exact_select(const CoverageProblem& p, Objective objective, std::size_t count, std::optional<double> budget,
                         double time_limit_s) {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t n = p.covers.size();
    ExactResult out;
    validate(p);
    if (n == 0 || count == 0) return out;
    std::vector<std::vector<std::uint32_t>> covered_by(p.element_people.size());
    for (std::size_t c = 0; c < n; ++c)
        for (std::uint32_t e : p.covers[c]) covered_by[e].push_back(static_cast<std::uint32_t>(c));

    glp_term_out(GLP_OFF);
    std::unique_ptr<glp_prob, ProblemDeleter> owner{glp_create_prob()};
    glp_prob* lp = owner.get();
    glp_set_obj_dir(lp, GLP_MAX);
    std::vector<int> x(n);
    for (std::size_t c = 0; c < n; ++c) x[c] = add_column(lp, GLP_BV, 1.0, 0.0);
    auto x_of = [&](const std::vector<std::uint32_t>& candidates) {
        std::vector<int> cols;
        for (std::uint32_t c : candidates) cols.push_back(x[c]);
        return cols;
    };

    switch (objective) {
        case Objective::Population: {
            // Elements covered by the same candidates behave alike: one variable for all of them.
            std::map<std::vector<std::uint32_t>, double> people_by_cover;
            for (std::size_t e = 0; e < p.element_people.size(); ++e)
                if (!covered_by[e].empty() && p.element_people[e] > 0) people_by_cover[covered_by[e]] += p.element_people[e];
            for (const auto& [candidates, people] : people_by_cover) {
                const int y = add_column(lp, GLP_CV, 1.0, people);
                std::vector<int> cols{y};
                std::vector<double> coefs{1.0};
                for (int col : x_of(candidates)) cols.push_back(col), coefs.push_back(-1.0);
                add_row(lp, cols, coefs, 0.0);
            }
            break;
        }
        case Objective::Villages: {
            std::vector<std::vector<std::uint32_t>> village_elements(p.village_needed.size());
            for (std::size_t e = 0; e < p.element_people.size(); ++e)
                if (!covered_by[e].empty())
                    for (std::uint32_t v : p.element_villages[e]) village_elements[v].push_back(static_cast<std::uint32_t>(e));
            std::map<std::uint32_t, int> z;  // element → its column
            for (std::size_t v = 0; v < village_elements.size(); ++v) {
                if (p.village_covered[v] >= p.village_needed[v]) continue;
                const std::size_t missing = p.village_needed[v] - p.village_covered[v];
                if (village_elements[v].size() < missing) continue;  // no selection can cover it
                const int y = add_column(lp, GLP_BV, 1.0, 1.0);
                std::vector<int> cols{y};
                std::vector<double> coefs{static_cast<double>(missing)};
                for (std::uint32_t e : village_elements[v]) {
                    auto [it, fresh] = z.try_emplace(e, 0);
                    if (fresh) {
                        it->second = add_column(lp, GLP_CV, 1.0, 0.0);
                        std::vector<int> zc{it->second};
                        std::vector<double> zk{1.0};
                        for (int col : x_of(covered_by[e])) zc.push_back(col), zk.push_back(-1.0);
                        add_row(lp, zc, zk, 0.0);
                    }
                    cols.push_back(it->second);
                    coefs.push_back(-1.0);
                }
                add_row(lp, cols, coefs, 0.0);
            }
            break;
        }
        case Objective::Communes: {
            std::map<std::int32_t, std::vector<std::uint32_t>> reaching;  // commune → candidates
            for (std::size_t e = 0; e < p.element_people.size(); ++e) {
                const std::int32_t m = p.element_commune[e];
                if (m < 0 || p.commune_has_signal[static_cast<std::size_t>(m)]) continue;
                auto& list = reaching[m];
                list.insert(list.end(), covered_by[e].begin(), covered_by[e].end());
            }
            for (auto& [commune, candidates] : reaching) {
                std::sort(candidates.begin(), candidates.end());
                candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
                if (candidates.empty()) continue;
                const int y = add_column(lp, GLP_CV, 1.0, 1.0);
                std::vector<int> cols{y};
                std::vector<double> coefs{1.0};
                for (int col : x_of(candidates)) cols.push_back(col), coefs.push_back(-1.0);
                add_row(lp, cols, coefs, 0.0);
            }
            break;
        }
    }
    std::vector<double> ones(n, 1.0);
    add_row(lp, x, ones, static_cast<double>(count));
    if (budget) add_row(lp, x, p.cost, *budget);

    // The LP relaxation first, under the time limit (GLPK's presolver would solve it without
    // one); its optimum bounds the integer optimum. Then branch and bound with the time left.
    const double limit_s = std::clamp(time_limit_s, 0.001, 2.0e6);
    glp_smcp lp_params;
    glp_init_smcp(&lp_params);
    lp_params.msg_lev = GLP_MSG_OFF;
    lp_params.tm_lim = static_cast<int>(limit_s * 1000.0);
    const int lp_code = glp_simplex(lp, &lp_params);
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    if (lp_code != 0 || glp_get_status(lp) != GLP_OPT) {
        out.seconds = elapsed();
        return out;  // no bound and no solution within the limit
    }
    const double lp_bound = glp_get_obj_val(lp);
    glp_iocp params;
    glp_init_iocp(&params);
    params.presolve = GLP_OFF;
    params.msg_lev = GLP_MSG_OFF;
    params.tm_lim = static_cast<int>(std::max(0.001, limit_s - elapsed()) * 1000.0);
    SearchState state;
    params.cb_func = on_search;
    params.cb_info = &state;
    const int code = glp_intopt(lp, &params);
    const int status = glp_mip_status(lp);
    out.seconds = elapsed();
    if (code != 0 && code != GLP_ETMLIM && code != GLP_EMIPGAP && code != GLP_ENOPFS && code != GLP_ENODFS)
        throw std::runtime_error("GLPK failed (glp_intopt code " + std::to_string(code) + ")");
    if (status == GLP_OPT || status == GLP_FEAS) {
        out.value = glp_mip_obj_val(lp);
        for (std::size_t c = 0; c < n; ++c)
            if (glp_mip_col_val(lp, x[c]) > 0.5) out.selected.push_back(c);
    }
    out.solved = status == GLP_OPT || status == GLP_FEAS;
    out.optimal = status == GLP_OPT;
    const double search_bound = state.seen ? state.bound : lp_bound;
    out.bound = out.optimal ? out.value : std::max(out.value, std::min(lp_bound, search_bound));
    return out;
}

}  // namespace phusong
