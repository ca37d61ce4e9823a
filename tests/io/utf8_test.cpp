#include "io/utf8.hpp"

#include <gtest/gtest.h>

namespace phusong {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD

struct Utf8Case {
    const char* name;
    std::string input;
    std::string repaired;
    std::size_t replaced;
};

void PrintTo(const Utf8Case& c, std::ostream* os) { *os << c.name; }

// Hand-written byte sequences; the replacements follow Unicode's "maximal subpart" practice
// (one U+FFFD per maximal ill-formed subpart), as WHATWG's decoder and Python's do.
const Utf8Case kCases[] = {
    {"Ascii", "Ban Na", "Ban Na", 0},
    {"Vietnamese", "B\xE1\xBA\xA3n N\xC3\xA0", "B\xE1\xBA\xA3n N\xC3\xA0", 0},  // "Bản Nà"
    {"FourByteEmoji", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 0},              // U+1F600
    {"LargestCodePoint", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", 0},           // U+10FFFF
    {"Latin1Byte", "Caf\xE9", "Caf" + kFffd, 1},                               // é in ISO-8859-1
    {"LoneContinuation", "a\x80z", "a" + kFffd + "z", 1},
    {"TwoContinuations", "\x80\xBF", kFffd + kFffd, 2},
    {"OverlongSlash", "\xC0\xAF", kFffd + kFffd, 2},                           // '/' as 2 bytes: C0 never leads
    {"OverlongNul", "\xC1\x80", kFffd + kFffd, 2},
    {"OverlongThreeBytes", "\xE0\x80\xAF", kFffd + kFffd + kFffd, 3},          // E0 needs A0–BF next
    {"OverlongFourBytes", "\xF0\x80\x80\xAF", kFffd + kFffd + kFffd + kFffd, 4},
    {"HighSurrogate", "\xED\xA0\x80", kFffd + kFffd + kFffd, 3},               // U+D800
    {"LowSurrogate", "\xED\xBF\xBF", kFffd + kFffd + kFffd, 3},                // U+DFFF
    {"AboveUnicode", "\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd, 4},    // U+110000
    {"NeverLeads", "\xF5\xFE\xFF", kFffd + kFffd + kFffd, 3},
    {"TruncatedAtEnd", "ab\xE1\xBA", "ab" + kFffd, 1},                         // one U+FFFD for the subpart
    {"TruncatedBeforeAscii", "\xE1\xBAx", kFffd + "x", 1},
    {"TruncatedFourBytes", "\xF0\x9F\x98 ", kFffd + " ", 1},
    {"TruncatedThenValid", "\xC3\xC3\xA0", kFffd + "\xC3\xA0", 1},             // second C3 starts "à"
};

class Utf8Repairs : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8Repairs, MaximalSubpartsBecomeOneReplacementEach) {
    const Utf8Case& c = GetParam();
    const Utf8Repair r = repair_utf8(c.input);
    EXPECT_EQ(r.text, c.repaired);
    EXPECT_EQ(r.replaced, c.replaced);
    EXPECT_EQ(is_valid_utf8(c.input), c.replaced == 0);
    EXPECT_TRUE(is_valid_utf8(r.text));
}

INSTANTIATE_TEST_SUITE_P(Utf8, Utf8Repairs, ::testing::ValuesIn(kCases),
                         [](const auto& case_info) { return std::string(case_info.param.name); });

TEST(Utf8, EmbeddedNulIsValid) {
    const std::string text("a\0b", 3);
    EXPECT_TRUE(is_valid_utf8(text));
    EXPECT_EQ(repair_utf8(text).text, text);
}

TEST(Utf8RepairLog, OneWarningNamingTheFirstValueAndCountingTheOthers) {
    Utf8RepairLog log;
    EXPECT_EQ(log.clean("fine", {"villages.geojson", "feature 1", "name"}), "fine");
    EXPECT_FALSE(log.warning());
    EXPECT_EQ(log.clean("B\xE1n", {"villages.geojson", "feature 3", "name"}), "B" + kFffd + "n");
    ASSERT_TRUE(log.warning());
    EXPECT_EQ(log.warning()->text(), "villages.geojson: feature 3: field 'name': invalid UTF-8 replaced (U+FFFD)");
    log.clean("\xFF", {"villages.geojson", "feature 4", "name"});
    log.clean("\xFF\xFF", {"villages.geojson", "feature 9", "commune"});
    EXPECT_EQ(log.values_repaired(), 3u);
    EXPECT_EQ(log.warning()->text(),
              "villages.geojson: feature 3: field 'name': invalid UTF-8 replaced (U+FFFD), and in 2 more values");
}

}  // namespace
}  // namespace phusong
