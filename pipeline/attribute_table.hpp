// A table of typed attributes with an optional geometry per row: one definition of an
// output (places, dead zones, …) rendered both as CSV and as a GeoPackage layer.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/vector_layer.hpp"

namespace phusong {

struct AttributeTable {
    std::vector<FieldDefinition> fields;
    std::vector<int> csv_decimals;        ///< per field: fixed decimals for Real in CSV, −1 = shortest
    std::vector<VectorFeature> rows;      ///< wkb may be empty when only CSV is wanted

    void add_field(std::string name, FieldType type, int decimals = -1);
    /// Starts a row (with its geometry); values are then appended in field order.
    std::vector<FieldValue>& add_row(std::vector<unsigned char> wkb = {});
};

/// Appends values to a row in order (each converted to FieldValue).
template <class... Values>
void append(std::vector<FieldValue>& row, Values&&... values) {
    (row.emplace_back(std::forward<Values>(values)), ...);
}

/// Appends the value, or null when there is none.
template <class T>
void append_optional(std::vector<FieldValue>& row, const std::optional<T>& value) {
    if (value) row.emplace_back(*value);
    else row.emplace_back();
}

/// CSV text: header line (unless `with_header` is false) and one line per row; Text quoted
/// as RFC 4180 needs, null as an empty field.
std::string to_csv(const AttributeTable& table, bool with_header = true);

/// The table as a vector layer (rows without geometry are skipped).
VectorLayer to_layer(const AttributeTable& table, std::string name, std::string description, std::string crs,
                     LayerGeometry geometry);

}  // namespace phusong
