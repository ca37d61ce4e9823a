#include "cli/pathloss_command.hpp"

#include <boost/program_options.hpp>

#include <iostream>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/itm_options.hpp"
#include "coverage/deygout.hpp"
#include "coverage/fspl.hpp"
#include "coverage/hata.hpp"
#include "coverage/itm/itm.hpp"
#include "coverage/model_warnings.hpp"
#include "geo/errors.hpp"
#include "io/json_writer.hpp"
#include "io/profile_reader.hpp"

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

struct Prediction {
    double loss_db = 0.0;
    std::string mode;
    std::vector<std::string> warnings;
    std::uint32_t warning_flags = 0;
    std::optional<itm::Result> itm;
};

std::string mode_name(itm::PropagationMode m) {
    switch (m) {
        case itm::PropagationMode::LineOfSight: return "line_of_sight";
        case itm::PropagationMode::Diffraction: return "diffraction";
        case itm::PropagationMode::Troposcatter: return "troposcatter";
        default: return "unknown";
    }
}

Prediction predict(const PathlossOptions& o, const TerrainProfile& profile) {
    Prediction p;
    const Metres length = profile.length();
    const Megahertz f{o.freq_mhz};
    const Metres h_tx{o.tx_height_m}, h_rx{o.rx_height_m};
    if (o.model == "itm") {
        const ItmSettings s = itm_settings_from(o.itm);
        std::vector<double> pfl{static_cast<double>(profile.elevations_m.size() - 1), profile.spacing.value()};
        pfl.insert(pfl.end(), profile.elevations_m.begin(), profile.elevations_m.end());
        const itm::Environment env{s.climate, s.N_0, o.freq_mhz, s.polarization, s.epsilon, s.sigma, s.mdvar};
        const itm::Result r = itm::p2p_tls(o.tx_height_m, o.rx_height_m, pfl, env, {s.time, s.location, s.situation});
        if (!r.ok()) throw ModelDomainError("pathloss: ITM error " + std::to_string(r.return_code) + ": " + itm::describe_return_code(r.return_code));
        p.loss_db = r.A__db;
        p.mode = mode_name(r.values.mode);
        p.warning_flags = r.warnings;
        if (r.warnings) p.warnings.push_back(itm::describe_warnings(r.warnings));
        p.itm = r;
    } else if (o.model == "hata" || o.model == "cost231") {
        const auto env = parse_hata_environment(o.environment);
        if (!env) throw InputError("--environment: '" + o.environment + "' is not urban, large-city, suburban or open");
        const HataResult r = o.model == "hata" ? okumura_hata_loss(length, f, h_tx, h_rx, *env)
                                               : cost231_hata_loss(length, f, h_tx, h_rx, *env);
        p.loss_db = r.loss.value();
        p.mode = o.environment;
        p.warning_flags = r.warnings;
        p.warnings = describe_warnings(r.warnings, o.model);
    } else if (o.model == "fspl") {
        p.loss_db = free_space_loss(length, f).value();
        p.mode = "free_space";
    } else if (o.model == "deygout") {
        p.loss_db = deygout_loss(profile.elevations_m, profile.spacing, h_tx, h_rx, f).value();
        p.mode = "deygout";
    } else {
        throw InputError("--model: unknown model '" + o.model + "' (expected itm, hata, cost231, fspl or deygout)");
    }
    return p;
}

void print_json(const PathlossOptions& o, const Prediction& p, const TerrainProfile& profile) {
    JsonWriter j;
    j.begin_object();
    j.key("model").value(o.model).key("loss_db").value(p.loss_db).key("mode").value(p.mode);
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
        ("model", po::value(&o.model)->default_value(o.model), "itm, hata, cost231, fspl or deygout")
        ("profile", po::value(&o.profile)->required(), "terrain profile CSV")
        ("freq-mhz", po::value(&o.freq_mhz)->required(), "frequency, MHz")
        ("tx-height-m", po::value(&o.tx_height_m)->required(), "transmitter antenna height above ground, metres")
        ("rx-height-m", po::value(&o.rx_height_m)->required(), "receiver antenna height above ground, metres")
        ("environment", po::value(&o.environment)->default_value(o.environment), "hata/cost231: urban, large-city, suburban or open")
        ("json", po::bool_switch(&o.json), "print loss, mode and warnings as JSON");
    main.add(itm_options_description(o.itm));
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "pathloss", vm)) return exit_code::kOk;
    if (!(o.freq_mhz > 0.0)) throw InputError("--freq-mhz must be > 0");
    if (!(o.tx_height_m > 0.0)) throw InputError("--tx-height-m must be > 0");
    if (!(o.rx_height_m > 0.0)) throw InputError("--rx-height-m must be > 0");
    const TerrainProfile profile = read_profile_csv(o.profile);
    const Prediction p = predict(o, profile);
    if (o.json) {
        print_json(o, p, profile);
    } else {
        std::cout << format_fixed(p.loss_db, 2) << "\n";
        for (const std::string& w : p.warnings) std::cerr << "warning: " << w << "\n";
    }
    return exit_code::kOk;
}

}  // namespace phusong
