#include "pipeline/operators.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include <nlohmann/json.hpp>

#include "geo/errors.hpp"
#include "io/json_writer.hpp"


namespace phusong {
namespace {

/// Vietnamese letters (precomposed, lower and upper case) and their base ASCII letter.
constexpr std::array<std::pair<std::string_view, char>, 7> kVietnameseBases{{
    {"àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'},
    {"èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ", 'e'},
    {"ìíỉĩịÌÍỈĨỊ", 'i'},
    {"òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'},
    {"ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ", 'u'},
    {"ỳýỷỹỵỲÝỶỸỴ", 'y'},
    {"đĐ", 'd'},
}};

/// The ASCII base of the UTF-8 character starting at text[at] (0 when none), and its length.
std::pair<char, std::size_t> base_letter(const std::string& text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (length == 1) return {std::isalnum(lead) ? static_cast<char>(std::tolower(lead)) : '\0', 1};
    const std::string_view ch(text.data() + at, std::min(length, text.size() - at));
    for (const auto& [letters, base] : kVietnameseBases)
        if (letters.find(ch) != std::string_view::npos) return {base, ch.size()};
    return {'\0', ch.size()};
}

}  // namespace

std::vector<std::string> group_by_operator(std::vector<Transmitter>& transmitters, const std::vector<const Cell*>& cells,
                                           bool by_operator) {
    std::vector<std::string> names;
    auto name_of = [](const Cell* c) { return c->operator_name.empty() ? std::string(kNoOperatorName) : c->operator_name; };
    for (const Cell* c : cells)
        if (std::find(names.begin(), names.end(), name_of(c)) == names.end()) names.push_back(name_of(c));
    if (!by_operator && names.size() < 2) return {};
    std::sort(names.begin(), names.end());
    for (std::size_t i = 0; i < transmitters.size(); ++i)
        transmitters[i].group =
            static_cast<std::uint16_t>(std::lower_bound(names.begin(), names.end(), name_of(cells[i])) - names.begin());
    return names;
}

std::string operator_key(const std::string& name, std::size_t index) {
    std::string key;
    for (std::size_t at = 0; at < name.size();) {
        const auto [base, length] = base_letter(name, at);
        at += length;
        if (base) key += base;
        else if (!key.empty() && key.back() != '_') key += '_';
    }
    // Keys name files and fields: long names are cut (operator_keys keeps them unique).
    constexpr std::size_t kLongestKey = 48;
    if (key.size() > kLongestKey) key.resize(kLongestKey);
    while (!key.empty() && key.back() == '_') key.pop_back();
    return key.empty() ? "operator" + std::to_string(index + 1) : key;
}

std::vector<std::string> operator_keys(const std::vector<std::string>& names) {
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::string key = operator_key(names[i], i);
        for (int n = 2; std::find(keys.begin(), keys.end(), key) != keys.end(); ++n) key = operator_key(names[i], i) + "_" + std::to_string(n);
        keys.push_back(key);
    }
    return keys;
}

std::string operators_metadata(const std::vector<std::string>& names) {
    JsonWriter j;
    j.begin_array();
    for (const std::string& n : names) j.value(n);
    j.end_array();
    return j.str();
}

std::vector<std::string> parse_operators_metadata(const std::string& text, const std::string& source) {
    std::vector<std::string> names;
    try {
        const nlohmann::json array = nlohmann::json::parse(text);
        if (!array.is_array()) throw InputError("not an array");
        for (const auto& n : array) {
            if (!n.is_string() || n.get<std::string>().empty()) throw InputError("not a list of names");
            names.push_back(n.get<std::string>());
        }
    } catch (const std::exception& e) {
        throw InputError({source, "metadata", kOperatorsMetadataItem}, std::string("is not a JSON array of operator names: ") + e.what());
    }
    return names;
}

PowerValue parse_power(const std::string& text) {
    std::string t;
    for (const char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t.empty()) return {true, std::nullopt};
    // Bytes are lower-cased as ASCII: the Vietnamese capitals are listed.
    for (const char* yes : {"yes", "y", "true", "1", "có", "cÓ", "co"})
        if (t == yes) return {true, true};
    for (const char* no : {"no", "n", "false", "0", "không", "khÔng", "khong"})
        if (t == no) return {true, false};
    return {false, std::nullopt};
}

}  // namespace phusong
