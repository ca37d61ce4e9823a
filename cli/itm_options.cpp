#include "cli/itm_options.hpp"

#include <boost/program_options.hpp>

#include "cli/command_line.hpp"
#include "geo/errors.hpp"
#include "pipeline/run_config.hpp"

namespace po = boost::program_options;

namespace phusong {

po::options_description itm_options_description(ItmOptions& o) {
    po::options_description d("Longley-Rice (ITM) parameters");
    d.add_options()
        ("climate", with_default(&o.climate),
         "radio climate 1-7: 1 equatorial, 2 continental subtropical, 3 maritime subtropical, 4 desert, "
         "5 continental temperate, 6 maritime temperate over land, 7 maritime temperate over sea")
        ("n0", with_default(&o.n0), "sea-level surface refractivity N_0, N-units [250, 400]")
        ("polarization", with_default(&o.polarization), "horizontal or vertical")
        ("epsilon", with_default(&o.epsilon), "relative permittivity of the ground (>= 1)")
        ("sigma", with_default(&o.sigma), "ground conductivity, S/m (> 0)")
        ("mdvar", with_default(&o.mdvar),
         "mode of variability: 0 single message, 1 accidental, 2 mobile, 3 broadcast; +10 no location, +20 no situation variability")
        ("time", with_default(&o.time), "time variability, percent (0, 100)")
        ("location", with_default(&o.location), "location variability, percent (0, 100)")
        ("situation", with_default(&o.situation), "situation variability, percent (0, 100)");
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
    validate_itm_settings(s);
    return s;
}

}  // namespace phusong
