#include "io/utf8.hpp"

namespace phusong {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER

struct Lead {
    int length = 0;                 ///< bytes in the sequence; 0 = not a lead byte
    unsigned char second_lo = 0x80;  ///< range of the second byte, narrower after E0, ED, F0, F4
    unsigned char second_hi = 0xBF;  ///< (which is what excludes overlongs, surrogates and > U+10FFFF)
};

Lead lead_of(unsigned char b) {
    if (b < 0x80) return {1};
    if (b >= 0xC2 && b <= 0xDF) return {2};
    if (b == 0xE0) return {3, 0xA0, 0xBF};
    if (b == 0xED) return {3, 0x80, 0x9F};
    if (b >= 0xE1 && b <= 0xEF) return {3};
    if (b == 0xF0) return {4, 0x90, 0xBF};
    if (b == 0xF4) return {4, 0x80, 0x8F};
    if (b >= 0xF1 && b <= 0xF3) return {4};
    return {};  // 80–BF (continuation), C0–C1 (overlong), F5–FF (beyond U+10FFFF)
}

/// Length of the well-formed sequence starting at `pos`, or the negated length of the
/// maximal ill-formed subpart there (at least one byte).
int sequence_at(std::string_view text, std::size_t pos) {
    const Lead lead = lead_of(static_cast<unsigned char>(text[pos]));
    if (lead.length == 0) return -1;
    for (int k = 1; k < lead.length; ++k) {
        const std::size_t at = pos + static_cast<std::size_t>(k);
        if (at >= text.size()) return -k;
        const auto b = static_cast<unsigned char>(text[at]);
        const unsigned char lo = k == 1 ? lead.second_lo : 0x80, hi = k == 1 ? lead.second_hi : 0xBF;
        if (b < lo || b > hi) return -k;
    }
    return lead.length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const int n = sequence_at(text, pos);
        if (n < 0) return false;
        pos += static_cast<std::size_t>(n);
    }
    return true;
}

Utf8Repair repair_utf8(std::string_view text) {
    Utf8Repair out;
    if (is_valid_utf8(text)) {
        out.text = text;
        return out;
    }
    out.text.reserve(text.size() + 8);
    for (std::size_t pos = 0; pos < text.size();) {
        const int n = sequence_at(text, pos);
        if (n > 0) {
            out.text.append(text.substr(pos, static_cast<std::size_t>(n)));
            pos += static_cast<std::size_t>(n);
        } else {
            out.text.append(kReplacement);
            ++out.replaced;
            pos += static_cast<std::size_t>(-n);
        }
    }
    return out;
}

std::string Utf8RepairLog::clean(std::string_view text, const InputLocation& where) {
    Utf8Repair r = repair_utf8(text);
    if (r.replaced > 0 && values_++ == 0) first_ = where;
    return std::move(r.text);
}

std::optional<InputWarning> Utf8RepairLog::warning() const {
    if (values_ == 0) return std::nullopt;
    std::string text = "invalid UTF-8 replaced (U+FFFD)";
    if (values_ > 1)
        text += ", and in " + std::to_string(values_ - 1) + " more value" + (values_ > 2 ? "s" : "");
    return InputWarning{first_, text};
}

}  // namespace phusong
