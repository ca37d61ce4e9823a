// The files `phusong calibrate` writes into its --out folder, all or none:
//   calibration.json  the model and its fit (pipeline/calibration_file.hpp)
//   residuals.csv     one row per bin: position, serving site, route, fold, distance, class,
//                     measured and predicted losses (before, after, held out) and residuals
//   residuals.gpkg    the same as a point layer "residuals" in the analysis CRS
//   residuals.png     residuals before and after against distance
//   calibration.md    a short report
#pragma once

#include <filesystem>
#include <string>

#include "pipeline/calibration.hpp"

namespace phusong {

void write_calibration_outputs(const std::filesystem::path& dir, const CalibrationResult& result,
                               const CalibrationOptions& options, const RunConfig& config);

/// The report's text (calibration.md).
std::string calibration_report(const CalibrationResult& result, const CalibrationOptions& options, const RunConfig& config);

}  // namespace phusong
