// UTF-8 checks for text that comes from user files and ends up in outputs (names, ids,
// attribute values): GeoPackage and CSV readers downstream expect valid UTF-8, and one
// stray Latin-1 byte would otherwise be copied into every table that shows the name.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "geo/errors.hpp"

namespace phusong {

/// True when `text` is well-formed UTF-8 (Unicode 15, table 3-7): no overlong forms, no
/// surrogates (U+D800–U+DFFF), nothing above U+10FFFF, no truncated sequence.
bool is_valid_utf8(std::string_view text);

struct Utf8Repair {
    std::string text;          ///< valid UTF-8
    std::size_t replaced = 0;  ///< U+FFFD characters inserted
};

/// Replaces each maximal ill-formed subpart with U+FFFD, the practice Unicode recommends
/// (§3.9, "U+FFFD Substitution of Maximal Subparts") and WHATWG's decoder follows: a
/// truncated sequence becomes one U+FFFD, a byte that cannot start a sequence one each.
/// Valid text is returned unchanged.
Utf8Repair repair_utf8(std::string_view text);

/// Collects the repairs made while reading one file, so that the reader can give one
/// warning for the file instead of one per value.
class Utf8RepairLog {
public:
    /// `text` as valid UTF-8; `where` names the value in the warning if it is the first repaired.
    std::string clean(std::string_view text, const InputLocation& where);
    /// Values repaired so far.
    [[nodiscard]] std::size_t values_repaired() const { return values_; }
    /// "villages.geojson: feature 3: field 'name': invalid UTF-8 replaced (U+FFFD)", then
    /// ", and in 4 more values" when there were more; nullopt when nothing was repaired.
    [[nodiscard]] std::optional<InputWarning> warning() const;

private:
    InputLocation first_;
    std::size_t values_ = 0;
};

}  // namespace phusong
