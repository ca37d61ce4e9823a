#include "cli/map_command.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/analysis.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/maps.hpp"
#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "geo/hillshade.hpp"
#include "io/atomic_output.hpp"
#include "io/coverage_reader.hpp"
#include "io/raster_reader.hpp"
#include "io/vector_reader.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace phusong {
namespace {

XY point_of(const std::vector<unsigned char>& wkb) { return point_on_surface(geometry_from_wkb(wkb).get()); }

}  // namespace

int run_map(int argc, const char* const argv[]) {
    std::string gpkg, dem, tech, out_dir;
    bool quiet = false;
    po::options_description main("Usage: phusong map --gpkg RUN/phusong.gpkg --out DIR [--dem FILE] [--tech 3g,4g]\n\n"
                                 "Draws map_<tech>.png for every technology of a run's GeoPackage (written by `analyze`\n"
                                 "or `gaps`): received level, dead zones, commune boundaries, villages and sites,\n"
                                 "over hillshaded terrain when --dem is given");
    main.add_options()
        ("help,h", "show this help")
        ("gpkg", po::value(&gpkg)->required(), "the run's phusong.gpkg")
        ("out", po::value(&out_dir)->required(), "output folder")
        ("dem", po::value(&dem), "terrain for the hillshade (any GDAL raster)")
        ("tech", po::value(&tech), "technologies, comma-separated (default: every signal_<tech> in --gpkg)")
        ("quiet,q", po::bool_switch(&quiet), "no summary on stderr");
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "map", vm)) return exit_code::kOk;

    std::vector<SignalRaster> rasters = read_signal_rasters(gpkg);
    keep_technologies(rasters, tech, gpkg);
    const GridSpec grid = rasters.front().signal_dbm.spec();
    std::optional<Grid<float>> shade;
    if (!dem.empty()) shade = hillshade(read_dem(dem, grid).elevation_m);

    // Boundaries: the communes layer, else polygon places. Villages: point places.
    LayerContent communes = read_layer(gpkg, "communes", {});
    const LayerContent places = read_layer(gpkg, "places", {"kind"});
    const bool places_are_villages = places.found && !places.values.empty() && places.values.front()[0] == "village";
    if (!communes.found && places.found && !places_are_villages) communes = read_layer(gpkg, "places", {});
    const LayerContent towers = read_layer(gpkg, "towers", {"tech"});

    check_output_location(out_dir);
    ensure_output_directory(out_dir);
    try {
        AtomicOutputSet set;
        for (const SignalRaster& r : rasters) {
            const std::string key(to_key(r.technology));
            TechnologyMapData data{r.technology, grid.extent(), shade ? &*shade : nullptr, &r.signal_dbm, {}, communes.wkb, {}, {}, {}};
            const LayerContent zones = read_layer(gpkg, "dead_zones_" + key, {});
            if (!zones.found) throw InputError({gpkg, "", "dead_zones_" + key}, "no such layer: is this a GeoPackage written by `analyze` or `gaps`?");
            data.dead_zones = zones.wkb;
            if (places_are_villages) {
                const LayerContent villages = read_layer(gpkg, "places", {key + "_covered"});
                for (std::size_t i = 0; i < villages.wkb.size(); ++i)
                    data.villages.emplace_back(point_of(villages.wkb[i]), villages.values[i][0] == "yes");
            }
            for (std::size_t i = 0; i < towers.wkb.size(); ++i)
                if (parse_technology(towers.values[i][0]) == r.technology) data.towers.push_back(point_of(towers.wkb[i]));
            render_map_png(set.add(fs::path(out_dir) / map_file_name(r.technology)), technology_map(data), kMapWidthPx);
        }
        set.commit_all();
    } catch (const IoError& e) {
        throw OutputError("cannot write the maps into " + out_dir + ": " + e.what());
    }
    if (!quiet) std::cerr << "drew " << rasters.size() << " map(s) into " << out_dir << "/\n";
    return exit_code::kOk;
}

}  // namespace phusong
