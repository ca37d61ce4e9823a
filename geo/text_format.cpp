#include "geo/text_format.hpp"

#include <charconv>
#include <cmath>

namespace phusong {

std::string format_quantity(double value) {
    char buf[64];
    const double magnitude = std::abs(value);
    const bool fixed = std::isfinite(value) && (magnitude == 0.0 || (magnitude >= 1e-4 && magnitude < 1e15));
    const auto [ptr, ec] = fixed ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                                 : std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, ptr) : std::string("?");
}

std::string format_some(const std::vector<std::string>& names, std::size_t at_most) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < at_most; ++i) out += (i ? "; " : "") + names[i];
    if (names.size() > at_most) out += " and " + std::to_string(names.size() - at_most) + " more";
    return out;
}

std::string markdown_cell(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    return out;
}

std::string xml_escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace phusong
