// `phusong gaps`: gap analysis of existing coverage rasters (a GeoPackage written by
// `phusong coverage` or `analyze`) against places with population — dead zones, per-place
// coverage, targets and reports, without predicting again.
#pragma once

namespace phusong {

/// Returns the exit status. argv[0] is the subcommand name.
int run_gaps(int argc, const char* const argv[]);

/// `phusong rank`: `gaps`, then candidate sites ranked by what they add (needs --dem).
int run_rank(int argc, const char* const argv[]);

}  // namespace phusong
