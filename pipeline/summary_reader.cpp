#include "pipeline/summary_reader.hpp"

#include "geo/errors.hpp"
#include "pipeline/json_file.hpp"

namespace phusong {

ScopedMetrics read_summary_metrics(const std::string& path) {
    const nlohmann::json doc = read_json_file(path);
    const auto metrics = doc.find("metrics");
    if (metrics == doc.end() || !metrics->is_object() || !metrics->contains("whole_area"))
        throw InputError({path, "", "metrics"}, "missing: is this a summary.json written by `phusong analyze`?");
    auto read_scope = [&](const nlohmann::json& scope, const std::string& name) {
        if (!scope.is_object()) throw InputError({path, "", "metrics." + name}, "is not an object");
        MetricValues values;
        for (const auto& [key, value] : scope.items()) {
            if (!value.is_number()) throw InputError({path, "", "metrics." + name + "." + key}, "is not a number");
            values[key] = value.get<double>();
        }
        return values;
    };
    ScopedMetrics out;
    if (const auto scopes = metrics->find("scopes"); scopes != metrics->end()) {
        if (!scopes->is_array()) throw InputError({path, "", "metrics.scopes"}, "is not an array");
        for (std::size_t i = 0; i < scopes->size(); ++i) {
            const nlohmann::json& s = (*scopes)[i];
            const std::string at = "scopes[" + std::to_string(i) + "]";
            if (!s.is_object() || !s.value("district", nlohmann::json()).is_string() ||
                !s.value("operator", nlohmann::json()).is_string() || !s.value("powered_only", nlohmann::json()).is_boolean())
                throw InputError({path, "", "metrics." + at}, "needs the strings district and operator and the boolean powered_only");
            out[{s["district"].get<std::string>(), s["operator"].get<std::string>(), s["powered_only"].get<bool>()}] =
                read_scope(s.value("values", nlohmann::json()), at + ".values");
        }
        return out;
    }
    out[{}] = read_scope((*metrics)["whole_area"], "whole_area");
    if (metrics->contains("districts"))
        for (const auto& [district, scope] : (*metrics)["districts"].items()) out[{district, "", false}] = read_scope(scope, district);
    return out;
}

}  // namespace phusong
