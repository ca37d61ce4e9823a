// Options of `phusong analyze`, from the command line and/or an INI config file
// (Boost.Program_options syntax: `key = value`, one per line). The command line wins.
// Input paths in a config file are relative to the config file's folder; the output folder
// is relative to the working directory.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

#include "cli/itm_options.hpp"

namespace phusong {

struct AnalysisOptions {
    std::string config;                     ///< the INI file used, if any
    /// Options read from the config file → where: "analyze.ini: line 7" (for messages).
    std::map<std::string, std::string> config_origins;
    std::string towers;
    std::string coverage_gpkg;              ///< `gaps`: GeoPackage with signal_<tech> rasters
    std::string dem;
    std::string villages;
    std::string village_population_field = "population";
    std::string communes;
    std::string commune_population_field = "population";
    std::string places;                     ///< `gaps`/`rank`: villages or communes
    std::string places_population_field = "population";
    std::string population_raster;
    std::string targets;                    ///< coverage targets INI (optional)
    std::string district_field = "district";
    std::string name_field;                 ///< name attribute of --villages / --places (optional)
    std::string commune_name_field;         ///< name attribute of --communes (optional)
    std::string id_field;                   ///< id attribute of --villages / --places (optional)
    std::string commune_id_field;           ///< id attribute of --communes (optional)
    std::vector<std::string> districts;     ///< --district NAME[,NAME…], repeatable: restrict to these districts
    std::string district_outlines;          ///< --districts FILE: district polygons for the maps
    std::string village_power_field;        ///< villages' grid-power attribute (yes/no), optional
    bool by_operator = false;               ///< indicators per operator even with one
    bool operator_rasters = false;          ///< each operator's signal rasters too
    bool district_field_given = false;      ///< named by the user: it must then exist
    std::string out_dir = "phusong-out";
    std::string crs;                        ///< empty = automatic UTM zone
    std::string model = "itm";
    std::string engine = "sweep";           ///< coverage engine: sweep or per-pixel
    std::string landcover;                  ///< categorical land-cover raster (optional)
    std::string landcover_classes;          ///< its class table CSV (optional)
    std::string clutter;                    ///< none, table, p2108; empty: by whether land cover is given
    std::string calibration;                ///< calibration.json from `phusong calibrate` (optional)
    double clutter_percent = 50.0;
    std::string environment = "open";       ///< Hata / COST-231 environment
    ItmOptions itm;
    double time_percent = 50.0, location_percent = 50.0, dn = P1812Settings{}.DN;  ///< P.1812
    std::string technologies = "3g,4g";      ///< comma-separated; `gaps`/`rank`: "" = every raster
    std::vector<std::string> tech_defaults; ///< "3g.freq_mhz=2100", …
    std::vector<std::string> budgets;       ///< "4g.threshold_dbm=-110", …
    double resolution_m = 30.0;
    std::string radius_km = "auto";
    double rx_height_m = 1.5;
    double margin_db = 0.0;
    double settlement_radius_m = 250.0;
    double village_covered_share = 0.5;
    double commune_covered_share = 0.5;
    double min_dead_zone_area_km2 = 0.01;   ///< smaller dead zones are slivers (unless a village is inside)
    double min_dead_zone_width_m = 0.0;     ///< narrower ones too; 0 = no width filter
    // Site ranking (when candidates or auto_candidates are given).
    std::string candidates;                 ///< candidate sites file
    long long auto_candidates = 0;        ///< generate this many candidates (0 = none)
    long long select = 10;                ///< sites to pick
    std::string objective = "population";   ///< population, villages or communes
    double site_budget = 0.0;               ///< total cost allowed (0 = no budget)
    bool exact = false;                     ///< also solve the exact covering problem
    double exact_time_limit_s = 60.0;
    std::string rank_tech;                  ///< technology to rank for (default: the highest analysed)
    std::string upgrade_existing;           ///< technology existing masts may be upgraded to (optional)
    double upgrade_cost = 1.0;              ///< cost of one upgrade, in the candidates' cost unit
    int threads = 0;                   ///< 0 = all cores
    bool quiet = false;
    /// Options given on the command line or in the config file (not defaulted), without "--".
    std::set<std::string> given;
};

/// The options of `vm` that were given, not defaulted.
std::set<std::string> given_options(const boost::program_options::variables_map& vm);

/// The options `analyze` and `coverage` share: model and its parameters (ITM included),
/// grid, radius, link budget, CRS, threads, quiet; bound to `o`.
boost::program_options::options_description radio_options_description(AnalysisOptions& o);

/// Options naming the places' fields and districts, shared by `analyze`, `gaps` and `rank`:
/// --village-power-field, --district, --districts, --name-field, --commune-name-field, --id-field,
/// --commune-id-field; bound to `o`.
boost::program_options::options_description place_options_description(AnalysisOptions& o);

/// Options of the gap analysis shared by `analyze` and `gaps`: settlement radius, village
/// covered share, dead-zone sliver filters; bound to `o`.
boost::program_options::options_description gap_options_description(AnalysisOptions& o);

/// Site-ranking options shared by `analyze` and `rank`: --candidates, --auto, --select,
/// --objective, --budget, --exact, --exact-time-limit-s, --rank-tech; bound to `o`.
boost::program_options::options_description ranking_options_description(AnalysisOptions& o);

/// Parses `analyze` arguments (argv[0] is the subcommand). Returns nullopt after printing
/// help. With no input options and no --config, uses the demo scenario's config when it
/// exists (./datasets/demo/analyze.ini, or beside the executable's source tree).
/// Throws InputError for bad usage.
std::optional<AnalysisOptions> parse_analysis_options(int argc, const char* const argv[], const std::string& executable);

/// `e`'s message, prefixed with "FILE: line N: " when it names an option ("--radius-km") that
/// came from the config file: the user reads where to fix it.
std::string with_config_origin(const std::exception& e, const AnalysisOptions& options);

}  // namespace phusong
