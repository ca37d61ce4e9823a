#include "coverage/coverage_engine.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <numbers>
#include <thread>

#include "coverage/deygout.hpp"
#include "coverage/fspl.hpp"
#include "geo/errors.hpp"
#include "geo/terrain_profile.hpp"

namespace phusong {
namespace {

constexpr float kNoSignal = std::numeric_limits<float>::quiet_NaN();

struct Mast {
    XY position;
    Metres antenna_height;
    std::vector<const Transmitter*> cells;
    std::vector<double> frequencies_mhz;  ///< distinct, ascending
};

std::vector<Mast> group_into_masts(std::span<const Transmitter> transmitters,
                                   const std::map<Technology, Dbm>& covered_levels) {
    std::vector<Mast> masts;
    for (const Transmitter& t : transmitters) {
        if (!covered_levels.contains(t.technology)) continue;
        auto it = std::find_if(masts.begin(), masts.end(), [&](const Mast& m) {
            return m.position == t.position && m.antenna_height == t.antenna_height;
        });
        if (it == masts.end()) {
            masts.push_back({t.position, t.antenna_height, {}, {}});
            it = std::prev(masts.end());
        }
        it->cells.push_back(&t);
        if (std::find(it->frequencies_mhz.begin(), it->frequencies_mhz.end(), t.frequency.value()) ==
            it->frequencies_mhz.end())
            it->frequencies_mhz.push_back(t.frequency.value());
    }
    for (Mast& m : masts) std::sort(m.frequencies_mhz.begin(), m.frequencies_mhz.end());
    return masts;
}

/// Per-mast prediction: one value per cell over a square window of the grid.
struct MastFootprint {
    std::size_t col0 = 0, row0 = 0, cols = 0, rows = 0;
    std::vector<std::vector<float>> cell_dbm;  ///< [cell][row * cols + col], NaN = not reached
    std::uint32_t warnings = 0;
    bool off_dem = false;
};

class MastPredictor {
public:
    MastPredictor(const Grid<float>& dem, const CoverageSettings& s) : dem_(dem), settings_(s) {
        step_ = std::min(dem.spec().transform.dx, dem.spec().transform.dy);
        samples_ = static_cast<std::size_t>(std::floor(s.radius.value() / step_));
        rays_ = std::max<std::size_t>(8, static_cast<std::size_t>(std::ceil(2.0 * std::numbers::pi * s.radius.value() / step_)));
    }

    MastFootprint predict(const Mast& mast) const {
        MastFootprint out;
        const auto ground = sample_bilinear(dem_, mast.position);
        if (!ground || samples_ == 0) {
            out.off_dem = true;
            return out;
        }
        const std::size_t nf = mast.frequencies_mhz.size();
        const std::size_t stride = samples_ + 1;
        std::vector<float> elevation(rays_ * stride, kNoSignal);
        std::vector<float> terrain_db(rays_ * stride * nf, kNoSignal);
        std::vector<std::size_t> ray_end(rays_, 0);
        std::vector<double> ray(stride), resampled;
        const double tx_height = mast.antenna_height.value();
        for (std::size_t j = 0; j < rays_; ++j) {
            const double bearing = 2.0 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(rays_);
            const double sx = std::sin(bearing), sy = std::cos(bearing);
            ray[0] = *ground;
            std::size_t end = 0;
            for (std::size_t k = 1; k <= samples_; ++k) {
                const double d = static_cast<double>(k) * step_;
                const auto z = sample_bilinear(dem_, {mast.position.x + d * sx, mast.position.y + d * sy});
                if (!z) break;
                ray[k] = *z;
                end = k;
            }
            ray_end[j] = end;
            for (std::size_t k = 0; k <= end; ++k) elevation[j * stride + k] = static_cast<float>(ray[k]);
            for (std::size_t k = 1; k <= end; ++k) {
                float* term = &terrain_db[(j * stride + k) * nf];
                if (settings_.model != PropagationModel::Deygout) {
                    std::fill(term, term + nf, 0.0f);
                    continue;
                }
                const auto [profile, spacing] = prefix_profile(ray, k, resampled);
                const DeygoutGeometry g = deygout_geometry(profile, Metres{spacing}, mast.antenna_height,
                                                           settings_.rx_height, settings_.earth_radius_factor);
                for (std::size_t f = 0; f < nf; ++f)
                    term[f] = static_cast<float>(deygout_diffraction_loss(g, Megahertz{mast.frequencies_mhz[f]}).value());
            }
        }
        fill_window(mast, *ground + tx_height, elevation, terrain_db, ray_end, out);
        return out;
    }

private:
    /// The first k+1 ray samples, resampled to at most max_profile_points intervals.
    std::pair<std::span<const double>, double> prefix_profile(const std::vector<double>& ray, std::size_t k,
                                                              std::vector<double>& resampled) const {
        const std::size_t limit = std::max<std::size_t>(2, settings_.max_profile_points);
        if (k <= limit) return {std::span<const double>(ray.data(), k + 1), step_};
        resampled.resize(limit + 1);
        const double ratio = static_cast<double>(k) / static_cast<double>(limit);
        for (std::size_t i = 0; i <= limit; ++i) {
            const double pos = static_cast<double>(i) * ratio;
            const auto lo = std::min(static_cast<std::size_t>(pos), k);
            const auto hi = std::min(lo + 1, k);
            const double t = pos - static_cast<double>(lo);
            resampled[i] = ray[lo] * (1.0 - t) + ray[hi] * t;
        }
        return {std::span<const double>(resampled), step_ * ratio};
    }

