#include "coverage/targets.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <array>
#include <iterator>
#include <sstream>

#include "geo/errors.hpp"
#include "geo/text_format.hpp"

namespace phusong {
namespace {

constexpr const char* kPerTechnology[] = {"villages_with_", "population_", "covered_population_", "uncovered_population_"};

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

bool is_share(const std::string& metric) { return metric.size() > 6 && metric.ends_with("_share"); }

void add_population_metrics(MetricValues& m, const std::vector<Technology>& techs, const std::vector<PlaceOutcome>& places) {
    double total = 0.0;
    for (const PlaceOutcome& p : places) total += p.population;
    for (std::size_t t = 0; t < techs.size(); ++t) {
        double covered = 0.0;
        for (const PlaceOutcome& p : places) covered += p.covered_population[t];
        const std::string key(to_key(techs[t]));
        m["population_" + key + "_share"] = total > 0.0 ? covered / total : 0.0;
        m["covered_population_" + key] = covered;
        m["uncovered_population_" + key] = total - covered;
    }
}

}  // namespace

MetricValues compute_metrics(const std::vector<Technology>& techs, const std::vector<PlaceOutcome>& villages,
                             const std::vector<PlaceOutcome>& communes) {
    MetricValues m;
    if (!villages.empty())
        for (std::size_t t = 0; t < techs.size(); ++t) {
            const auto n = std::count_if(villages.begin(), villages.end(), [t](const PlaceOutcome& p) { return p.covered[t]; });
            m["villages_with_" + std::string(to_key(techs[t])) + "_share"] =
                static_cast<double>(n) / static_cast<double>(villages.size());
        }
    if (!villages.empty()) {
        const auto n = std::count_if(villages.begin(), villages.end(), [](const PlaceOutcome& p) { return !p.signal_at_centre; });
        m["villages_without_signal"] = static_cast<double>(n);
        m["villages_without_signal_share"] = static_cast<double>(n) / static_cast<double>(villages.size());
    }
    if (!communes.empty()) {
        const auto n = std::count_if(communes.begin(), communes.end(), [](const PlaceOutcome& p) { return p.has_signal; });
        m["communes_with_signal_share"] = static_cast<double>(n) / static_cast<double>(communes.size());
    }
    // Population from villages when there are any (people live there), else communes.
    if (!villages.empty()) add_population_metrics(m, techs, villages);
    else if (!communes.empty()) add_population_metrics(m, techs, communes);
    return m;
}

std::string describe(const MetricScope& scope) {
    std::vector<std::string> parts;
    if (!scope.district.empty()) parts.push_back("district " + scope.district);
    if (!scope.operator_name.empty()) parts.push_back("operator " + scope.operator_name);
    if (scope.powered_only) parts.emplace_back("powered villages");
    if (parts.empty()) return "whole area";
    std::string out = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) out += ", " + parts[i];
    return out;
}

ScopedMetrics metrics_by_scope(const std::vector<Technology>& techs, const std::vector<NetworkOutcomes>& networks) {
    ScopedMetrics out;
    for (const NetworkOutcomes& network : networks) {
        std::vector<std::string> districts{""};
        bool power_known = false;
        for (const auto* places : {&network.villages, &network.communes})
            for (const PlaceOutcome& p : *places) {
                if (!p.district.empty() && std::find(districts.begin(), districts.end(), p.district) == districts.end())
                    districts.push_back(p.district);
                power_known = power_known || p.powered.has_value();
            }
        for (const bool powered_only : {false, true}) {
            if (powered_only && !power_known) continue;
            for (const std::string& d : districts) {
                auto in_scope = [&](const PlaceOutcome& p) {
                    return (d.empty() || p.district == d) && (!powered_only || p.powered.value_or(false));
                };
                std::vector<PlaceOutcome> v, c;
                std::copy_if(network.villages.begin(), network.villages.end(), std::back_inserter(v), in_scope);
                // Power is known of villages only: the powered scope counts people in villages.
                if (!powered_only)
                    std::copy_if(network.communes.begin(), network.communes.end(), std::back_inserter(c), in_scope);
                MetricValues values = compute_metrics(techs, v, c);
                if (powered_only && v.empty()) {
                    // No powered village here: the counts are zero; shares of nothing stay unmeasured.
                    values["villages_without_signal"] = 0.0;
                    for (Technology t : techs) {
                        values["covered_population_" + std::string(to_key(t))] = 0.0;
                        values["uncovered_population_" + std::string(to_key(t))] = 0.0;
                    }
                }
                out[{d, network.operator_name, powered_only}] = std::move(values);
            }
        }
    }
    return out;
}

