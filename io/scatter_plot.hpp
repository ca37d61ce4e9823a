// A scatter plot as a PNG (Cairo): points of one or more series against a logarithmic or
// linear x axis, with ticks, labels, a zero line and a legend. Used for calibration residuals.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "io/atomic_output.hpp"

namespace phusong {

struct ScatterSeries {
    std::string label;
    std::array<std::uint8_t, 3> colour{0, 0, 0};
    std::vector<double> x, y;  ///< same length; non-finite points are skipped
};

struct ScatterPlot {
    std::string title, x_label, y_label;
    bool log_x = false;        ///< x > 0 required for points to show
    std::vector<ScatterSeries> series;
};

/// Renders `plot` into `out` (PNG, width × height pixels). IoError when it cannot be written.
void render_scatter_png(const AtomicOutput& out, const ScatterPlot& plot, int width = 900, int height = 560);

}  // namespace phusong
