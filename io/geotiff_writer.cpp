#include "io/geotiff_writer.hpp"

#include "geo/errors.hpp"
#include "io/atomic_output.hpp"
#include "io/gdal_support.hpp"

namespace phusong {

namespace {

template <class T>
void write_any(const AtomicOutput& out, const Grid<T>& grid, const RasterDescription& description, GDALDataType type) {
    ensure_gdal();
    GDALDriver* cog = GetGDALDriverManager()->GetDriverByName("COG");
    if (!cog) throw IoError("GDAL lacks the COG driver");
    const std::filesystem::path& path = out.target();
    // Staged in memory, then copied as a Cloud Optimized GeoTIFF (tiles, overviews, header first).
    GDALDatasetUniquePtr source = memory_dataset(grid.spec(), grid.values().data(), type, path.string());
    GDALRasterBand* band = source->GetRasterBand(1);
    band->SetDescription(description.name.c_str());
    band->SetUnitType(description.unit.c_str());
    if (grid.nodata()) band->SetNoDataValue(static_cast<double>(*grid.nodata()));
    // Nearest-neighbour overviews: a coarser view never shows a level or cell index that is not in the data.
    const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=YES", "OVERVIEW_RESAMPLING=NEAREST", nullptr};
    CPLErrorReset();
    GDALDatasetUniquePtr written{cog->CreateCopy(out.temporary().c_str(), source.get(), FALSE,
                                                 const_cast<char**>(options), nullptr, nullptr)};
    if (!written) throw IoError("cannot write " + path.string() + ": " + last_gdal_error());
    written.reset();
    if (CPLGetLastErrorType() >= CE_Failure) throw IoError("cannot finish " + path.string() + ": " + last_gdal_error());
}

template <class T>
void write_committed(const std::filesystem::path& path, const Grid<T>& grid, const RasterDescription& description,
                     GDALDataType type) {
    AtomicOutput out(path);
    write_any(out, grid, description, type);
    out.commit();
}

}  // namespace

void write_geotiff(const AtomicOutput& out, const Grid<float>& grid, const RasterDescription& description) {
    write_any(out, grid, description, GDT_Float32);
}
void write_geotiff(const AtomicOutput& out, const Grid<std::int32_t>& grid, const RasterDescription& description) {
    write_any(out, grid, description, GDT_Int32);
}
void write_geotiff(const AtomicOutput& out, const Grid<std::uint16_t>& grid, const RasterDescription& description) {
    write_any(out, grid, description, GDT_UInt16);
}

void write_geotiff(const std::filesystem::path& path, const Grid<float>& grid, const RasterDescription& description) {
    write_committed(path, grid, description, GDT_Float32);
}
void write_geotiff(const std::filesystem::path& path, const Grid<std::int32_t>& grid, const RasterDescription& description) {
    write_committed(path, grid, description, GDT_Int32);
}
void write_geotiff(const std::filesystem::path& path, const Grid<std::uint16_t>& grid, const RasterDescription& description) {
    write_committed(path, grid, description, GDT_UInt16);
}

}  // namespace phusong
