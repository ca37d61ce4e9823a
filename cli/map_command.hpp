// `phusong map`: map pictures (PNG) from a run's GeoPackage, one per technology.
#pragma once

namespace phusong {

/// Returns the exit status. argv[0] is the subcommand name.
int run_map(int argc, const char* const argv[]);

}  // namespace phusong
