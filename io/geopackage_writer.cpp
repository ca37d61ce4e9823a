#include "io/geopackage_writer.hpp"

#include <vector>

#include "geo/errors.hpp"
#include "io/gdal_support.hpp"

namespace phusong {

GeoPackageWriter::GeoPackageWriter(std::filesystem::path target) : output_(std::move(target)) {
    ensure_gdal();
    std::error_code ignored;
    std::filesystem::remove(output_.temporary(), ignored);
}

void GeoPackageWriter::add_raster(const std::string& table, const Grid<float>& grid, const RasterDescription& description) {
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!mem || !gpkg) throw IoError("GDAL lacks the MEM or GPKG driver");
    const int w = static_cast<int>(grid.width()), h = static_cast<int>(grid.height());
    GDALDatasetUniquePtr source{mem->Create("", w, h, 1, GDT_Float32, nullptr)};
    const GeoTransform& t = grid.spec().transform;
    double gt[6] = {t.west, t.dx, 0.0, t.north, 0.0, -t.dy};
    source->SetGeoTransform(gt);
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(grid.spec().crs.c_str()) != OGRERR_NONE) throw IoError("unknown CRS " + grid.spec().crs);
    source->SetSpatialRef(&srs);
    GDALRasterBand* band = source->GetRasterBand(1);
    band->SetUnitType(description.unit.c_str());
    if (grid.nodata()) band->SetNoDataValue(static_cast<double>(*grid.nodata()));
    if (band->RasterIO(GF_Write, 0, 0, w, h, const_cast<float*>(grid.values().data()), w, h, GDT_Float32, 0, 0) != CE_None)
        throw IoError("cannot stage raster " + table + ": " + last_gdal_error());
    const std::string table_option = "RASTER_TABLE=" + table;
    const std::string description_option = "RASTER_DESCRIPTION=" + description.name + " (" + description.unit + ")";
    std::vector<const char*> options{table_option.c_str(), description_option.c_str(), "TILE_FORMAT=TIFF"};
    if (!empty_) options.push_back("APPEND_SUBDATASET=YES");
    options.push_back(nullptr);
    CPLErrorReset();
    GDALDatasetUniquePtr written{gpkg->CreateCopy(output_.temporary().c_str(), source.get(), FALSE,
                                                  const_cast<char**>(options.data()), nullptr, nullptr)};
    if (!written) throw IoError("cannot write " + table + " into " + output_.target().string() + ": " + last_gdal_error());
    written.reset();
    if (CPLGetLastErrorType() >= CE_Failure)
        throw IoError("cannot finish " + table + " in " + output_.target().string() + ": " + last_gdal_error());
    empty_ = false;
}

void GeoPackageWriter::commit() {
    if (empty_) throw IoError("GeoPackage " + output_.target().string() + " would be empty");
    output_.commit();
}

}  // namespace phusong
