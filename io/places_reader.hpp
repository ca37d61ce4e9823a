// Reads populated places from any OGR vector layer (GeoJSON, GeoPackage, Shapefile, …).
#pragma once

#include <string>
#include <vector>

#include "geo/network.hpp"

namespace phusong {

struct PlaceReadOptions {
    std::string population_field;  ///< required: attribute holding the number of people
    std::string id_field;          ///< optional: defaults to the feature id
    std::string name_field;        ///< optional: defaults to the first of name/commune/village
    std::string layer;             ///< optional: defaults to the first layer
};

struct PlaceLoad {
    PlaceLayer layer;
    std::vector<std::string> warnings;  ///< e.g. geometries repaired
};

/// Reads every feature as a Place with its geometry in WGS 84 (lon, lat).
/// All features must be points, or all polygons/multipolygons. Invalid polygons are repaired
/// (GEOS MakeValid) with a warning. InputError naming file, feature and field for: a missing
/// file, no CRS, an empty layer, a missing population field, a missing, non-numeric or
/// negative population, a missing or empty geometry, or mixed geometry kinds.
PlaceLoad read_places(const std::string& path, const PlaceReadOptions& options);

}  // namespace phusong
