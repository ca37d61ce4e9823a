// phusong: telecom coverage planning and gap analysis. This file only dispatches
// subcommands and maps exceptions to exit statuses (see exit_codes.hpp).
#include <boost/program_options/errors.hpp>

#include <cstring>
#include <iostream>
#include <string>

#include "cli/analyze_command.hpp"
#include "cli/clutter_loss_command.hpp"
#include "cli/calibrate_command.hpp"
#include "cli/compare_command.hpp"
#include "cli/coverage_command.hpp"
#include "cli/gaps_command.hpp"
#include "cli/map_command.hpp"
#include "cli/pathloss_command.hpp"
#include "cli/targets_command.hpp"
#include "cli/exit_codes.hpp"
#include "geo/errors.hpp"
#include "io/atomic_output.hpp"
#include "phusong/version.hpp"

namespace {

constexpr const char* kUsage = R"(Usage: phusong <command> [options]

Commands:
  analyze    run the whole pipeline (inputs → coverage → places → reports);
             with no options it runs the bundled demo scenario into ./phusong-out/
  coverage   best-server signal and serving-cell rasters (GeoPackage + GeoTIFF)
  gaps       dead zones, place coverage, targets and reports from coverage rasters
  map        map pictures (PNG) from a run's GeoPackage
  rank       rank candidate sites by people newly covered (greedy, optionally exact)
  pathloss   basic transmission loss over one terrain profile (ITM, Hata, …)
  clutter-loss  ITU-R P.2108 clutter loss (terrestrial, height-gain, aeronautical)
  targets    check coverage targets against a finished run (exit status 3 when one fails)
  compare    progress between two runs: places newly covered or lost, targets that changed
  calibrate  tune SPM or ITM to drive-test measurements (least squares, validated on held-out routes)

Run `phusong <command> --help` for the options of a command.
Options: --help, --version

Exit status: 0 ok, 1 runtime failure, 2 bad input or usage, 3 coverage targets not met.
)";

int dispatch(int argc, const char* const argv[]) {
    using namespace phusong;
    if (argc < 2) {
        std::cerr << kUsage;
        return exit_code::kBadInput;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return exit_code::kOk;
    }
    if (command == "--version") {
        std::cout << "phusong " << kVersion << "\n";
        return exit_code::kOk;
    }
    if (command == "analyze") return run_analyze(argc - 1, argv + 1, argv[0]);
    if (command == "coverage") return run_coverage(argc - 1, argv + 1);
    if (command == "gaps") return run_gaps(argc - 1, argv + 1);
    if (command == "rank") return run_rank(argc - 1, argv + 1);
    if (command == "map") return run_map(argc - 1, argv + 1);
    if (command == "pathloss") return run_pathloss(argc - 1, argv + 1);
    if (command == "clutter-loss") return run_clutter_loss(argc - 1, argv + 1);
    if (command == "targets") return run_targets(argc - 1, argv + 1);
    if (command == "compare") return run_compare(argc - 1, argv + 1);
    if (command == "calibrate") return run_calibrate(argc - 1, argv + 1);
    std::cerr << "phusong: unknown command '" << command << "'\n\n" << kUsage;
    return exit_code::kBadInput;
}

}  // namespace

int main(int argc, char* argv[]) {
    using namespace phusong;
    remove_outputs_on_interrupt();
    try {
        return dispatch(argc, argv);
    } catch (const InputError& e) {
        std::cerr << "phusong: error: " << e.what() << "\n";
        return exit_code::kBadInput;
    } catch (const boost::program_options::error& e) {
        std::cerr << "phusong: error: " << e.what() << "\n";
        return exit_code::kBadInput;
    } catch (const std::bad_alloc&) {
        std::cerr << "phusong: error: out of memory\n";
        return exit_code::kRuntimeFailure;
    } catch (const std::exception& e) {
        std::cerr << "phusong: error: " << e.what() << "\n";
        return exit_code::kRuntimeFailure;
    }
}
