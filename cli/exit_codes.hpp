// Process exit statuses (README.md, "Exit codes").
#pragma once

namespace phusong::exit_code {
inline constexpr int kOk = 0;
inline constexpr int kRuntimeFailure = 1;
inline constexpr int kBadInput = 2;
inline constexpr int kTargetsNotMet = 3;
}  // namespace phusong::exit_code
