#include "pipeline/run_memory.hpp"

#include <charconv>
#include <filesystem>
#include <functional>
#include <set>

#include "geo/errors.hpp"
#include "geo/text_format.hpp"
#include "io/json_writer.hpp"
#include "pipeline/calibration_file.hpp"
#include "pipeline/land_cover.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;

/// One remembered setting: its option, how to read it from a config and how to set it.
struct Remembered {
    const char* option;
    std::function<std::string(const RunConfig&)> get;
    std::function<void(RunConfig&, const std::string&)> set;
};

double number(const std::string& text) {
    double v = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (error != std::errc() || end != text.data() + text.size()) throw InputError("'" + text + "' is not a number");
    return v;
}

std::string absolute(const std::string& path) { return path.empty() ? "" : fs::absolute(path).lexically_normal().string(); }

/// `path` ("" = none) when it exists: the coverage run's file may have moved since.
std::string existing(const std::string& path, const std::string& option) {
    if (!path.empty() && !fs::exists(path))
        throw InputError(path + " no longer exists: give --" + option + " (the coverage run used it)");
    return path;
}

/// Every setting as "tech.field=value;…", in technology order.
std::string budget_text(const LinkBudget& budget) {
    std::string out;
    for (Technology t : kAllTechnologies) {
        const std::string key(to_key(t));
        out += (out.empty() ? "" : ";") + key + ".threshold_dbm=" + format_number(budget[t].threshold.value()) + ";" + key +
               ".reference_share_db=" + format_number(budget[t].reference_share.value());
    }
    return out;
}

std::string defaults_text(const TowerDefaults& defaults) {
    std::string out;
    for (Technology t : kAllTechnologies) {
        const std::string key(to_key(t));
        const TechDefaults& d = defaults[t];
        out += (out.empty() ? "" : ";") + key + ".height_m=" + format_number(d.antenna_height.value()) + ";" + key +
               ".freq_mhz=" + format_number(d.frequency.value()) + ";" + key + ".eirp_dbm=" + format_number(d.eirp.value());
    }
    return out;
}

template <class Settings>
void apply_all(Settings& settings, const std::string& text) {
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        settings.apply(text.substr(start, end - start));
        start = end + 1;
    }
}

