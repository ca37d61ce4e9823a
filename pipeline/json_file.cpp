#include "pipeline/json_file.hpp"

#include "geo/errors.hpp"
#include "io/csv_table.hpp"

namespace phusong {

nlohmann::json read_json_file(const std::string& path) {
    try {
        return nlohmann::json::parse(read_text_file(path));
    } catch (const nlohmann::json::exception& e) {
        throw InputError({path, "", ""}, std::string("not valid JSON: ") + e.what());
    }
}

}  // namespace phusong
