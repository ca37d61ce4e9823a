// Benchmark: site ranking at province scale (issue 6's figures).
//
// A synthetic 100 km × 80 km mountain terrain at 30 m (seeded sums of sines), 100,000
// population cells in 400 clustered settlements, and 2,000 random candidate sites with 20 km
// reach (4G at 1800 MHz, 30 m masts, omni, covered at −110 dBm, ITM). Prints the time to
// score the candidates at the population cells, to pick 50 sites greedily, and to solve the
// exact covering problem for the first 300 candidates (20 sites, 60 s limit), with greedy's
// share of the optimum.
//
// Usage: phusong_site_ranking [threads=2] [candidates=2000] [cells=100000] [picks=50]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <string>

#include "coverage/candidate_scoring.hpp"
#include "coverage/exact_selection.hpp"
#include "coverage/site_ranking.hpp"

using namespace phusong;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Grid<float> synthetic_terrain(std::size_t width, std::size_t height, double pixel_m) {
    Grid<float> dem({width, height, {0.0, static_cast<double>(height) * pixel_m, pixel_m, pixel_m}, "EPSG:32648"}, 0.0f);
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> phase(0.0, 2.0 * std::numbers::pi), angle(0.0, std::numbers::pi);
    struct Wave { double kx, ky, phase, amplitude; };
    std::vector<Wave> waves;
    for (int octave = 0; octave < 7; ++octave) {
        const double wavelength = 40000.0 / std::pow(2.0, octave), amplitude = 900.0 / std::pow(1.9, octave);
        for (int k = 0; k < 3; ++k) {
            const double a = angle(rng), wn = 2.0 * std::numbers::pi / wavelength;
            waves.push_back({wn * std::cos(a), wn * std::sin(a), phase(rng), amplitude});
        }
    }
    for (std::size_t r = 0; r < height; ++r)
        for (std::size_t c = 0; c < width; ++c) {
            const XY p = dem.spec().centre(c, r);
            double z = 1400.0;
            for (const Wave& w : waves) z += w.amplitude * std::sin(w.kx * p.x + w.ky * p.y + w.phase);
            dem.at(c, r) = static_cast<float>(std::max(z, 150.0));
        }
    return dem;
}

}  // namespace

int main(int argc, char** argv) {
    const unsigned threads = argc > 1 ? static_cast<unsigned>(std::stoul(argv[1])) : 2u;
    const std::size_t n_candidates = argc > 2 ? std::stoul(argv[2]) : 2000;
    const std::size_t n_cells = argc > 3 ? std::stoul(argv[3]) : 100000;
    const std::size_t picks = argc > 4 ? std::stoul(argv[4]) : 50;
    constexpr double kPixelM = 30.0, kWidthM = 100000.0, kHeightM = 80000.0;

    auto start = std::chrono::steady_clock::now();
    const Grid<float> dem = synthetic_terrain(static_cast<std::size_t>(kWidthM / kPixelM), static_cast<std::size_t>(kHeightM / kPixelM), kPixelM);
    std::printf("terrain: %zu x %zu pixels of %.0f m (%.1f s to make)\n", dem.width(), dem.height(), kPixelM, seconds_since(start));

    std::mt19937 rng(5);
    std::uniform_real_distribution<double> ux(2000.0, kWidthM - 2000.0), uy(2000.0, kHeightM - 2000.0), people(1.0, 40.0);
    std::vector<XY> settlements(400);
    for (XY& s : settlements) s = {ux(rng), uy(rng)};
    std::normal_distribution<double> spread(0.0, 600.0);
    std::vector<XY> cells;
    CoverageProblem problem;
    while (cells.size() < n_cells) {
        const XY& s = settlements[cells.size() % settlements.size()];
        const XY p{std::clamp(s.x + spread(rng), 15.0, kWidthM - 15.0), std::clamp(s.y + spread(rng), 15.0, kHeightM - 15.0)};
        cells.push_back(p);
        problem.element_people.push_back(people(rng));
    }
    problem.element_villages.assign(cells.size(), {});
    problem.element_commune.assign(cells.size(), -1);
    std::vector<Transmitter> candidates(n_candidates);
    for (std::size_t c = 0; c < n_candidates; ++c) {
        Transmitter& t = candidates[c];
        t.cell_index = static_cast<std::int32_t>(c);
        t.position = {ux(rng), uy(rng)};
        t.antenna_height = Metres{30.0};
        t.technology = Technology::G4;
        t.frequency = Megahertz{1800.0};
        t.reference_eirp = Dbm{58.0 - 30.8};
    }
    CoverageSettings settings;
    settings.radius = Metres{20000.0};
    settings.threads = threads;

    start = std::chrono::steady_clock::now();
    CandidateCoverage scored = score_candidates(dem, candidates, cells, Dbm{-110.0}, settings);
    const double scoring_s = seconds_since(start);
    std::size_t covered_pairs = 0;
    for (const auto& c : scored.covers) covered_pairs += c.size();
    problem.covers = std::move(scored.covers);
    problem.cost.assign(n_candidates, 1.0);
    std::printf("scoring: %zu candidates x %zu population cells, 20 km reach, %u threads: %.1f s\n"
                "         %zu paths predicted (%.2f us of CPU each), %.0f cells covered per candidate\n",
                n_candidates, n_cells, threads, scoring_s, scored.paths, 1e6 * scoring_s * threads / static_cast<double>(scored.paths),
                static_cast<double>(covered_pairs) / static_cast<double>(n_candidates));

    start = std::chrono::steady_clock::now();
    const std::vector<Pick> greedy = greedy_select(problem, Objective::Population, picks);
    const double greedy_s = seconds_since(start);
    double total = 0.0;
    for (double p : problem.element_people) total += p;
    std::printf("greedy: %zu picks in %.2f s; people newly covered %.0f of %.0f\n", greedy.size(), greedy_s,
                greedy.empty() ? 0.0 : greedy.back().cumulative.population, total);
    std::printf("total (scoring + greedy): %.1f s (goal: under 60 s on 2 cores)\n", scoring_s + greedy_s);

    CoverageProblem small = problem;
    const std::size_t n_exact = std::min<std::size_t>(300, n_candidates);
    small.covers.resize(n_exact);
    small.cost.resize(n_exact);
    const std::size_t k = 20;
    const std::vector<Pick> small_greedy = greedy_select(small, Objective::Population, k);
    const ExactResult exact = exact_select(small, Objective::Population, k, std::nullopt, 60.0);
    const double greedy_value = small_greedy.empty() ? 0.0 : small_greedy.back().cumulative.population;
    std::printf("exact: %zu candidates, %zu sites: %s %.0f in %.1f s (bound %.0f, gap %.3f%%); greedy %.0f = %.2f%% of it\n",
                n_exact, k, exact.optimal ? "optimum" : "best found", exact.value, exact.seconds, exact.bound,
                100.0 * exact.gap(), greedy_value, exact.value > 0 ? 100.0 * greedy_value / exact.value : 100.0);
    return 0;
}
