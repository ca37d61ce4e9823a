// calibration.json: what `phusong calibrate` found, and what `--calibration FILE` applies.
//
//   { "phusong_calibration": 1, "model": "spm" | "itm",
//     "coefficients": { "K1": {"value", "standard_error", "fitted"}, … }   (itm: "a", "b"),
//     "clutter_db": { "<class code>": {"value", "standard_error", "fitted"}, … },
//     "frequency_mhz": {"min", "max", "reference" (spm: where K1 holds, see spm_at)}, "fit": {…}, "measurements": {…},
//     "statistics": {"before", "training", "held_out"}, "routes": {…}, "inputs": {…}, "settings": {…} }
//
// Statistics are {"n", "bias_db", "std_db", "rmse_db", "r2"}. Read back: the model part, the
// frequencies, and from "settings" the grid resolution and (itm) the ITM parameters.
#pragma once

#include <string>

#include "io/json_writer.hpp"
#include "pipeline/calibration.hpp"

namespace phusong {

/// The whole document.
std::string calibration_json(const CalibrationResult& result, const CalibrationOptions& options, const RunConfig& config);

/// Statistics as JSON: {"n", "bias_db", "std_db", "rmse_db", "r2"} (NaN as null).
void write_statistics(JsonWriter& json, const FitStatistics& s);

/// The model part of a calibration.json; InputError naming the file and the JSON key when it is
/// missing, of the wrong type, or out of range (K1 in [0, 400] dB, the other K in [−1000, 1000],
/// a and b in [−200, 200] dB, class losses in [−100, 100] dB, frequencies in [20, 100000] MHz with
/// min ≤ reference ≤ max).
CalibratedModel read_calibration(const std::string& path);

}  // namespace phusong
