#include "io/geotiff_writer.hpp"

#include "geo/errors.hpp"
#include "io/atomic_output.hpp"
#include "io/gdal_support.hpp"

namespace phusong {

namespace {

template <class T>
void write_any(const AtomicOutput& out, const Grid<T>& grid, const RasterDescription& description, GDALDataType type) {
    ensure_gdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw IoError("GDAL has no GTiff driver");
    const std::filesystem::path& path = out.target();
    const char* options[] = {"TILED=YES", "COMPRESS=DEFLATE", nullptr};
    {
        GDALDatasetUniquePtr ds{driver->Create(out.temporary().c_str(), static_cast<int>(grid.width()),
                                               static_cast<int>(grid.height()), 1, type,
                                               const_cast<char**>(options))};
        if (!ds) throw IoError("cannot create " + path.string() + ": " + last_gdal_error());
        const GeoTransform& t = grid.spec().transform;
        double gt[6] = {t.west, t.dx, 0.0, t.north, 0.0, -t.dy};
        ds->SetGeoTransform(gt);
        OGRSpatialReference srs;
        if (srs.SetFromUserInput(grid.spec().crs.c_str()) != OGRERR_NONE)
            throw IoError("cannot write " + path.string() + ": unknown CRS " + grid.spec().crs);
        ds->SetSpatialRef(&srs);
        GDALRasterBand* band = ds->GetRasterBand(1);
        band->SetDescription(description.name.c_str());
        band->SetUnitType(description.unit.c_str());
        if (grid.nodata()) band->SetNoDataValue(static_cast<double>(*grid.nodata()));
        auto* data = const_cast<T*>(grid.values().data());
        if (band->RasterIO(GF_Write, 0, 0, static_cast<int>(grid.width()), static_cast<int>(grid.height()), data,
                           static_cast<int>(grid.width()), static_cast<int>(grid.height()), type, 0, 0) != CE_None)
            throw IoError("cannot write " + path.string() + ": " + last_gdal_error());
        CPLErrorReset();
        ds->FlushCache(true);
        ds.reset();
        if (CPLGetLastErrorType() >= CE_Failure) throw IoError("cannot finish " + path.string() + ": " + last_gdal_error());
    }
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
