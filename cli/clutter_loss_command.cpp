#include "cli/clutter_loss_command.hpp"

#include <boost/program_options.hpp>

#include <array>
#include <iostream>
#include <optional>
#include <string>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "coverage/p2108.hpp"
#include "geo/errors.hpp"
#include "io/json_writer.hpp"

namespace po = boost::program_options;

namespace phusong {
namespace {

struct ClutterLossOptions {
    std::string method;
    double freq_ghz = 0.0;
    double distance_km = 0.0;
    double percent = 50.0;
    double height_m = 0.0;
    std::string clutter_type;
    std::optional<double> clutter_height_m;
    double street_width_m = 27.0;
    double elevation_deg = 0.0;
    bool json = false;
};

/// P.2108 Table 1: each clutter type's name and representative clutter height R (m).
struct ClutterTypeRow {
    const char* name;
    p2108::ClutterType type;
    double representative_height_m;
};
constexpr std::array<ClutterTypeRow, 6> kClutterTypes{{{"water-sea", p2108::ClutterType::WaterSea, 10.0},
                                                       {"open-rural", p2108::ClutterType::OpenRural, 10.0},
                                                       {"suburban", p2108::ClutterType::Suburban, 10.0},
                                                       {"urban", p2108::ClutterType::Urban, 15.0},
                                                       {"trees-forest", p2108::ClutterType::TreesForest, 15.0},
                                                       {"dense-urban", p2108::ClutterType::DenseUrban, 20.0}}};

const ClutterTypeRow& clutter_type_named(const std::string& name) {
    for (const ClutterTypeRow& row : kClutterTypes)
        if (name == row.name) return row;
    throw InputError("--clutter-type: '" + name +
                     "' is not water-sea, open-rural, suburban, urban, trees-forest or dense-urban");
}

void require(const po::variables_map& vm, const char* option, const std::string& method) {
    if (!vm.count(option)) throw InputError("--method " + method + " needs --" + std::string(option));
}

}  // namespace

int run_clutter_loss(int argc, const char* const argv[]) {
    ClutterLossOptions o;
    po::options_description main(
        "Usage: phusong clutter-loss --method terrestrial|height-gain|aeronautical [inputs]\n\n"
        "Prints the clutter loss (dB) of Recommendation ITU-R P.2108-1:\n"
        "  terrestrial   §3.2, a terminal in urban/suburban clutter: --freq-ghz (0.5-67), --distance-km (>= 0.25),\n"
        "                --percent of locations\n"
        "  height-gain   §3.1, a terminal below its clutter: --freq-ghz (0.03-3), --height-m, --clutter-type,\n"
        "                --clutter-height-m (default: Table 1's for the type), --street-width-m\n"
        "  aeronautical  §3.3, earth-space and aeronautical paths: --freq-ghz (10-100), --elevation-deg, --percent");
    main.add_options()
        ("help,h", "show this help")
        ("method", po::value(&o.method)->required(), "terrestrial, height-gain or aeronautical")
        ("freq-ghz", po::value(&o.freq_ghz)->required(), "frequency, GHz")
        ("distance-km", po::value(&o.distance_km), "terrestrial: path length, km")
        ("percent", with_default(&o.percent), "terrestrial, aeronautical: percentage of locations, (0, 100)")
        ("height-m", po::value(&o.height_m), "height-gain: terminal height above ground, metres")
        ("clutter-type", po::value(&o.clutter_type), "height-gain: water-sea, open-rural, suburban, urban, trees-forest or dense-urban")
        ("clutter-height-m", po::value<double>(), "height-gain: representative clutter height, metres")
        ("street-width-m", with_default(&o.street_width_m), "height-gain: street width, metres")
        ("elevation-deg", po::value(&o.elevation_deg), "aeronautical: elevation angle, degrees [0, 90]")
        ("json", po::bool_switch(&o.json), "print the inputs and the loss as JSON");
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "clutter-loss", vm)) return exit_code::kOk;
    p2108::Result result;
    if (o.method == "terrestrial") {
        require(vm, "distance-km", o.method);
        result = p2108::terrestrial_statistical(o.freq_ghz, o.distance_km, o.percent);
    } else if (o.method == "height-gain") {
        require(vm, "height-m", o.method);
        require(vm, "clutter-type", o.method);
        const ClutterTypeRow& type = clutter_type_named(o.clutter_type);
        o.clutter_height_m = vm.count("clutter-height-m") ? vm["clutter-height-m"].as<double>() : type.representative_height_m;
        result = p2108::height_gain_terminal_correction(o.freq_ghz, o.height_m, o.street_width_m, *o.clutter_height_m, type.type);
    } else if (o.method == "aeronautical") {
        require(vm, "elevation-deg", o.method);
        result = p2108::aeronautical_statistical(o.freq_ghz, o.elevation_deg, o.percent);
    } else {
        throw InputError("--method: '" + o.method + "' is not terrestrial, height-gain or aeronautical");
    }
    if (!result.ok()) throw InputError("clutter-loss --method " + o.method + ": " + p2108::describe_return_code(result.return_code));
    if (o.json) {
        JsonWriter j;
        j.begin_object();
        j.key("recommendation").value("ITU-R P.2108-1").key("method").value(o.method).key("freq_ghz").value(o.freq_ghz);
        if (o.method == "terrestrial") j.key("distance_km").value(o.distance_km).key("percent").value(o.percent);
        if (o.method == "height-gain") {
            j.key("height_m").value(o.height_m).key("clutter_type").value(o.clutter_type);
            j.key("clutter_height_m").value(*o.clutter_height_m).key("street_width_m").value(o.street_width_m);
        }
        if (o.method == "aeronautical") j.key("elevation_deg").value(o.elevation_deg).key("percent").value(o.percent);
        j.key("loss_db").value(result.loss__db);
        j.end_object();
        std::cout << j.str();
    } else {
        std::cout << format_fixed(result.loss__db, 2) << "\n";
    }
    return exit_code::kOk;
}

}  // namespace phusong
