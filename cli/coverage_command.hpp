// `phusong coverage`: best-server signal and serving-cell rasters for a tower inventory,
// written into a GeoPackage and as GeoTIFF files beside it.
#pragma once

namespace phusong {

/// Returns the exit status. argv[0] is the subcommand name.
int run_coverage(int argc, const char* const argv[]);

}  // namespace phusong
