#include "coverage/coverage_engine.hpp"

#include <algorithm>
#include <stdexcept>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <tuple>

#include "coverage/mast_footprint.hpp"
#include "coverage/mast_reach.hpp"
#include "coverage/per_pixel_engine.hpp"
#include "coverage/sweep_engine.hpp"
#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr float kNoSignal = std::numeric_limits<float>::quiet_NaN();

using engine::Mast;
using engine::MastFootprint;

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
                if (!tc->group_signal_dbm.empty()) {
                    float& group_best = tc->group_signal_dbm[t.group].at(gc, gr);
                    if (std::isnan(group_best) || v > group_best) group_best = v;
                }
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

namespace engine {

bool Mast::reaches(double range, double bearing, double radius) const {
    if (range > radius) return false;
    if (sector_reach_m.empty()) return true;
    const std::size_t n = sector_reach_m.size();
    const auto before = static_cast<std::size_t>(std::floor(bearing / (2.0 * std::numbers::pi) * static_cast<double>(n))) % n;
    // Four radials each side: a lit slope between probe radials is seen by one of them nearby
    // (bench/reach_check.py; with one each side, 0.3 % of one mast's covered pixels were cut off).
    constexpr std::size_t kEachSide = 4;
    for (std::size_t k = before + n + 1 - kEachSide; k <= before + n + kEachSide; ++k)
        if (range <= sector_reach_m[k % n]) return true;
    return false;
}

/// Masts in order of first appearance (a map finds each cell's mast: inventories such as
/// OpenCellID dumps hold hundreds of thousands of cells).
std::vector<Mast> group_into_masts(std::span<const Transmitter> transmitters, const std::map<Technology, Dbm>& covered_levels) {
    std::vector<Mast> masts;
    std::map<std::tuple<double, double, double>, std::size_t> index_of;
    for (const Transmitter& t : transmitters) {
        if (!covered_levels.contains(t.technology)) continue;
        const auto [it, added] =
            index_of.try_emplace({t.position.x, t.position.y, t.antenna_height.value()}, masts.size());
        if (added) masts.push_back({t.position, t.antenna_height, {}, {}, {}, {}});
        Mast& m = masts[it->second];
        m.cells.push_back(&t);
        if (std::find(m.frequencies_mhz.begin(), m.frequencies_mhz.end(), t.frequency.value()) == m.frequencies_mhz.end())
            m.frequencies_mhz.push_back(t.frequency.value());
    }
    for (Mast& m : masts) {
        std::sort(m.frequencies_mhz.begin(), m.frequencies_mhz.end());
        for (const Transmitter* t : m.cells)
            m.cell_frequency.push_back(static_cast<std::size_t>(
                std::find(m.frequencies_mhz.begin(), m.frequencies_mhz.end(), t->frequency.value()) - m.frequencies_mhz.begin()));
    }
    return masts;
}

void place_window(const GridSpec& spec, XY centre, Metres radius, MastFootprint& out) {
    const double r = radius.value();
    const auto [c_min, r_min] = spec.to_pixel({centre.x - r, centre.y + r});
    const auto [c_max, r_max] = spec.to_pixel({centre.x + r, centre.y - r});
    const auto clamp_to = [](double v, std::size_t n) {
        return static_cast<std::size_t>(std::clamp(v, 0.0, static_cast<double>(n)));
    };
    out.col0 = clamp_to(std::floor(c_min), spec.width);
    out.row0 = clamp_to(std::floor(r_min), spec.height);
    out.cols = clamp_to(std::ceil(c_max), spec.width) - out.col0;
    out.rows = clamp_to(std::ceil(r_max), spec.height) - out.row0;
}

PixelsByRay pixels_by_ray(std::span<const std::uint32_t> ray_of, std::size_t rays, std::uint32_t none) {
    PixelsByRay out;
    out.first.assign(rays + 1, 0);
    for (const std::uint32_t r : ray_of)
        if (r != none) ++out.first[r + 1];
    std::partial_sum(out.first.begin(), out.first.end(), out.first.begin());
    out.pixels.resize(out.first.back());
    std::vector<std::size_t> cursor(out.first.begin(), out.first.end() - 1);
    for (std::size_t i = 0; i < ray_of.size(); ++i)
        if (ray_of[i] != none) out.pixels[cursor[ray_of[i]]++] = static_cast<std::uint32_t>(i);
    return out;
}

double bearing_of(double dx, double dy) {
    const double b = std::atan2(dx, dy);
    return b < 0.0 ? b + 2.0 * std::numbers::pi : b;
}

}  // namespace engine

