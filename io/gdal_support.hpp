// Private helpers around GDAL/OGR: registration, error capture, RAII.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace phusong {

/// Registers GDAL drivers once and routes GDAL's messages into last_gdal_error()
/// instead of stderr.
void ensure_gdal();

/// GDAL's last error message (CPLGetLastErrorMsg), or "" when none.
std::string last_gdal_error();

/// Opens a dataset read-only; InputError naming `path` when missing or not readable as
/// `what` ("raster" or "vector").
GDALDatasetUniquePtr open_dataset(const std::string& path, unsigned int kind_flags, const std::string& what);

/// Transformation from `source` to WGS 84, both in the traditional GIS axis order (x = lon,
/// y = lat, whatever the CRS definitions say); nullptr when PROJ cannot build it.
std::unique_ptr<OGRCoordinateTransformation> transformation_to_wgs84(const OGRSpatialReference& source);

/// WKT of a spatial reference in the traditional GIS axis order.
std::string to_wkt(const OGRSpatialReference& srs);

}  // namespace phusong
