#pragma once

namespace phusong {

/// `phusong calibrate`: fits the SPM or ITM to drive-test measurements (pipeline/calibration.hpp),
/// or with --evaluate measures a calibration against new ones.
int run_calibrate(int argc, const char* const argv[]);

}  // namespace phusong