const std::vector<Remembered>& remembered() {
    static const std::vector<Remembered> all{
        {"model", [](const RunConfig& c) { return to_string(c.radio.model); },
         [](RunConfig& c, const std::string& v) {
             const auto m = parse_propagation_model(v);
             if (!m) throw InputError("unknown model '" + v + "'");
             c.radio.model = *m;
         }},
        {"environment", [](const RunConfig& c) { return to_string(c.radio.environment); },
         [](RunConfig& c, const std::string& v) {
             const auto e = parse_hata_environment(v);
             if (!e) throw InputError("unknown environment '" + v + "'");
             c.radio.environment = *e;
         }},
        {"radius-km",
         [](const RunConfig& c) {
             return c.radio.reach == ReachRule::Auto ? std::string("auto") : format_number(c.radio.radius.value() / 1000.0);
         },
         [](RunConfig& c, const std::string& v) {
             c.radio.reach = v == "auto" ? ReachRule::Auto : ReachRule::Fixed;
             c.radio.radius = v == "auto" ? Metres{kAutoReachCapM} : Metres::from_kilometres(number(v));
         }},
        {"rx-height-m", [](const RunConfig& c) { return format_number(c.radio.rx_height.value()); },
         [](RunConfig& c, const std::string& v) { c.radio.rx_height = Metres{number(v)}; }},
        {"climate", [](const RunConfig& c) { return std::to_string(static_cast<int>(c.radio.itm.climate)); },
         [](RunConfig& c, const std::string& v) { c.radio.itm.climate = static_cast<itm::Climate>(static_cast<int>(number(v))); }},
        // N0 is ITM's or P.1812's, whichever model ran (applied after "model").
        {"n0", [](const RunConfig& c) { return format_number(c.radio.model == PropagationModel::P1812 ? c.radio.p1812.N0 : c.radio.itm.N_0); },
         [](RunConfig& c, const std::string& v) { (c.radio.model == PropagationModel::P1812 ? c.radio.p1812.N0 : c.radio.itm.N_0) = number(v); }},
        {"time-percent", [](const RunConfig& c) { return format_number(c.radio.p1812.time_percent); },
         [](RunConfig& c, const std::string& v) { c.radio.p1812.time_percent = number(v); }},
        {"location-percent", [](const RunConfig& c) { return format_number(c.radio.p1812.location_percent); },
         [](RunConfig& c, const std::string& v) { c.radio.p1812.location_percent = number(v); }},
        {"dn", [](const RunConfig& c) { return format_number(c.radio.p1812.DN); },
         [](RunConfig& c, const std::string& v) { c.radio.p1812.DN = number(v); }},
        {"polarization",
         [](const RunConfig& c) { return std::string(c.radio.itm.polarization == itm::Polarization::Vertical ? "vertical" : "horizontal"); },
         [](RunConfig& c, const std::string& v) {
             if (v != "horizontal" && v != "vertical") throw InputError("'" + v + "' is not horizontal or vertical");
             c.radio.itm.polarization = v == "horizontal" ? itm::Polarization::Horizontal : itm::Polarization::Vertical;
         }},
        {"epsilon", [](const RunConfig& c) { return format_number(c.radio.itm.epsilon); },
         [](RunConfig& c, const std::string& v) { c.radio.itm.epsilon = number(v); }},
        {"sigma", [](const RunConfig& c) { return format_number(c.radio.itm.sigma); },
         [](RunConfig& c, const std::string& v) { c.radio.itm.sigma = number(v); }},
        {"mdvar", [](const RunConfig& c) { return std::to_string(c.radio.itm.mdvar); },
         [](RunConfig& c, const std::string& v) { c.radio.itm.mdvar = static_cast<int>(number(v)); }},
        {"time", [](const RunConfig& c) { return format_number(c.radio.itm.time); },
         [](RunConfig& c, const std::string& v) { c.radio.itm.time = number(v); }},
        {"location", [](const RunConfig& c) { return format_number(c.radio.itm.location); },
         [](RunConfig& c, const std::string& v) { c.radio.itm.location = number(v); }},
        {"situation", [](const RunConfig& c) { return format_number(c.radio.itm.situation); },
         [](RunConfig& c, const std::string& v) { c.radio.itm.situation = number(v); }},
        {"margin-db", [](const RunConfig& c) { return format_number(c.budget.margin().value()); },
         [](RunConfig& c, const std::string& v) { c.budget.set_margin(Db{number(v)}); }},
        {"link-budget", [](const RunConfig& c) { return budget_text(c.budget); },
         [](RunConfig& c, const std::string& v) {
             LinkBudget budget;
             budget.set_margin(c.budget.margin());
             apply_all(budget, v);
             c.budget = budget;
         }},
        {"tech-default", [](const RunConfig& c) { return defaults_text(c.tower_defaults); },
         [](RunConfig& c, const std::string& v) { apply_all(c.tower_defaults, v); }},
        {"landcover", [](const RunConfig& c) { return absolute(c.inputs.landcover); },
         [](RunConfig& c, const std::string& v) { c.inputs.landcover = existing(v, "landcover"); }},
        {"landcover-classes", [](const RunConfig& c) { return absolute(c.inputs.landcover_classes); },
         [](RunConfig& c, const std::string& v) { c.inputs.landcover_classes = existing(v, "landcover-classes"); }},
        {"clutter", [](const RunConfig& c) { return to_string(clutter_model(c)); },
         [](RunConfig& c, const std::string& v) {
             c.radio.clutter = parse_clutter_model(v);
             if (!c.radio.clutter) throw InputError("unknown clutter model '" + v + "'");
         }},
        {"clutter-percent", [](const RunConfig& c) { return format_number(c.radio.clutter_percent); },
         [](RunConfig& c, const std::string& v) { c.radio.clutter_percent = number(v); }},
        // After model and clutter: a calibration sets both.
        {"calibration", [](const RunConfig& c) { return absolute(c.inputs.calibration); },
         [](RunConfig& c, const std::string& v) {
             c.inputs.calibration = existing(v, "calibration");
             c.radio.calibration = c.inputs.calibration.empty() ? std::nullopt : std::optional(read_calibration(c.inputs.calibration));
             if (c.radio.calibration) c.radio.model = c.radio.calibration->model;
         }},
        // How places are judged on the rasters: what an `analyze` ranking's demand depended on.
        {"settlement-radius-m", [](const RunConfig& c) { return format_number(c.gaps.settlement_radius.value()); },
         [](RunConfig& c, const std::string& v) { c.gaps.settlement_radius = Metres{number(v)}; }},
        {"village-covered-share", [](const RunConfig& c) { return format_number(c.gaps.village_covered_share); },
         [](RunConfig& c, const std::string& v) { c.gaps.village_covered_share = number(v); }},
        {"commune-covered-share", [](const RunConfig& c) { return format_number(c.gaps.commune_covered_share); },
         [](RunConfig& c, const std::string& v) { c.gaps.commune_covered_share = number(v); }},
    };
    return all;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> remembered_settings(const RunConfig& config) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Remembered& r : remembered()) out.emplace_back(std::string("run_") + r.option, r.get(config));
    return out;
}

