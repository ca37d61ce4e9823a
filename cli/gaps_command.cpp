#include "cli/gaps_command.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <thread>

#include "cli/analysis.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "geo/errors.hpp"
#include "io/atomic_output.hpp"
#include "io/coverage_reader.hpp"
#include "io/raster_reader.hpp"

namespace po = boost::program_options;

namespace phusong {
namespace {

/// The signal rasters as coverage results at this run's covered levels (no serving cells).
CoverageResult coverage_from(std::vector<SignalRaster> rasters, const LinkBudget& budget) {
    CoverageResult out;
    for (SignalRaster& r : rasters) {
        const GridSpec spec = r.signal_dbm.spec();
        out.technologies.push_back({r.technology, budget.covered_level(r.technology), std::move(r.signal_dbm),
                                    Grid<std::int32_t>(spec, -1, -1), Grid<std::uint16_t>(spec, 0)});
    }
    return out;
}

/// `gaps`, and `rank` (gaps, then site ranking over the terrain of --dem).
int run_gap_command(int argc, const char* const argv[], bool ranking) {
    AnalysisOptions o;
    std::string places, population_field = "population", tech;
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
        ("places", po::value(&places)->required(), "villages (OGR points) or communes (OGR polygons) with population")
        ("population-field", po::value(&population_field)->default_value(population_field), "population attribute of --places")
        ("communes", po::value(&o.communes), "communes (OGR polygons) when --places are villages")
        ("commune-population-field", po::value(&o.commune_population_field)->default_value(o.commune_population_field), "population attribute of --communes")
        ("population-raster", po::value(&o.population_raster), "optional people-per-pixel raster to spread commune population")
        ("district-field", po::value(&o.district_field)->default_value(o.district_field), "district attribute of the communes")
        ("targets", po::value(&o.targets), "coverage targets INI: prints pass/fail, exit status 3 when one fails")
        ("tech", po::value(&tech), "technologies, comma-separated (default: every signal_<tech> in --coverage)")
        ("out", po::value(&o.out_dir)->required(), "output folder");
    main.add(gap_options_description(o));
    if (ranking) {
        main.add_options()("dem", po::value(&o.dem)->required(), "terrain for predicting the candidates: any GDAL raster");
        main.add(ranking_options_description(o)).add(radio_options_description(o));
    } else {
        main.add_options()
            ("margin-db", po::value(&o.margin_db)->default_value(o.margin_db), "margin added to every coverage threshold, dB")
            ("link-budget", po::value(&o.budgets)->composing(), "TECH.threshold_dbm=V or TECH.reference_share_db=V; repeatable")
            ("quiet,q", po::bool_switch(&o.quiet), "no warnings or summary on stderr");
    }
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, ranking ? "rank" : "gaps", vm)) return exit_code::kOk;
    if (ranking && o.candidates.empty() && o.auto_candidates == 0) throw InputError("rank: give --candidates FILE or --auto N");
    if (o.threads == 0) o.threads = ranking ? std::max(1u, std::thread::hardware_concurrency()) : 1;
    const LinkBudget budget = budget_from(o);
    std::vector<SignalRaster> rasters = read_signal_rasters(o.coverage_gpkg);
    keep_technologies(rasters, tech, o.coverage_gpkg);
    o.technologies.clear();
    for (const SignalRaster& r : rasters) o.technologies.emplace_back(to_key(r.technology));

    // Points are villages; polygons are communes.
    if (read_places(places, {population_field, "", "", ""}).layer.geometry == PlaceGeometry::Polygon) {
        if (!o.communes.empty()) throw InputError("gaps: --communes is for villages; --places " + places + " are polygons already");
        o.communes = places;
        o.commune_population_field = population_field;
    } else {
        o.villages = places;
        o.village_population_field = population_field;
    }
    const LoadedInputs inputs = load_inputs(o);
    const GridSpec grid = rasters.front().signal_dbm.spec();
    const PreparedAnalysis prepared = prepare_places(inputs, o, grid);
    print_warnings(inputs.warnings, o.quiet);
    print_warnings(prepared.warnings, o.quiet);
    check_output_location(o.out_dir);
    // Every pixel of the rasters is analysed: where no cell reaches, the signal is NaN (not covered).
    AnalysisResult result = assess_places(prepared, coverage_from(std::move(rasters), budget), o, std::vector<char>(grid.size(), 1));
    if (ranking) {
        const DemLoad dem = read_dem(o.dem, grid);
        print_warnings(dem.warnings, o.quiet);
        result.ranking = rank_candidates(inputs, prepared, result, o, budget, dem.elevation_m, Progress::wanted(o.quiet));
        print_warnings(result.ranking->warnings, o.quiet);
    }
    return report_and_write(inputs, prepared, result, o, budget);
}

}  // namespace

int run_gaps(int argc, const char* const argv[]) { return run_gap_command(argc, argv, false); }
int run_rank(int argc, const char* const argv[]) { return run_gap_command(argc, argv, true); }

}  // namespace phusong
