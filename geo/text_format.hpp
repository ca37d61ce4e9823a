// Numbers in messages, written as people write them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace phusong {

/// 100000, 0.005, 1000000000: fixed notation with the shortest digits that round-trip;
/// scientific only beyond 1e15 or below 1e-4; "nan", "inf" as such.
std::string format_quantity(double value);

/// "a; b; c and 4 more": the first `at_most` names, then how many were left out.
std::string format_some(const std::vector<std::string>& names, std::size_t at_most = 5);

/// Text safe in a Markdown table cell: '|' escaped, line breaks as spaces.
std::string markdown_cell(const std::string& text);

/// Text safe in XML or HTML text and quoted attributes: & < > " as entities.
std::string xml_escape(const std::string& text);

}  // namespace phusong
