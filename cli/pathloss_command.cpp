#include "cli/pathloss_command.hpp"

#include <boost/program_options.hpp>

#include <iostream>
#include <optional>

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
    // P.1812
    double time_percent = 50.0, location_percent = 50.0, dn = P1812Settings{}.DN;
    std::optional<double> location_sigma_db, tx_lat, tx_lon, rx_lat, rx_lon;
};

LinkRequest request_from(const PathlossOptions& o) {
    LinkRequest r;
    r.model = parse_model_option(o.model);
    r.environment = parse_environment_option(o.environment);
    if (r.model == PropagationModel::Itm) r.itm = itm_settings_from(o.itm);
    r.frequency = Megahertz{o.freq_mhz};
    r.tx_height = Metres{o.tx_height_m};
    r.rx_height = Metres{o.rx_height_m};
    r.p1812.time_percent = o.time_percent;
    r.p1812.location_percent = o.location_percent;
    r.p1812.DN = o.dn;
    if (r.model == PropagationModel::P1812) r.itm.polarization = itm_settings_from(o.itm).polarization;
    return r;
}

/// --model p1812: its profile (with clutter heights and zones) and terminals.
/// Options of the other models, refused with --model p1812 (and P.1812's with the others)
/// rather than silently ignored.
void check_options_fit_the_model(const po::variables_map& vm, bool p1812) {
    static const char* const p1812_only[] = {"time-percent", "location-percent", "location-sigma-db", "dn", "tx-lat", "tx-lon", "rx-lat", "rx-lon"};
    std::vector<const char*> refused = p1812 ? std::vector<const char*>(std::begin(kItmOnlyOptions), std::end(kItmOnlyOptions))
                                             : std::vector<const char*>(std::begin(p1812_only), std::end(p1812_only));
    if (p1812) refused.push_back("environment");  // Hata's
    for (const char* option : refused)
        if (vm.contains(option) && !vm[option].defaulted())
            throw InputError(std::string("--") + option + " is not used by --model " + (p1812 ? "p1812" : vm["model"].as<std::string>()) +
                             (p1812 ? " (P.1812 takes --time-percent and --location-percent)" : " (it is for --model p1812)"));
}