    void fill_window(const Mast& mast, double tx_top, const std::vector<float>& elevation,
                     const std::vector<float>& terrain_db, const std::vector<std::size_t>& ray_end,
                     MastFootprint& out) const {
        const GridSpec& spec = dem_.spec();
        const double r = settings_.radius.value();
        const auto [c_min, r_min] = spec.to_pixel({mast.position.x - r, mast.position.y + r});
        const auto [c_max, r_max] = spec.to_pixel({mast.position.x + r, mast.position.y - r});
        const auto clamp_to = [](double v, std::size_t n) {
            return static_cast<std::size_t>(std::clamp(v, 0.0, static_cast<double>(n)));
        };
        out.col0 = clamp_to(std::floor(c_min), spec.width);
        out.row0 = clamp_to(std::floor(r_min), spec.height);
        out.cols = clamp_to(std::ceil(c_max), spec.width) - out.col0;
        out.rows = clamp_to(std::ceil(r_max), spec.height) - out.row0;
        const std::size_t nf = mast.frequencies_mhz.size();
        const std::size_t stride = samples_ + 1;
        out.cell_dbm.assign(mast.cells.size(), std::vector<float>(out.cols * out.rows, kNoSignal));
        const double two_pi = 2.0 * std::numbers::pi;
        for (std::size_t row = 0; row < out.rows; ++row) {
            for (std::size_t col = 0; col < out.cols; ++col) {
                const XY p = spec.centre(out.col0 + col, out.row0 + row);
                const double dx = p.x - mast.position.x, dy = p.y - mast.position.y;
                const double d = std::hypot(dx, dy);
                if (d > r) continue;
                double bearing = std::atan2(dx, dy);
                if (bearing < 0.0) bearing += two_pi;
                const std::size_t j = static_cast<std::size_t>(std::lround(bearing / two_pi * static_cast<double>(rays_))) % rays_;
                const std::size_t k = std::clamp<std::size_t>(static_cast<std::size_t>(std::lround(d / step_)), 1, samples_);
                if (k > ray_end[j]) continue;
                const double d_eff = std::max(d, step_ / 2.0);
                const double rx_top = elevation[j * stride + k] + settings_.rx_height.value();
                const Degrees below = Degrees::from_radians(std::atan2(tx_top - rx_top, d_eff));
                const Degrees bearing_deg = Degrees::from_radians(bearing);
                for (std::size_t c = 0; c < mast.cells.size(); ++c) {
                    const Transmitter& t = *mast.cells[c];
                    const auto f = static_cast<std::size_t>(
                        std::find(mast.frequencies_mhz.begin(), mast.frequencies_mhz.end(), t.frequency.value()) -
                        mast.frequencies_mhz.begin());
                    const Db loss = distance_loss(Metres{d_eff}, t.frequency, mast.antenna_height, out.warnings) +
                                    Db{terrain_db[(j * stride + k) * nf + f]};
                    const Dbm level = t.reference_eirp + t.antenna.relative_gain(bearing_deg, below) - loss;
                    out.cell_dbm[c][row * out.cols + col] = static_cast<float>(level.value());
                }
            }
        }
    }

