// A propagation model tuned to measurements by `phusong calibrate` (pipeline/calibration.hpp),
// as coverage runs apply it (`--calibration calibration.json`).
#pragma once

#include <cstdint>
#include <map>

#include "coverage/coverage_engine.hpp"
#include "coverage/spm.hpp"

namespace phusong {

struct CalibratedModel {
    PropagationModel model = PropagationModel::Spm;  ///< Spm or Itm
    SpmCoefficients spm;                             ///< Spm: every K
    DistanceCorrection correction;                   ///< Itm: a + b·log10(d_km) added to its loss
    /// Receiver loss per land-cover class code (dB): the table clutter of calibrated runs. Empty
    /// when the calibration had no land cover (its runs then apply no receiver clutter).
    std::map<std::int32_t, double> clutter_db;
    double min_frequency_mhz = 0.0, max_frequency_mhz = 0.0;  ///< of the measurements fitted
};

}  // namespace phusong
