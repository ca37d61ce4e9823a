#include "geo/network.hpp"

#include <cctype>

namespace phusong {

std::string_view to_string(Technology t) {
    switch (t) {
        case Technology::G2: return "2G";
        case Technology::G3: return "3G";
        case Technology::G4: return "4G";
        case Technology::G5: return "5G";
    }
    return "?";
}

std::string_view to_key(Technology t) {
    switch (t) {
        case Technology::G2: return "2g";
        case Technology::G3: return "3g";
        case Technology::G4: return "4g";
        case Technology::G5: return "5g";
    }
    return "?";
}

std::optional<Technology> parse_technology(std::string_view text) {
    if (text.size() != 2 || std::toupper(static_cast<unsigned char>(text[1])) != 'G') return std::nullopt;
    switch (text[0]) {
        case '2': return Technology::G2;
        case '3': return Technology::G3;
        case '4': return Technology::G4;
        case '5': return Technology::G5;
        default: return std::nullopt;
    }
}

}  // namespace phusong
