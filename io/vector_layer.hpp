// A vector layer as phusong writes it: typed attribute fields and features with WKB
// geometry in the layer's CRS. Plain values, filled by the CLI, written by GeoPackageWriter.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace phusong {

enum class FieldType { Integer, Real, Text };

struct FieldDefinition {
    std::string name;
    FieldType type = FieldType::Text;
};

/// monostate = null.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

struct VectorFeature {
    std::vector<unsigned char> wkb;    ///< geometry, in the layer's CRS
    std::vector<FieldValue> values;    ///< one per field, in field order
};

enum class LayerGeometry { Point, MultiPolygon };

struct VectorLayer {
    std::string name;
    std::string description;           ///< shown by GIS software (GeoPackage contents table)
    std::string crs;                   ///< as PROJ/GDAL understands it ("EPSG:32648", WKT)
    LayerGeometry geometry = LayerGeometry::Point;
    std::vector<FieldDefinition> fields;
    std::vector<VectorFeature> features;
};

}  // namespace phusong
