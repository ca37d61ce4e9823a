// Reads populated places from any OGR vector layer (GeoJSON, GeoPackage, Shapefile, …).
#pragma once

#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "geo/network.hpp"

namespace phusong {

struct PlaceReadOptions {
    std::string population_field;  ///< required: attribute holding the number of people
    std::string id_field;          ///< optional: defaults to the feature id; when given, ids must be non-empty and unique
    std::string name_field;        ///< optional: defaults to the first of name/commune/village
    std::string layer;             ///< optional: defaults to the first layer
    /// False for outlines without people (districts): no population field, every population 0.
    bool with_population = true;
};

struct PlaceLoad {
    PlaceLayer layer;
    std::vector<InputWarning> warnings;  ///< e.g. geometries repaired
};

/// Reads every feature as a Place with its geometry in WGS 84 (lon, lat).
/// All features must be points, or all polygons/multipolygons. Invalid polygons are repaired
/// (GEOS MakeValid) with a warning. Ids, names, attribute values and field names are valid
/// UTF-8 (transcoded from a declared encoding; otherwise invalid bytes become U+FFFD, with one
/// warning for the file). `path` may be a file or a folder (File Geodatabase, Shapefiles).
/// InputError naming file, feature and field for: a missing file, a path that is not a
/// regular file or folder (a FIFO, a device), no CRS, an empty layer, a missing population
/// field, a missing, non-numeric or negative population, a missing or empty geometry, a
/// geometry GEOS cannot read ("feature 2: geometry: <GEOS's reason>"), mixed geometry kinds,
/// or a layer GDAL stops reading part-way.
PlaceLoad read_places(const std::string& path, const PlaceReadOptions& options);

}  // namespace phusong
