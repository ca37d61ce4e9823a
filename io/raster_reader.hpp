// Reads rasters (DEM, population) resampled onto the analysis grid.
//
// Any GDAL raster works: GeoTIFF, SRTM .hgt, VRT mosaics, Copernicus DEM, WorldPop. GDAL's
// warper reads only the source windows that the analysis grid needs, never the whole file.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "geo/grid.hpp"

namespace phusong {

struct DemLoad {
    Grid<float> elevation_m;          ///< metres; nodata (NaN) outside the DEM's footprint
    std::size_t void_pixels = 0;      ///< DEM voids inside the footprint, before filling
    std::size_t filled_pixels = 0;    ///< voids filled by interpolation
    std::size_t outside_pixels = 0;   ///< grid pixels beyond the DEM's footprint
    std::string elevation_unit = "metres";  ///< the band's unit as read: "metres", "feet", "US survey feet", "kilometres"
    double metres_per_unit = 1.0;           ///< factor applied to the band's values (0.3048 for feet, 1000 for km)
    /// The DEM's own pixel, the longer of its two sides, in metres of the grid at the grid's
    /// centre (0 when that point cannot be expressed in the DEM's CRS).
    double native_pixel_m = 0.0;
    std::vector<InputWarning> warnings;
};

/// Resamples band 1 of `path` bilinearly onto `grid`. Voids (the source's nodata, and values
/// outside [−500, 9000] m such as an untagged −32768) are filled
/// by inverse-distance interpolation from their edges (GDALFillNodata) and counted.
/// The band's unit (GDALRasterBand::GetUnitType) is converted to metres, after resampling:
/// empty, m, metre(s), meter(s) → × 1; ft, foot, feet → × 0.3048 (international foot);
/// US survey foot, ft-us → × 1200/3937; km, kilometre(s) → × 1000.
/// InputError naming the file when it cannot be read, is not a regular file, declares a size
/// beyond kMaxRasterSidePx / kMaxRasterPixels (io/raster_checks.hpp) or one whose reading for
/// the grid would exceed 2^32 source pixels, has no CRS, has an unknown unit, holds values in
/// the area read that are NaN (other than the nodata value) or infinite, or has no valid
/// elevation within the grid.
DemLoad read_dem(const std::string& path, const GridSpec& grid);

/// Band 1 of a categorical land-cover raster resampled onto `grid` by mode (the most frequent
/// class under each pixel); −1 where the raster has no class. InputError naming the file when
/// it cannot be read, has no CRS, fails the size checks of read_dem, or holds values (in the
/// part resampled) that are not integers in [0, 65535].
Grid<std::int32_t> read_landcover(const std::string& path, const GridSpec& grid);

/// Sums a population-count raster (people per pixel) onto `grid` (GDAL "sum" resampling),
/// nodata counted as 0. InputError naming the file when it cannot be read, has no CRS, fails
/// the size checks of read_dem, or holds values in the area read that are not finite (other
/// than the nodata value) or negative, with their counts.
Grid<float> read_population_raster(const std::string& path, const GridSpec& grid);

/// Extent of a raster file in its own CRS, and that CRS as WKT (InputError if none).
struct RasterFootprint {
    Extent extent;
    std::string crs_wkt;
};
RasterFootprint raster_footprint(const std::string& path);

}  // namespace phusong
