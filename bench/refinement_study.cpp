// Study: could the coverage engine evaluate ITM at fewer pixels and interpolate the rest?
//
// Computes exact per-pixel ITM (the straight profile from the mast to every pixel centre within
// the radius, as phusong_radial_accuracy's reference) for one site, then simulates adaptive
// refinement on that raster: blocks of `block` pixels take the exact values at their corners
// (and centre) and are filled by bilinear interpolation when those agree within a tolerance,
// else split in four down to single pixels. For each block size and tolerance it prints the
// share of pixels that still need an exact evaluation and the share interpolated more than 1 dB
// wrong. Whatever would be saved is bounded by the first share.
//
// Usage: phusong_refinement_study DEM LON LAT [radius_km=35] [resolution_m=90] [threads=2]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "bench/exact_itm.hpp"
#include "bench/one_site.hpp"
#include "coverage/parallel.hpp"

using namespace phusong;

namespace {

constexpr float kNone = std::numeric_limits<float>::quiet_NaN();

struct Raster {
    std::size_t width = 0, height = 0;
    std::vector<float> loss_db;  ///< NaN outside the radius or off the DEM
    [[nodiscard]] float at(std::size_t col, std::size_t row) const { return loss_db[row * width + col]; }
};

/// Adaptive refinement over `exact`: which pixels it evaluates and what it assigns to the others.
struct Refinement {
    const Raster& exact;
    double tolerance_db;
    bool check_centre;
    std::vector<char> evaluated;
    std::vector<float> estimate;

    Refinement(const Raster& e, double tol, bool centre)
        : exact(e), tolerance_db(tol), check_centre(centre), evaluated(e.loss_db.size(), 0), estimate(e.loss_db.size(), kNone) {}

    float evaluate(std::size_t col, std::size_t row) {
        const std::size_t i = row * exact.width + col;
        evaluated[i] = 1;
        return estimate[i] = exact.loss_db[i];
    }

    void block(std::size_t c0, std::size_t r0, std::size_t size) {
        const std::size_t c1 = std::min(c0 + size, exact.width - 1), r1 = std::min(r0 + size, exact.height - 1);
        const float a00 = evaluate(c0, r0), a10 = evaluate(c1, r0), a01 = evaluate(c0, r1), a11 = evaluate(c1, r1);
        const auto interpolate = [&](std::size_t col, std::size_t row) {
            const double u = static_cast<double>(col - c0) / static_cast<double>(c1 - c0);
            const double v = static_cast<double>(row - r0) / static_cast<double>(r1 - r0);
            return static_cast<float>((a00 * (1 - u) + a10 * u) * (1 - v) + (a01 * (1 - u) + a11 * u) * v);
        };
        bool smooth = size > 1 && !std::isnan(a00 + a10 + a01 + a11) &&
                      std::max({a00, a10, a01, a11}) - std::min({a00, a10, a01, a11}) <= tolerance_db;
        if (smooth && check_centre && size >= 4) {
            const std::size_t cm = (c0 + c1) / 2, rm = (r0 + r1) / 2;
            const float centre = evaluate(cm, rm);
            smooth = !std::isnan(centre) && std::abs(centre - interpolate(cm, rm)) <= tolerance_db / 2;
        }
        if (smooth) {
            for (std::size_t row = r0; row <= r1; ++row)
                for (std::size_t col = c0; col <= c1; ++col)
                    if (!evaluated[row * exact.width + col]) estimate[row * exact.width + col] = interpolate(col, row);
            return;
        }
        if (size <= 1) return;
        const std::size_t half = size / 2;
        for (std::size_t dr : {std::size_t{0}, half})
            for (std::size_t dc : {std::size_t{0}, half})
                if (c0 + dc < exact.width - 1 && r0 + dr < exact.height - 1) block(c0 + dc, r0 + dr, half);
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s DEM LON LAT [radius_km] [resolution_m] [threads]\n", argv[0]);
        return 2;
    }
    const bench::SiteArguments args = bench::site_arguments(argc, argv);
    const double radius_m = args.radius_m, resolution_m = args.resolution_m;
    const unsigned threads = args.threads;
    const bench::OneSite scenario = bench::one_site(args.dem, args.site, radius_m, resolution_m);
    const GridSpec& grid = scenario.grid;
    const Grid<float>& dem = scenario.dem;
    const XY mast = scenario.cell.position;

    Raster exact{grid.width, grid.height, std::vector<float>(grid.width * grid.height, kNone)};
    const auto start = std::chrono::steady_clock::now();
    // The scenario's radio set-up: 30 m mast, 1.5 m receiver, 1845 MHz.
    parallel_for(grid.height, threads, [&](std::size_t row) {
        for (std::size_t col = 0; col < grid.width; ++col) {
            const XY p = grid.centre(col, row);
            const double d = std::hypot(p.x - mast.x, p.y - mast.y);
            if (d > radius_m || d < 2.0 * resolution_m) continue;
            const auto loss = bench::exact_itm_loss_db(dem, mast, p, Metres{resolution_m}, 30.0, 1.5, 1845.0, ItmSettings{});
            if (loss) exact.loss_db[row * grid.width + col] = static_cast<float>(*loss);
        }
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto pixels = static_cast<std::size_t>(
        std::count_if(exact.loss_db.begin(), exact.loss_db.end(), [](float v) { return !std::isnan(v); }));
    std::printf("exact per-pixel ITM at %zu pixels (%zu x %zu at %.0f m, radius %.0f km): %.2f s with %u thread(s)\n",
                pixels, grid.width, grid.height, resolution_m, radius_m / 1000.0, seconds, threads);
    std::printf("block  tolerance  centre check  evaluated exactly  interpolated > 1 dB wrong\n");
    for (std::size_t size : {4, 8, 16})
        for (double tolerance : {0.5, 1.0, 2.0, 4.0})
            for (bool centre : {false, true}) {
                Refinement r(exact, tolerance, centre);
                for (std::size_t r0 = 0; r0 + 1 < grid.height; r0 += size)
                    for (std::size_t c0 = 0; c0 + 1 < grid.width; c0 += size) r.block(c0, r0, size);
                std::size_t evaluated = 0, wrong = 0;
                for (std::size_t i = 0; i < exact.loss_db.size(); ++i) {
                    if (std::isnan(exact.loss_db[i])) continue;
                    evaluated += static_cast<std::size_t>(r.evaluated[i]);
                    wrong += !r.evaluated[i] && !(std::abs(r.estimate[i] - exact.loss_db[i]) <= 1.0);
                }
                const auto share = [&](std::size_t n) { return 100.0 * static_cast<double>(n) / static_cast<double>(pixels); };
                std::printf("%5zu  %6.1f dB  %12s  %16.1f %%  %24.2f %%\n", size, tolerance, centre ? "yes" : "no",
                            share(evaluated), share(wrong));
            }
    return 0;
}