std::vector<std::string> inherit_settings(RunConfig& config, const std::map<std::string, std::string>& metadata,
                                          const std::string& source) {
    std::vector<std::string> notes;
    const std::set<std::string>& given = config.given_options;
    // A land cover given anew brings its own class table and default clutter, not the run's.
    const bool new_landcover = given.contains("landcover");
    bool any = false;
    for (const Remembered& r : remembered()) {
        const std::string option = r.option;
        const auto item = metadata.find("run_" + option);
        if (item == metadata.end()) continue;
        any = true;
        if (new_landcover && (option == "landcover-classes" || option == "clutter")) continue;
        // The model and the calibration go together: given either, the run's other is not taken.
        if (option == "calibration" && !item->second.empty() && given.contains("model") && !given.contains("calibration")) {
            notes.push_back("the coverage run's --calibration " + item->second + ", recorded in " + source +
                            ", is not used with the --model given");
            continue;
        }
        if ((option == "model" && given.contains("calibration")) || (option == "calibration" && given.contains("model"))) continue;
        // Settings of several entries: the run's first, the user's own entries over them.
        const bool merged = option == "link-budget" || option == "tech-default";
        if (given.contains(option) && !merged) {
            if (const std::string mine = r.get(config); mine != item->second)
                notes.push_back("--" + option + " " + (mine.empty() ? "(none)" : mine) + " differs from the coverage run's " +
                                (item->second.empty() ? "(none)" : item->second) + ", recorded in " + source +
                                "; this run uses the value given");
            continue;
        }
        try {
            r.set(config, item->second);
            if (given.contains(option)) {
                for (const std::string& mine : option == "link-budget" ? config.budget_settings : config.tower_default_settings)
                    option == "link-budget" ? config.budget.apply(mine) : config.tower_defaults.apply(mine);
                if (const std::string now = r.get(config); now != item->second)
                    notes.push_back("--" + option + " changes the coverage run's settings recorded in " + source + " (" +
                                    item->second + ") to " + now + "; this run uses the latter");
            }
        } catch (const Error& e) {
            throw InputError({source, "metadata", item->first}, e.what());
        }
    }
    if (any) config.settings_from = source;
    return notes;
}

}  // namespace phusong
