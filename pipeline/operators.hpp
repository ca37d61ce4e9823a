// Operators and grid power: what the department's indicators are counted by.
//
// A run is by operator when asked (--by-operator) or when its cells name more than one
// operator: each operator's cells then form a group of the coverage engine, which keeps each
// group's best level beside the whole network's (CoverageSettings::groups).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coverage/coverage_engine.hpp"
#include "geo/network.hpp"

namespace phusong {

/// Name given to the cells whose inventory names no operator.
inline constexpr const char* kNoOperatorName = "(no operator)";

/// Groups `transmitters` by their cells' operators when `by_operator` or when the cells name
/// more than one: sets each Transmitter::group and returns the operators' names by group,
/// sorted. Returns nothing (and leaves every group 0) when the run pools its operators.
/// `cells[i]` is the input cell of `transmitters[i]`.
std::vector<std::string> group_by_operator(std::vector<Transmitter>& transmitters, const std::vector<const Cell*>& cells,
                                           bool by_operator);

/// Lower-case ASCII letters, digits and '_' for file and field names ("MobiFone" → "mobifone",
/// "Sài Gòn Tel" → "sai_gon_tel"); "operator<index+1>" when nothing of the name is left.
/// Vietnamese letters lose their diacritics; other non-ASCII letters are dropped; at most 48
/// characters.
std::string operator_key(const std::string& name, std::size_t index);

/// The keys of `names`, made unique by a numeric suffix when two names give the same key.
std::vector<std::string> operator_keys(const std::vector<std::string>& names);

/// The GeoPackage metadata item naming the operators whose rasters `signal_<tech>_<key>` a run
/// wrote (--operator-rasters), as a JSON array of names in group order.
inline constexpr const char* kOperatorsMetadataItem = "operator_rasters";
std::string operators_metadata(const std::vector<std::string>& names);
/// The names of an operators_metadata item; InputError naming `source` when it is not a JSON
/// array of strings.
std::vector<std::string> parse_operators_metadata(const std::string& text, const std::string& source);

/// A village's grid power from its attribute text: yes/y/true/1/có → true, no/n/false/0/không →
/// false (any case), "" → unknown; nullopt from `valid` for anything else.
struct PowerValue {
    bool valid = true;
    std::optional<bool> powered;
};
PowerValue parse_power(const std::string& text);

}  // namespace phusong
