// `phusong clutter-loss`: ITU-R P.2108 clutter losses for one set of inputs.
#pragma once

namespace phusong {

/// Returns the exit status. argv[0] is the subcommand name.
int run_clutter_loss(int argc, const char* const argv[]);

}  // namespace phusong
