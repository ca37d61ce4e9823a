// Writes one GeoPackage holding several layers. Everything goes into a temporary file
// beside the target, renamed over it by commit(); without commit() nothing is left behind.
#pragma once

#include <filesystem>
#include <string>

#include "geo/grid.hpp"
#include "io/atomic_output.hpp"
#include "io/geotiff_writer.hpp"

namespace phusong {

class GeoPackageWriter {
public:
    explicit GeoPackageWriter(std::filesystem::path target);

    /// Adds a Float32 raster table (GeoPackage tiled gridded coverage, TIFF tiles) with the
    /// grid's CRS and nodata. IoError on failure.
    void add_raster(const std::string& table, const Grid<float>& grid, const RasterDescription& description);

    /// Moves the finished file onto the target.
    void commit();

private:
    AtomicOutput output_;
    bool empty_ = true;
};

}  // namespace phusong
