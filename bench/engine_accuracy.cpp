// Benchmark: the sweep engine against the per-pixel engine for one ITM site, with ITM's own
// sensitivity to a quarter-pixel move of the receiver measured on the same terrain.
//
// Predicts one omni site (30 m mast, 1845 MHz, receivers 1.5 m) with both engines, then over
// every pixel both reach prints the differences sweep − per-pixel (dB): median |Δ|, mean Δ,
// 95th percentile |Δ|, share within 1 dB, and both wall times. For a seeded random sample of
// pixels it computes ITM over the straight profile to the pixel centre and to a point a
// quarter pixel away in a random direction (bench/exact_itm.hpp), and prints the same
// percentiles of that change side by side.
//
// Usage: phusong_engine_accuracy DEM LON LAT [radius_km=35] [resolution_m=90] [threads=2]
//                                [jitter_samples=4000] [samples_per_step=2] [max_ray_gap_steps=0.5]
//                                [exact_delta_h_samples=16] [delta_h_knot_spacing=0.125]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "bench/exact_itm.hpp"
#include "bench/one_site.hpp"

using namespace phusong;

namespace {

struct Stats {
    double median_abs = 0, mean = 0, p95_abs = 0, within_1db = 0;
    std::size_t count = 0;
};

Stats stats_of(std::vector<double> signed_diffs) {
    Stats s;
    s.count = signed_diffs.size();
    if (s.count == 0) return s;
    double sum = 0;
    for (const double d : signed_diffs) sum += d;
    s.mean = sum / static_cast<double>(s.count);
    std::vector<double> a;
    for (const double d : signed_diffs) a.push_back(std::abs(d));
    std::sort(a.begin(), a.end());
    s.median_abs = a[a.size() / 2];
    s.p95_abs = a[static_cast<std::size_t>(0.95 * static_cast<double>(a.size() - 1))];
    s.within_1db = 100.0 * static_cast<double>(std::count_if(a.begin(), a.end(), [](double x) { return x <= 1.0; })) /
                   static_cast<double>(a.size());
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr,
                     "usage: %s DEM LON LAT [radius_km] [resolution_m] [threads] [jitter_samples] [samples_per_step] "
                     "[max_ray_gap_steps] [exact_delta_h_samples] [delta_h_knot_spacing]\n",
                     argv[0]);
        return 2;
    }
    const bench::SiteArguments args = bench::site_arguments(argc, argv);
    const std::size_t jitter_samples = argc > 7 ? std::stoul(argv[7]) : 4000;
    const double r = args.radius_m, radius_km = r / 1000.0, resolution_m = args.resolution_m;
    const unsigned threads = args.threads;
    const bench::OneSite scenario = bench::one_site(args.dem, args.site, r, resolution_m);
    const GridSpec& grid = scenario.grid;
    const Grid<float>& dem = scenario.dem;
    const Transmitter& tx = scenario.cell;
    const XY mast = tx.position;
    CoverageSettings settings;
    settings.model = PropagationModel::Itm;
    settings.radius = Metres{r};
    settings.threads = threads;
    if (argc > 8) settings.sweep.samples_per_step = std::stoul(argv[8]);
    if (argc > 9) settings.sweep.max_ray_gap_steps = std::stod(argv[9]);
    if (argc > 10) settings.sweep.exact_delta_h_samples = std::stoul(argv[10]);
    if (argc > 11) settings.sweep.delta_h_knot_spacing = std::stod(argv[11]);

    const auto timed = [&](CoverageEngine engine, double& seconds) {
        settings.engine = engine;
        const auto start = std::chrono::steady_clock::now();
        CoverageResult result = predict_coverage(dem, std::vector{tx}, {{Technology::G4, Dbm{-400.0}}}, settings);
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return std::move(result.technologies[0].signal_dbm);
    };
    double t_pixel = 0, t_sweep = 0;
    const Grid<float> per_pixel = timed(CoverageEngine::PerPixel, t_pixel);
    const Grid<float> sweep = timed(CoverageEngine::Sweep, t_sweep);

    std::vector<double> diffs;
    std::size_t only_one = 0;
    for (std::size_t i = 0; i < per_pixel.values().size(); ++i) {
        const float a = per_pixel.values()[i], b = sweep.values()[i];
        if (std::isnan(a) != std::isnan(b)) ++only_one;
        if (!std::isnan(a) && !std::isnan(b)) diffs.push_back(static_cast<double>(b) - static_cast<double>(a));
    }
    const Stats engines = stats_of(diffs);

    std::mt19937_64 rng(20261207);
    std::uniform_int_distribution<std::size_t> col(0, grid.width - 1), row(0, grid.height - 1);
    std::uniform_real_distribution<double> angle(0.0, 2.0 * std::numbers::pi);
    std::vector<double> jitter;
    const Metres spacing{resolution_m};
    while (jitter.size() < jitter_samples) {
        const std::size_t c = col(rng), rr = row(rng);
        const XY p = grid.centre(c, rr);
        const double a = angle(rng);
        const XY moved{p.x + 0.25 * resolution_m * std::sin(a), p.y + 0.25 * resolution_m * std::cos(a)};
        const double d = std::hypot(p.x - mast.x, p.y - mast.y);
        if (d > r || d < 2.0 * resolution_m || std::isnan(per_pixel.at(c, rr))) continue;
        const auto at_centre = bench::exact_itm_loss_db(dem, mast, p, spacing, 30.0, settings.rx_height.value(), 1845.0, settings.itm);
        const auto at_moved = bench::exact_itm_loss_db(dem, mast, moved, spacing, 30.0, settings.rx_height.value(), 1845.0, settings.itm);
        if (!at_centre || !at_moved) continue;
        jitter.push_back(*at_moved - *at_centre);
    }
    const Stats moved = stats_of(jitter);

    std::printf("grid %zu x %zu at %.0f m, radius %.0f km, %u thread(s); sweep: %zu samples/step, radials <= %.2f steps apart\n",
                grid.width, grid.height, resolution_m, radius_km, threads, settings.sweep.samples_per_step,
                settings.sweep.max_ray_gap_steps);
    std::printf("wall time: per-pixel %.3f s, sweep %.3f s (%.1fx)\n", t_pixel, t_sweep, t_pixel / t_sweep);
    std::printf("%-46s %10s %10s %10s %10s\n", "", "median|d|", "mean d", "p95|d|", "<=1 dB");
    std::printf("%-46s %10.3f %10.3f %10.3f %9.1f%%\n", ("sweep - per-pixel, " + std::to_string(engines.count) + " pixels").c_str(),
                engines.median_abs, engines.mean, engines.p95_abs, engines.within_1db);
    std::printf("%-46s %10.3f %10.3f %10.3f %9.1f%%\n",
                ("ITM moved 1/4 pixel, " + std::to_string(moved.count) + " pixels").c_str(), moved.median_abs, moved.mean,
                moved.p95_abs, moved.within_1db);
    if (only_one) std::printf("pixels reached by one engine only: %zu\n", only_one);
    const bool pass = engines.median_abs <= 0.5 && std::abs(engines.mean) <= 0.25 && engines.p95_abs <= moved.p95_abs;
    std::printf("goals (median <= 0.5 dB, |mean| <= 0.25 dB, p95 <= quarter-pixel p95): %s\n", pass ? "met" : "NOT met");
    return 0;
}
