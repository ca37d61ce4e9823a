// Writes grids as Cloud Optimized GeoTIFF (tiled, deflate-compressed, nearest-neighbour
// overviews, band description, unit and nodata set), atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "geo/grid.hpp"

namespace phusong {

struct RasterDescription {
    std::string name;   ///< band description, e.g. "signal_3g"
    std::string unit;   ///< band unit, e.g. "dBm"
};

class AtomicOutput;

/// Writes `grid` into the temporary file of `out` (the caller commits, e.g. with a whole set).
void write_geotiff(const AtomicOutput& out, const Grid<float>& grid, const RasterDescription& description);
void write_geotiff(const AtomicOutput& out, const Grid<std::int32_t>& grid, const RasterDescription& description);
void write_geotiff(const AtomicOutput& out, const Grid<std::uint16_t>& grid, const RasterDescription& description);

/// Writes `grid` to `path` with its CRS and nodata. IoError on failure; no partial file is left.
void write_geotiff(const std::filesystem::path& path, const Grid<float>& grid, const RasterDescription& description);
/// Same for integer grids: serving-cell indices as Int32, counts as UInt16.
void write_geotiff(const std::filesystem::path& path, const Grid<std::int32_t>& grid, const RasterDescription& description);
void write_geotiff(const std::filesystem::path& path, const Grid<std::uint16_t>& grid, const RasterDescription& description);

}  // namespace phusong
