#include "cli/map_command.hpp"

#include <boost/program_options.hpp>

#include <iostream>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_config_builder.hpp"
#include "pipeline/run_maps.hpp"

namespace po = boost::program_options;

namespace phusong {

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

    const std::size_t drawn = draw_run_maps(gpkg, dem, parse_technology_list(tech), out_dir);
    if (!quiet) std::cerr << "drew " << drawn << " map(s) into " << out_dir << "/\n";
    return exit_code::kOk;
}

}  // namespace phusong
