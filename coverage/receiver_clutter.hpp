// Clutter loss at the receiver: what trees and buildings around a receiver take from the
// signal the terrain model predicts (bare earth). Two models, per receiver pixel:
// - table: the extra loss (dB) of the pixel's land-cover class, as given in the class table;
// - p2108: ITU-R P.2108 §3.2 terrestrial statistical clutter loss for the path's length and
//   frequency at `location_percent`, where the pixel's class is clutter (tall enough to count).
// The land cover itself is read and classified by the pipeline; this is what the engines apply.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "geo/grid.hpp"

namespace phusong {

enum class ClutterModel { None, Table, P2108 };

/// "none", "table", "p2108".
std::optional<ClutterModel> parse_clutter_model(const std::string& name);
std::string to_string(ClutterModel model);

struct ReceiverClutter {
    ClutterModel model = ClutterModel::None;
    const Grid<float>* loss_db = nullptr;            ///< Table: extra loss at each receiver pixel, dB (0 = none)
    const Grid<std::uint8_t>* in_clutter = nullptr;  ///< P2108: 1 where the receiver's class is clutter
    double location_percent = 50.0;                  ///< P2108: locations for which the loss is not exceeded, (0, 100)
    /// Table: the largest gain (−loss, dB) any pixel has, 0 when no loss is negative (a calibration
    /// can fit a class clearer than its reference): the reach probe allows for it.
    double max_gain_db = 0.0;
};

/// The clutter loss receivers get, at each frequency of a run: built once (the P.2108 tables)
/// and read by every mast or candidate.
class ClutterAtReceivers {
public:
    /// `frequencies_mhz`: every frequency asked for later; `radius_m`: the longest path.
    /// ModelDomainError when P.2108 cannot take a frequency (it needs 0.5–67 GHz).
    ClutterAtReceivers(const ReceiverClutter& clutter, std::span<const double> frequencies_mhz, double radius_m);

    /// The index loss_db takes for `frequency_mhz`, one of the constructor's frequencies.
    [[nodiscard]] std::size_t index_of(double frequency_mhz) const;

    /// Loss (dB; ≥ 0 but for a calibrated table, see max_gain_db) to subtract at pixel (col, row) at frequency index `f` (index_of) over a
    /// path of `distance_m`. For P.2108 the path is taken as at least 0.25 km, its shortest.
    [[nodiscard]] double loss_db(std::size_t col, std::size_t row, std::size_t f, double distance_m) const;

private:
    const ReceiverClutter& clutter_;
    std::vector<double> frequencies_mhz_;
    /// P2108: loss every metre of path length per frequency (it changes by less than 0.05 dB per
    /// metre and is interpolated linearly between, to within 1e-4 dB).
    std::vector<std::vector<double>> p2108_by_metre_;
};

}  // namespace phusong
