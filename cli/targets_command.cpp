#include "cli/targets_command.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "coverage/targets.hpp"
#include "geo/errors.hpp"
#include "io/csv_table.hpp"

namespace po = boost::program_options;

namespace phusong {
namespace {

/// The "metrics" object of a summary.json written by `analyze`: whole area and districts.
std::map<std::string, MetricValues> read_metrics(const std::string& path) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(read_text_file(path));
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError({path, "", ""}, std::string("not valid JSON: ") + e.what());
    }
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
    std::map<std::string, MetricValues> out;
    out[""] = read_scope((*metrics)["whole_area"], "whole_area");
    if (metrics->contains("districts"))
        for (const auto& [district, scope] : (*metrics)["districts"].items()) out[district] = read_scope(scope, district);
    return out;
}

}  // namespace

int run_targets(int argc, const char* const argv[]) {
    std::string summary, targets;
    po::options_description main("Usage: phusong targets --summary DIR/summary.json --targets FILE.ini\n\n"
                                 "Checks coverage targets against a finished run and prints metric, scope, target,\n"
                                 "measured value and PASS/FAIL. Exit status 0: all pass; 3: one fails; 2: bad file");
    main.add_options()
        ("help,h", "show this help")
        ("summary", po::value(&summary)->required(), "summary.json written by `phusong analyze`")
        ("targets", po::value(&targets)->required(), "targets INI (see README.md)");
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "targets", vm)) return exit_code::kOk;
    const std::vector<Target> wanted = parse_targets(read_text_file(targets), targets);
    const std::vector<TargetOutcome> outcomes = check_targets(wanted, read_metrics(summary), targets);
    std::cout << format_target_table(outcomes);
    const bool all_pass = std::all_of(outcomes.begin(), outcomes.end(), [](const TargetOutcome& t) { return t.passed; });
    return all_pass ? exit_code::kOk : exit_code::kTargetsNotMet;
}

}  // namespace phusong
