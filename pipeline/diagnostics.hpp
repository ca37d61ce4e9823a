// One channel for what a run has to tell its user besides its results: every step appends
// Diagnostics here, and the caller prints them once (cli/), lists them in summary.json, or
// inspects them (tests, other programs). Errors are exceptions, not diagnostics: a run that
// cannot go on throws; a result that is valid but deserves care is a warning.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/errors.hpp"

namespace phusong {

/// The step of the pipeline that raised a diagnostic.
enum class Step { Load, Prepare, Predict, Assess, Rank, Write };
/// "load", "prepare", "predict", "assess", "rank", "write".
std::string_view to_string(Step step);

enum class Severity { Note, Warning };
/// "note", "warning".
std::string_view to_string(Severity severity);

struct Diagnostic {
    Step step = Step::Load;
    Severity severity = Severity::Warning;
    InputLocation location;  ///< file (or option), line/feature, field; parts may be empty
    std::string text;        ///< what happened, for people (numbers formatted as people write them)
};

/// "warning: towers.csv: line 3: field 'lon': text" — location parts left out when empty.
std::string format(const Diagnostic& d);

class Diagnostics {
public:
    /// Called with each diagnostic as it is added (e.g. to print it while a long run goes on).
    void set_listener(std::function<void(const Diagnostic&)> listener) { listener_ = std::move(listener); }
    void add(Diagnostic d);
    void warn(Step step, InputLocation where, std::string text) {
        add({step, Severity::Warning, std::move(where), std::move(text)});
    }
    void note(Step step, InputLocation where, std::string text) {
        add({step, Severity::Note, std::move(where), std::move(text)});
    }
    /// The warnings a reader returned.
    void warn_all(Step step, const std::vector<InputWarning>& warnings) {
        for (const InputWarning& w : warnings) warn(step, w.where, w.what);
    }
    [[nodiscard]] const std::vector<Diagnostic>& all() const { return items_; }

private:
    std::vector<Diagnostic> items_;
    std::function<void(const Diagnostic&)> listener_;
};

}  // namespace phusong
