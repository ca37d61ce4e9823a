// Command-line options of the Longley–Rice model, shared by analyze, coverage and pathloss.
#pragma once

#include <boost/program_options/options_description.hpp>

#include <string>

#include "coverage/coverage_engine.hpp"

namespace phusong {

struct ItmOptions {
    int climate = 5;
    double n0 = 301.0;
    std::string polarization = "vertical";
    double epsilon = 15.0;
    double sigma = 0.005;
    int mdvar = 12;
    double time = 50.0;
    double location = 50.0;
    double situation = 50.0;
};

/// The options of itm_options_description that only ITM reads (--n0 and --polarization serve
/// P.1812 too): refused with another model rather than ignored.
inline constexpr const char* kItmOnlyOptions[] = {"time", "location", "situation", "mdvar", "climate", "epsilon", "sigma"};

/// Adds --climate, --n0, --polarization, --epsilon, --sigma, --mdvar, --time, --location,
/// --situation bound to `o`.
boost::program_options::options_description itm_options_description(ItmOptions& o);

/// Converts, then validates with ITM's own input rules (NTIA ITM 1.4 limits); InputError
/// naming the option and the reason.
ItmSettings itm_settings_from(const ItmOptions& o);

}  // namespace phusong
