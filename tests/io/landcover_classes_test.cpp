// The land-cover class table: read as given, and refused with the file, line and field named.
#include "io/landcover_classes.hpp"

#include "geo/errors.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

std::string table_with(const test::ScratchDir& dir, const std::string& text) {
    const std::string path = dir.file("classes.csv");
    test::write_file(path, text);
    return path;
}

TEST(LandCoverClasses, ReadsEveryColumn) {
    test::ScratchDir dir;
    const std::string path = table_with(dir, "class,name,height_m,loss_db\n10,forest,15,25.6\n40,rice paddies,0,0\n");
    const LandCoverClasses t = read_landcover_classes(path);
    ASSERT_EQ(t.classes.size(), 2u);
    EXPECT_EQ(t.classes[0].code, 10);
    EXPECT_EQ(t.classes[1].name, "rice paddies");
    EXPECT_EQ(t.classes[0].height.value(), 15.0);
    EXPECT_EQ(t.classes[0].loss.value(), 25.6);
    EXPECT_EQ(t.source, path);
}

TEST(LandCoverClasses, BadTablesNameTheLineAndField) {
    test::ScratchDir dir;
    const auto refusal = [&](const std::string& text) {
        try {
            read_landcover_classes(table_with(dir, text));
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_NE(refusal("class,name,height_m\n10,forest,15\n").find("line 1: field 'loss_db': missing column"), std::string::npos);
    EXPECT_NE(refusal("class,name,height_m,loss_db\n10,forest,-3,20\n").find("line 2: field 'height_m': value -3 is out of range"),
              std::string::npos);
    EXPECT_NE(refusal("class,name,height_m,loss_db\n10,forest,15,20\n20,shrub,4,10\n10,trees,15,20\n")
                  .find("line 4: field 'class': class 10 is already given on line 2"),
              std::string::npos);
    EXPECT_NE(refusal("class,name,height_m,loss_db\n10.5,forest,15,20\n").find("line 2: field 'class': '10.5' is not an integer"),
              std::string::npos);
    EXPECT_NE(refusal("class,name,height_m,loss_db\n10, ,15,20\n").find("line 2: field 'name': empty class name"), std::string::npos);
}

}  // namespace
}  // namespace phusong
