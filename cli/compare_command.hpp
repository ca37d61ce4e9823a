// `phusong compare`: progress between two finished runs (pipeline/compare.hpp).
#pragma once

namespace phusong {

/// argv[0] is "compare". Returns the exit status.
int run_compare(int argc, const char* const argv[]);

}  // namespace phusong
