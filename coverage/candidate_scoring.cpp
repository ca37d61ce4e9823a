#include "coverage/candidate_scoring.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <unordered_map>

#include "coverage/mast_reach.hpp"
#include "coverage/parallel.hpp"
#include "coverage/point_levels.hpp"

namespace phusong {
namespace {

/// Points bucketed on a square grid of `size` metres, for finding those within reach.
class PointIndex {
public:
    PointIndex(std::span<const XY> points, double size) : points_(points), size_(size) {
        for (std::size_t i = 0; i < points.size(); ++i) buckets_[key(points[i])].push_back(static_cast<std::uint32_t>(i));
    }

    /// Indices of the points within `radius` of p, ascending.
    [[nodiscard]] std::vector<std::uint32_t> near(XY p, double radius) const {
        std::vector<std::uint32_t> out;
        const auto bx = cell(p.x), by = cell(p.y);
        for (std::int64_t dy = -1; dy <= 1; ++dy)
            for (std::int64_t dx = -1; dx <= 1; ++dx) {
                const auto it = buckets_.find(pack(bx + dx, by + dy));
                if (it == buckets_.end()) continue;
                for (std::uint32_t i : it->second)
                    if (std::hypot(points_[i].x - p.x, points_[i].y - p.y) <= radius) out.push_back(i);
            }
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    [[nodiscard]] std::int64_t cell(double v) const { return static_cast<std::int64_t>(std::floor(v / size_)); }
    static std::int64_t pack(std::int64_t x, std::int64_t y) { return (x << 32) ^ (y & 0xffffffff); }
    [[nodiscard]] std::int64_t key(XY p) const { return pack(cell(p.x), cell(p.y)); }

    std::span<const XY> points_;
    double size_;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> buckets_;
};

}  // namespace

CandidateCoverage score_candidates(const Grid<float>& dem, std::span<const Transmitter> candidates,
                                   std::span<const XY> points, Dbm covered_level, const CoverageSettings& settings,
                                   const std::function<void(std::size_t, std::size_t)>& on_done) {
    CandidateCoverage out;
    out.covers.assign(candidates.size(), {});
    const PointIndex index(points, std::max(settings.radius.value(), 1.0));
    CoverageSettings one = settings;
    one.threads = 1;  // parallel over candidates instead of points
    // The clutter tables are the same for every candidate: prepared once.
    const double step = std::min(dem.spec().transform.dx, dem.spec().transform.dy);
    const ClutterAtReceivers clutter(settings.clutter, distinct_frequencies_mhz(candidates), settings.radius.value() + step);
    std::vector<std::uint32_t> warnings(candidates.size(), 0), itm_warnings(candidates.size(), 0);
    std::vector<std::size_t> paths(candidates.size(), 0);
    const auto level = static_cast<float>(covered_level.value());
    std::mutex done_mutex;
    std::atomic<std::size_t> done{0};
    parallel_for(candidates.size(), settings.threads, [&](std::size_t c) {
        const Transmitter& candidate = candidates[c];
        engine::Mast mast{candidate.position, candidate.antenna_height, {&candidate}, {candidate.frequency.value()}, {0}, {}};
        if (settings.reach == ReachRule::Auto)
            mast.sector_reach_m = engine::probe_reach(dem, mast, {{candidate.technology, covered_level}}, one).sector_reach_m;
        std::vector<std::uint32_t> near = index.near(candidate.position, settings.radius.value());
        std::erase_if(near, [&](std::uint32_t i) {
            const double dx = points[i].x - candidate.position.x, dy = points[i].y - candidate.position.y;
            return !mast.reaches(std::hypot(dx, dy), engine::bearing_of(dx, dy), settings.radius.value());
        });
        paths[c] = near.size();
        std::vector<XY> reach;
        reach.reserve(near.size());
        for (std::uint32_t i : near) reach.push_back(points[i]);
        const auto levels =
            levels_at_points(dem, candidates.subspan(c, 1), reach, one, warnings[c], itm_warnings[c], &clutter);
        for (std::size_t i = 0; i < near.size(); ++i)
            if (levels[0][i] >= level) out.covers[c].push_back(near[i]);
        const std::size_t finished = ++done;
        if (on_done) {
            std::lock_guard lock(done_mutex);
            on_done(finished, candidates.size());
        }
    });
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        out.warnings |= warnings[c];
        out.itm_warnings |= itm_warnings[c];
        out.paths += paths[c];
    }
    return out;
}

}  // namespace phusong
