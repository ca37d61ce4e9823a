#include "io/gdal_support.hpp"

#include <cpl_error.h>

#include <mutex>

#include "geo/errors.hpp"
#include "io/raster_checks.hpp"

namespace phusong {

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Keep GDAL quiet on stderr; we report its messages through our own errors.
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

std::string last_gdal_error() {
    const char* msg = CPLGetLastErrorMsg();
    return msg ? msg : "";
}

GDALDatasetUniquePtr open_dataset(const std::string& path, unsigned int kind_flags, const std::string& what,
                                  DatasetPath kind) {
    ensure_gdal();
    // Before GDAL touches the path: opening a FIFO would block, and opening a VRT already
    // reads its sources and allocates by its declared sizes.
    require_dataset_path(path, kind);
    check_vrt_before_open(path);
    CPLErrorReset();
    GDALDatasetUniquePtr ds{GDALDataset::Open(path.c_str(), kind_flags | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)};
    if (!ds) {
        const std::string detail = last_gdal_error();
        throw InputError({path, "", ""}, "cannot read as a " + what + (detail.empty() ? "" : " (" + detail + ")"));
    }
    return ds;
}

void for_each_feature(OGRLayer& layer, const std::string& source, const std::function<void(OGRFeature&)>& visit) {
    layer.ResetReading();
    std::string last_read;
    for (;;) {
        CPLErrorReset();
        OGRFeatureUniquePtr feature{layer.GetNextFeature()};
        if (!feature) {
            if (CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal)
                throw InputError({source, last_read.empty() ? "first feature" : "after feature " + last_read, ""},
                                 "cannot read: " + last_gdal_error());
            return;
        }
        last_read = std::to_string(feature->GetFID());
        visit(*feature);
    }
}

std::unique_ptr<OGRCoordinateTransformation> transformation_to_wgs84(const OGRSpatialReference& source) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference from(source);
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return std::unique_ptr<OGRCoordinateTransformation>{OGRCreateCoordinateTransformation(&from, &wgs84)};
}

GDALDatasetUniquePtr memory_dataset(const GridSpec& grid, const void* values, GDALDataType type, const std::string& what) {
    ensure_gdal();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!mem) throw IoError("GDAL lacks the MEM driver");
    const int w = static_cast<int>(grid.width), h = static_cast<int>(grid.height);
    GDALDatasetUniquePtr ds{mem->Create("", w, h, 1, type, nullptr)};
    if (!ds) throw IoError("cannot stage " + what + ": " + last_gdal_error());
    const GeoTransform& t = grid.transform;
    double gt[6] = {t.west, t.dx, 0.0, t.north, 0.0, -t.dy};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(grid.crs.c_str()) != OGRERR_NONE) throw IoError("cannot stage " + what + ": unknown CRS " + grid.crs);
    ds->SetSpatialRef(&srs);
    if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, const_cast<void*>(values), w, h, type, 0, 0) != CE_None)
        throw IoError("cannot stage " + what + ": " + last_gdal_error());
    return ds;
}

std::string to_wkt(const OGRSpatialReference& srs) {
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

}  // namespace phusong
