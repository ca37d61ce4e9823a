#include "pipeline/calibration_file.hpp"

#include <cmath>

#include "geo/text_format.hpp"
#include "io/json_writer.hpp"
#include "pipeline/json_file.hpp"

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
        .key("radius_km").value(config.radio.radius.value() / 1000.0);
    if (r.model.model == PropagationModel::Itm) {
        const ItmSettings& i = config.radio.itm;
        json.key("itm").begin_object()
            .key("climate").value(static_cast<int>(i.climate))
            .key("n0").value(i.N_0)
            .key("polarization").value(i.polarization == itm::Polarization::Vertical ? 1 : 0)
            .key("epsilon").value(i.epsilon)
            .key("sigma").value(i.sigma)
            .key("mdvar").value(i.mdvar)
            .key("time").value(i.time)
            .key("location").value(i.location)
            .key("situation").value(i.situation)
            .end_object();
    }
    json.end_object();
    json.end_object();
    return json.str();
}

CalibratedModel read_calibration(const std::string& path) {
    const nlohmann::json doc = read_json_file(path);
    auto fail = [&](const std::string& key, const std::string& what) { return InputError({path, "", key}, what); };
    const auto version = doc.is_object() ? doc.find("phusong_calibration") : doc.end();
    if (!doc.is_object() || version == doc.end() || !version->is_number_integer() || version->get<std::int64_t>() != 1)
        throw fail("phusong_calibration", "missing or not 1: is this a calibration.json written by `phusong calibrate`?");
    // A finite number in [lo, hi] at `at`.
    auto number = [&](const nlohmann::json& parent, const std::string& key, const std::string& at, double lo, double hi) {
        const auto it = parent.find(key);
        if (it == parent.end() || !it->is_number()) throw fail(at, "missing or not a number");
        const double v = it->get<double>();
        if (!(v >= lo && v <= hi))
            throw fail(at, format_number(v) + " is outside [" + format_number(lo) + ", " + format_number(hi) + "]");
        return v;
    };
    auto object = [&](const nlohmann::json& parent, const std::string& key, const std::string& at) -> const nlohmann::json& {
        const auto it = parent.find(key);
        if (it == parent.end() || !it->is_object()) throw fail(at, "missing or not an object");
        return *it;
    };
    CalibratedModel m;
    const auto model = doc.find("model");
    if (model == doc.end() || !model->is_string() || (*model != "spm" && *model != "itm")) throw fail("model", "must be \"spm\" or \"itm\"");
    m.model = *model == "spm" ? PropagationModel::Spm : PropagationModel::Itm;
    const nlohmann::json& coefficients = object(doc, "coefficients", "coefficients");
    // Bounds far beyond any fit to real measurements, but that keep every level finite.
    auto coefficient = [&](const std::string& name, double lo, double hi) {
        return number(object(coefficients, name, "coefficients." + name), "value", "coefficients." + name + ".value", lo, hi);
    };
    if (m.model == PropagationModel::Spm) {
        for (std::size_t i = 0; i < m.spm.K.size(); ++i)
            m.spm.K[i] = i == 0 ? coefficient("K1", 0.0, 400.0) : coefficient(spm_coefficient_name(i), -1000.0, 1000.0);
    } else {
        m.correction = {coefficient("a", -200.0, 200.0), coefficient("b", -200.0, 200.0)};
    }
    if (doc.contains("clutter_db"))
        for (const auto& [code, entry] : object(doc, "clutter_db", "clutter_db").items()) {
            std::size_t used = 0;
            int value = -1;
            try {
                value = std::stoi(code, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != code.size() || value < 0 || !entry.is_object()) throw fail("clutter_db." + code, "needs a class code ≥ 0 and an object");
            m.clutter_db[value] = number(entry, "value", "clutter_db." + code + ".value", -100.0, 100.0);
        }
    if (doc.contains("frequency_mhz")) {
        const nlohmann::json& f = object(doc, "frequency_mhz", "frequency_mhz");
        m.min_frequency_mhz = number(f, "min", "frequency_mhz.min", 20.0, 100000.0);
        m.max_frequency_mhz = number(f, "max", "frequency_mhz.max", m.min_frequency_mhz, 100000.0);
        if (f.contains("reference"))
            m.spm.reference_mhz = number(f, "reference", "frequency_mhz.reference", m.min_frequency_mhz, m.max_frequency_mhz);
    }
    if (doc.contains("settings")) {
        const nlohmann::json& s = object(doc, "settings", "settings");
        if (s.contains("resolution_m")) m.resolution_m = number(s, "resolution_m", "settings.resolution_m", 1.0, 10000.0);
        if (s.contains("itm")) {
            const nlohmann::json& i = object(s, "itm", "settings.itm");
            ItmSettings itm;
            itm.climate = static_cast<itm::Climate>(static_cast<int>(number(i, "climate", "settings.itm.climate", 1, 7)));
            itm.N_0 = number(i, "n0", "settings.itm.n0", 250, 400);
            itm.polarization = number(i, "polarization", "settings.itm.polarization", 0, 1) == 0 ? itm::Polarization::Horizontal
                                                                                                    : itm::Polarization::Vertical;
            itm.epsilon = number(i, "epsilon", "settings.itm.epsilon", 1, 1e6);
            itm.sigma = number(i, "sigma", "settings.itm.sigma", 1e-12, 1e6);
            itm.mdvar = static_cast<int>(number(i, "mdvar", "settings.itm.mdvar", 0, 33));
            itm.time = number(i, "time", "settings.itm.time", 0, 100);
            itm.location = number(i, "location", "settings.itm.location", 0, 100);
            itm.situation = number(i, "situation", "settings.itm.situation", 0, 100);
            m.itm = itm;
        }
    }
    return m;
}

}  // namespace phusong
