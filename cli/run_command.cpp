#include "cli/run_command.hpp"

#include <cmath>
#include <iostream>
#include <memory>

#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "io/json_writer.hpp"
#include "pipeline/run.hpp"

namespace phusong {
namespace {

/// Draws each task's progress on its own line (a new line when the task changes).
ProgressFn terminal_progress(bool enabled) {
    if (!enabled) return {};
    auto current = std::make_shared<std::unique_ptr<Progress>>();
    auto label = std::make_shared<std::string>();
    return [current, label](std::string_view task, std::size_t done, std::size_t total, std::string_view unit) {
        if (!*current || *label != task) {
            current->reset();  // ends the previous task's line
            *label = task;
            *current = std::make_unique<Progress>(*label, true);
        }
        (*current)->update(done, total, std::string(unit));
        if (done >= total) current->reset();
    };
}

/// The run's last lines, on stdout (--quiet silences only progress and warnings on stderr).
void print_summary(const RunConfig& config, const RunOutcome& out) {
    const PreparedAnalysis& p = out.prepared;
    const std::string resolution = format_number(p.grid.transform.dx);
    if (config.kind == RunKind::Coverage) {
        std::cout << "predicted " << p.transmitters.size() << " cells over " << p.grid.width << " x " << p.grid.height
                  << " pixels (" << resolution << " m, " << p.grid.crs << ") into " << config.out.string() << "\n";
        return;
    }
    std::cout << "analysed " << p.grid.width << " x " << p.grid.height << " pixels (" << resolution << " m, " << p.grid.crs
              << ")";
    if (config.predicts()) std::cout << ", " << p.transmitters.size() << " cells";
    std::cout << "; outputs in " << config.out.string() << "/\n";
    for (const TechnologyResult& t : out.result.technologies) {
        const TechnologySummary& s = t.summary;
        std::cout << "  " << to_string(s.technology) << ": " << s.villages_covered << "/" << s.villages << " villages covered, "
                  << format_percent(s.area_share()) << " of the area, " << ranked_zones(t.gaps.analysis).size()
                  << " dead zones\n";
    }
}

}  // namespace

int execute_run(const RunConfig& config, bool quiet) {
    RunObserver observer;
    observer.progress = terminal_progress(Progress::wanted(quiet));
    if (!quiet) observer.on_diagnostic = [](const Diagnostic& d) { std::cerr << format(d) << "\n"; };
    const std::unique_ptr<RunOutcome> out = run(config, observer);
    print_summary(config, *out);
    if (out->result.targets.empty()) return exit_code::kOk;
    std::cout << format_target_table(out->result.targets);
    return out->targets_met() ? exit_code::kOk : exit_code::kTargetsNotMet;
}

}  // namespace phusong
