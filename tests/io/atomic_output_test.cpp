#include "io/atomic_output.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "geo/errors.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;

TEST(AtomicOutputSet, AllFilesAppearTogether) {
    test::ScratchDir dir;
    {
        AtomicOutputSet set;
        write_text(set.add(dir.file("a.csv")), "a\n");
        write_text(set.add(dir.file("b.json")), "{}\n");
        EXPECT_FALSE(fs::exists(dir.file("a.csv")));  // nothing visible before commit_all
        set.commit_all();
    }
    EXPECT_EQ(test::read_file(dir.file("a.csv")), "a\n");
    EXPECT_EQ(test::read_file(dir.file("b.json")), "{}\n");
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 2);
}

TEST(AtomicOutputSet, AFailurePartWayLeavesNothing) {
    test::ScratchDir dir;
    try {
        AtomicOutputSet set;
        write_text(set.add(dir.file("first.csv")), "written\n");
        write_text(set.add(dir.file("missing-folder/second.csv")), "cannot be written\n");  // throws
        set.commit_all();
        FAIL() << "expected OutputError";
    } catch (const OutputError&) {
    }
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 0);  // no temporaries either
}

}  // namespace
}  // namespace phusong
