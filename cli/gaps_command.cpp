#include "cli/gaps_command.hpp"

#include <boost/program_options.hpp>

#include <algorithm>

#include "cli/analysis_options.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_command.hpp"
#include "cli/run_config_builder.hpp"
#include "geo/errors.hpp"

namespace po = boost::program_options;

namespace phusong {
namespace {

/// `gaps`, and `rank` (gaps, then site ranking over the terrain of --dem).
int run_gap_command(int argc, const char* const argv[], bool ranking) {
    AnalysisOptions o;
    o.technologies.clear();  // every signal_<tech> raster of --coverage
    po::options_description main(
        ranking ? "Usage: phusong rank --coverage OUT.gpkg --dem FILE --places FILE --population-field NAME\n"
                  "                    (--candidates FILE | --auto N) --select K [--objective population|villages|communes]\n"
                  "                    [--budget B] [--exact] --out DIR\n\n"
                  "Ranks candidate sites by what they add to the coverage in the signal_<tech> rasters of OUT.gpkg:\n"
                  "each candidate is predicted with the propagation options below (use those of the coverage run)\n"
                  "at the people without the technology; writes the gaps outputs plus candidates.csv"
                : "Usage: phusong gaps --coverage OUT.gpkg --places FILE --population-field NAME --out DIR\n\n"
                  "Dead zones, per-place coverage, metrics and targets from the signal_<tech> rasters of a\n"
                  "GeoPackage written by `phusong coverage` (or `analyze`), at this run's thresholds.\n"
                  "--places may be villages (points) or communes (polygons)");
    main.add_options()
        ("help,h", "show this help")
        ("coverage", po::value(&o.coverage_gpkg)->required(), "GeoPackage with signal_<tech> rasters (dBm)")
        ("places", po::value(&o.places)->required(), "villages (OGR points) or communes (OGR polygons) with population")
        ("population-field", with_default(&o.places_population_field), "population attribute of --places")
        ("communes", po::value(&o.communes), "communes (OGR polygons) when --places are villages")
        ("commune-population-field", with_default(&o.commune_population_field), "population attribute of --communes")
        ("population-raster", po::value(&o.population_raster), "optional people-per-pixel raster to spread commune population")
        ("district-field", with_default(&o.district_field), "district attribute of the communes")
        ("targets", po::value(&o.targets), "coverage targets INI: prints pass/fail, exit status 3 when one fails")
        ("tech", po::value(&o.technologies), "technologies, comma-separated (default: every signal_<tech> in --coverage)")
        ("out", po::value(&o.out_dir)->required(), "output folder");
    main.add(place_options_description(o)).add(gap_options_description(o));
    if (ranking) {
        main.add_options()("dem", po::value(&o.dem)->required(), "terrain for predicting the candidates: any GDAL raster");
        main.add(ranking_options_description(o)).add(radio_options_description(o));
    } else {
        main.add_options()
            ("margin-db", with_default(&o.margin_db), "margin added to every coverage threshold, dB")
            ("link-budget", po::value(&o.budgets)->composing(), "TECH.threshold_dbm=V or TECH.reference_share_db=V; repeatable")
            ("quiet,q", po::bool_switch(&o.quiet), "no warnings on stderr (the closing summary stays on stdout)");
    }
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, ranking ? "rank" : "gaps", vm)) return exit_code::kOk;
    o.district_field_given = !vm["district-field"].defaulted();
    o.given = given_options(vm);
    if (ranking && (vm.count("crs") || !vm["resolution-m"].defaulted()))
        throw InputError("rank: --crs and --resolution-m do not apply: the grid is the one of the --coverage rasters");
    return execute_run(make_run_config(o, ranking ? RunKind::Rank : RunKind::Gaps), o.quiet);
}

}  // namespace

int run_gaps(int argc, const char* const argv[]) { return run_gap_command(argc, argv, false); }
int run_rank(int argc, const char* const argv[]) { return run_gap_command(argc, argv, true); }

}  // namespace phusong
