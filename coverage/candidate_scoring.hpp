// Which demand points each candidate site would cover: the expensive part of site ranking,
// done at the points only (never over full rasters).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "coverage/coverage_engine.hpp"

namespace phusong {

struct CandidateCoverage {
    std::vector<std::vector<std::uint32_t>> covers;  ///< per candidate: indices of points at ≥ the covered level, ascending
    std::size_t paths = 0;                           ///< candidate–point paths predicted (points within reach)
    std::uint32_t warnings = 0;                      ///< model validity flags seen (Hata)
    std::uint32_t itm_warnings = 0;
};

/// For each candidate (one transmitter each), the demand points within settings.radius (under
/// ReachRule::Auto, within the candidate's probed reach, coverage/mast_reach.hpp) whose
/// received level (levels_at_points: straight profiles, the run's model) reaches
/// `covered_level`. Candidates are shared among settings.threads workers; results do not
/// depend on the thread count. `on_done(done, total)` is called after each candidate, never
/// concurrently.
CandidateCoverage score_candidates(const Grid<float>& dem, std::span<const Transmitter> candidates,
                                   std::span<const XY> points, Dbm covered_level, const CoverageSettings& settings,
                                   const std::function<void(std::size_t, std::size_t)>& on_done = {});

}  // namespace phusong
