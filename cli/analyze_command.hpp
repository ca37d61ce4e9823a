// `phusong analyze`: the whole pipeline.
#pragma once

#include <string>

namespace phusong {

/// Returns the exit status.
int run_analyze(int argc, const char* const argv[], const std::string& executable);

}  // namespace phusong
