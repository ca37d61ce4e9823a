// Benchmark: how close the per-pixel coverage engine comes to exact per-point ITM (the sweep
// engine is measured against the per-pixel one by phusong_engine_accuracy).
//
// Predicts one omni site with ITM over a DEM (per-pixel engine), then for a seeded random sample of pixels
// computes ITM over the straight profile from the mast to the pixel centre (the "exact
// per-point" answer) and prints the share of pixels within 1 dB, the median and 95th
// percentile of |difference|, and the engine's wall time.
//
// Usage: phusong_radial_accuracy DEM LON LAT [radius_km=35] [resolution_m=90] [threads=2] [samples=4000]
//                                [ray_oversampling=2] [ray_subsamples=4]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "bench/exact_itm.hpp"
#include "bench/one_site.hpp"

using namespace phusong;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s DEM LON LAT [radius_km] [resolution_m] [threads] [samples] [ray_oversampling] [ray_subsamples]\n", argv[0]);
        return 2;
    }
    const bench::SiteArguments args = bench::site_arguments(argc, argv);
    const double r = args.radius_m, radius_km = r / 1000.0, resolution_m = args.resolution_m;
    const unsigned threads = args.threads;
    const std::size_t samples = argc > 7 ? std::stoul(argv[7]) : 4000;
    const double oversampling = argc > 8 ? std::stod(argv[8]) : 2.0;
    const std::size_t subsamples = argc > 9 ? std::stoul(argv[9]) : 4;

    const bench::OneSite scenario = bench::one_site(args.dem, args.site, r, resolution_m);
    const GridSpec& grid = scenario.grid;
    const Grid<float>& dem = scenario.dem;
    const Transmitter& tx = scenario.cell;
    const XY mast = tx.position;
    CoverageSettings settings;
    settings.model = PropagationModel::Itm;
    settings.radius = Metres{r};
    settings.threads = threads;
    settings.engine = CoverageEngine::PerPixel;
    settings.ray_oversampling = oversampling;
    settings.ray_subsamples = subsamples;
    const auto start = std::chrono::steady_clock::now();
    const CoverageResult result = predict_coverage(dem, std::vector{tx}, {{Technology::G4, Dbm{-200.0}}}, settings);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const Grid<float>& level = result.technologies[0].signal_dbm;

    std::mt19937_64 rng(20261124);
    std::uniform_int_distribution<std::size_t> col(0, grid.width - 1), row(0, grid.height - 1);
    std::vector<double> diffs;
    while (diffs.size() < samples) {
        const std::size_t c = col(rng), rr = row(rng);
        const XY p = grid.centre(c, rr);
        const double d = std::hypot(p.x - mast.x, p.y - mast.y);
        if (d > r || d < 2.0 * resolution_m || std::isnan(level.at(c, rr))) continue;
        // SAME_PHASE: profile points where the engine puts them (k = round(d / resolution) intervals).
        const Metres spacing{std::getenv("SAME_PHASE") ? d / std::max(1.0, std::round(d / resolution_m)) + 1e-9 : resolution_m};
        const auto exact = bench::exact_itm_loss_db(dem, mast, p, spacing, 30.0, settings.rx_height.value(), 1845.0, settings.itm);
        if (!exact) continue;
        diffs.push_back(std::abs(-*exact - level.at(c, rr)));
    }
    std::sort(diffs.begin(), diffs.end());
    const auto within = static_cast<double>(std::count_if(diffs.begin(), diffs.end(), [](double x) { return x <= 1.0; }));
    std::printf("grid %zu x %zu at %.0f m, radius %.0f km, %u thread(s), rays x%.1f, %zu terrain samples/step: engine %.3f s\n",
                grid.width, grid.height, resolution_m, radius_km, threads, oversampling, subsamples, seconds);
    std::printf("vs exact per-point ITM at %zu random pixels: %.1f%% within 1 dB, median |diff| %.2f dB, 95th percentile %.2f dB\n",
                diffs.size(), 100.0 * within / static_cast<double>(diffs.size()), diffs[diffs.size() / 2],
                diffs[static_cast<std::size_t>(0.95 * static_cast<double>(diffs.size()))]);
    return 0;
}
