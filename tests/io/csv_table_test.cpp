#include "io/csv_table.hpp"

#include <gtest/gtest.h>

namespace phusong {
namespace {

TEST(CsvTable, BomCrlfQuotesAndBlankLines) {
    const std::string text = "\xEF\xBB\xBFid,name\r\n1,\"Bản Nà, upper\"\r\n\r\n2,\"say \"\"hi\"\"\"\r\n";
    const CsvTable t = parse_csv(text, "x.csv");
    ASSERT_EQ(t.header.size(), 2u);
    EXPECT_EQ(t.header[0], "id");  // BOM stripped
    ASSERT_EQ(t.records.size(), 2u);
    EXPECT_EQ(t.records[0].fields[1], "Bản Nà, upper");
    EXPECT_EQ(t.records[1].fields[1], "say \"hi\"");
    EXPECT_EQ(t.records[1].line, 4u);  // blank line 3 skipped, numbering kept
}

TEST(CsvTable, QuotedLineBreakKeepsLineNumbers) {
    const CsvTable t = parse_csv("a,b\n\"x\ny\",1\n2,3\n", "x.csv");
    ASSERT_EQ(t.records.size(), 2u);
    EXPECT_EQ(t.records[0].fields[0], "x\ny");
    EXPECT_EQ(t.records[1].line, 4u);
}

TEST(CsvTable, WrongColumnCountNamesTheLine) {
    try {
        parse_csv("a,b,c\n1,2,3\n4,5\n", "towers.csv");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "towers.csv: line 3: expected 3 columns as in the header, found 2");
    }
}

TEST(CsvTable, SemicolonsAreRejectedWithAHint) {
    try {
        parse_csv("a;b;c\n1;2;3\n", "t.csv");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("separated by ','"), std::string::npos) << e.what();
    }
}

TEST(CsvTable, EmptyAndUnterminated) {
    EXPECT_THROW(parse_csv("", "e.csv"), InputError);
    EXPECT_THROW(parse_csv("\xEF\xBB\xBF\n\n", "e.csv"), InputError);
    EXPECT_THROW(parse_csv("a\n\"open", "e.csv"), InputError);
}

TEST(ParseNumber, RangeAndJunk) {
    const InputLocation at{"t.csv", "line 2", "lat"};
    EXPECT_DOUBLE_EQ(parse_number(" 22.5 ", at, -90, 90), 22.5);
    EXPECT_DOUBLE_EQ(parse_number("+3", at, -90, 90), 3.0);
    EXPECT_THROW(parse_number("22,5", at, -90, 90), InputError);
    EXPECT_THROW(parse_number("nan", at, -90, 90), InputError);
    EXPECT_THROW(parse_number("inf", at, -1e300, 1e300), InputError);
    try {
        parse_number("103.2", at, -90, 90);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "t.csv: line 2: field 'lat': value 103.2 is out of range [-90, 90]");
    }
}

}  // namespace
}  // namespace phusong