int run_p1812(const PathlossOptions& o, LinkRequest request, bool n0_given) {
    if (!o.tx_lat || !o.tx_lon || !o.rx_lat || !o.rx_lon)
        throw InputError("--model p1812 needs --tx-lat, --tx-lon, --rx-lat and --rx-lon (the path centre's latitude sets β0)");
    for (const auto& [value, option] : {std::pair{*o.tx_lat, "--tx-lat"}, std::pair{*o.rx_lat, "--rx-lat"}})
        if (!(value >= -90.0 && value <= 90.0)) throw InputError(std::string(option) + " must be in [-90, 90] degrees, not " + format_quantity(value));
    for (const auto& [value, option] : {std::pair{*o.tx_lon, "--tx-lon"}, std::pair{*o.rx_lon, "--rx-lon"}})
        if (!(value >= -360.0 && value <= 360.0)) throw InputError(std::string(option) + " must be in [-360, 360] degrees, not " + format_quantity(value));
    if (!(o.dn >= 0.0 && o.dn <= 156.0)) throw InputError("--dn must be in [0, 156] N-units/km, not " + format_quantity(o.dn));
    if (o.location_sigma_db && !(*o.location_sigma_db >= 0.0 && *o.location_sigma_db <= 100.0))
        throw InputError("--location-sigma-db must be in [0, 100] dB, not " + format_quantity(*o.location_sigma_db));
    request.p1812.N0 = n0_given ? o.itm.n0 : P1812Settings{}.N0;
    const ClutterProfile profile = read_clutter_profile_csv(o.profile);
    for (const auto& [height, option] : {std::pair{request.tx_height, "--tx-height-m"}, std::pair{request.rx_height, "--rx-height-m"}})
        if (!(height.value() >= 1.0 && height.value() <= 3000.0))
            throw InputError(std::string(option) + " must be in [1, 3000] m for P.1812, not " + format_quantity(height.value()));
    if (profile.distance_m.size() < 5)
        throw InputError({o.profile, "", ""}, "the profile has " + std::to_string(profile.distance_m.size()) + " points; P.1812 needs at least 5");
    // As for every model: no loss within a wavelength of the transmitter (its near field).
    const double length_m = profile.distance_m.back(), wavelength_m = 299792458.0 / (o.freq_mhz * 1e6);
    if (!(length_m >= wavelength_m))
        throw InputError({o.profile, "", "distance_m"}, "the path is " + format_quantity(length_m) + " m long, shorter than one wavelength (" +
                                                           format_fixed(wavelength_m, 3) + " m at " + format_quantity(o.freq_mhz) +
                                                           " MHz): the receiver is in the near field, where no model gives a loss");
    if (length_m < 250.0 || length_m > 3'000'000.0)
        std::cerr << "warning: " << o.profile << ": the path is " << format_quantity(length_m / 1000.0)
                  << " km long, outside the 0.25-3000 km P.1812 was developed for\n";
    const p1812::Result r = predict_p1812_link(request, profile, {*o.tx_lat, *o.tx_lon, *o.rx_lat, *o.rx_lon}, o.location_sigma_db);
    if (!o.json) {
        std::cout << format_fixed(r.Lb, 2) << "\n";
        return exit_code::kOk;
    }
    JsonWriter j;
    j.begin_object();
    j.key("model").value("p1812").key("loss_db").value(r.Lb).key("distance_m").value(r.d * 1000.0).key("freq_mhz").value(o.freq_mhz);
    j.key("p1812").begin_object();
    const std::vector<std::pair<const char*, double>> values{
        {"d_km", r.d}, {"dlt_km", r.dlt}, {"dlr_km", r.dlr}, {"theta_t_mrad", r.theta_t}, {"theta_r_mrad", r.theta_r},
        {"theta_mrad", r.theta}, {"hts_m", r.hts}, {"hrs_m", r.hrs}, {"omega", r.omega}, {"dtm_km", r.dtm}, {"dlm_km", r.dlm},
        {"phi_deg", r.phi}, {"b0_percent", r.b0}, {"ae_km", r.ae}, {"hst_m", r.hst}, {"hsr_m", r.hsr}, {"hstd_m", r.hstd},
        {"hsrd_m", r.hsrd}, {"hte_m", r.hte}, {"hre_m", r.hre}, {"hm_m", r.hm}, {"Fi", r.Fi}, {"Fj", r.Fj}, {"Fk", r.Fk},
        {"Lbfs", r.Lbfs}, {"Lb0p", r.Lb0p}, {"Lb0b", r.Lb0b}, {"Lbulla", r.Lbulla50}, {"Lbulls", r.Lbulls50}, {"Ldsph", r.Ldsph50},
        {"Ld50", r.Ld50}, {"Ldb", r.Ldb}, {"Ldp", r.Ldp}, {"Lbd50", r.Lbd50}, {"Lbd", r.Lbd}, {"Lminb0p", r.Lminb0p},
        {"Lba", r.Lba}, {"Lminbap", r.Lminbap}, {"Lbda", r.Lbda}, {"Lbam", r.Lbam}, {"Lbs", r.Lbs}, {"Lbc", r.Lbc},
        {"Lloc", r.Lloc}, {"Lb", r.Lb}, {"Ep_dbuv_per_m_1kw", r.Ep}};
    for (const auto& [name, value] : values) j.key(name).value(value);
    j.end_object().end_object();
    std::cout << j.str();
    return exit_code::kOk;
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
        ("model", with_default(&o.model), "itm, p1812 (ITU-R P.1812-6), hata, cost231, fspl, deygout or spm (Standard Propagation Model, default coefficients)")
        ("profile", po::value(&o.profile)->required(), "terrain profile CSV")
        ("freq-mhz", po::value(&o.freq_mhz)->required(), "frequency, MHz")
        ("tx-height-m", po::value(&o.tx_height_m)->required(), "transmitter antenna height above ground, metres")
        ("rx-height-m", po::value(&o.rx_height_m)->required(), "receiver antenna height above ground, metres")
        ("environment", with_default(&o.environment), "hata/cost231: urban, large-city, suburban or open")
        ("json", po::bool_switch(&o.json), "print loss, mode and warnings as JSON (P.1812: its intermediate values)");
    po::options_description p1812("ITU-R P.1812 (--model p1812): --profile has header distance_m,elevation_m,clutter_height_m,zone\n"
                                  "(zone A1 coastal land, A2 inland, B sea, or the SG3 codes 3, 4, 1; spacing may vary)");
    p1812.add_options()
        ("time-percent", with_default(&o.time_percent), "p: time percentage the loss is not exceeded, 1-50")
        ("location-percent", with_default(&o.location_percent), "pL: location percentage, 1-99")
        ("location-sigma-db", po::value<double>()->notifier([&o](double v) { o.location_sigma_db = v; }),
         "location variability sigma_L, dB (default: P.1812 4.8 for 100 m squares at the receiver's clutter)")
        ("dn", with_default(&o.dn), "average refractivity lapse rate over 1 km, N-units/km (Vietnam's default; see README)")
        ("tx-lat", po::value<double>()->notifier([&o](double v) { o.tx_lat = v; }), "transmitter latitude, degrees")
        ("tx-lon", po::value<double>()->notifier([&o](double v) { o.tx_lon = v; }), "transmitter longitude, degrees")
        ("rx-lat", po::value<double>()->notifier([&o](double v) { o.rx_lat = v; }), "receiver latitude, degrees")
        ("rx-lon", po::value<double>()->notifier([&o](double v) { o.rx_lon = v; }), "receiver longitude, degrees");
    main.add(itm_options_description(o.itm));
    main.add(p1812);
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "pathloss", vm)) return exit_code::kOk;
    const LinkRequest request = request_from(o);
    check_options_fit_the_model(vm, request.model == PropagationModel::P1812);
    if (request.model == PropagationModel::P1812) return run_p1812(o, request, vm.contains("n0") && !vm["n0"].defaulted());
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
