#include "io/input_geometry.hpp"

namespace phusong {

std::string geos_reason(const std::string& message) {
    std::string reason = message;
    // geo/geos_geometry.cpp formats "GEOS: <what phusong did>: <GEOS's message>", and GEOS
    // starts its message with the exception's class ("IllegalArgumentException: …").
    if (const auto pos = reason.rfind("Exception: "); pos != std::string::npos) return reason.substr(pos + 11);
    if (reason.rfind("GEOS: ", 0) == 0) reason = reason.substr(6);
    return reason;
}

}  // namespace phusong