double DistanceCorrection::at(double distance_m) const {
    if (is_zero()) return 0.0;
    return offset_db + slope_db_per_decade * std::log10(std::max(distance_m, 1.0) / 1000.0);
}

std::optional<PropagationModel> parse_propagation_model(const std::string& name) {
    if (name == "fspl") return PropagationModel::FreeSpace;
    if (name == "deygout") return PropagationModel::Deygout;
    if (name == "hata") return PropagationModel::OkumuraHata;
    if (name == "cost231") return PropagationModel::Cost231Hata;
    if (name == "itm") return PropagationModel::Itm;
    if (name == "spm") return PropagationModel::Spm;
    if (name == "p1812") return PropagationModel::P1812;
    return std::nullopt;
}

std::string to_string(PropagationModel model) {
    switch (model) {
        case PropagationModel::FreeSpace: return "fspl";
        case PropagationModel::Deygout: return "deygout";
        case PropagationModel::OkumuraHata: return "hata";
        case PropagationModel::Cost231Hata: return "cost231";
        case PropagationModel::Itm: return "itm";
        case PropagationModel::Spm: return "spm";
        case PropagationModel::P1812: return "p1812";
    }
    return "?";
}

std::optional<CoverageEngine> parse_coverage_engine(const std::string& name) {
    if (name == "sweep") return CoverageEngine::Sweep;
    if (name == "per-pixel") return CoverageEngine::PerPixel;
    return std::nullopt;
}

std::string to_string(CoverageEngine engine) { return engine == CoverageEngine::Sweep ? "sweep" : "per-pixel"; }

CoverageEngine effective_engine(PropagationModel model, CoverageEngine requested) {
    return model == PropagationModel::Itm ? requested : CoverageEngine::PerPixel;
}

namespace {

bool uses_sweep(const CoverageSettings& settings) {
    return effective_engine(settings.model, settings.engine) == CoverageEngine::Sweep;
}

}  // namespace

