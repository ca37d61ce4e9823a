#include "cli/itm_options.hpp"

#include <boost/program_options.hpp>

#include "geo/errors.hpp"

namespace po = boost::program_options;

namespace phusong {

po::options_description itm_options_description(ItmOptions& o) {
    po::options_description d("Longley-Rice (ITM) parameters");
    d.add_options()
        ("climate", po::value(&o.climate)->default_value(o.climate),
         "radio climate 1-7: 1 equatorial, 2 continental subtropical, 3 maritime subtropical, 4 desert, "
         "5 continental temperate, 6 maritime temperate over land, 7 maritime temperate over sea")
        ("n0", po::value(&o.n0)->default_value(o.n0), "sea-level surface refractivity N_0, N-units [250, 400]")
        ("polarization", po::value(&o.polarization)->default_value(o.polarization), "horizontal or vertical")
        ("epsilon", po::value(&o.epsilon)->default_value(o.epsilon), "relative permittivity of the ground (>= 1)")
        ("sigma", po::value(&o.sigma)->default_value(o.sigma), "ground conductivity, S/m (> 0)")
        ("mdvar", po::value(&o.mdvar)->default_value(o.mdvar),
         "mode of variability: 0 single message, 1 accidental, 2 mobile, 3 broadcast; +10 no location, +20 no situation variability")
        ("time", po::value(&o.time)->default_value(o.time), "time variability, percent (0, 100)")
        ("location", po::value(&o.location)->default_value(o.location), "location variability, percent (0, 100)")
        ("situation", po::value(&o.situation)->default_value(o.situation), "situation variability, percent (0, 100)");
    return d;
}

ItmSettings itm_settings_from(const ItmOptions& o) {
    ItmSettings s;
    s.climate = static_cast<itm::Climate>(o.climate);
    s.N_0 = o.n0;
    if (o.polarization == "vertical" || o.polarization == "v" || o.polarization == "1") s.polarization = itm::Polarization::Vertical;
    else if (o.polarization == "horizontal" || o.polarization == "h" || o.polarization == "0") s.polarization = itm::Polarization::Horizontal;
    else throw InputError("--polarization: '" + o.polarization + "' is not horizontal or vertical");
    s.epsilon = o.epsilon;
    s.sigma = o.sigma;
    s.mdvar = o.mdvar;
    s.time = o.time;
    s.location = o.location;
    s.situation = o.situation;
    // Let ITM judge the parameters on a typical link, so the rules are exactly its own.
    const itm::Environment env{s.climate, s.N_0, 900.0, s.polarization, s.epsilon, s.sigma, s.mdvar};
    const itm::Result probe = itm::area_tls(30.0, 1.5, itm::SitingCriteria::Random, itm::SitingCriteria::Random, 10.0,
                                            90.0, env, {s.time, s.location, s.situation});
    const char* option = nullptr;
    switch (probe.return_code) {
        case itm::kErrorInvalidRadioClimate: option = "--climate"; break;
        case itm::kErrorRefractivity:
        case itm::kErrorSurfaceRefractivitySmall:
        case itm::kErrorSurfaceRefractivityLarge:
        case itm::kErrorEffectiveEarth: option = "--n0"; break;
        case itm::kErrorEpsilon: option = "--epsilon"; break;
        case itm::kErrorSigma: option = "--sigma"; break;
        case itm::kErrorGroundImpedance: option = "--epsilon/--sigma"; break;
        case itm::kErrorMdvar: option = "--mdvar"; break;
        case itm::kErrorInvalidTime: option = "--time"; break;
        case itm::kErrorInvalidLocation: option = "--location"; break;
        case itm::kErrorInvalidSituation: option = "--situation"; break;
        default: break;
    }
    if (option) throw InputError(std::string(option) + ": " + itm::describe_return_code(probe.return_code));
    if (!probe.ok()) throw InputError("ITM parameters: " + itm::describe_return_code(probe.return_code));
    return s;
}

}  // namespace phusong
