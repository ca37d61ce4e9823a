#include "pipeline/diagnostics.hpp"

#include <algorithm>

namespace phusong {

std::string_view to_string(Step step) {
    switch (step) {
        case Step::Load: return "load";
        case Step::Prepare: return "prepare";
        case Step::Predict: return "predict";
        case Step::Assess: return "assess";
        case Step::Rank: return "rank";
        case Step::Write: return "write";
    }
    return "load";
}

std::string_view to_string(Severity severity) { return severity == Severity::Note ? "note" : "warning"; }

std::string format(const Diagnostic& d) { return std::string(to_string(d.severity)) + ": " + describe(d.location, d.text); }

void Diagnostics::add(Diagnostic d) {
    items_.push_back(std::move(d));
    if (listener_) listener_(items_.back());
}

std::size_t Diagnostics::count(Severity severity) const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace phusong