    Db distance_loss(Metres d, Megahertz f, Metres tx_height, std::uint32_t& warnings) const {
        switch (settings_.model) {
            case PropagationModel::OkumuraHata: {
                const HataResult h = okumura_hata_loss(d, f, tx_height, settings_.rx_height, settings_.hata_environment);
                warnings |= h.warnings;
                return h.loss;
            }
            case PropagationModel::Cost231Hata: {
                const HataResult h = cost231_hata_loss(d, f, tx_height, settings_.rx_height, settings_.hata_environment);
                warnings |= h.warnings;
                return h.loss;
            }
            default: return free_space_loss(d, f);
        }
    }

    const Grid<float>& dem_;
    const CoverageSettings& settings_;
    double step_ = 1.0;
    std::size_t samples_ = 0;
    std::size_t rays_ = 0;
};

void merge(const Mast& mast, const MastFootprint& fp, std::vector<TechnologyCoverage>& techs) {
    for (std::size_t c = 0; c < mast.cells.size(); ++c) {
        const Transmitter& t = *mast.cells[c];
        auto tc = std::find_if(techs.begin(), techs.end(), [&](const TechnologyCoverage& x) { return x.technology == t.technology; });
        const float covered = static_cast<float>(tc->covered_level.value());
        for (std::size_t row = 0; row < fp.rows; ++row)
            for (std::size_t col = 0; col < fp.cols; ++col) {
                const float v = fp.cell_dbm[c][row * fp.cols + col];
                if (std::isnan(v)) continue;
                const std::size_t gc = fp.col0 + col, gr = fp.row0 + row;
                float& best = tc->signal_dbm.at(gc, gr);
                std::int32_t& server = tc->server.at(gc, gr);
                if (std::isnan(best) || v > best || (v == best && t.cell_index < server)) {
                    best = v;
                    server = t.cell_index;
                }
                if (v >= covered) ++tc->servers_above.at(gc, gr);
            }
    }
}

}  // namespace

std::optional<PropagationModel> parse_propagation_model(const std::string& name) {
    if (name == "fspl") return PropagationModel::FreeSpace;
    if (name == "deygout") return PropagationModel::Deygout;
    if (name == "hata") return PropagationModel::OkumuraHata;
    if (name == "cost231") return PropagationModel::Cost231Hata;
    return std::nullopt;
}

std::string to_string(PropagationModel model) {
    switch (model) {
        case PropagationModel::FreeSpace: return "fspl";
        case PropagationModel::Deygout: return "deygout";
        case PropagationModel::OkumuraHata: return "hata";
        case PropagationModel::Cost231Hata: return "cost231";
    }
    return "?";
}

CoverageResult predict_coverage(const Grid<float>& dem, std::span<const Transmitter> transmitters,
                                const std::map<Technology, Dbm>& covered_levels, const CoverageSettings& settings) {
    if (!(settings.radius.value() > 0.0)) throw ModelDomainError("coverage radius must be > 0 m");
    if (!(settings.rx_height.value() > 0.0)) throw ModelDomainError("receiver height must be > 0 m");
    CoverageResult result;
    for (const auto& [tech, level] : covered_levels)
        result.technologies.push_back({tech, level, Grid<float>(dem.spec(), kNoSignal, kNoSignal),
                                       Grid<std::int32_t>(dem.spec(), -1, -1), Grid<std::uint16_t>(dem.spec(), 0)});
    const std::vector<Mast> masts = group_into_masts(transmitters, covered_levels);
    const MastPredictor predictor(dem, settings);
    std::atomic<std::size_t> next{0};
    std::mutex merge_mutex;
    std::size_t done = 0;
    std::exception_ptr failure;
    auto worker = [&] {
        for (std::size_t i = next++; i < masts.size(); i = next++) {
            try {
                const MastFootprint fp = predictor.predict(masts[i]);
                std::lock_guard lock(merge_mutex);
                if (fp.off_dem) ++result.masts_off_dem;
                result.model_warnings |= fp.warnings;
                merge(masts[i], fp, result.technologies);
                ++done;
                if (settings.on_mast_done) settings.on_mast_done(done, masts.size());
            } catch (...) {
                std::lock_guard lock(merge_mutex);
                if (!failure) failure = std::current_exception();
                next = masts.size();
            }
        }
    };
    const unsigned n = std::max(1u, std::min<unsigned>(settings.threads, static_cast<unsigned>(std::max<std::size_t>(1, masts.size()))));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    return result;
}

}  // namespace phusong
