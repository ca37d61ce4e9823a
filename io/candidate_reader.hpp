// Reads candidate sites for ranking: a CSV with a header, or any OGR point layer, with the
// fields  candidate_id (or site_id, id; default "C<n>"), name, lon, lat (CSV only: OGR layers
// use their geometry, reprojected to WGS 84), height_m (0.5–3000), tech (2G–5G), cost (> 0).
#pragma once

#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "geo/network.hpp"

namespace phusong {

struct CandidateLoad {
    std::vector<CandidateSite> sites;
    std::vector<InputWarning> warnings;  ///< e.g. invalid UTF-8 replaced in names or ids
};

/// InputError naming the file, line or feature and field for: a missing file, missing lon/lat,
/// coordinates outside WGS 84 ranges, a bad height, technology or cost, a duplicate id, or no
/// candidate at all. Names and ids are valid UTF-8 (invalid bytes replaced, with a warning).
CandidateLoad load_candidates(const std::string& path);
/// The CSV format from text; `source` names it in messages.
std::vector<CandidateSite> parse_candidates_csv(const std::string& text, const std::string& source);

}  // namespace phusong
