// The exception hierarchy. Library code throws; only cli/ turns these into exit codes:
//   InputError, CrsError, ModelDomainError → 2 (bad input or usage);
//   IoError and any other Error            → 1 (runtime failure).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace phusong {

/// Root of every error phusong raises.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Where in an input a problem was found: file, record (line or feature) and field.
/// Empty parts are left out of the message.
struct InputLocation {
    std::string source;   ///< file or layer name
    std::string record;   ///< "line 14", "feature 3", …
    std::string field;    ///< column or attribute name
};

/// Formats "source: record: field 'name': what".
std::string describe(const InputLocation& where, const std::string& what);

/// Something a reader repaired or worked around in an input: where, and what it did.
struct InputWarning {
    InputLocation where;
    std::string what;
    /// "source: record: field 'name': what".
    [[nodiscard]] std::string text() const { return describe(where, what); }
};

/// The user's input is wrong (missing file, malformed value, empty layer, …).
class InputError : public Error {
public:
    explicit InputError(const std::string& what) : Error(what) {}
    InputError(const InputLocation& where, const std::string& what)
        : Error(describe(where, what)) {}
};

/// A coordinate reference system is missing, unknown or cannot be transformed.
class CrsError : public InputError {
public:
    using InputError::InputError;
};

/// Parameters outside the domain a model accepts (e.g. negative distance).
class ModelDomainError : public InputError {
public:
    using InputError::InputError;
};

/// The output location cannot take the results: a folder that cannot be created or written,
/// a full disk. A usage problem (exit status 2): the user chooses --out.
class OutputError : public InputError {
public:
    using InputError::InputError;
};

/// Reading or writing failed for reasons other than the content (disk full, permissions…).
class IoError : public Error {
public:
    using Error::Error;
};

inline std::string describe(const InputLocation& where, const std::string& what) {
    std::string out;
    auto add = [&out](const std::string& part) {
        if (part.empty()) return;
        if (!out.empty()) out += ": ";
        out += part;
    };
    add(where.source);
    add(where.record);
    if (!where.field.empty()) add("field '" + where.field + "'");
    add(what);
    return out;
}

}  // namespace phusong
