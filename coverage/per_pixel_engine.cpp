#include "coverage/per_pixel_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

#include "coverage/parallel.hpp"
#include "coverage/path_model.hpp"
#include "geo/terrain_profile.hpp"

namespace phusong::engine {
namespace {

constexpr float kNoSignal = std::numeric_limits<float>::quiet_NaN();
constexpr std::uint32_t kNoRay = std::numeric_limits<std::uint32_t>::max();

/// Geometry of the rays shared by all masts of a run.
struct RayTable {
    double step = 1.0;        ///< profile spacing, metres (the grid resolution)
    std::size_t samples = 0;  ///< profile samples within the radius (K)
    std::size_t rays = 0;     ///< rays per mast (N)
    std::size_t subsamples = 1;  ///< terrain samples along a ray per profile step
    /// Terrain samples stored per ray: one more profile step than the radius, finely spaced.
    [[nodiscard]] std::size_t ray_length() const { return (samples + 1) * subsamples + 1; }
    [[nodiscard]] double ray_step() const { return step / static_cast<double>(subsamples); }
};

RayTable make_ray_table(double radius_m, double step_m, const CoverageSettings& s) {
    RayTable sweep;
    sweep.step = step_m;
    sweep.samples = static_cast<std::size_t>(std::floor(radius_m / step_m));
    sweep.subsamples = std::max<std::size_t>(1, s.ray_subsamples);
    const double oversampling = std::max(1.0, s.ray_oversampling);
    sweep.rays = std::max<std::size_t>(8, static_cast<std::size_t>(std::ceil(oversampling * 2.0 * std::numbers::pi * radius_m / step_m)));
    return sweep;
}

class PerPixelPredictor {
public:
    PerPixelPredictor(const Grid<float>& dem, const CoverageSettings& s)
        : dem_(dem), settings_(s), model_(s),
          sweep_(make_ray_table(s.radius.value(), std::min(dem.spec().transform.dx, dem.spec().transform.dy), s)) {}

    MastFootprint predict(const Mast& mast, const ClutterAtReceivers& clutter) const {
        MastFootprint out;
        const auto ground = sample_bilinear(dem_, mast.position);
        if (!ground || sweep_.samples == 0) {
            out.off_dem = true;
            return out;
        }
        place_window(dem_.spec(), mast.position, settings_.radius, out);
        // Pass 1: each pixel's ray (the one at or just before its bearing) and how far each ray
        // must reach (in fine terrain samples). Pixels are then listed ray by ray, so that pass 3
        // reads each pair of rays while it is in cache rather than once per pixel of a row.
        std::vector<std::uint32_t> ray_of(out.cols * out.rows, kNoRay);
        std::vector<std::size_t> farthest(sweep_.rays, 0);
        for (std::size_t row = 0; row < out.rows; ++row)
            for (std::size_t col = 0; col < out.cols; ++col) {
                const Polar p = polar(mast, out.col0 + col, out.row0 + row);
                if (!p.inside) continue;
                ray_of[row * out.cols + col] = static_cast<std::uint32_t>(p.ray);
                const auto reach = static_cast<std::size_t>(std::ceil(p.distance / sweep_.ray_step())) + 1;
                farthest[p.ray] = std::max(farthest[p.ray], reach);
                farthest[p.next_ray(sweep_.rays)] = std::max(farthest[p.next_ray(sweep_.rays)], reach);
            }
        const PixelsByRay by_ray = pixels_by_ray(ray_of, sweep_.rays, kNoRay);
        // Pass 2: terrain along each ray.
        RayTerrain terrain{std::vector<float>(sweep_.rays * sweep_.ray_length(), 0.0f), std::vector<std::uint32_t>(sweep_.rays, 0)};
        parallel_for(sweep_.rays, settings_.threads, [&](std::size_t j) { trace_ray(mast, *ground, j, farthest[j], terrain); });
        // Pass 3: the model over each pixel's profile, then the level of every cell.
        out.cell_dbm.assign(mast.cells.size(), std::vector<float>(out.cols * out.rows, kNoSignal));
        std::vector<std::uint32_t> ray_warnings(sweep_.rays, 0), ray_itm_warnings(sweep_.rays, 0);
        const double tx_top = *ground + mast.antenna_height.value();
        std::vector<std::size_t> clutter_f;  // the clutter's index of each mast frequency
        for (const double f : mast.frequencies_mhz) clutter_f.push_back(clutter.index_of(f));
        parallel_for(sweep_.rays, settings_.threads, [&](std::size_t j) {
            for (std::size_t i = by_ray.first[j]; i < by_ray.first[j + 1]; ++i)
                fill_pixel(mast, tx_top, clutter, clutter_f, by_ray.pixels[i], terrain, out, ray_warnings[j], ray_itm_warnings[j]);
        });
        for (std::size_t j = 0; j < sweep_.rays; ++j) {
            out.warnings |= ray_warnings[j];
            out.itm_warnings |= ray_itm_warnings[j];
        }
        return out;
    }

private:
    struct RayTerrain {
        std::vector<float> elevation;        ///< [ray][fine sample], metres; sample 0 is the mast's foot
        std::vector<std::uint32_t> ray_end;  ///< last fine sample on the DEM per ray
    };

