#include "cli/pathloss_command.hpp"

#include <boost/program_options.hpp>

#include <iostream>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/itm_options.hpp"
#include "cli/run_config_builder.hpp"
#include "geo/errors.hpp"
#include "io/json_writer.hpp"
#include "io/profile_reader.hpp"
#include "pipeline/link_prediction.hpp"

namespace po = boost::program_options;

namespace phusong {
namespace {

struct PathlossOptions {
    std::string model = "itm";
    std::string profile;
    double freq_mhz = 0.0;
    double tx_height_m = 0.0;
    double rx_height_m = 0.0;
    std::string environment = "open";
    bool json = false;
    ItmOptions itm;
};

LinkRequest request_from(const PathlossOptions& o) {
    LinkRequest r;
    r.model = parse_model_option(o.model);
    r.environment = parse_environment_option(o.environment);
    if (r.model == PropagationModel::Itm) r.itm = itm_settings_from(o.itm);
    r.frequency = Megahertz{o.freq_mhz};
    r.tx_height = Metres{o.tx_height_m};
    r.rx_height = Metres{o.rx_height_m};
    return r;
}

void print_json(const PathlossOptions& o, const LinkPrediction& p, const TerrainProfile& profile) {
    JsonWriter j;
    j.begin_object();
    j.key("model").value(o.model).key("loss_db").value(p.loss.value()).key("mode").value(p.mode);
    j.key("distance_m").value(profile.length().value()).key("freq_mhz").value(o.freq_mhz);
    j.key("warning_flags").value(static_cast<std::int64_t>(p.warning_flags));
    j.key("warnings").begin_array();
    for (const std::string& w : p.warnings) j.value(w);
    j.end_array();
    if (p.itm) {
        const itm::IntermediateValues& v = p.itm->values;
        j.key("itm").begin_object();
        j.key("return_code").value(p.itm->return_code);
        j.key("free_space_db").value(v.A_fs__db).key("reference_attenuation_db").value(v.A_ref__db);
        j.key("theta_hzn_rad").begin_array().value(v.theta_hzn[0]).value(v.theta_hzn[1]).end_array();
        j.key("d_hzn_m").begin_array().value(v.d_hzn__meter[0]).value(v.d_hzn__meter[1]).end_array();
        j.key("h_e_m").begin_array().value(v.h_e__meter[0]).value(v.h_e__meter[1]).end_array();
        j.key("N_s").value(v.N_s).key("delta_h_m").value(v.delta_h__meter);
        j.end_object();
    }
    j.end_object();
    std::cout << j.str();
}

}  // namespace

int run_pathloss(int argc, const char* const argv[]) {
    PathlossOptions o;
    po::options_description main("Usage: phusong pathloss --profile FILE.csv --freq-mhz F --tx-height-m H --rx-height-m H [options]\n\n"
                                 "Prints the basic transmission loss (dB) over a terrain profile: a CSV with header\n"
                                 "distance_m,elevation_m and rows from transmitter to receiver at uniform spacing");
    main.add_options()
        ("help,h", "show this help")
        ("model", with_default(&o.model), "itm, hata, cost231, fspl, deygout or spm (Standard Propagation Model, default coefficients)")
        ("profile", po::value(&o.profile)->required(), "terrain profile CSV")
        ("freq-mhz", po::value(&o.freq_mhz)->required(), "frequency, MHz")
        ("tx-height-m", po::value(&o.tx_height_m)->required(), "transmitter antenna height above ground, metres")
        ("rx-height-m", po::value(&o.rx_height_m)->required(), "receiver antenna height above ground, metres")
        ("environment", with_default(&o.environment), "hata/cost231: urban, large-city, suburban or open")
        ("json", po::bool_switch(&o.json), "print loss, mode and warnings as JSON");
    main.add(itm_options_description(o.itm));
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "pathloss", vm)) return exit_code::kOk;
    const LinkRequest request = request_from(o);
    const TerrainProfile profile = read_profile_csv(o.profile);
    check_link_request(request, profile, o.profile);
    const LinkPrediction p = predict_link(request, profile);
    if (o.json) {
        print_json(o, p, profile);
    } else {
        std::cout << format_fixed(p.loss.value(), 2) << "\n";
        for (const std::string& w : p.warnings) std::cerr << "warning: " << w << "\n";
    }
    return exit_code::kOk;
}

}  // namespace phusong
