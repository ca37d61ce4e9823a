#include "coverage/point_levels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

#include "coverage/parallel.hpp"
#include "coverage/path_model.hpp"
#include "geo/errors.hpp"
#include "geo/terrain_profile.hpp"

namespace phusong {
namespace {

/// Where the receiver at the end of `pfl` (NTIA layout) lies as the antenna sees it: its bearing
/// clockwise from north and its depression below the horizontal from the antenna's top `tx_top`.
struct Direction {
    Degrees bearing{0.0}, below{0.0};
};
Direction toward(XY mast, double tx_top, XY point, std::span<const double> pfl, Metres rx_height) {
    const auto k = static_cast<std::size_t>(pfl[0]);
    double bearing = std::atan2(point.x - mast.x, point.y - mast.y);
    if (bearing < 0) bearing += 2.0 * std::numbers::pi;
    const double rx_top = pfl[2 + k] + rx_height.value();
    return {Degrees::from_radians(bearing), Degrees::from_radians(std::atan2(tx_top - rx_top, pfl[0] * pfl[1]))};
}

/// ORs each point's flags into the caller's.
void merge_flags(const std::vector<std::uint32_t>& per_point, std::uint32_t& into) {
    for (const std::uint32_t w : per_point) into |= w;
}

}  // namespace

bool point_profile(const Grid<float>& dem, XY mast, double ground, XY point, const CoverageSettings& settings,
                   const PathModel& model, std::vector<double>& pfl) {
    const double dx = point.x - mast.x, dy = point.y - mast.y;
    const double d = std::hypot(dx, dy);
    if (d > settings.radius.value()) return false;
    const double step = std::min(dem.spec().transform.dx, dem.spec().transform.dy);
    // As the engine: at least one interval, a receiver within half a pixel of the mast at half a pixel.
    const double length = std::max(d, step / 2.0);
    const auto k = model.profile_intervals(std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(length / step))));
    pfl.assign(k + 3, 0.0);
    pfl[0] = static_cast<double>(k);
    pfl[1] = length / static_cast<double>(k);
    // From the mast's foot towards the point, `length` long: it ends at the point, or half a
    // pixel out when the point is nearer than that.
    const double scale = d > 0 ? length / d : 0.0;
    const XY end = d > 0 ? XY{mast.x + dx * scale, mast.y + dy * scale} : XY{mast.x, mast.y + length};
    if (!sample_line_bilinear(dem, mast, end, std::span<double>(pfl).subspan(2))) return false;  // leaves the DEM
    pfl[2] = ground;
    return true;
}

