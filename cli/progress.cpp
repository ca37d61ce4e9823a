#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace phusong {

Progress::Progress(std::string label, bool enabled) : label_(std::move(label)), enabled_(enabled) {}

Progress::~Progress() {
    if (enabled_ && drawn_) std::fputc('\n', stderr);
}

bool Progress::wanted(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

void Progress::update(std::size_t done, std::size_t total, const std::string& unit) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    drawn_ = true;
    const double pct = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
    std::fprintf(stderr, "\r%s: %zu/%zu %s (%3.0f%%)", label_.c_str(), done, total, unit.c_str(), pct);
    std::fflush(stderr);
}

}  // namespace phusong
