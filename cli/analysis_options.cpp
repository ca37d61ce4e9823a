#include "cli/analysis_options.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/command_line.hpp"
#include "geo/errors.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace phusong {
namespace {

constexpr const char* kDemoConfig = "datasets/demo/analyze.ini";

}  // namespace

po::options_description radio_options_description(AnalysisOptions& o) {
    po::options_description radio("Radio");
    radio.add_options()
        ("model", po::value(&o.model)->default_value(o.model), "propagation model: itm, deygout, fspl, hata, cost231")
        ("environment", po::value(&o.environment)->default_value(o.environment), "hata/cost231 environment: urban, large-city, suburban or open")
        ("resolution-m", po::value(&o.resolution_m)->default_value(o.resolution_m), "analysis grid resolution, metres")
        ("radius-km", po::value(&o.radius_km)->default_value(o.radius_km), "maximum prediction range per mast, km")
        ("rx-height-m", po::value(&o.rx_height_m)->default_value(o.rx_height_m), "receiver height above ground, metres")
        ("margin-db", po::value(&o.margin_db)->default_value(o.margin_db), "margin added to every coverage threshold, dB")
        ("link-budget", po::value(&o.budgets)->composing(), "TECH.threshold_dbm=V or TECH.reference_share_db=V; repeatable")
        ("tech-default", po::value(&o.tech_defaults)->composing(), "TECH.FIELD=VALUE default for OpenCellID cells (height_m, freq_mhz, eirp_dbm); repeatable")
        ("crs", po::value(&o.crs), "analysis CRS (e.g. EPSG:32648); default: the UTM zone of the area")
        ("threads", po::value(&o.threads)->default_value(0), "worker threads, 1-256 (0 = all cores)")
        ("quiet,q", po::bool_switch(&o.quiet), "no progress or warnings on stderr");
    radio.add(itm_options_description(o.itm));
    return radio;
}

po::options_description gap_options_description(AnalysisOptions& o) {
    po::options_description gaps("Gap analysis");
    gaps.add_options()
        ("settlement-radius-m", po::value(&o.settlement_radius_m)->default_value(o.settlement_radius_m), "radius of a village around its point, metres")
        ("village-covered-share", po::value(&o.village_covered_share)->default_value(o.village_covered_share), "share of a village's area that must be covered, 0-1")
        ("min-dead-zone-area-km2", po::value(&o.min_dead_zone_area_km2)->default_value(o.min_dead_zone_area_km2), "smaller dead zones without a village are slivers, km2")
        ("min-dead-zone-width-m", po::value(&o.min_dead_zone_width_m)->default_value(o.min_dead_zone_width_m), "narrower dead zones (largest inscribed circle) without a village are slivers, metres; 0 = off");
    return gaps;
}

po::options_description ranking_options_description(AnalysisOptions& o) {
    po::options_description rank("Site ranking");
    rank.add_options()
        ("candidates", po::value(&o.candidates), "candidate sites: CSV (candidate_id, name, lon, lat, height_m, tech, cost) or OGR points")
        ("auto", po::value(&o.auto_candidates)->default_value(o.auto_candidates), "generate N candidates: high ground near uncovered villages, then a grid over dead zones")
        ("select", po::value(&o.select)->default_value(o.select), "number of sites to pick")
        ("objective", po::value(&o.objective)->default_value(o.objective), "what a pick maximises: population, villages or communes")
        ("budget", po::value(&o.site_budget)->default_value(o.site_budget), "total cost of the picks (candidates' cost field; 0 = no budget)")
        ("exact", po::bool_switch(&o.exact), "also solve the maximal covering problem exactly (GLPK) and report greedy's distance from it")
        ("exact-time-limit-s", po::value(&o.exact_time_limit_s)->default_value(o.exact_time_limit_s), "time limit of --exact, seconds")
        ("rank-tech", po::value(&o.rank_tech), "technology the new sites bring (default: the highest analysed)");
    return rank;
}

namespace {

po::options_description describe_options(AnalysisOptions& o) {
    po::options_description inputs("Inputs");
    inputs.add_options()
        ("towers", po::value(&o.towers), "tower inventory: phusong CSV, OpenCellID CSV or OGR point layer")
        ("dem", po::value(&o.dem), "terrain: any GDAL raster (GeoTIFF, SRTM .hgt, VRT mosaic)")
        ("villages", po::value(&o.villages), "villages: OGR point (or polygon) layer with population")
        ("village-population-field", po::value(&o.village_population_field)->default_value(o.village_population_field), "population attribute of --villages")
        ("communes", po::value(&o.communes), "communes: OGR polygon layer with population")
        ("commune-population-field", po::value(&o.commune_population_field)->default_value(o.commune_population_field), "population attribute of --communes")
        ("population-raster", po::value(&o.population_raster), "optional people-per-pixel raster (e.g. WorldPop) to spread commune population")
        ("district-field", po::value(&o.district_field)->default_value(o.district_field), "district attribute of --communes (for per-district metrics and targets)")
        ("targets", po::value(&o.targets), "coverage targets INI: prints pass/fail, exit status 3 when one fails");
    po::options_description analysis("Analysis");
    analysis.add_options()
        ("tech", po::value<std::string>()->default_value("3g,4g"), "technologies to analyse, comma-separated (2g,3g,4g,5g)");
    po::options_description general("General");
    general.add_options()
        ("help,h", "show this help")
        ("config", po::value(&o.config), "INI file with any of these options (command line wins)")
        ("out", po::value(&o.out_dir)->default_value(o.out_dir), "output folder");
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

bool is_input_path(const std::string& key) {
    return key == "towers" || key == "dem" || key == "villages" || key == "communes" || key == "population-raster" ||
           key == "targets" || key == "candidates";
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
        std::string config = vm.count("config") ? vm["config"].as<std::string>() : "";
        if (config.empty() && !vm.count("towers") && !vm.count("dem")) {
            config = find_demo_config(executable);
            if (config.empty())
                throw InputError("no inputs given (--towers, --dem, …) and no demo scenario found; run `make demo` or see --help");
        }
        if (!config.empty()) {
            if (!fs::exists(config)) throw InputError({config, "", ""}, "config file not found");
            po::parsed_options file = po::parse_config_file<char>(config.c_str(), all);
            const fs::path base = fs::path(config).parent_path();
            for (auto& opt : file.options)
                if (is_input_path(opt.string_key) && !opt.value.empty() && fs::path(opt.value[0]).is_relative())
                    opt.value[0] = (base / opt.value[0]).lexically_normal().string();
            // The command line wins, also for repeatable options (--link-budget, --tech-default),
            // which Boost would otherwise merge with the file's.
            std::erase_if(file.options, [&](const po::option& opt) {
                return vm.count(opt.string_key) && !vm[opt.string_key].defaulted();
            });
            po::store(file, vm);
            o.config = config;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw InputError(std::string("analyze: ") + e.what());
    }
    if (o.config.empty() && vm.count("config")) o.config = vm["config"].as<std::string>();
    o.technologies = split_list(vm["tech"].as<std::string>());
    if (o.threads == 0) o.threads = std::max(1u, std::thread::hardware_concurrency());
    if (o.towers.empty()) throw InputError("analyze: --towers is required");
    if (o.dem.empty()) throw InputError("analyze: --dem is required");
    return o;
}

}  // namespace phusong
