#include "cli/analysis_options.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cctype>
#include <array>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string_view>
#include <thread>

#include "cli/command_line.hpp"
#include "geo/errors.hpp"
#include "io/csv_table.hpp"
#include "pipeline/run_config.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace phusong {
namespace {

constexpr const char* kDemoConfig = "datasets/demo/analyze.ini";

}  // namespace

po::options_description radio_options_description(AnalysisOptions& o) {
    po::options_description radio("Radio");
    radio.add_options()
        ("model", with_default(&o.model), "propagation model: itm, p1812, deygout, spm, fspl, hata, cost231")
        ("environment", with_default(&o.environment), "hata/cost231 environment: urban, large-city, suburban or open")
        ("engine", with_default(&o.engine), "raster engine: sweep (ITM along radials) or per-pixel (the reference); candidate sites are always scored point by point")
        ("landcover", po::value(&o.landcover), "land cover: a categorical GDAL raster (e.g. ESA WorldCover), resampled by mode")
        ("landcover-classes", po::value(&o.landcover_classes), "class table CSV class,name,height_m,loss_db (default: ESA WorldCover's, built in)")
        ("clutter", po::value(&o.clutter), "receiver clutter: none, table or p2108 (default: p2108 with --landcover, except none for spm; none without)")
        ("clutter-percent", with_default(&o.clutter_percent), "p2108: percentage of locations whose clutter loss is not exceeded")
        ("calibration", po::value(&o.calibration), "calibration.json from `phusong calibrate`: its model, coefficients and class losses (its clutter)")
        ("resolution-m", with_default(&o.resolution_m), "analysis grid resolution, metres")
        ("radius-km", with_default(&o.radius_km), ("prediction range per mast, km, or auto: where the link budget ends by the model, up to " +
          std::to_string(static_cast<int>(kAutoReachCapM / 1000.0)) + " km").c_str())
        ("rx-height-m", with_default(&o.rx_height_m), "receiver height above ground, metres")
        ("margin-db", with_default(&o.margin_db), "margin added to every coverage threshold, dB")
        ("link-budget", po::value(&o.budgets)->composing(), "TECH.threshold_dbm=V or TECH.reference_share_db=V; repeatable")
        ("tech-default", po::value(&o.tech_defaults)->composing(), "TECH.FIELD=VALUE default for OpenCellID cells (height_m, freq_mhz, eirp_dbm); repeatable")
        ("crs", po::value(&o.crs), "analysis CRS (e.g. EPSG:32648); default: the UTM zone of the area")
        ("threads", po::value(&o.threads)->default_value(0), "worker threads, 1-256 (0 = all cores)")
        ("quiet,q", po::bool_switch(&o.quiet), "no progress or warnings on stderr");
    radio.add(itm_options_description(o.itm));
    po::options_description p1812("ITU-R P.1812 (--model p1812; --n0 defaults to 350 for it)");
    p1812.add_options()
        ("time-percent", with_default(&o.time_percent), "p: time percentage the loss is not exceeded, 1-50")
        ("location-percent", with_default(&o.location_percent), "pL: location percentage, 1-99 (sigma_L from P.1812 4.8 over a grid pixel)")
        ("dn", with_default(&o.dn), "average refractivity lapse rate over 1 km, N-units/km (Vietnam's default; see README)");
    radio.add(p1812);
    return radio;
}

po::options_description place_options_description(AnalysisOptions& o) {
    po::options_description places("Places and districts");
    places.add_options()
        ("village-power-field", po::value(&o.village_power_field), "villages' grid-power attribute, yes/no (for powered = yes targets)")
        ("district", po::value(&o.districts)->composing(), "analyse only these districts: names in --district-field, comma-separated or repeated; masts outside still serve them")
        ("districts", po::value(&o.district_outlines), "district polygons drawn on the maps (default: the union of each district's communes)")
        ("name-field", po::value(&o.name_field), "name attribute of the villages (default: the first of name, commune, village, ten)")
        ("commune-name-field", po::value(&o.commune_name_field), "name attribute of --communes (default: the first of name, commune, village, ten)")
        ("id-field", po::value(&o.id_field), "id attribute of the villages (default: the feature number); a stable id lets `compare` match runs")
        ("commune-id-field", po::value(&o.commune_id_field), "id attribute of --communes (default: the feature number)");
    return places;
}

po::options_description gap_options_description(AnalysisOptions& o) {
    po::options_description gaps("Gap analysis");
    gaps.add_options()
        ("settlement-radius-m", with_default(&o.settlement_radius_m), "radius of a village around its point, metres")
        ("village-covered-share", with_default(&o.village_covered_share), "share of a village's area that must be covered, 0-1")
        ("commune-covered-share", with_default(&o.commune_covered_share), "share of a commune's people who must be covered for it to count as covered, 0-1")
        ("min-dead-zone-area-km2", with_default(&o.min_dead_zone_area_km2), "smaller dead zones without a village are slivers, km2")
        ("min-dead-zone-width-m", with_default(&o.min_dead_zone_width_m), "narrower dead zones (largest inscribed circle) without a village are slivers, metres; 0 = off");
    return gaps;
}

