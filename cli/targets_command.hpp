// `phusong targets`: checks coverage targets against the metrics of a finished run.
#pragma once

namespace phusong {

/// Returns 0 when every target passes, 3 when one fails. argv[0] is the subcommand name.
int run_targets(int argc, const char* const argv[]);

}  // namespace phusong