ScopedMetrics metrics_by_scope(const std::vector<Technology>& techs, const std::vector<PlaceOutcome>& villages,
                               const std::vector<PlaceOutcome>& communes) {
    return metrics_by_scope(techs, std::vector<NetworkOutcomes>{{"", villages, communes}});
}

std::string describe_bounds(std::optional<double> min, std::optional<double> max) {
    std::string out;
    if (min) out += "≥ " + format_quantity(*min);
    if (max) out += std::string(out.empty() ? "" : ", ") + "≤ " + format_quantity(*max);
    return out;
}

bool is_known_metric(const std::string& name) {
    if (name == "communes_with_signal_share" || name == "villages_without_signal" || name == "villages_without_signal_share")
        return true;
    for (const char* prefix : kPerTechnology)
        for (Technology t : kAllTechnologies) {
            const std::string key(to_key(t));
            const std::string p(prefix);
            const std::string full = p == "villages_with_" || p == "population_" ? p + key + "_share" : p + key;
            if (name == full) return true;
        }
    return false;
}

std::vector<Target> parse_targets(const std::string& text, const std::string& source) {
    std::vector<Target> targets;
    std::istringstream in(text);
    std::string raw;
    std::size_t number = 0;
    auto fail = [&](std::size_t line, const std::string& what) -> void {
        throw InputError({source, "line " + std::to_string(line), ""}, what);
    };
    auto finish = [&] {
        if (targets.empty()) return;
        const Target& t = targets.back();
        if (!t.min && !t.max) fail(t.line, "target [" + t.metric + "] has neither min nor max");
        if (t.min && t.max && *t.min > *t.max) fail(t.line, "target [" + t.metric + "] has min greater than max");
    };
    while (std::getline(in, raw)) {
        ++number;
        if (number == 1 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.erase(0, 3);
        const std::string line = trimmed(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[') {
            if (line.back() != ']') fail(number, "section header must end with ']'");
            finish();
            const std::string metric = trimmed(line.substr(1, line.size() - 2));
            if (!is_known_metric(metric))
                fail(number, "unknown metric '" + metric +
                                 "' (expected villages_with_<tech>_share, villages_without_signal(_share), "
                                 "communes_with_signal_share, population_<tech>_share, covered_population_<tech> or "
                                 "uncovered_population_<tech>, tech 2g-5g)");
            targets.push_back({metric, "", "", false, std::nullopt, std::nullopt, number});
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos) fail(number, "expected 'key = value' or a [metric] section");
        if (targets.empty()) fail(number, "'" + line + "' is outside any [metric] section");
        const std::string key = trimmed(line.substr(0, eq));
        const std::string value = trimmed(line.substr(eq + 1));
        Target& t = targets.back();
        if ((key == "district" && !t.district.empty()) || (key == "operator" && !t.operator_name.empty()) ||
            (key == "powered" && t.powered_only) || (key == "min" && t.min) || (key == "max" && t.max))
            fail(number, "'" + key + "' given twice in [" + t.metric + "]");
        if (key == "district" || key == "operator") {
            if (value.empty()) fail(number, key + " name is empty");
            (key == "district" ? t.district : t.operator_name) = value;
            continue;
        }
        if (key == "powered") {
            if (value != "yes") fail(number, "powered takes 'yes' (count only the villages with grid power), not '" + value + "'");
            t.powered_only = true;
            continue;
        }
        if (key != "min" && key != "max")
            fail(number, "unknown key '" + key + "' (expected min, max, district, operator or powered)");
        double v = 0.0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(v))
            fail(number, "'" + value + "' is not a number");
        if (is_share(t.metric) && (v < 0.0 || v > 1.0))
            fail(number, "a share is a fraction in [0, 1], found " + value);
        if (!is_share(t.metric) && v < 0.0) fail(number, "a number of people or villages cannot be negative");
        (key == "min" ? t.min : t.max) = v;
    }
    finish();
    if (targets.empty()) throw InputError({source, "", ""}, "holds no target");
    return targets;
}

std::vector<TargetOutcome> check_targets(const std::vector<Target>& targets, const ScopedMetrics& metrics,
                                         const std::string& source) {
    auto has = [&metrics](auto&& matches) {
        return std::any_of(metrics.begin(), metrics.end(), [&](const auto& m) { return matches(m.first); });
    };
    std::vector<TargetOutcome> out;
    for (const Target& t : targets) {
        const InputLocation where{source, "line " + std::to_string(t.line), ""};
        const auto scope = metrics.find(t.scope());
        if (scope == metrics.end()) {
            if (!has([&](const MetricScope& s) { return s.district == t.district; }))
                throw InputError(where, "no district named '" + t.district + "' among the places");
            if (!has([&](const MetricScope& s) { return s.operator_name == t.operator_name; })) {
                std::string names;
                for (const auto& [s, values] : metrics)
                    if (!s.operator_name.empty() && names.find("'" + s.operator_name + "'") == std::string::npos)
                        names += (names.empty() ? "" : ", ") + ("'" + s.operator_name + "'");
                throw InputError(where, "no operator named '" + t.operator_name + "' among the analysed cells" +
                                            (names.empty() ? std::string(" (the run was not by operator: give --by-operator)")
                                                           : " (operators: " + names + ")"));
            }
            throw InputError(where, "powered = yes needs the villages' power: give --village-power-field, naming a field "
                                    "with yes or no for some village");
        }
        const auto value = scope->second.find(t.metric);
        if (value == scope->second.end())
            throw InputError(where, "metric '" + t.metric + "' cannot be measured from this run " +
                                        (t.powered_only ? std::string("in the powered villages (no village of this scope has grid "
                                                                      "power, or the metric needs communes, whose power is not known)")
                                                        : std::string("(its technology was not analysed, or the villages or communes "
                                                                      "it needs were not given)")));
        const double m = value->second;
        out.push_back({t, m, (!t.min || m >= *t.min) && (!t.max || m <= *t.max)});
    }
    return out;
}

namespace {

/// Columns a terminal gives `text` (UTF-8): one per code point, none for combining marks (the
/// decomposed accents of "Sìn Hồ" written as NFD).
std::size_t display_width(const std::string& text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        std::uint32_t code = length == 1 ? lead : lead & (0x7Fu >> length);
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
        const bool combining = (code >= 0x0300 && code <= 0x036F) || (code >= 0x1AB0 && code <= 0x1AFF) ||
                               (code >= 0x1DC0 && code <= 0x1DFF) || (code >= 0x20D0 && code <= 0x20FF) ||
                               (code >= 0xFE20 && code <= 0xFE2F);
        if (!combining) ++width;
        i += length;
    }
    return width;
}

}  // namespace