po::options_description ranking_options_description(AnalysisOptions& o) {
    po::options_description rank("Site ranking");
    rank.add_options()
        ("candidates", po::value(&o.candidates), "candidate sites: CSV (candidate_id, name, lon, lat, height_m, tech, cost) or OGR points")
        ("auto", with_default(&o.auto_candidates), "generate N candidates: high ground near uncovered villages, then a grid over dead zones")
        ("select", with_default(&o.select), "number of sites to pick")
        ("objective", with_default(&o.objective), "what a pick maximises: population, villages or communes")
        ("budget", with_default(&o.site_budget), "total cost of the picks (candidates' cost field; 0 = no budget)")
        ("exact", po::bool_switch(&o.exact), "also solve the maximal covering problem exactly (GLPK) and report greedy's distance from it")
        ("exact-time-limit-s", with_default(&o.exact_time_limit_s), "time limit of --exact, seconds")
        ("rank-tech", po::value(&o.rank_tech), "technology the new sites bring (default: the highest analysed)")
        ("upgrade-existing", po::value(&o.upgrade_existing), "TECH: every existing mast without TECH is also a candidate, at its own position and height (analyze)")
        ("upgrade-cost", with_default(&o.upgrade_cost), "cost of one --upgrade-existing upgrade, in the candidates' cost unit");
    return rank;
}

namespace {

po::options_description describe_options(AnalysisOptions& o) {
    po::options_description inputs("Inputs");
    inputs.add_options()
        ("towers", po::value(&o.towers), "tower inventory: phusong CSV, OpenCellID CSV or OGR point layer")
        ("dem", po::value(&o.dem), "terrain: any GDAL raster (GeoTIFF, SRTM .hgt, VRT mosaic)")
        ("villages", po::value(&o.villages), "villages: OGR point (or polygon) layer with population")
        ("village-population-field", with_default(&o.village_population_field), "population attribute of --villages")
        ("communes", po::value(&o.communes), "communes: OGR polygon layer with population")
        ("commune-population-field", with_default(&o.commune_population_field), "population attribute of --communes")
        ("population-raster", po::value(&o.population_raster), "optional people-per-pixel raster (e.g. WorldPop) to spread commune population")
        ("district-field", with_default(&o.district_field), "district attribute of --communes (for per-district metrics and targets)")
        ("targets", po::value(&o.targets), "coverage targets INI: prints pass/fail, exit status 3 when one fails");
    inputs.add(place_options_description(o));
    po::options_description analysis("Analysis");
    analysis.add_options()
        ("tech", with_default(&o.technologies), "technologies to analyse, comma-separated (2g,3g,4g,5g)")
        ("by-operator", po::bool_switch(&o.by_operator), "indicators per operator also when the cells name only one (always with several)")
        ("operator-rasters", po::bool_switch(&o.operator_rasters), "also write each operator's signal raster per technology");
    po::options_description general("General");
    general.add_options()
        ("help,h", "show this help")
        ("config", po::value(&o.config), "INI file with any of these options (command line wins)")
        ("out", with_default(&o.out_dir), "output folder");
    po::options_description all("Usage: phusong analyze [options]\n\nRuns the whole pipeline. With no inputs it runs the demo scenario");
    all.add(inputs).add(analysis).add(gap_options_description(o)).add(ranking_options_description(o)).add(radio_options_description(o)).add(general);
    return all;
}

std::string find_demo_config(const std::string& executable) {
    if (fs::exists(kDemoConfig)) return kDemoConfig;
    std::error_code ec;
    const fs::path exe = fs::canonical(fs::path(executable), ec);
    if (!ec) {
        const fs::path beside = exe.parent_path().parent_path().parent_path() / kDemoConfig;  // build/bin/phusong
        if (fs::exists(beside)) return beside.string();
    }
    return {};
}

/// A config file's options, each with where it was read ("analyze.ini: line 7").
struct ConfigFile {
    po::parsed_options options{nullptr};
    std::map<std::string, std::string> origin;
};

/// The file's options, each with its line; InputError naming the file and line of the first
/// line that is not `option = value` or names an unknown option.
ConfigFile read_config_file(const std::string& path, const po::options_description& all) {
    std::string text = read_text_file(path);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a UTF-8 byte-order mark
    ConfigFile out;
    std::istringstream lines(text);
    std::size_t number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#' || t[0] == ';') continue;
        const std::string where = path + ": line " + std::to_string(number);
        if (t[0] == '[') throw InputError(where + ": sections are not used: write each option as 'option = value'");
        const auto eq = t.find('=');
        const std::string key = eq == std::string::npos ? std::string() : trim(t.substr(0, eq));
        if (key.empty()) throw InputError(where + ": expected 'option = value', found '" + t + "'");
        if (!all.find_nothrow(key, false)) throw InputError(where + ": unknown option '" + key + "' (see --help)");
        const bool repeatable = key == "link-budget" || key == "tech-default";
        if (const auto [it, fresh] = out.origin.try_emplace(key, where); !fresh && !repeatable)
            throw InputError(where + ": option '" + key + "' given twice (first at " + it->second.substr(path.size() + 2) + ")");
    }
    std::istringstream in(text);
    try {
        out.options = po::parse_config_file(in, all);
    } catch (const po::error& e) {
        throw InputError(path + ": " + e.what());
    }
    return out;
}

