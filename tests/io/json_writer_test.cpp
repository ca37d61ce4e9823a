#include "io/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace phusong {
namespace {

TEST(JsonWriter, NestedDocument) {
    JsonWriter j;
    j.begin_object();
    j.key("name").value("Bản \"Nà\"");
    j.key("share").value(0.25);
    j.key("count").value(3);
    j.key("none").value(std::nan(""));
    j.key("list").begin_array().value(1).value(true).end_array();
    j.key("empty").begin_object().end_object();
    j.end_object();
    EXPECT_EQ(j.str(),
              "{\n  \"name\": \"Bản \\\"Nà\\\"\",\n  \"share\": 0.25,\n  \"count\": 3,\n  \"none\": null,\n"
              "  \"list\": [\n    1,\n    true\n  ],\n  \"empty\": {}\n}\n");
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
    EXPECT_EQ(format_fixed(1.23456, 2), "1.23");
    EXPECT_EQ(format_number(0.1), "0.1");
}

}  // namespace
}  // namespace phusong
