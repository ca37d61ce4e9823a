#include "pipeline/gap_step.hpp"

#include "geo/geos_geometry.hpp"
#include "geo/polygonize.hpp"

namespace phusong {

TechnologyGaps analyse_gaps(const TechnologyCoverage& coverage, const AreaModel& area, const DeadZoneFilter& filter) {
    TechnologyGaps out;
    out.analysis = find_gaps(coverage, area);
    GapAnalysis& g = out.analysis;
    const std::vector<Geometry> zones = polygonize_regions(g.dead.labels, g.dead.count(), area.grid);
    if (filter.min_width.value() > 0.0) {
        const double tolerance = 0.1 * std::min(area.grid.transform.dx, area.grid.transform.dy);
        for (std::size_t k = 0; k < zones.size(); ++k)
            if (g.zones[k].area_km2 >= filter.min_area_km2)
                g.zones[k].width = Metres{inscribed_width(zones[k].get(), tolerance)};
    }
    filter_and_rank(g, filter);
    out.zone_wkb.resize(zones.size());
    out.zone_label_point.resize(zones.size());
    for (std::size_t k = 0; k < zones.size(); ++k) {
        if (g.zones[k].sliver) continue;
        out.zone_wkb[k] = geometry_to_wkb(zones[k].get());
        out.zone_label_point[k] = point_on_surface(zones[k].get());
    }
    for (const Geometry& region : polygonize_regions(g.covered.labels, g.covered.count(), area.grid))
        out.covered_wkb.push_back(geometry_to_wkb(region.get()));
    return out;
}

}  // namespace phusong
