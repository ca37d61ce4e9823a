#include "coverage/sweep_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

#include "coverage/itm/itm_radial.hpp"
#include "coverage/parallel.hpp"
#include "geo/errors.hpp"
#include "geo/terrain_profile.hpp"

namespace phusong::engine {
namespace {

constexpr float kNoSignal = std::numeric_limits<float>::quiet_NaN();
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr std::uint32_t kNoSample = std::numeric_limits<std::uint32_t>::max();

/// The radials of one mast: base_rays·2^levels at the finest ring; ring L (0 … levels) uses
/// every 2^(levels − L)-th of them.
struct RadialLayout {
    double spacing = 1.0;        ///< profile spacing along a radial, metres
    std::size_t samples = 0;     ///< K: samples 1 … K lie within the radius (plus rounding)
    std::size_t base_rays = 8;   ///< radials of ring 0
    unsigned levels = 0;         ///< finest ring
    std::vector<double> ring_end;  ///< ring L serves ranges below ring_end[L] (metres)

    [[nodiscard]] std::size_t rays() const { return base_rays << levels; }

    /// The finest-ring index of the radial nearest `bearing` (radians) in the ring serving `range`.
    [[nodiscard]] std::size_t ray_for(double range, double bearing) const {
        unsigned ring = 0;
        while (ring < levels && range >= ring_end[ring]) ++ring;
        const std::size_t n = base_rays << ring;
        const auto nearest = static_cast<std::size_t>(std::lround(bearing / kTwoPi * static_cast<double>(n))) % n;
        return nearest << (levels - ring);
    }

    [[nodiscard]] std::size_t sample_for(double range) const {
        return std::clamp<std::size_t>(static_cast<std::size_t>(std::lround(range / spacing)), 1, samples);
    }
};

RadialLayout make_layout(double radius_m, double step_m, const SweepSettings& s) {
    RadialLayout layout;
    layout.spacing = step_m / static_cast<double>(std::max<std::size_t>(1, s.samples_per_step));
    layout.samples = static_cast<std::size_t>(std::floor(radius_m / layout.spacing)) + 1;
    const double max_gap_m = std::max(1e-3, s.max_ray_gap_steps) * step_m;
    // Enough radials at the radius, as base·2^levels with base in [8, 16).
    const double needed = std::max(8.0, std::ceil(kTwoPi * radius_m / max_gap_m));
    layout.levels = static_cast<unsigned>(std::floor(std::log2(needed / 8.0)));
    layout.base_rays = static_cast<std::size_t>(std::ceil(needed / static_cast<double>(std::size_t{1} << layout.levels)));
    // Ring L's gap 2πr/(base·2^L) reaches max_gap at r = max_gap·base·2^L/2π.
    for (unsigned L = 0; L <= layout.levels; ++L)
        layout.ring_end.push_back(max_gap_m * static_cast<double>(layout.base_rays << L) / kTwoPi);
    return layout;
}

class SweepPredictor {
public:
    SweepPredictor(const Grid<float>& dem, const CoverageSettings& s)
        : dem_(dem), settings_(s),
          step_(std::min(dem.spec().transform.dx, dem.spec().transform.dy)),
          layout_(make_layout(s.radius.value(), step_, s.sweep)) {
        // Pixels name their sample as ray · (samples + 1) + sample in 32 bits.
        if (static_cast<double>(layout_.rays()) * static_cast<double>(layout_.samples + 1) >= static_cast<double>(kNoSample))
            throw ModelDomainError("sweep engine: " + std::to_string(layout_.rays()) + " radials of " +
                                   std::to_string(layout_.samples) + " samples are too many; use fewer samples per step");
    }

