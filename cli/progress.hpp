// A one-line progress display on stderr, shown only when stderr is a terminal and the
// user did not ask for --quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace phusong {

class Progress {
public:
    Progress(std::string label, bool enabled);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// Redraws at most ten times a second, and always on the last step.
    void update(std::size_t done, std::size_t total, const std::string& unit);

    /// Whether progress should be drawn for this process (stderr is a TTY and not quiet).
    static bool wanted(bool quiet);

private:
    std::string label_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace phusong
