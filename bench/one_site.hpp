// The benchmarks' common scenario: one omni ITM site (30 m mast, 4G at 1845 MHz, 0 dBm
// reference EIRP so that level = −loss) at a longitude/latitude, on a square grid in the
// site's UTM zone reaching `radius_m` around it, with the DEM read onto that grid.
#pragma once

#include <string>

#include "coverage/coverage_engine.hpp"
#include "geo/crs.hpp"
#include "io/raster_reader.hpp"

namespace phusong::bench {

struct OneSite {
    GridSpec grid;
    Grid<float> dem;   ///< metres, on `grid`
    Transmitter cell;  ///< at the grid's centre
};

inline OneSite one_site(const std::string& dem_path, LonLat site, double radius_m, double resolution_m) {
    const std::string crs = "EPSG:" + std::to_string(utm_epsg_for(site));
    const XY mast = Transformer(kWgs84, crs).forward({site.lon, site.lat});
    OneSite out;
    out.grid = GridSpec::covering({mast.x - radius_m, mast.y - radius_m, mast.x + radius_m, mast.y + radius_m},
                                  Metres{resolution_m}, crs);
    out.dem = read_dem(dem_path, out.grid).elevation_m;
    out.cell.position = mast;
    out.cell.antenna_height = Metres{30.0};
    out.cell.technology = Technology::G4;
    out.cell.frequency = Megahertz{1845.0};
    out.cell.reference_eirp = Dbm{0.0};
    return out;
}

}  // namespace phusong::bench
