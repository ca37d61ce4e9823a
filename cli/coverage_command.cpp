#include "cli/coverage_command.hpp"

#include <boost/program_options.hpp>


#include "cli/analysis_options.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_command.hpp"
#include "cli/run_config_builder.hpp"

namespace po = boost::program_options;

namespace phusong {

int run_coverage(int argc, const char* const argv[]) {
    AnalysisOptions o;
    po::options_description main("Usage: phusong coverage --towers FILE --dem FILE --out OUT.gpkg [options]\n\n"
                                 "Predicts best-server signal (dBm), serving cell and number of cells above the covered\n"
                                 "level per technology over the towers' reach, into OUT.gpkg (rasters signal_<tech>,\n"
                                 "server_<tech>, servers_<tech>) and OUT_<raster>.tif files beside it");
    main.add_options()
        ("help,h", "show this help")
        ("towers", po::value(&o.towers)->required(), "tower inventory: phusong CSV, OpenCellID CSV or OGR point layer")
        ("dem", po::value(&o.dem)->required(), "terrain: any GDAL raster")
        ("out", po::value(&o.out_dir)->required(), "output GeoPackage (.gpkg)")
        ("tech", with_default(&o.technologies), "technologies, comma-separated (2g,3g,4g,5g)")
        ("operator-rasters", po::bool_switch(&o.operator_rasters), "also each operator's best level per technology (rasters signal_<tech>_<operator>)");
    main.add(radio_options_description(o));
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "coverage", vm)) return exit_code::kOk;
    o.given = given_options(vm);
    return execute_run(make_run_config(o, RunKind::Coverage), o.quiet);
}

}  // namespace phusong