    MastFootprint predict(const Mast& mast, const ClutterAtReceivers& clutter) const {
        MastFootprint out;
        const auto ground = sample_bilinear(dem_, mast.position);
        if (!ground) {
            out.off_dem = true;
            return out;
        }
        place_window(dem_.spec(), mast.position, settings_.radius, out);
        const std::size_t nf = mast.frequencies_mhz.size();
        const std::size_t row_length = layout_.samples + 1;
        // Pass 1: the sample each pixel uses (ray · row_length + sample), then the pixels listed
        // radial by radial.
        std::vector<std::uint32_t> sample_of(out.cols * out.rows, kNoSample), ray_of(sample_of.size(), kNoSample);
        parallel_for(out.rows, settings_.threads, [&](std::size_t row) {
            for (std::size_t col = 0; col < out.cols; ++col) {
                const XY p = dem_.spec().centre(out.col0 + col, out.row0 + row);
                const double dx = p.x - mast.position.x, dy = p.y - mast.position.y;
                const double range = std::hypot(dx, dy), bearing = bearing_of(dx, dy);
                if (!mast.reaches(range, bearing, settings_.radius.value())) continue;
                const std::size_t ray = layout_.ray_for(range, bearing);
                sample_of[row * out.cols + col] = static_cast<std::uint32_t>(ray * row_length + layout_.sample_for(range));
                ray_of[row * out.cols + col] = static_cast<std::uint32_t>(ray);
            }
        });
        const PixelsByRay by_ray = pixels_by_ray(ray_of, layout_.rays(), kNoSample);
        // Pass 2: ITM along each radial at the samples its pixels use, copied to those pixels.
        std::vector<float> pixel_loss_db(sample_of.size() * nf, kNoSignal);
        std::vector<std::uint32_t> ray_itm_warnings(layout_.rays(), 0);
        const Itm itm = prepare_itm(mast);
        parallel_for(layout_.rays(), settings_.threads, [&](std::size_t j) {
            const std::size_t first = by_ray.first[j], last = by_ray.first[j + 1];
            if (first == last) return;
            thread_local std::vector<std::uint8_t> wanted;
            thread_local std::vector<float> loss_db;
            wanted.assign(row_length, 0);
            for (std::size_t i = first; i < last; ++i) wanted[sample_of[by_ray.pixels[i]] % row_length] = 1;
            loss_db.assign(row_length * nf, kNoSignal);
            sweep_radial(mast, *ground, itm, j, wanted, loss_db, ray_itm_warnings[j]);
            for (std::size_t i = first; i < last; ++i) {
                const std::uint32_t pixel = by_ray.pixels[i];
                const std::size_t n = sample_of[pixel] % row_length;
                std::copy_n(&loss_db[n * nf], nf, &pixel_loss_db[pixel * nf]);
            }
        });
        for (const std::uint32_t w : ray_itm_warnings) out.itm_warnings |= w;
        // Pass 3: each pixel's level per cell, from its sample's loss and the clutter around it.
        std::vector<std::size_t> clutter_f;  // the clutter's index of each mast frequency
        for (const double f : mast.frequencies_mhz) clutter_f.push_back(clutter.index_of(f));
        out.cell_dbm.assign(mast.cells.size(), std::vector<float>(out.cols * out.rows, kNoSignal));
        const double tx_top = *ground + mast.antenna_height.value();
        parallel_for(out.rows, settings_.threads, [&](std::size_t row) {
            for (std::size_t col = 0; col < out.cols; ++col) {
                const std::size_t pixel = row * out.cols + col;
                if (sample_of[pixel] == kNoSample) continue;
                const float* loss = &pixel_loss_db[pixel * nf];
                if (std::isnan(loss[0])) continue;  // the DEM ends before the sample
                const XY p = dem_.spec().centre(out.col0 + col, out.row0 + row);
                const double dx = p.x - mast.position.x, dy = p.y - mast.position.y;
                const double d = std::max(std::hypot(dx, dy), step_ / 2.0);
                const double rx_top = dem_.at(out.col0 + col, out.row0 + row) + settings_.rx_height.value();
                const Degrees below = Degrees::from_radians(std::atan2(tx_top - rx_top, d));
                const Degrees bearing = Degrees::from_radians(bearing_of(dx, dy));
                const double path_m = static_cast<double>(sample_of[pixel] % row_length) * layout_.spacing;
                for (std::size_t c = 0; c < mast.cells.size(); ++c) {
                    const Transmitter& tx = *mast.cells[c];
                    const std::size_t f = mast.cell_frequency[c];
                    const double clutter_db = clutter.loss_db(out.col0 + col, out.row0 + row, clutter_f[f], path_m);
                    const Dbm level = tx.reference_eirp + tx.antenna.relative_gain(bearing, below) - Db{loss[f] + clutter_db};
                    out.cell_dbm[c][pixel] = static_cast<float>(level.value());
                }
            }
        });
        return out;
    }

private:
    /// What ITM needs per mast: the environment and medium per frequency, deviates, warnings
    /// from input validation.
    struct Itm {
        std::vector<itm::Environment> environment;  ///< per frequency
        std::vector<itm::detail::Medium> medium;    ///< per frequency; N_s and γ_e set per receiver
        itm::detail::Deviates deviates;
        std::uint32_t warnings = 0;
        itm::detail::RadialSettings radial;
    };

