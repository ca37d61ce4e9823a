#include "io/csv_table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/text_format.hpp"
#include "io/input_file.hpp"
#include "io/utf8.hpp"

namespace phusong {

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

std::vector<std::string> split_names(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        if (std::string name = trim(text.substr(start, comma - start)); !name.empty()) out.push_back(std::move(name));
        start = comma + 1;
    }
    return out;
}

std::string to_lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
    const std::string wanted = to_lower(trim(name));
    for (std::size_t i = 0; i < header.size(); ++i)
        if (to_lower(trim(header[i])) == wanted) return i;
    return std::nullopt;
}

std::string read_text_file(const std::string& path) {
    const std::uintmax_t bytes = require_text_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError({path, "", ""}, "cannot open file for reading");
    // Read no more than the size checked above: a file that is swapped or grows after the
    // check still cannot make the read unbounded.
    std::string text(static_cast<std::size_t>(bytes), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

namespace {

/// Makes every field valid UTF-8 (names and ids flow into the outputs) and records one warning
/// for the table when bytes had to be replaced. Splitting on ',', '"' and line ends is safe
/// before this: those bytes never occur inside a multi-byte UTF-8 sequence.
void repair_text(CsvTable& table, std::size_t header_line) {
    Utf8RepairLog log;
    for (std::string& name : table.header) name = log.clean(name, {table.source, "line " + std::to_string(header_line), ""});
    for (CsvRecord& r : table.records)
        for (std::size_t i = 0; i < r.fields.size(); ++i) {
            const std::string field = i < table.header.size() ? table.header[i] : "";
            r.fields[i] = log.clean(r.fields[i], table.at(r, field));
        }
    if (const auto warning = log.warning()) table.warnings.push_back(*warning);
}

}  // namespace

CsvTable parse_csv(const std::string& text, const std::string& source, bool has_header) {
    CsvTable table;
    table.source = source;
    std::size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;  // UTF-8 BOM
    std::size_t line = 1;
    std::vector<CsvRecord> rows;
    while (pos < text.size()) {
        CsvRecord record;
        record.line = line;
        std::string field;
        bool quoted = false, field_was_quoted = false, end_of_record = false;
        while (pos < text.size() && !end_of_record) {
            const char c = text[pos++];
            if (quoted) {
                if (c == '"') {
                    if (pos < text.size() && text[pos] == '"') { field += '"'; ++pos; }
                    else quoted = false;
                } else {
                    if (c == '\n') ++line;
                    field += c;
                }
            } else if (c == '"' && trim(field).empty()) {
                quoted = field_was_quoted = true;
                field.clear();
            } else if (c == ',') {
                record.fields.push_back(field_was_quoted ? field : trim(field));
                field.clear();
                field_was_quoted = false;
            } else if (c == '\n') {
                ++line;
                end_of_record = true;
            } else if (c != '\r') {
                field += c;
            }
        }
        if (quoted) throw InputError({source, "line " + std::to_string(record.line), ""}, "unterminated quoted field");
        record.fields.push_back(field_was_quoted ? field : trim(field));
        const bool blank = record.fields.size() == 1 && record.fields[0].empty();
        if (!blank) rows.push_back(std::move(record));
    }
    if (rows.empty()) throw InputError({source, "", ""}, "file is empty");
    const std::size_t header_line = rows.front().line;
    if (has_header) {
        table.header = rows.front().fields;
        const CsvRecord& head = rows.front();
        if (table.header.size() == 1 && (head.fields[0].find(';') != std::string::npos ||
                                         head.fields[0].find('\t') != std::string::npos))
            throw InputError({source, "line " + std::to_string(head.line), ""},
                             "header has no commas: columns must be separated by ',' (found ';' or tab)");
        for (std::size_t i = 1; i < rows.size(); ++i)
            if (rows[i].fields.size() != table.header.size())
                throw InputError({source, "line " + std::to_string(rows[i].line), ""},
                                 "expected " + std::to_string(table.header.size()) + " columns as in the header, found " +
                                     std::to_string(rows[i].fields.size()));
        rows.erase(rows.begin());
    }
    table.records = std::move(rows);
    if (!is_valid_utf8(text)) repair_text(table, header_line);
    return table;
}

CsvTable read_csv_file(const std::string& path, bool has_header) {
    return parse_csv(read_text_file(path), path, has_header);
}

double parse_number(const std::string& text, const InputLocation& where, double min, double max) {
    const std::string t = trim(text);
    if (t.empty()) throw InputError(where, "value is missing");
    double value = 0.0;
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    if (*begin == '+') ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end) throw InputError(where, "'" + t + "' is not a number");
    if (!std::isfinite(value)) throw InputError(where, "'" + t + "' is not a finite number");
    if (value < min || value > max)
        throw InputError(where, "value " + t + " is out of range [" + format_quantity(min) + ", " + format_quantity(max) + "]");
    return value;
}

}  // namespace phusong
