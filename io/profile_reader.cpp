#include "io/profile_reader.hpp"

#include <cmath>

#include "geo/errors.hpp"
#include "geo/text_format.hpp"
#include "io/csv_table.hpp"

namespace phusong {
namespace {

/// A profile CSV's table and its distance_m and elevation_m columns: InputError naming a
/// missing column, or fewer than two rows.
struct ProfileTable {
    CsvTable table;
    std::size_t distance_col = 0, elevation_col = 0;
};

ProfileTable parse_profile_table(const std::string& text, const std::string& path) {
    ProfileTable out{parse_csv(text, path)};
    for (const auto& [name, column] : {std::pair{"distance_m", &out.distance_col}, std::pair{"elevation_m", &out.elevation_col}}) {
        const auto found = out.table.column(name);
        if (!found) throw InputError({path, "line 1", name}, "required column is missing from the header");
        *column = *found;
    }
    if (out.table.records.size() < 2) throw InputError({path, "", ""}, "a profile needs at least two points (transmitter and receiver)");
    return out;
}

}  // namespace

TerrainProfile read_profile_csv(const std::string& path) { return parse_profile_csv(read_text_file(path), path); }

TerrainProfile parse_profile_csv(const std::string& text, const std::string& path) {
    const auto [table, distance_col, elevation_col] = parse_profile_table(text, path);
    TerrainProfile profile;
    double previous = 0.0;
    for (std::size_t i = 0; i < table.records.size(); ++i) {
        const CsvRecord& r = table.records[i];
        const double d = parse_number(r.fields[distance_col], table.at(r, "distance_m"), 0.0, 1e7);
        const double z = parse_number(r.fields[elevation_col], table.at(r, "elevation_m"), -500.0, 9000.0);
        if (i == 0 && d != 0.0) throw InputError(table.at(r, "distance_m"), "the first point must be the transmitter at distance 0");
        if (i == 1) {
            if (!(d > 0.0)) throw InputError(table.at(r, "distance_m"), "distances must increase");
            profile.spacing = Metres{d};
        } else if (i > 1) {
            const double step = d - previous;
            if (std::abs(step - profile.spacing.value()) > 1e-3 * profile.spacing.value())
                throw InputError(table.at(r, "distance_m"),
                                 "spacing must be uniform: expected " + format_quantity(profile.spacing.value()) +
                                     " m after the previous point, found " + format_quantity(step) + " m");
        }
        previous = d;
        profile.elevations_m.push_back(z);
    }
    return profile;
}

ClutterProfile read_clutter_profile_csv(const std::string& path) { return parse_clutter_profile_csv(read_text_file(path), path); }

ClutterProfile parse_clutter_profile_csv(const std::string& text, const std::string& path) {
    const auto [table, distance_col, elevation_col] = parse_profile_table(text, path);
    const auto clutter_col = table.column("clutter_height_m");
    const auto zone_col = table.column("zone");
    ClutterProfile profile;
    for (std::size_t i = 0; i < table.records.size(); ++i) {
        const CsvRecord& r = table.records[i];
        const double d = parse_number(r.fields[distance_col], table.at(r, "distance_m"), 0.0, 1e7);
        if (i == 0 && d != 0.0) throw InputError(table.at(r, "distance_m"), "the first point must be the transmitter at distance 0");
        if (i > 0 && !(d > profile.distance_m.back())) throw InputError(table.at(r, "distance_m"), "distances must increase");
        profile.distance_m.push_back(d);
        profile.elevation_m.push_back(parse_number(r.fields[elevation_col], table.at(r, "elevation_m"), -500.0, 9000.0));
        profile.clutter_height_m.push_back(clutter_col ? parse_number(r.fields[*clutter_col], table.at(r, "clutter_height_m"), 0.0, 500.0) : 0.0);
        int zone = 4;
        if (zone_col) {
            const std::string& z = r.fields[*zone_col];
            if (z == "A1" || z == "3") zone = 3;
            else if (z == "A2" || z == "4") zone = 4;
            else if (z == "B" || z == "1") zone = 1;
            else throw InputError(table.at(r, "zone"), "'" + z + "' is not a zone: A1 (coastal land), A2 (inland) or B (sea), or the codes 3, 4, 1");
        }
        profile.zone_code.push_back(zone);
    }
    return profile;
}

}  // namespace phusong
