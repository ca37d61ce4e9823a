// The propagation model of a coverage run, applied to one terrain profile: shared by the
// raster engine and by point predictions (candidate sites scored at demand points).
#pragma once

#include <cstdint>
#include <span>

#include "coverage/coverage_engine.hpp"

namespace phusong {

/// Where a profile runs, in the grid's CRS: the transmitter's foot and the receiver's.
struct PathEnds {
    XY from, to;
};

class PathModel {
public:
    explicit PathModel(const CoverageSettings& settings) : settings_(settings) {}

    /// Basic transmission loss (dB) at each of `frequencies_mhz` over `pfl` — NTIA layout
    /// {k, spacing (m), z0 … zk (m)} — from a transmitter `tx_height` above z0 to a receiver
    /// settings.rx_height above zk. Callers sample it at profile_intervals() (a longer profile
    /// is used whole). ITM's terrain analysis is shared by the frequencies. Validity flags are
    /// OR-ed into `warnings` (Hata models) and `itm_warnings`; ModelDomainError when ITM rejects
    /// the path. SPM uses settings.spm (its defaults at each frequency when unset), P.1812
    /// settings.p1812 with its clutter heights along `ends`, and settings.correction is added to
    /// every model's loss.
    void losses(std::span<const double> pfl, PathEnds ends, Metres tx_height, std::span<const double> frequencies_mhz,
                std::span<double> loss_db, std::uint32_t& warnings, std::uint32_t& itm_warnings) const;

    /// How many intervals the model needs on a path the grid would sample at `grid_intervals`
    /// steps: all of them for ITM, at most settings.max_profile_points for Deygout and SPM, as
    /// many for P.1812 but at least 4 (it needs 5 points), and one (the two ends) for the
    /// distance-only models.
    [[nodiscard]] std::size_t profile_intervals(std::size_t grid_intervals) const;

private:
    /// The model alone, without settings.correction.
    void model_losses(std::span<const double> pfl, PathEnds ends, Metres tx_height, std::span<const double> frequencies_mhz,
                      std::span<double> loss_db, std::uint32_t& warnings, std::uint32_t& itm_warnings) const;
    void p1812_losses(std::span<const double> pfl, PathEnds ends, Metres tx_height, std::span<const double> frequencies_mhz,
                      std::span<double> loss_db) const;
    const CoverageSettings& settings_;
};

}  // namespace phusong
