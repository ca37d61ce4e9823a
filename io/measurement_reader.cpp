#include "io/measurement_reader.hpp"

#include <algorithm>
#include <cmath>

#include "io/csv_table.hpp"

namespace phusong {

std::optional<MeasurementKind> parse_measurement_kind(const std::string& name) {
    if (name == "received_dbm") return MeasurementKind::ReceivedDbm;
    if (name == "path_loss_db") return MeasurementKind::PathLossDb;
    return std::nullopt;
}

std::string to_string(MeasurementKind kind) {
    return kind == MeasurementKind::ReceivedDbm ? "received_dbm" : "path_loss_db";
}

MeasurementLoad read_measurements(const std::string& path, MeasurementKind kind) {
    return parse_measurements(read_text_file(path), path, kind);
}

MeasurementLoad parse_measurements(const std::string& text, const std::string& path, MeasurementKind kind) {
    const CsvTable table = parse_csv(text, path);
    MeasurementLoad out;
    out.source = path;
    out.kind = kind;
    out.warnings = table.warnings;
    const std::string value_field = kind == MeasurementKind::ReceivedDbm ? "value_dbm" : "path_loss_db";
    auto required = [&](const std::string& name) {
        const auto c = table.column(name);
        if (!c)
            throw InputError({path, "line 1", name},
                             "missing column (header needs lon,lat," + value_field +
                                 (kind == MeasurementKind::PathLossDb ? ",site_id" : "") + " for --measurements-kind " +
                                 to_string(kind) + ")");
        return *c;
    };
    for (const std::string name : {"lon", "lat", "value_dbm", "path_loss_db", "site_id", "tech", "rx_height_m", "route"}) {
        const auto count = std::count_if(table.header.begin(), table.header.end(),
                                         [&](const std::string& h) { return to_lower(trim(h)) == name; });
        if (count > 1) throw InputError({path, "line 1", name}, "appears " + std::to_string(count) + " times in the header");
    }
    const std::size_t lon = required("lon"), lat = required("lat"), value = required(value_field);
    const auto site = kind == MeasurementKind::PathLossDb ? std::optional(required("site_id")) : table.column("site_id");
    const auto tech = table.column("tech"), rx_height = table.column("rx_height_m"), route = table.column("route");
    const auto [min_value, max_value] =
        kind == MeasurementKind::ReceivedDbm ? std::pair{-250.0, 100.0} : std::pair{0.0, 400.0};
    std::size_t first_missing_line = 0;
    for (const CsvRecord& r : table.records) {
        const std::string cell = trim(r.fields[value]);
        if (cell.empty() || cell == "nan" || cell == "NaN" || cell == "NAN") {
            if (out.missing_values++ == 0) first_missing_line = r.line;
            continue;
        }
        Measurement m;
        m.line = r.line;
        m.location.lon = parse_number(r.fields[lon], table.at(r, "lon"), -180.0, 180.0);
        m.location.lat = parse_number(r.fields[lat], table.at(r, "lat"), -90.0, 90.0);
        m.value = parse_number(cell, table.at(r, value_field), min_value, max_value);
        if (site) {
            m.site_id = trim(r.fields[*site]);
            if (m.site_id.empty() && kind == MeasurementKind::PathLossDb)
                throw InputError(table.at(r, "site_id"), "is empty: a path loss belongs to one site");
        }
        if (tech && !trim(r.fields[*tech]).empty()) {
            m.technology = parse_technology(trim(r.fields[*tech]));
            if (!m.technology) throw InputError(table.at(r, "tech"), "unknown technology '" + r.fields[*tech] + "' (2G, 3G, 4G or 5G)");
        }
        if (rx_height && !trim(r.fields[*rx_height]).empty()) {
            m.rx_height_m = parse_number(r.fields[*rx_height], table.at(r, "rx_height_m"), 0.0, 3000.0);
            if (!(*m.rx_height_m > 0.0)) throw InputError(table.at(r, "rx_height_m"), "must be above 0 m");
        }
        if (route) m.route = trim(r.fields[*route]);
        out.rows.push_back(std::move(m));
    }
    if (out.missing_values > 0)
        out.warnings.push_back({{path, "line " + std::to_string(first_missing_line), value_field},
                                std::to_string(out.missing_values) + " row(s) with an empty or NaN value left out"});
    if (out.rows.empty()) throw InputError({path, "", value_field}, "no measurement with a value");
    return out;
}

}  // namespace phusong
