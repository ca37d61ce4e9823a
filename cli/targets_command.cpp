#include "cli/targets_command.hpp"

#include <algorithm>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "coverage/targets.hpp"
#include "geo/errors.hpp"
#include "io/csv_table.hpp"
#include "pipeline/summary_reader.hpp"

namespace po = boost::program_options;

namespace phusong {

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
    const std::vector<TargetOutcome> outcomes = check_targets(wanted, read_summary_metrics(summary), targets);
    std::cout << format_target_table(outcomes);
    const bool all_pass = std::all_of(outcomes.begin(), outcomes.end(), [](const TargetOutcome& t) { return t.passed; });
    return all_pass ? exit_code::kOk : exit_code::kTargetsNotMet;
}

}  // namespace phusong
