// The benchmarks' common scenario: one omni ITM site (30 m mast, 4G at 1845 MHz, 0 dBm
// reference EIRP so that level = −loss) at a longitude/latitude, on a square grid in the
// site's UTM zone reaching `radius_m` around it, with the DEM read onto that grid.
#pragma once

#include <string>

#include "coverage/coverage_engine.hpp"
#include "geo/crs.hpp"
#include "io/raster_reader.hpp"

namespace phusong::bench {

/// The arguments the site benchmarks start with: DEM LON LAT [radius_km=35] [resolution_m=90]
/// [threads=2] (argv[1] … argv[6]; the caller checks there are at least three).
struct SiteArguments {
    std::string dem;
    LonLat site;
    double radius_m = 35000.0;
    double resolution_m = 90.0;
    unsigned threads = 2;
};

inline SiteArguments site_arguments(int argc, char** argv) {
    SiteArguments a{argv[1], {std::stod(argv[2]), std::stod(argv[3])}};
    if (argc > 4) a.radius_m = std::stod(argv[4]) * 1000.0;
    if (argc > 5) a.resolution_m = std::stod(argv[5]);
    if (argc > 6) a.threads = static_cast<unsigned>(std::stoul(argv[6]));
    return a;
}

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
