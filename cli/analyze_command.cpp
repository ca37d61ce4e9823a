#include "cli/analyze_command.hpp"

#include "cli/analysis_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_command.hpp"
#include "cli/run_config_builder.hpp"

namespace phusong {

int run_analyze(int argc, const char* const argv[], const std::string& executable) {
    const auto options = parse_analysis_options(argc, argv, executable);
    if (!options) return exit_code::kOk;
    return execute_run(make_run_config(*options, RunKind::Analyze), options->quiet);
}

}  // namespace phusong
