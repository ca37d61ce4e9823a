// Reads back the signal rasters that `phusong coverage` (or `analyze`) wrote into a
// GeoPackage, so gap analysis can run without predicting again.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "geo/grid.hpp"
#include "geo/network.hpp"

namespace phusong {

struct SignalRaster {
    Technology technology = Technology::G3;
    Grid<float> signal_dbm;   ///< best-server level, dBm; NaN where no cell reaches
    std::vector<Grid<float>> operator_dbm;  ///< each operator's best level (read_signal_rasters' keys), dBm
};

/// Every `signal_<tech>` raster table of the GeoPackage at `path`, in technology order, all
/// on one grid (the CRS given as "EPSG:n" when it has an EPSG code, else WKT). InputError
/// naming the file (and table) when it cannot be read, is not a regular file, holds no signal
/// table, a table declares more than 250 million pixels (the largest grid phusong writes),
/// holds infinite levels or levels outside [−300, +100] dBm (NaN is kept: no cell reaches),
/// or its tables' grids differ. With `operator_keys`, also each operator's table
/// `signal_<tech>_<key>` (InputError naming a missing one).
std::vector<SignalRaster> read_signal_rasters(const std::string& path, const std::vector<std::string>& operator_keys = {});

/// The GeoPackage's own metadata items (key → value), as phusong writes them; InputError naming
/// the file when it cannot be opened or is not a GeoPackage.
std::map<std::string, std::string> read_geopackage_metadata(const std::string& path);

}  // namespace phusong
