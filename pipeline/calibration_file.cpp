#include "pipeline/calibration_file.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

#include "io/csv_table.hpp"
#include "io/json_writer.hpp"

namespace phusong {
namespace {

void write_estimate(JsonWriter& json, const CoefficientEstimate& e) {
    json.begin_object().key("value").value(e.value).key("standard_error").value(e.standard_error).key("fitted").value(e.fitted).end_object();
}

}  // namespace

void write_statistics(JsonWriter& json, const FitStatistics& s) {
    json.begin_object()
        .key("n").value(s.n)
        .key("bias_db").value(s.bias_db)
        .key("std_db").value(s.std_db)
        .key("rmse_db").value(s.rmse_db)
        .key("r2").value(s.r2)
        .end_object();
}

std::string calibration_json(const CalibrationResult& r, const CalibrationOptions& o, const RunConfig& config) {
    JsonWriter json;
    json.begin_object().key("phusong_calibration").value(1).key("model").value(to_string(r.model.model));
    json.key("coefficients").begin_object();
    for (const CoefficientEstimate& e : r.coefficients)
        if (e.name.rfind("clutter_", 0) != 0) write_estimate(json.key(e.name), e);
    json.end_object().key("clutter_db").begin_object();
    for (const CoefficientEstimate& e : r.coefficients)
        if (e.name.rfind("clutter_", 0) == 0) write_estimate(json.key(e.name.substr(8)), e);
    json.end_object();
    json.key("frequency_mhz").begin_object().key("min").value(r.model.min_frequency_mhz).key("max").value(r.model.max_frequency_mhz);
    if (r.model.model == PropagationModel::Spm) json.key("reference").value(r.model.spm.reference_mhz);
    json.end_object();
    json.key("fit").begin_object().key("unknowns").begin_array();
    for (const std::string& name : fitted_unknowns(r.model.model, o.fit, !config.inputs.landcover.empty())) json.value(name);
    json.end_array()
        .key("loss").value(o.loss == FitLoss::Huber ? "huber" : "squared")
        .key("huber_iterations").value(r.huber_iterations)
        .key("ridge").value(o.ridge)
        .key("folds").value(r.folds)
        .key("block_km").value(o.block_km)
        .key("residual_std_db").value(r.residual_std_db)
        .end_object();
    json.key("measurements").begin_object()
        .key("file").value(o.measurements)
        .key("kind").value(to_string(o.kind))
        .key("used").value(r.measurements)
        .key("bins").value(r.bins.size())
        .key("beyond_reach").value(r.beyond_reach)
        .key("unserved").value(r.unserved)
        .end_object();
    json.key("statistics").begin_object();
    write_statistics(json.key("before"), r.before);
    write_statistics(json.key("training"), r.training);
    if (r.folds) write_statistics(json.key("held_out"), r.held_out);
    else json.key("held_out").null();
    json.end_object().key("routes").begin_object();
    for (const auto& [route, s] : r.routes) {
        json.key(route).begin_object();
        write_statistics(json.key("before"), s.before);
        write_statistics(json.key("held_out"), s.held_out);
        json.end_object();
    }
    json.end_object();
    json.key("inputs").begin_object()
        .key("towers").value(config.inputs.towers)
        .key("dem").value(config.inputs.dem)
        .key("landcover").value(config.inputs.landcover)
        .key("landcover_classes").value(config.inputs.landcover_classes)
        .end_object();
    json.key("settings").begin_object()
        .key("crs").value(r.crs)
        .key("resolution_m").value(config.radio.resolution.value())
        .key("rx_height_m").value(config.radio.rx_height.value())
        .key("radius_km").value(config.radio.radius.value() / 1000.0)
        .end_object();
    json.end_object();
    return json.str();
}

CalibratedModel read_calibration(const std::string& path) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(read_text_file(path));
    } catch (const nlohmann::json::exception& e) {
        throw InputError({path, "", ""}, std::string("not valid JSON: ") + e.what());
    }
    auto fail = [&](const std::string& key, const std::string& what) { return InputError({path, "", key}, what); };
    if (!doc.is_object() || doc.value("phusong_calibration", 0) != 1)
        throw fail("phusong_calibration", "missing or not 1: is this a calibration.json written by `phusong calibrate`?");
    auto number = [&](const nlohmann::json& parent, const std::string& key, const std::string& at) {
        const auto it = parent.find(key);
        if (it == parent.end() || !it->is_number() || !std::isfinite(it->get<double>())) throw fail(at, "missing or not a finite number");
        return it->get<double>();
    };
    CalibratedModel m;
    const std::string model = doc.value("model", std::string());
    if (model == "spm") m.model = PropagationModel::Spm;
    else if (model == "itm") m.model = PropagationModel::Itm;
    else throw fail("model", "must be \"spm\" or \"itm\"");
    const auto coefficients = doc.find("coefficients");
    if (coefficients == doc.end() || !coefficients->is_object()) throw fail("coefficients", "missing");
    auto coefficient = [&](const std::string& name) {
        const auto it = coefficients->find(name);
        if (it == coefficients->end() || !it->is_object()) throw fail("coefficients." + name, "missing");
        return number(*it, "value", "coefficients." + name + ".value");
    };
    if (m.model == PropagationModel::Spm)
        for (std::size_t i = 0; i < m.spm.K.size(); ++i) m.spm.K[i] = coefficient(spm_coefficient_name(i));
    else
        m.correction = {coefficient("a"), coefficient("b")};
    if (const auto clutter = doc.find("clutter_db"); clutter != doc.end()) {
        if (!clutter->is_object()) throw fail("clutter_db", "is not an object");
        for (const auto& [code, entry] : clutter->items()) {
            std::size_t used = 0;
            int value = 0;
            try {
                value = std::stoi(code, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != code.size() || !entry.is_object()) throw fail("clutter_db." + code, "needs an integer class code and an object");
            m.clutter_db[value] = number(entry, "value", "clutter_db." + code + ".value");
        }
    }
    if (const auto f = doc.find("frequency_mhz"); f != doc.end() && f->is_object()) {
        m.min_frequency_mhz = number(*f, "min", "frequency_mhz.min");
        m.max_frequency_mhz = number(*f, "max", "frequency_mhz.max");
        if (f->contains("reference")) m.spm.reference_mhz = number(*f, "reference", "frequency_mhz.reference");
    }
    return m;
}

}  // namespace phusong