std::string format_target_table(const std::vector<TargetOutcome>& outcomes) {
    auto number = [](double v, bool share) {
        char buf[32];
        std::snprintf(buf, sizeof buf, share ? "%.4f" : "%.10g", v);
        return std::string(buf);
    };
    std::vector<std::array<std::string, 5>> rows{{"metric", "scope", "target", "measured", "result"}};
    for (const TargetOutcome& o : outcomes) {
        const bool share = is_share(o.target.metric);
        std::string target;
        if (o.target.min) target += ">= " + number(*o.target.min, share);
        if (o.target.max) target += std::string(target.empty() ? "" : ", ") + "<= " + number(*o.target.max, share);
        rows.push_back({o.target.metric, describe(o.target.scope()), target,
                        number(o.measured, share), o.passed ? "PASS" : "FAIL"});
    }
    std::array<std::size_t, 5> width{};
    for (const auto& r : rows)
        for (std::size_t i = 0; i < 5; ++i) width[i] = std::max(width[i], display_width(r[i]));
    std::string out;
    for (const auto& r : rows) {
        for (std::size_t i = 0; i < 5; ++i) {
            out += r[i];
            if (i + 1 < 5) out += std::string(width[i] - display_width(r[i]) + 2, ' ');
        }
        out += "\n";
    }
    return out;
}

}  // namespace phusong
