// Writes one GeoPackage holding several layers. Everything goes into a temporary file
// beside the target, renamed over it by commit(); without commit() nothing is left behind.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "geo/grid.hpp"
#include "io/atomic_output.hpp"
#include "io/geotiff_writer.hpp"
#include "io/qgis_style.hpp"
#include "io/vector_layer.hpp"

class GDALDataset;

namespace phusong {

/// Nodata written for rasters whose nodata is NaN (GeoPackage cannot store NaN nodata).
inline constexpr float kGeoPackageNanNodata = -9999.0f;

class GeoPackageWriter {
public:
    explicit GeoPackageWriter(std::filesystem::path target);
    /// Writes into `output`'s temporary file; the owner of `output` (an AtomicOutputSet)
    /// renames it, so commit() is not used.
    explicit GeoPackageWriter(AtomicOutput& output);

    /// Adds a Float32 raster table (GeoPackage tiled gridded coverage, TIFF tiles, pixel-is-area)
    /// with the grid's CRS and nodata (NaN stored as kGeoPackageNanNodata). IoError on failure.
    void add_raster(const std::string& table, const Grid<float>& grid, const RasterDescription& description);

    /// One colour of a categorical raster's palette.
    struct PaletteColour {
        std::uint8_t code = 0, red = 0, green = 0, blue = 0;
    };
    /// Adds a categorical Byte raster table (paletted PNG tiles, which QGIS shows with the
    /// palette): codes 1–255, 0 = no data (transparent). IoError on failure.
    void add_paletted_raster(const std::string& table, const Grid<std::uint8_t>& grid, const std::vector<PaletteColour>& palette,
                             const std::string& description);

    /// Adds a vector table with a spatial index. Polygons are stored as MultiPolygons (the
    /// layer type GeoPackage readers expect when a layer mixes both). IoError on failure.
    void add_vector_layer(const VectorLayer& layer);

    /// Writes the `layer_styles` table QGIS reads default styles from (one row per style,
    /// marked as the default of its layer). Call once, after the layers.
    void add_layer_styles(const std::vector<LayerStyle>& styles);

    /// Run metadata (key → value) in the GeoPackage metadata tables, for the whole file.
    void set_metadata(const std::vector<std::pair<std::string, std::string>>& items);

    /// Moves the finished file onto the target.
    void commit();

private:
    /// Copies the staged one-band raster `source` into the file as `table`, with `options`.
    void copy_raster(const std::string& table, GDALDataset& source, std::vector<const char*> options);

    std::unique_ptr<AtomicOutput> owned_;
    AtomicOutput* output_;
    bool empty_ = true;
};

}  // namespace phusong
