// Reads back the signal rasters that `phusong coverage` (or `analyze`) wrote into a
// GeoPackage, so gap analysis can run without predicting again.
#pragma once

#include <string>
#include <vector>

#include "geo/grid.hpp"
#include "geo/network.hpp"

namespace phusong {

struct SignalRaster {
    Technology technology = Technology::G3;
    Grid<float> signal_dbm;   ///< best-server level, dBm; NaN where no cell reaches
};

/// Every `signal_<tech>` raster table of the GeoPackage at `path`, in technology order, all
/// on one grid (the CRS given as "EPSG:n" when it has an EPSG code, else WKT). InputError
/// naming the file when it cannot be read, holds no signal table, or its tables' grids differ.
std::vector<SignalRaster> read_signal_rasters(const std::string& path);

}  // namespace phusong
