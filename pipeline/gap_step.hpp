// The gaps step: dead zones and covered areas of one technology, as ranked attributes
// (coverage/dead_zones) and as polygons in the analysis CRS for the GeoPackage.
#pragma once

#include <vector>

#include "coverage/dead_zones.hpp"
#include "geo/grid.hpp"

namespace phusong {

struct TechnologyGaps {
    GapAnalysis analysis;
    std::vector<std::vector<unsigned char>> zone_wkb;     ///< per zone (WKB); empty for slivers
    std::vector<XY> zone_label_point;                     ///< per zone: a point inside it
    std::vector<std::vector<unsigned char>> covered_wkb;  ///< per covered region (WKB)
};

/// Finds, measures and ranks the dead zones of one technology. Zones of at least
/// filter.min_area_km2 are measured for width (largest inscribed circle, to a tenth of a
/// pixel) only when filter.min_width is positive.
TechnologyGaps analyse_gaps(const TechnologyCoverage& coverage, const AreaModel& area, const DeadZoneFilter& filter);

}  // namespace phusong
