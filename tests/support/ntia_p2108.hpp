// NTIA's P.2108 test vectors (tests/data/ntia_p2108), shared by the library's and the binary's
// tests: values are printed to 0.1 dB, so results are compared once rounded to that.
#pragma once

#include <cmath>
#include <filesystem>
#include <string>

#include "io/csv_table.hpp"

namespace phusong::test {

/// Largest difference from NTIA's printed value, dB, after rounding to its 0.1 dB.
inline constexpr double kP2108TolDb = 0.01;

/// `db` rounded to the 0.1 dB NTIA's values are printed to.
inline double printed_to_tenth(double db) { return std::round(db * 10.0) / 10.0; }

/// One of NTIA's vector files, e.g. "TerrestrialStatisticalModelTestData.csv".
inline CsvTable p2108_vectors(const std::string& name) {
    return read_csv_file((std::filesystem::path(PHUSONG_SOURCE_DIR) / "tests/data/ntia_p2108" / name).string());
}

}  // namespace phusong::test
