// Benchmark: how the engines' time grows with the radius, for one ITM site.
//
// Times predict_coverage for one omni site (30 m mast, 1845 MHz, receivers 1.5 m) at radii of
// R, 2R and 4R (R = 10 km) with each engine and prints the wall times and the ratios t(20)/t(10) and
// t(40)/t(20): 4 is O(R²) (constant work per pixel), 8 is O(R³) (work per pixel growing with
// its distance). The DEM is read once, for the largest radius.
//
// Usage: phusong_radius_scaling DEM LON LAT [resolution_m=30] [threads=2] [radius_km=10]
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/one_site.hpp"

using namespace phusong;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s DEM LON LAT [resolution_m] [threads] [radius_km]\n", argv[0]);
        return 2;
    }
    const LonLat site{std::stod(argv[2]), std::stod(argv[3])};
    const double resolution_m = argc > 4 ? std::stod(argv[4]) : 30.0;
    const unsigned threads = argc > 5 ? static_cast<unsigned>(std::stoul(argv[5])) : 2u;
    const double base_km = argc > 6 ? std::stod(argv[6]) : 10.0;
    const std::vector<double> radii_km{base_km, 2.0 * base_km, 4.0 * base_km};

    const bench::OneSite scenario = bench::one_site(argv[1], site, radii_km.back() * 1000.0, resolution_m);
    const GridSpec& grid = scenario.grid;
    const Grid<float>& dem = scenario.dem;
    const Transmitter& tx = scenario.cell;
    std::printf("one site, %.0f m grid (%zu x %zu), %u thread(s)\n", resolution_m, grid.width, grid.height, threads);
    for (const CoverageEngine engine : {CoverageEngine::Sweep, CoverageEngine::PerPixel}) {
        std::vector<double> seconds;
        for (const double radius_km : radii_km) {
            CoverageSettings settings;
            settings.engine = engine;
            settings.radius = Metres{radius_km * 1000.0};
            settings.threads = threads;
            const auto start = std::chrono::steady_clock::now();
            predict_coverage(dem, std::vector{tx}, {{Technology::G4, Dbm{-110.0}}}, settings);
            seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        std::printf("%-9s  %g km %7.2f s   %g km %7.2f s   %g km %7.2f s   t(2R)/t(R) %.2f   t(4R)/t(2R) %.2f\n",
                    to_string(engine).c_str(), radii_km[0], seconds[0], radii_km[1], seconds[1], radii_km[2], seconds[2],
                    seconds[1] / seconds[0], seconds[2] / seconds[1]);
    }
    return 0;
}
