// Numbers in messages, written as people write them.
#pragma once

#include <string>

namespace phusong {

/// 100000, 0.005, 1000000000: fixed notation with the shortest digits that round-trip;
/// scientific only beyond 1e15 or below 1e-4; "nan", "inf" as such.
std::string format_quantity(double value);

}  // namespace phusong