/// Stores the file's options; a value Boost rejects is named by its file and line.
void store_naming_origin(const po::parsed_options& options, po::variables_map& vm,
                         const std::map<std::string, std::string>& origins) {
    try {
        po::store(options, vm);
    } catch (const po::error_with_option_name& e) {
        const std::string key = e.get_option_name().substr(e.get_option_name().find_first_not_of('-'));
        const auto it = origins.find(key);
        throw InputError((it != origins.end() ? it->second + ": " : std::string()) + e.what());
    } catch (const po::error& e) {
        throw InputError(std::string("analyze: ") + e.what());
    }
}

/// The options naming input files (relative to a config file's folder when read from one).
constexpr std::array<const char*, 10> kInputOptions{"towers",  "dem",        "villages",  "communes",          "population-raster",
                                                    "targets", "candidates", "landcover", "landcover-classes", "districts"};

bool is_input_path(const std::string& key) {
    return std::find(kInputOptions.begin(), kInputOptions.end(), key) != kInputOptions.end();
}

}  // namespace

std::optional<AnalysisOptions> parse_analysis_options(int argc, const char* const argv[], const std::string& executable) {
    AnalysisOptions o;
    const po::options_description all = describe_options(o);
    po::variables_map vm;
    try {
        const po::parsed_options cli = po::command_line_parser(argc, argv).options(all).run();
        po::store(cli, vm);
        if (vm.count("help")) {
            std::cout << all << "\n";
            return std::nullopt;
        }
    } catch (const po::error& e) {
        throw InputError(std::string("analyze: ") + e.what());
    }
    std::string config = vm.count("config") ? vm["config"].as<std::string>() : "";
    // Targets and candidates ask questions of the data; the data inputs decide whether it is the demo's.
    const bool any_input = std::any_of(kInputOptions.begin(), kInputOptions.end(), [&](const char* k) {
        return vm.count(k) > 0 && std::string_view(k) != "targets" && std::string_view(k) != "candidates";
    });
    if (config.empty() && !any_input) {
        // No input at all: the bundled demo, said so (an input given alone is not completed from it).
        config = find_demo_config(executable);
        if (config.empty())
            throw InputError("no inputs given (--towers, --dem, …) and no demo scenario found; run `make demo` or see --help");
        if (!vm["quiet"].as<bool>()) std::cerr << "note: no inputs given: running the demo scenario " << config << "\n";
    }
    if (!config.empty()) {
        ConfigFile file = read_config_file(config, all);
        const fs::path base = fs::path(config).parent_path();
        for (auto& opt : file.options.options)
            if (is_input_path(opt.string_key) && !opt.value.empty() && fs::path(opt.value[0]).is_relative())
                opt.value[0] = (base / opt.value[0]).lexically_normal().string();
        // The command line wins, also for repeatable options (--link-budget, --tech-default),
        // which Boost would otherwise merge with the file's.
        std::erase_if(file.options.options, [&](const po::option& opt) {
            return vm.count(opt.string_key) && !vm[opt.string_key].defaulted();
        });
        for (const po::option& opt : file.options.options)
            if (const auto it = file.origin.find(opt.string_key); it != file.origin.end()) o.config_origins[opt.string_key] = it->second;
        store_naming_origin(file.options, vm, o.config_origins);
        o.config = config;
    }
    try {
        po::notify(vm);
    } catch (const po::error& e) {
        throw InputError(std::string("analyze: ") + e.what());
    }
    o.district_field_given = !vm["district-field"].defaulted();
    o.given = given_options(vm);
    return o;
}

std::set<std::string> given_options(const po::variables_map& vm) {
    std::set<std::string> out;
    for (const auto& [name, value] : vm)
        if (!value.defaulted()) out.insert(name);
    return out;
}

std::string with_config_origin(const std::exception& e, const AnalysisOptions& options) {
    const std::string what = e.what();
    for (const auto& [option, origin] : options.config_origins) {
        const std::string typed = "--" + option;
        for (auto at = what.find(typed); at != std::string::npos; at = what.find(typed, at + 1)) {
            const std::size_t after = at + typed.size();
            const bool whole = after == what.size() || !(std::isalnum(static_cast<unsigned char>(what[after])) || what[after] == '-');
            if (whole) return origin + ": " + what;
        }
    }
    return what;
}

}  // namespace phusong
