// Reads back vector layers phusong wrote (e.g. the run's GeoPackage), for map pictures.
#pragma once

#include <string>
#include <vector>

namespace phusong {

struct LayerContent {
    bool found = false;                                  ///< the layer exists
    std::vector<std::vector<unsigned char>> wkb;         ///< per feature, in the layer's CRS
    std::vector<std::vector<std::string>> values;        ///< per feature, the requested fields as text ("" = null)
};

/// Every feature of `layer` in the dataset at `path` with the named fields. found = false when
/// there is no such layer; InputError naming the file when it cannot be read, the layer and
/// field when a requested field is missing, and the layer and feature when GDAL cannot read a
/// feature or GEOS its geometry.
LayerContent read_layer(const std::string& path, const std::string& layer, const std::vector<std::string>& fields);

}  // namespace phusong
