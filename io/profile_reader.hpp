// Reads a terrain profile CSV: header `distance_m,elevation_m`, rows from transmitter to
// receiver at uniform spacing, the first at distance 0.
#pragma once

#include <string>

#include "geo/terrain_profile.hpp"

namespace phusong {

/// InputError naming file, line and field for: missing columns, fewer than two rows,
/// non-numeric values, a first distance other than 0, non-increasing or non-uniform
/// spacing (tolerance 0.1 % of the spacing), elevations outside [−500, 9000] m.
TerrainProfile read_profile_csv(const std::string& path);
/// The same from text; `source` names it in messages.
TerrainProfile parse_profile_csv(const std::string& text, const std::string& source);

}  // namespace phusong
