#include "pipeline/attribute_table.hpp"

#include <sstream>
#include <stdexcept>

#include "io/json_writer.hpp"

namespace phusong {

void AttributeTable::add_field(std::string name, FieldType type, int decimals) {
    fields.push_back({std::move(name), type});
    csv_decimals.push_back(decimals);
}

std::vector<FieldValue>& AttributeTable::add_row(std::vector<unsigned char> wkb) {
    rows.push_back({std::move(wkb), {}});
    rows.back().values.reserve(fields.size());
    return rows.back().values;
}

std::string to_csv(const AttributeTable& table, bool with_header) {
    std::ostringstream out;
    if (with_header) {
        for (std::size_t i = 0; i < table.fields.size(); ++i) out << (i ? "," : "") << csv_field(table.fields[i].name);
        out << "\n";
    }
    for (const VectorFeature& row : table.rows) {
        if (row.values.size() != table.fields.size()) throw std::logic_error("attribute table row of the wrong width");
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            if (i) out << ",";
            const FieldValue& v = row.values[i];
            if (const auto* n = std::get_if<std::int64_t>(&v)) out << *n;
            else if (const auto* d = std::get_if<double>(&v))
                out << (table.csv_decimals[i] >= 0 ? format_fixed(*d, table.csv_decimals[i]) : format_number(*d));
            else if (const auto* s = std::get_if<std::string>(&v)) out << csv_field(*s);
        }
        out << "\n";
    }
    return out.str();
}

VectorLayer to_layer(const AttributeTable& table, std::string name, std::string description, std::string crs,
                     LayerGeometry geometry) {
    VectorLayer layer{std::move(name), std::move(description), std::move(crs), geometry, table.fields, {}};
    for (const VectorFeature& row : table.rows)
        if (!row.wkb.empty()) layer.features.push_back(row);
    return layer;
}

}  // namespace phusong
