#include "pipeline/diagnostics.hpp"

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

}  // namespace phusong
