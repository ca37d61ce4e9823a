// Minimal JSON text builder with stable output: keys in the order written, numbers in
// their shortest round-trip form, NaN/Inf written as null.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace phusong {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(const std::string& name);
    JsonWriter& value(const std::string& text);
    JsonWriter& value(const char* text) { return value(std::string(text)); }
    JsonWriter& value(double number);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    /// The document, indented by two spaces, ending with a newline.
    [[nodiscard]] std::string str() const { return out_ + "\n"; }

private:
    void before_value();
    void newline();
    void append_quoted(const std::string& text);
    std::string out_;
    std::vector<bool> first_;  ///< per open container: nothing written yet
    bool after_key_ = false;
};

/// Quotes a CSV field when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);
/// Shortest round-trip text of a number; "" for NaN.
std::string format_number(double value);
/// Fixed decimals, "" for NaN.
std::string format_fixed(double value, int decimals);
/// A share 0–1 as a percentage with one decimal: 0.8583 → "85.8%".
std::string format_percent(double share);

}  // namespace phusong