    struct Polar {
        bool inside = false;
        std::size_t ray = 0;        ///< the ray at or just before the pixel's bearing
        double ray_weight = 0.0;    ///< weight of the next ray (ray + 1), in [0, 1)
        std::size_t sample = 0;     ///< nearest sample along the rays
        double distance = 0.0, bearing = 0.0;  ///< metres, radians clockwise from north
        [[nodiscard]] std::size_t next_ray(std::size_t rays) const { return (ray + 1) % rays; }
    };

    Polar polar(const Mast& mast, std::size_t col, std::size_t row) const {
        const XY p = dem_.spec().centre(col, row);
        const double dx = p.x - mast.position.x, dy = p.y - mast.position.y;
        Polar out;
        out.distance = std::hypot(dx, dy);
        if (out.distance > settings_.radius.value()) return out;
        constexpr double two_pi = 2.0 * std::numbers::pi;
        out.bearing = bearing_of(dx, dy);
        if (!mast.reaches(out.distance, out.bearing, settings_.radius.value())) return out;
        const double position = out.bearing / two_pi * static_cast<double>(sweep_.rays);
        out.ray = static_cast<std::size_t>(position) % sweep_.rays;
        out.ray_weight = position - std::floor(position);
        out.sample = std::clamp<std::size_t>(static_cast<std::size_t>(std::lround(out.distance / sweep_.step)), 1, sweep_.samples);
        out.inside = true;
        return out;
    }

    void trace_ray(const Mast& mast, double ground, std::size_t j, std::size_t farthest, RayTerrain& t) const {
        if (farthest == 0) return;
        farthest = std::min(farthest, sweep_.ray_length() - 1);
        float* z = &t.elevation[j * sweep_.ray_length()];
        const double bearing = 2.0 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(sweep_.rays);
        const double sx = std::sin(bearing), sy = std::cos(bearing);
        z[0] = static_cast<float>(ground);
        std::size_t end = 0;
        for (std::size_t k = 1; k <= farthest; ++k) {
            const double d = static_cast<double>(k) * sweep_.ray_step();
            const auto h = sample_bilinear(dem_, {mast.position.x + d * sx, mast.position.y + d * sy});
            if (!h) break;
            z[k] = static_cast<float>(*h);
            end = k;
        }
        t.ray_end[j] = static_cast<std::uint32_t>(end);
    }

