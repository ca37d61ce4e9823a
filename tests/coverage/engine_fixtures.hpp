// Shared fixtures of the coverage-engine and point-prediction tests.
#pragma once

#include <cmath>

#include "coverage/coverage_engine.hpp"

namespace phusong::test {

/// 30 m pixels, 161 × 161 (4.83 km square), origin so that pixel (80, 80) is centred at (0, 0).
inline GridSpec test_grid() { return {161, 161, {-2415.0, 2415.0, 30.0, 30.0}, "EPSG:32648"}; }

inline Grid<float> flat_dem(float z = 100.0f) { return Grid<float>(test_grid(), z, std::nanf("")); }

/// An omni 30 m cell with a 30 dBm reference EIRP.
inline Transmitter omni(std::int32_t index, XY at, Technology t = Technology::G3, double mhz = 1000.0) {
    Transmitter tx;
    tx.cell_index = index;
    tx.position = at;
    tx.antenna_height = Metres{30.0};
    tx.technology = t;
    tx.frequency = Megahertz{mhz};
    tx.reference_eirp = Dbm{30.0};
    return tx;
}

/// The model with a 2 km radius.
inline CoverageSettings settings(PropagationModel m, unsigned threads = 1) {
    CoverageSettings s;
    s.model = m;
    s.radius = Metres{2000.0};
    s.threads = threads;
    return s;
}

}  // namespace phusong::test
