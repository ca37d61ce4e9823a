// Reading a JSON document that phusong wrote (summary.json, calibration.json). Internal to the
// pipeline: it exposes nlohmann::json, which installed headers do not.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace phusong {

/// The parsed file; InputError naming it when it cannot be read or is not valid JSON.
nlohmann::json read_json_file(const std::string& path);

}  // namespace phusong