    /// The level of every cell of `mast` at one pixel (index row·cols + col of the footprint).
    void fill_pixel(const Mast& mast, double tx_top, const ClutterAtReceivers& clutter, std::span<const std::size_t> clutter_f,
                    std::size_t pixel, const RayTerrain& t, MastFootprint& out,
                    std::uint32_t& warnings, std::uint32_t& itm_warnings) const {
        const Polar p = polar(mast, out.col0 + pixel % out.cols, out.row0 + pixel / out.cols);
        const std::size_t k = model_.profile_intervals(p.sample);
        const std::size_t j0 = p.ray, j1 = p.next_ray(sweep_.rays);
        const double d = std::max(p.distance, sweep_.step / 2.0);
        // Profile point i lies at i·d/k, i.e. fine ray sample i·scale.
        const double scale = d / (static_cast<double>(k) * sweep_.ray_step());
        const auto last = static_cast<std::size_t>(std::ceil(static_cast<double>(k) * scale - 1e-9));
        if (last > t.ray_end[j0] || last > t.ray_end[j1]) return;  // the DEM ends before the pixel
        // k intervals (as many as the model needs) ending exactly at the pixel, the terrain
        // interpolated in polar coordinates between the two rays that enclose its bearing.
        const float* a = &t.elevation[j0 * sweep_.ray_length()];
        const float* b = &t.elevation[j1 * sweep_.ray_length()];
        const double wb = p.ray_weight;
        thread_local std::vector<double> profile, loss_db;
        profile.resize(k + 3);
        loss_db.resize(mast.frequencies_mhz.size());
        profile[0] = static_cast<double>(k);
        profile[1] = d / static_cast<double>(k);
        double* z = profile.data() + 2;
        const auto at = [&](double x, std::int64_t lo) {
            const double w = x - static_cast<double>(lo);
            const double za = a[lo] + (a[lo + 1] - a[lo]) * w, zb = b[lo] + (b[lo + 1] - b[lo]) * w;
            return za + (zb - za) * wb;
        };
        // Points before the pixel lie below `last` (i·scale < k·scale ≤ last), so their
        // interval [lo, lo + 1] needs no clamping; only the pixel itself may sit on `last`.
        for (std::size_t i = 0; i < k; ++i) {
            const double x = static_cast<double>(i) * scale;
            z[i] = at(x, static_cast<std::int64_t>(x));
        }
        const double x_last = static_cast<double>(k) * scale;
        z[k] = at(x_last, std::min(static_cast<std::int64_t>(x_last), static_cast<std::int64_t>(last) - 1));
        const std::size_t col = out.col0 + pixel % out.cols, row = out.row0 + pixel / out.cols;
        model_.losses(profile, {mast.position, dem_.spec().centre(col, row)}, mast.antenna_height, mast.frequencies_mhz, loss_db,
                      warnings, itm_warnings);
        const double rx_top = z[k] + settings_.rx_height.value();
        const Degrees below = Degrees::from_radians(std::atan2(tx_top - rx_top, d));
        const Degrees bearing = Degrees::from_radians(p.bearing);
        for (std::size_t c = 0; c < mast.cells.size(); ++c) {
            const Transmitter& tx = *mast.cells[c];
            const std::size_t f = mast.cell_frequency[c];
            const Dbm level = tx.reference_eirp + tx.antenna.relative_gain(bearing, below) -
                              Db{loss_db[f] + clutter.loss_db(col, row, clutter_f[f], d)};
            out.cell_dbm[c][pixel] = static_cast<float>(level.value());
        }
    }

    const Grid<float>& dem_;
    const CoverageSettings& settings_;
    PathModel model_;
    RayTable sweep_;
};

}  // namespace

MastFootprint predict_per_pixel(const Grid<float>& dem, const CoverageSettings& settings, const Mast& mast,
                                const ClutterAtReceivers& clutter) {
    return PerPixelPredictor(dem, settings).predict(mast, clutter);
}

std::size_t per_pixel_table_bytes(Metres radius, Metres resolution, const CoverageSettings& settings) {
    const RayTable rays = make_ray_table(radius.value(), resolution.value(), settings);
    return rays.rays * rays.ray_length() * sizeof(float);
}

}  // namespace phusong::engine
