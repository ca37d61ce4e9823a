// Reads rasters (DEM, population) resampled onto the analysis grid.
//
// Any GDAL raster works: GeoTIFF, SRTM .hgt, VRT mosaics, Copernicus DEM, WorldPop. GDAL's
// warper reads only the source windows that the analysis grid needs, never the whole file.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "geo/grid.hpp"

namespace phusong {

struct DemLoad {
    Grid<float> elevation_m;          ///< metres; nodata (NaN) outside the DEM's footprint
    std::size_t void_pixels = 0;      ///< DEM voids inside the footprint, before filling
    std::size_t filled_pixels = 0;    ///< voids filled by interpolation
    std::size_t outside_pixels = 0;   ///< grid pixels beyond the DEM's footprint
    bool converted_from_feet = false;
    std::vector<std::string> warnings;
};

/// Resamples band 1 of `path` bilinearly onto `grid`. Voids (the source's nodata, and values
/// outside [−500, 9000] m such as an untagged −32768) are filled
/// by inverse-distance interpolation from their edges (GDALFillNodata) and counted. A band
/// whose unit is feet is converted to metres. InputError naming the file when it cannot be
/// read, has no CRS, or has no valid elevation within the grid.
DemLoad read_dem(const std::string& path, const GridSpec& grid);

/// Sums a population-count raster (people per pixel) onto `grid` (GDAL "sum" resampling),
/// nodata counted as 0. InputError naming the file when it cannot be read or has no CRS.
Grid<float> read_population_raster(const std::string& path, const GridSpec& grid);

/// Extent of a raster file in its own CRS, and that CRS as WKT (InputError if none).
struct RasterFootprint {
    Extent extent;
    std::string crs_wkt;
};
RasterFootprint raster_footprint(const std::string& path);

}  // namespace phusong
