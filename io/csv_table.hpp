// A small RFC 4180 CSV reader that remembers where every record came from, so that
// errors can name the file, line and column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "geo/errors.hpp"

namespace phusong {

struct CsvRecord {
    std::size_t line = 0;              ///< 1-based physical line where the record starts
    std::vector<std::string> fields;
};

struct CsvTable {
    std::string source;                ///< file name, for messages
    std::vector<std::string> header;   ///< empty when read without a header
    std::vector<CsvRecord> records;
    std::vector<InputWarning> warnings; ///< e.g. invalid UTF-8 replaced (at most one per table)

    /// Index of a header column (case-insensitive, trimmed), if present.
    [[nodiscard]] std::optional<std::size_t> column(const std::string& name) const;
    /// InputLocation for a record and column.
    [[nodiscard]] InputLocation at(const CsvRecord& r, const std::string& field = {}) const {
        return {source, "line " + std::to_string(r.line), field};
    }
};

/// Parses CSV text. A UTF-8 BOM, CRLF line ends and blank lines are accepted; quoted fields
/// may hold commas, quotes ("") and line breaks. With `has_header`, every record must have
/// as many fields as the header (InputError naming the line otherwise). Text that uses ';'
/// or tabs instead of commas is rejected with a message that says so. Invalid UTF-8 in a
/// field is replaced by U+FFFD, with one warning for the table naming the first such field.
CsvTable parse_csv(const std::string& text, const std::string& source, bool has_header = true);

/// Reads and parses a file; InputError if it cannot be opened or is empty.
CsvTable read_csv_file(const std::string& path, bool has_header = true);

/// Reads a whole file; InputError naming the path if it is missing or unreadable, not a
/// regular file (a FIFO, a device, a directory) or larger than kMaxTextFileBytes (512 MiB,
/// io/input_file.hpp).
std::string read_text_file(const std::string& path);

/// Parses a finite number in [min, max]; InputError at `where` otherwise.
double parse_number(const std::string& text, const InputLocation& where, double min, double max);

/// Trims ASCII whitespace at both ends.
std::string trim(const std::string& s);

/// Names separated by commas, each trimmed of surrounding blanks, case and inner spaces kept
/// ("Sìn Hồ, Than Uyên" → {"Sìn Hồ", "Than Uyên"}); empty items dropped.
std::vector<std::string> split_names(const std::string& text);
std::string to_lower(std::string s);

}  // namespace phusong