std::vector<std::vector<float>> levels_at_points(const Grid<float>& dem, std::span<const Transmitter> cells,
                                                 std::span<const XY> points, const CoverageSettings& settings,
                                                 std::uint32_t& warnings, std::uint32_t& itm_warnings,
                                                 const ClutterAtReceivers* clutter) {
    constexpr float kNoSignal = std::numeric_limits<float>::quiet_NaN();
    std::vector<std::vector<float>> out(cells.size(), std::vector<float>(points.size(), kNoSignal));
    if (cells.empty()) return out;
    const XY mast = cells.front().position;
    const Metres height = cells.front().antenna_height;
    for (const Transmitter& t : cells)
        if (!(t.position == mast) || t.antenna_height.value() != height.value())
            throw ModelDomainError("levels_at_points: the cells do not share one mast");
    const auto ground = sample_bilinear(dem, mast);
    if (!ground) return out;
    const std::vector<double> frequencies = distinct_frequencies_mhz(cells);
    std::vector<std::size_t> frequency_of;
    for (const Transmitter& t : cells)
        frequency_of.push_back(static_cast<std::size_t>(
            std::lower_bound(frequencies.begin(), frequencies.end(), t.frequency.value()) - frequencies.begin()));

    const PathModel model(settings);
    const double step = std::min(dem.spec().transform.dx, dem.spec().transform.dy);
    const double tx_top = *ground + height.value();
    std::optional<ClutterAtReceivers> own_clutter;
    if (!clutter) clutter = &own_clutter.emplace(settings.clutter, frequencies, settings.radius.value() + step);
    std::vector<std::size_t> clutter_f;  // the clutter's index of each frequency
    for (const double f : frequencies) clutter_f.push_back(clutter->index_of(f));
    std::vector<std::uint32_t> point_warnings(points.size(), 0), point_itm(points.size(), 0);
    // Points in order of bearing: neighbouring profiles read the same DEM cache lines near the
    // mast (results go to each point's own slot, so the order changes nothing else).
    std::vector<std::size_t> order(points.size());
    std::vector<double> bearing_of(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        order[i] = i;
        bearing_of[i] = std::atan2(points[i].x - mast.x, points[i].y - mast.y);
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bearing_of[a] < bearing_of[b]; });
    parallel_for(points.size(), settings.threads, [&](std::size_t slot) {
        const std::size_t i = order[slot];
        thread_local std::vector<double> pfl;
        if (!point_profile(dem, mast, *ground, points[i], settings, model, pfl)) return;
        const double length = pfl[0] * pfl[1];
        thread_local std::vector<double> loss;
        loss.resize(frequencies.size());
        model.losses(pfl, {mast, points[i]}, height, frequencies, loss, point_warnings[i], point_itm[i]);
        const Direction to = toward(mast, tx_top, points[i], pfl, settings.rx_height);
        // The clutter of the pixel the point lies in.
        const auto [fc, fr] = dem.spec().to_pixel(points[i]);
        const auto col = std::min(static_cast<std::size_t>(std::max(fc, 0.0)), dem.spec().width - 1);
        const auto row = std::min(static_cast<std::size_t>(std::max(fr, 0.0)), dem.spec().height - 1);
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t f = frequency_of[c];
            const Dbm level = cells[c].reference_eirp + cells[c].antenna.relative_gain(to.bearing, to.below) -
                              Db{loss[f] + clutter->loss_db(col, row, clutter_f[f], length)};
            out[c][i] = static_cast<float>(level.value());
        }
    });
    merge_flags(point_warnings, warnings);
    merge_flags(point_itm, itm_warnings);
    return out;
}

std::vector<PointPath> paths_at_points(const Grid<float>& dem, const Transmitter& cell, std::span<const XY> points,
                                       const CoverageSettings& settings, std::uint32_t& warnings, std::uint32_t& itm_warnings) {
    std::vector<PointPath> out(points.size());
    const auto ground = sample_bilinear(dem, cell.position);
    if (!ground) return out;
    const PathModel model(settings);
    const double tx_top = *ground + cell.antenna_height.value();
    const double frequency[1] = {cell.frequency.value()};
    std::vector<std::uint32_t> point_warnings(points.size(), 0), point_itm(points.size(), 0);
    parallel_for(points.size(), settings.threads, [&](std::size_t i) {
        thread_local std::vector<double> pfl;
        if (!point_profile(dem, cell.position, *ground, points[i], settings, model, pfl)) return;
        PointPath& p = out[i];
        p.reached = true;
        p.distance_m = pfl[0] * pfl[1];
        model.losses(pfl, {cell.position, points[i]}, cell.antenna_height, frequency, std::span<double>(&p.loss_db, 1), point_warnings[i],
                     point_itm[i]);
        if (settings.model == PropagationModel::Spm)
            p.spm = spm_path(std::span<const double>(pfl).subspan(2), Metres{pfl[1]}, cell.antenna_height,
                             settings.rx_height, settings.earth_radius_factor);
        const Direction to = toward(cell.position, tx_top, points[i], pfl, settings.rx_height);
        p.antenna_gain_db = cell.antenna.relative_gain(to.bearing, to.below).value();
    });
    merge_flags(point_warnings, warnings);
    merge_flags(point_itm, itm_warnings);
    return out;
}

}  // namespace phusong
