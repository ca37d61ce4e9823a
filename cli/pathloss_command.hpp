// `phusong pathloss`: basic transmission loss over one terrain profile.
#pragma once

namespace phusong {

/// Returns the exit status. argv[0] is the subcommand name.
int run_pathloss(int argc, const char* const argv[]);

}  // namespace phusong
