#include "phusong/version.hpp"

namespace phusong {

std::string version() { return kVersion; }

}  // namespace phusong
