// A propagation model tuned to measurements by `phusong calibrate` (pipeline/calibration.hpp),
// as coverage runs apply it (`--calibration calibration.json`).
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "coverage/coverage_engine.hpp"
#include "coverage/spm.hpp"

namespace phusong {

struct CalibratedModel {
    PropagationModel model = PropagationModel::Spm;  ///< Spm or Itm
    SpmCoefficients spm;                             ///< Spm: every K
    DistanceCorrection correction;                   ///< Itm: a + b·log10(d_km) added to its loss
    /// Receiver loss per land-cover class code (dB) of the classes the measurements saw: the
    /// table clutter of calibrated runs (class_loss_db). Empty when the calibration had no land
    /// cover (its runs then apply no receiver clutter). May be negative: a class clearer than the
    /// fit's reference.
    std::map<std::int32_t, double> clutter_db;
    double min_frequency_mhz = 0.0, max_frequency_mhz = 0.0;  ///< of the measurements fitted
    // What the fit depended on besides the model (recorded, for warnings):
    double resolution_m = 0.0;        ///< the grid its bins were laid on (0: unknown)
    std::optional<ItmSettings> itm;   ///< ITM: the parameters its correction was fitted over
};

/// Whether `frequency_mhz` is within 10 % of the frequencies the calibration was fitted at
/// (true when they are unknown): farther away it is used as it is, with a warning.
inline bool fitted_near(const CalibratedModel& m, double frequency_mhz) {
    return m.max_frequency_mhz <= 0.0 ||
           (frequency_mhz >= 0.9 * m.min_frequency_mhz && frequency_mhz <= 1.1 * m.max_frequency_mhz);
}

/// The receiver loss (dB) a calibrated run gives class `code`: the calibration's own where its
/// measurements saw the class; elsewhere `table_loss_db`, the class table's, for ITM (whose fit
/// held the table's losses) and 0 for SPM (whose Kclutter start at 0).
inline double class_loss_db(const CalibratedModel& m, std::int32_t code, double table_loss_db) {
    if (const auto it = m.clutter_db.find(code); it != m.clutter_db.end()) return it->second;
    return m.model == PropagationModel::Spm ? 0.0 : table_loss_db;
}

}  // namespace phusong
