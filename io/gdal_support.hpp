// Private helpers around GDAL/OGR: registration, error capture, RAII.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <functional>
#include <memory>
#include <string>

#include "geo/grid.hpp"
#include "io/input_file.hpp"

namespace phusong {

/// Registers GDAL drivers once and routes GDAL's messages into last_gdal_error()
/// instead of stderr.
void ensure_gdal();

/// GDAL's last error message (CPLGetLastErrorMsg), or "" when none.
std::string last_gdal_error();

/// Opens a dataset read-only; InputError naming `path` when missing, not a regular file (or,
/// with DatasetPath::FileOrFolder, a folder), a VRT whose sizes or sources fail the checks of
/// check_vrt_before_open, or not readable as `what` ("raster" or "vector").
GDALDatasetUniquePtr open_dataset(const std::string& path, unsigned int kind_flags, const std::string& what,
                                  DatasetPath kind = DatasetPath::File);

/// Calls `visit` with every feature of `layer`, in order. OGR reports a failure to read the
/// next feature (a corrupt record, a truncated file) only as the end of the layer; here it is
/// an InputError naming `source`, the last feature read and GDAL's message, so that a broken
/// file is not silently taken for a shorter one.
void for_each_feature(OGRLayer& layer, const std::string& source, const std::function<void(OGRFeature&)>& visit);

/// Transformation from `source` to WGS 84, both in the traditional GIS axis order (x = lon,
/// y = lat, whatever the CRS definitions say); nullptr when PROJ cannot build it.
std::unique_ptr<OGRCoordinateTransformation> transformation_to_wgs84(const OGRSpatialReference& source);

/// A one-band MEM dataset of `type` holding `values` (row-major, grid.width × grid.height) with the
/// grid's geotransform and CRS. IoError "cannot stage <what>: …" when GDAL cannot.
GDALDatasetUniquePtr memory_dataset(const GridSpec& grid, const void* values, GDALDataType type, const std::string& what);
/// WKT of a spatial reference in the traditional GIS axis order.
std::string to_wkt(const OGRSpatialReference& srs);

}  // namespace phusong
