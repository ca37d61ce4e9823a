#include "coverage/mast_reach.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "coverage/parallel.hpp"
#include "coverage/path_model.hpp"
#include "geo/terrain_profile.hpp"

namespace phusong::engine {
namespace {

/// The profile {k, spacing, z_0 … z_k} of z[0 … n] at `intervals` intervals (linear interpolation).
void profile_of(std::span<const double> z, std::size_t n, std::size_t intervals, double step, std::vector<double>& pfl) {
    pfl.assign(intervals + 3, 0.0);
    pfl[0] = static_cast<double>(intervals);
    pfl[1] = step * static_cast<double>(n) / static_cast<double>(intervals);
    for (std::size_t i = 0; i <= intervals; ++i) {
        const double at = static_cast<double>(i * n) / static_cast<double>(intervals);
        const auto below = std::min(static_cast<std::size_t>(at), n - 1);
        const double t = at - static_cast<double>(below);
        pfl[i + 2] = z[below] + t * (z[below + 1] - z[below]);
    }
}

}  // namespace

ProbedReach probe_reach(const Grid<float>& dem, const Mast& mast, const std::map<Technology, Dbm>& covered_levels,
                                const CoverageSettings& settings, const ReachProbe& probe) {
    const double cap = settings.radius.value();
    const auto ground = sample_bilinear(dem, mast.position);
    if (!ground) return {};  // the engine skips the mast
    const double grid_step = std::min(dem.spec().transform.dx, dem.spec().transform.dy);
    const double step = std::max(grid_step, cap / static_cast<double>(std::max<std::size_t>(1, probe.samples)));
    const auto samples = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(cap / step)));
    const PathModel model(settings);
    // A calibrated clutter table may raise levels (a negative class loss): the probe allows for it.
    const double margin_db = (model.profile_intervals(2) > 1 ? probe.margin_db : 0.0) +
                             (settings.clutter.model == ClutterModel::Table ? settings.clutter.max_gain_db : 0.0);
    std::vector<double> threshold_dbm;
    for (const Transmitter* t : mast.cells) threshold_dbm.push_back(covered_levels.at(t->technology).value() - margin_db);
    const double tx_top = *ground + mast.antenna_height.value();
    const std::size_t radials = std::max<std::size_t>(1, probe.radials);
    std::vector<std::size_t> farthest(radials, 0);
    std::vector<std::uint8_t> cut_within_margin(radials, 0);
    parallel_for(radials, settings.threads, [&](std::size_t j) {
        const double bearing = 2.0 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(radials);
        const double sx = std::sin(bearing), sy = std::cos(bearing);
        thread_local std::vector<double> z, pfl, loss_db;
        z.assign(samples + 1, 0.0);
        std::size_t last = samples;
        if (!sample_line_bilinear(dem, mast.position, {mast.position.x + static_cast<double>(samples) * step * sx,
                                                       mast.position.y + static_cast<double>(samples) * step * sy}, z)) {
            // The radial leaves the DEM: probe up to there.
            for (last = 1; last <= samples; ++last) {
                const double d = static_cast<double>(last) * step;
                const auto h = sample_bilinear(dem, {mast.position.x + d * sx, mast.position.y + d * sy});
                if (!h) break;
                z[last] = *h;
            }
            --last;
        }
        z[0] = *ground;
        loss_db.resize(mast.frequencies_mhz.size());
        const Degrees azimuth = Degrees::from_radians(bearing);
        std::uint32_t warnings = 0, itm_warnings = 0;  // the engines report them
        for (std::size_t n = 1; n <= last; ++n) {
            profile_of(z, n, model.profile_intervals(n), step, pfl);
            const double d_n = static_cast<double>(n) * step;
            model.losses(pfl, {mast.position, {mast.position.x + d_n * sx, mast.position.y + d_n * sy}}, mast.antenna_height,
                         mast.frequencies_mhz, loss_db, warnings, itm_warnings);
            const double d = static_cast<double>(n) * step;
            const Degrees below = Degrees::from_radians(std::atan2(tx_top - (z[n] + settings.rx_height.value()), d));
            for (std::size_t c = 0; c < mast.cells.size(); ++c) {
                const Transmitter& tx = *mast.cells[c];
                const double level = tx.reference_eirp.value() + tx.antenna.relative_gain(azimuth, below).value() -
                                     loss_db[mast.cell_frequency[c]];
                if (level >= threshold_dbm[c]) {
                    farthest[j] = n;
                    break;
                }
            }
        }
        cut_within_margin[j] = last < samples && last > 0 && farthest[j] == last;
    });
    ProbedReach out;
    for (const std::size_t n : farthest)
        out.sector_reach_m.push_back(std::min(cap, static_cast<double>(std::max<std::size_t>(1, n) + 1) * step));
    out.at_grid_edge = std::find(cut_within_margin.begin(), cut_within_margin.end(), 1) != cut_within_margin.end();
    return out;
}

}  // namespace phusong::engine
