#include "cli/analyze_command.hpp"

#include "cli/analysis_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_command.hpp"
#include "cli/run_config_builder.hpp"
#include "geo/errors.hpp"

namespace phusong {

int run_analyze(int argc, const char* const argv[], const std::string& executable) {
    const auto options = parse_analysis_options(argc, argv, executable);
    if (!options) return exit_code::kOk;
    const RunConfig config = make_run_config(*options, RunKind::Analyze);
    try {
        return execute_run(config, options->quiet);
    } catch (const InputError& e) {
        // A value refused by a step (--crs, --district-field) is named by its config-file line too.
        if (options->config_origins.empty()) throw;
        throw InputError(with_config_origin(e, *options));
    }
}

}  // namespace phusong
