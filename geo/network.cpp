#include "geo/network.hpp"

#include <algorithm>
#include <cctype>

#include "geo/errors.hpp"

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

namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

TechSetting parse_tech_setting(const std::string& setting, const std::string& option, const std::string& example) {
    const InputLocation where{option, "'" + setting + "'", ""};
    const auto dot = setting.find('.');
    const auto eq = setting.find('=');
    if (dot == std::string::npos || eq == std::string::npos || eq < dot)
        throw InputError(where, "expected TECH.FIELD=VALUE, e.g. " + example);
    const auto tech = parse_technology(trimmed(setting.substr(0, dot)));
    if (!tech) throw InputError(where, "unknown technology (expected 2g, 3g, 4g or 5g)");
    std::string field = trimmed(setting.substr(dot + 1, eq - dot - 1));
    std::transform(field.begin(), field.end(), field.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return {*tech, field, trimmed(setting.substr(eq + 1))};
}

}  // namespace phusong
