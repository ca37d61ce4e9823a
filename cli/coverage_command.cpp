#include "cli/coverage_command.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/analysis.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "geo/errors.hpp"
#include "io/atomic_output.hpp"
#include "io/geopackage_writer.hpp"
#include "io/geotiff_writer.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace phusong {

int run_coverage(int argc, const char* const argv[]) {
    AnalysisOptions o;
    std::string tech = "3g,4g";
    po::options_description main("Usage: phusong coverage --towers FILE --dem FILE --out OUT.gpkg [options]\n\n"
                                 "Predicts best-server signal (dBm), serving cell and number of cells above the covered\n"
                                 "level per technology over the towers' reach, into OUT.gpkg (rasters signal_<tech>,\n"
                                 "server_<tech>, servers_<tech>) and OUT_<raster>.tif files beside it");
    main.add_options()
        ("help,h", "show this help")
        ("towers", po::value(&o.towers)->required(), "tower inventory: phusong CSV, OpenCellID CSV or OGR point layer")
        ("dem", po::value(&o.dem)->required(), "terrain: any GDAL raster")
        ("out", po::value(&o.out_dir)->required(), "output GeoPackage (.gpkg)")
        ("tech", po::value(&tech)->default_value(tech), "technologies, comma-separated (2g,3g,4g,5g)");
    main.add(radio_options_description(o));
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "coverage", vm)) return exit_code::kOk;
    o.technologies = split_list(tech);
    if (o.threads == 0) o.threads = std::max(1u, std::thread::hardware_concurrency());
    const fs::path gpkg = o.out_dir;
    if (gpkg.extension() != ".gpkg") throw InputError("--out: '" + o.out_dir + "' must end in .gpkg");

    const LinkBudget budget = budget_from(o);
    const LoadedInputs inputs = load_inputs(o);
    const PreparedAnalysis prepared = prepare_analysis(inputs, o, budget);
    if (!o.quiet) {
        for (const std::string& w : inputs.warnings) std::cerr << "warning: " << w << "\n";
        for (const std::string& w : prepared.warnings) std::cerr << "warning: " << w << "\n";
    }
    const fs::path dir = gpkg.has_parent_path() ? gpkg.parent_path() : fs::path(".");
    check_output_location(dir);
    const AnalysisResult result = assess_coverage(prepared, o, budget, Progress::wanted(o.quiet));
    if (!o.quiet && result.coverage.masts_off_dem)
        std::cerr << "warning: " << result.coverage.masts_off_dem << " mast(s) had no terrain at their foot and were skipped\n";

    ensure_output_directory(dir);
    try {
        const std::string stem = (dir / gpkg.stem()).string();
        // The GeoPackage and the GeoTIFFs are all written before any of them is renamed into place.
        GeoPackageWriter writer(gpkg);
        AtomicOutputSet tiffs;
        for (const TechnologyCoverage& tc : result.coverage.technologies) {
            const std::string key(to_key(tc.technology));
            const RasterDescription signal{"signal_" + key, "dBm"}, server{"server_" + key, "cell index"},
                servers{"servers_" + key, "cells at or above the covered level"};
            writer.add_raster(signal.name, tc.signal_dbm, signal);
            // GeoPackage gridded coverage stores no 32-bit integers: Float32 holds them exactly.
            writer.add_raster(server.name, convert_grid<float>(tc.server), server);
            writer.add_raster(servers.name, convert_grid<float>(tc.servers_above), servers);
            write_geotiff(tiffs.add(stem + "_" + signal.name + ".tif"), tc.signal_dbm, signal);
            write_geotiff(tiffs.add(stem + "_" + server.name + ".tif"), tc.server, server);
            write_geotiff(tiffs.add(stem + "_" + servers.name + ".tif"), tc.servers_above, servers);
        }
        writer.commit();
        tiffs.commit_all();
    } catch (const IoError& e) {
        throw OutputError("cannot write the results into " + gpkg.string() + ": " + e.what());
    }
    if (!o.quiet) {
        if (result.coverage.itm_warnings)
            std::cerr << "warning: ITM flagged some links: " << itm::describe_warnings(result.coverage.itm_warnings) << "\n";
        std::cerr << "predicted " << prepared.transmitters.size() << " cells over " << prepared.grid.width << " x "
                  << prepared.grid.height << " pixels (" << o.resolution_m << " m, " << prepared.grid.crs << ") into "
                  << gpkg.string() << "\n";
    }
    return exit_code::kOk;
}

}  // namespace phusong
