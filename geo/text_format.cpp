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

}  // namespace phusong