std::vector<double> distinct_frequencies_mhz(std::span<const Transmitter* const> cells) {
    std::vector<double> out;
    for (const Transmitter* t : cells) out.push_back(t->frequency.value());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<double> distinct_frequencies_mhz(std::span<const Transmitter> cells) {
    std::vector<const Transmitter*> pointers;
    for (const Transmitter& t : cells) pointers.push_back(&t);
    return distinct_frequencies_mhz(pointers);
}

std::size_t ray_table_bytes(Metres radius, Metres resolution, const CoverageSettings& settings) {
    return uses_sweep(settings) ? engine::sweep_table_bytes(radius, resolution, settings)
                                : engine::per_pixel_table_bytes(radius, resolution, settings);
}

CoverageResult predict_coverage(const Grid<float>& dem, std::span<const Transmitter> transmitters,
                                const std::map<Technology, Dbm>& covered_levels, const CoverageSettings& settings) {
    if (!(settings.radius.value() > 0.0)) throw ModelDomainError("coverage radius must be > 0 m");
    if (!(settings.rx_height.value() > 0.0)) throw ModelDomainError("receiver height must be > 0 m");
    const double step = std::min(dem.spec().transform.dx, dem.spec().transform.dy);
    const std::vector<Mast> masts = engine::group_into_masts(transmitters, covered_levels);
    // Besides its tables, a mast holds a level per cell and pixel of its window (and the sweep
    // a loss per frequency and pixel): refuse before the largest mast exhausts memory, or under
    // the automatic reach shorten the reach of a mast that would not fit.
    std::size_t per_pixel_values = 1;
    for (const Mast& m : masts) per_pixel_values = std::max(per_pixel_values, m.cells.size() + m.frequencies_mhz.size());
    auto mast_bytes = [&](Metres radius) {
        const auto side = static_cast<std::size_t>(std::ceil(2.0 * radius.value() / step)) + 1;
        return ray_table_bytes(radius, Metres{step}, settings) + side * side * sizeof(float) * per_pixel_values;
    };
    if (settings.reach == ReachRule::Fixed)
        if (const std::size_t bytes = mast_bytes(settings.radius); bytes > kMaxRayTableBytes)
            throw ModelDomainError("coverage radius too large for the grid resolution and the cells per mast (one mast would need " +
                                   std::to_string(bytes >> 20) + " MiB, limit " + std::to_string(kMaxRayTableBytes >> 20) + " MiB)");
    const Metres cap = settings.radius;
    CoverageSettings mast_settings = settings;
    std::vector<const Transmitter*> cells;
    for (const Mast& m : masts) cells.insert(cells.end(), m.cells.begin(), m.cells.end());
    const ClutterAtReceivers clutter(settings.clutter, distinct_frequencies_mhz(cells), cap.value() + step);
    CoverageResult result;
    for (const Transmitter& t : transmitters)
        if (t.group >= settings.groups)
            throw std::invalid_argument("cell " + std::to_string(t.cell_index) + " is in group " + std::to_string(t.group) +
                                        " of " + std::to_string(settings.groups));
    for (const auto& [tech, level] : covered_levels) {
        result.technologies.push_back({tech, level, Grid<float>(dem.spec(), kNoSignal, kNoSignal),
                                       Grid<std::int32_t>(dem.spec(), -1, -1), Grid<std::uint16_t>(dem.spec(), 0), {}});
        if (settings.groups > 1)
            result.technologies.back().group_signal_dbm.assign(settings.groups, Grid<float>(dem.spec(), kNoSignal, kNoSignal));
    }
    for (std::size_t i = 0; i < masts.size(); ++i) {
        Mast mast = masts[i];
        if (settings.reach == ReachRule::Auto) {
            mast_settings.radius = cap;
            engine::ProbedReach probed = engine::probe_reach(dem, mast, covered_levels, mast_settings);
            mast.sector_reach_m = std::move(probed.sector_reach_m);
            if (probed.at_grid_edge) ++result.reach.at_grid_edge;
            const double farthest = mast.sector_reach_m.empty()
                                        ? cap.value()
                                        : *std::max_element(mast.sector_reach_m.begin(), mast.sector_reach_m.end());
            mast_settings.radius = Metres{farthest};
            if (farthest >= cap.value()) ++result.reach.at_cap;
            if (mast_bytes(mast_settings.radius) > kMaxRayTableBytes) {
                ++result.reach.cut_for_memory;
                while (mast_bytes(mast_settings.radius) > kMaxRayTableBytes && mast_settings.radius.value() > 2.0 * step)
                    mast_settings.radius = Metres{mast_settings.radius.value() * 0.9};
            }
        }
        result.reach.per_mast.push_back(mast_settings.radius);
        const MastFootprint fp = uses_sweep(settings) ? engine::predict_sweep(dem, mast_settings, mast, clutter)
                                                      : engine::predict_per_pixel(dem, mast_settings, mast, clutter);
        if (fp.off_dem) ++result.masts_off_dem;
        result.model_warnings |= fp.warnings;
        result.itm_warnings |= fp.itm_warnings;
        merge(masts[i], fp, result.technologies);
        if (settings.on_mast_done) settings.on_mast_done(i + 1, masts.size());
    }
    return result;
}

}  // namespace phusong
