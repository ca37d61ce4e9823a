// Warning flags: a prediction can be valid but made outside a model's validated range.
// They are counted and reported, never thrown (see GUIDE: warnings apart from errors).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace phusong {

enum ModelWarning : std::uint32_t {
    kWarnNone = 0,
    kWarnFrequencyOutOfRange = 1u << 0,
    kWarnDistanceOutOfRange = 1u << 1,
    kWarnTxHeightOutOfRange = 1u << 2,
    kWarnRxHeightOutOfRange = 1u << 3,
    kWarnBelowFreeSpace = 1u << 4,   ///< the empirical formula fell below free-space loss, which was used
};

/// Human-readable names of the set flags, e.g. {"frequency outside 150–1500 MHz"}.
std::vector<std::string> describe_warnings(std::uint32_t flags, const std::string& model);

}  // namespace phusong
