// Reads terrain profile CSVs: header `distance_m,elevation_m`, rows from transmitter to
// receiver at uniform spacing, the first at distance 0; and P.1812's profiles with clutter
// heights and zones at any spacing.
#pragma once

#include <string>
#include <vector>

#include "geo/terrain_profile.hpp"

namespace phusong {

/// InputError naming file, line and field for: missing columns, fewer than two rows,
/// non-numeric values, a first distance other than 0, non-increasing or non-uniform
/// spacing (tolerance 0.1 % of the spacing), elevations outside [−500, 9000] m.
TerrainProfile read_profile_csv(const std::string& path);
/// The same from text; `source` names it in messages.
TerrainProfile parse_profile_csv(const std::string& text, const std::string& source);

/// A profile with representative clutter heights and radio-meteorological zones (ITU-R P.1812),
/// points at any increasing distances.
struct ClutterProfile {
    std::vector<double> distance_m;        ///< from the transmitter; the first is 0
    std::vector<double> elevation_m;       ///< terrain above mean sea level
    std::vector<double> clutter_height_m;  ///< representative clutter height (0 when the column is absent)
    /// Zone codes of the ITU-R SG3 data bank: 1 sea (B), 3 coastal land (A1), 4 inland (A2, when
    /// the column is absent).
    std::vector<int> zone_code;
};

/// Reads header `distance_m,elevation_m[,clutter_height_m][,zone]`; zone is A1, A2 or B (or
/// the data bank's codes 3, 4, 1). InputError naming file, line and field for: missing
/// columns, fewer than two rows, non-numeric values, a first distance other than 0, distances
/// not increasing, elevations outside [−500, 9000] m, clutter heights outside [0, 500] m,
/// unknown zones.
ClutterProfile read_clutter_profile_csv(const std::string& path);
/// The same from text; `source` names it in messages.
ClutterProfile parse_clutter_profile_csv(const std::string& text, const std::string& source);

}  // namespace phusong