    Itm prepare_itm(const Mast& mast) const {
        const ItmSettings& s = settings_.itm;
        const itm::TimeLocationSituation tls{s.time, s.location, s.situation};
        Itm out;
        for (const double f : mast.frequencies_mhz) {
            const itm::Environment env = itm_environment(s, f);
            const int code = itm::detail::validate_p2p_tls(mast.antenna_height.value(), settings_.rx_height.value(), env,
                                                           tls, out.warnings);
            if (code != itm::kSuccess) throw ModelDomainError("ITM: " + itm::describe_return_code(code));
            out.environment.push_back(env);
            out.medium.push_back(itm::detail::make_medium(f, s.N_0, 0.0, s.polarization, s.epsilon, s.sigma));
        }
        out.deviates = itm::detail::deviates(tls);
        out.radial.spacing__meter = layout_.spacing;
        out.radial.h_tx__meter = mast.antenna_height.value();
        out.radial.h_rx__meter = settings_.rx_height.value();
        out.radial.N_0 = s.N_0;
        out.radial.exact_delta_h_samples = settings_.sweep.exact_delta_h_samples;
        out.radial.knot_spacing_fraction = settings_.sweep.delta_h_knot_spacing;
        return out;
    }

    /// ITM losses along radial j at its wanted samples: loss_db[n·frequencies + f].
    void sweep_radial(const Mast& mast, double ground, const Itm& itm, std::size_t j, std::span<const std::uint8_t> wanted,
                      std::span<float> loss_db, std::uint32_t& itm_warnings) const {
        std::size_t farthest = 0;
        for (std::size_t n = wanted.size(); n-- > 1;)
            if (wanted[n]) {
                farthest = n;
                break;
            }
        if (farthest == 0) return;
        thread_local std::vector<double> z;
        thread_local std::vector<itm::detail::RadialPath> paths;
        const double bearing = kTwoPi * static_cast<double>(j) / static_cast<double>(layout_.rays());
        const double sx = std::sin(bearing), sy = std::cos(bearing);
        const double reach = static_cast<double>(farthest) * layout_.spacing;
        z.resize(farthest + 1);
        if (sample_line_bilinear(dem_, mast.position, {mast.position.x + reach * sx, mast.position.y + reach * sy}, z)) {
            z[0] = ground;  // as the mast's foot is read everywhere else
        } else {
            // The radial leaves the DEM: keep the samples up to there; farther ones stay unreached.
            z.assign(1, ground);
            for (std::size_t n = 1; n <= farthest; ++n) {
                const double d = static_cast<double>(n) * layout_.spacing;
                const auto h = sample_bilinear(dem_, {mast.position.x + d * sx, mast.position.y + d * sy});
                if (!h) break;
                z.push_back(*h);
            }
        }
        const std::size_t last = z.size() - 1;
        if (last == 0) return;
        paths.resize(last + 1);
        itm::detail::analyse_radial(z, itm.radial, wanted.first(last + 1), paths);
        const std::size_t nf = itm.medium.size();
        for (std::size_t n = 1; n <= last; ++n) {
            if (!wanted[n]) continue;
            const double correction = settings_.correction.at(static_cast<double>(n) * layout_.spacing);
            for (std::size_t f = 0; f < nf; ++f) {
                itm::detail::Medium m = itm.medium[f];
                m.N_s = paths[n].N_s;
                m.gamma_e__per_meter = paths[n].gamma_e__per_meter;
                const itm::Result r = itm::detail::finish(paths[n].geometry, m, itm.environment[f], itm.deviates, true, itm.warnings);
                if (!r.ok()) throw ModelDomainError("ITM: " + itm::describe_return_code(r.return_code));
                itm_warnings |= r.warnings;
                loss_db[n * nf + f] = static_cast<float>(r.A__db + correction);
            }
        }
    }

    const Grid<float>& dem_;
    const CoverageSettings& settings_;
    double step_;
    RadialLayout layout_;
};

}  // namespace

MastFootprint predict_sweep(const Grid<float>& dem, const CoverageSettings& settings, const Mast& mast,
                            const ClutterAtReceivers& clutter) {
    return SweepPredictor(dem, settings).predict(mast, clutter);
}

std::size_t sweep_table_bytes(Metres radius, Metres resolution, const CoverageSettings&) {
    // Per pixel of the mast's window: its sample and radial, its place in the radial lists, its loss.
    const auto side = static_cast<std::size_t>(std::ceil(2.0 * radius.value() / resolution.value())) + 1;
    return side * side * (3 * sizeof(std::uint32_t) + sizeof(float));
}

}  // namespace phusong::engine
