// Checks on rasters made before their pixels are read: declared sizes (a VRT is a few lines
// of text that can declare any size), the sources a VRT names, and the values in the area
// that will be read. Each refusal is an InputError naming the file.
#pragma once

#include <gdal_priv.h>

#include <cstdint>
#include <string>

namespace phusong {

/// Largest side of a raster phusong opens: 2^24 = 16,777,216 pixels, thirteen times the
/// 1,296,000 columns of a worldwide 1″ (30 m) DEM mosaic such as Copernicus GLO-30.
inline constexpr std::int64_t kMaxRasterSidePx = std::int64_t{1} << 24;
/// Most pixels in one raster: 2^42 ≈ 4.4e12, five times that worldwide 1″ mosaic.
inline constexpr std::int64_t kMaxRasterPixels = std::int64_t{1} << 42;

/// InputError "<path>: declares W × H pixels, …" when a side is below 1 or above
/// kMaxRasterSidePx, or W × H is above kMaxRasterPixels. `what` prefixes the size in the
/// message (e.g. "a source of" for a VRT source).
void check_declared_size(const std::string& path, double width, double height, const std::string& what = "");

/// For a VRT file (GDAL's raster <VRTDataset> or OGR's <OGRVRTDataSource>), checked before
/// GDAL opens it, because opening already reads sources and allocates by the declared sizes:
/// every declared size (the dataset's, each source's SourceProperties, SrcRect and DstRect)
/// by check_declared_size, and every source file it names by require_dataset_path (so no
/// FIFO or device), nested VRTs included. Other files are left alone.
void check_vrt_before_open(const std::string& path);

/// Counts of values of a band within a window, nodata left out.
struct ValueCounts {
    std::uint64_t not_finite = 0;  ///< NaN (unless NaN is the nodata value), +inf, −inf
    std::uint64_t negative = 0;    ///< finite and < 0
    std::uint64_t read = 0;        ///< values looked at, nodata included
};

/// Pixel window of a band: columns [x, x + width), rows [y, y + height).
struct PixelWindow {
    int x = 0, y = 0, width = 0, height = 0;
    [[nodiscard]] double pixels() const { return static_cast<double>(width) * static_cast<double>(height); }
};

/// Reads `window` of `band` (in strips, so memory stays small) and counts its non-finite and
/// (with `count_negative`) negative values. Integer bands hold no non-finite value and
/// unsigned ones no negative: such bands are not read at all. InputError naming `path` when
/// GDAL cannot read the pixels (a truncated file).
ValueCounts count_values(GDALRasterBand& band, const PixelWindow& window, bool count_negative, const std::string& path);

}  // namespace phusong
