#include "cli/compare_command.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>
#include <string>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "geo/errors.hpp"
#include "pipeline/compare.hpp"
#include "pipeline/run.hpp"

namespace po = boost::program_options;

namespace phusong {

int run_compare(int argc, const char* const argv[]) {
    std::string before, after, out = "phusong-compare";
    bool quiet = false;
    po::options_description main("Usage: phusong compare --before DIR --after DIR [--out DIR]\n\n"
                                 "Compares two finished runs (output folders of analyze, gaps or rank): the villages and\n"
                                 "communes newly covered or lost per technology and operator, the people concerned per\n"
                                 "district and commune, and the targets that changed state. Writes compare.md and compare.csv");
    main.add_options()
        ("help,h", "show this help")
        ("before", po::value(&before)->required(), "output folder of the earlier run")
        ("after", po::value(&after)->required(), "output folder of the later run")
        ("out", with_default(&out), "output folder for compare.md and compare.csv")
        ("quiet,q", po::bool_switch(&quiet), "no warnings on stderr (the closing line stays on stdout)");
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "compare", vm)) return exit_code::kOk;
    check_outputs_apart({out}, {{"--before", before}, {"--after", after}}, true);
    // The folder's clean-up would remove another command's outputs listed in its manifest.
    for (const char* theirs : {"summary.json", "places.csv"})
        if (std::filesystem::exists(std::filesystem::path(out) / theirs))
            throw InputError("--out " + out + " holds the outputs of a run (" + theirs +
                             "): choose another folder for the comparison");
    const RunComparison comparison = compare_runs(before, after);
    write_comparison(comparison, out);
    if (!quiet)
        for (const std::string& s : comparison.settings_differ)
            std::cerr << "warning: the runs' settings differ: " << s << "; verdicts may change without the network changing\n";
    {
        std::size_t gained = 0, lost = 0, communes_gained = 0, communes_lost = 0;
        for (const VerdictChange& c : comparison.changes)
            if (c.operator_name.empty()) {
                if (c.kind == "village") (c.covered_after ? gained : lost) += 1;
                else (c.covered_after ? communes_gained : communes_lost) += 1;
            }
        std::cout << gained << " village verdict(s) gained and " << lost << " lost";
        if (comparison.communes > 0) std::cout << ", " << communes_gained << " commune verdict(s) gained and " << communes_lost << " lost";
        std::cout << " (any operator, all technologies), "
                  << comparison.targets.size() << " target(s) changed state; see " << out << "/compare.md\n";
    }
    return exit_code::kOk;
}

}  // namespace phusong
