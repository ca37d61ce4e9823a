#include "io/candidate_reader.hpp"

#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "tests/io/hostile_files.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using test::ScratchDir;
using test::write_file;

TEST(CandidateReader, InvalidUtf8InNamesIsReplacedWithOneWarning) {
    ScratchDir dir;
    const std::string path = dir.file("candidates.csv");
    write_file(path, "candidate_id,name,lon,lat\nC1,Đồi \xC3,103.25,22.35\nC2,Nà Pa,103.26,22.35\n");
    const CandidateLoad load = load_candidates(path);
    ASSERT_EQ(load.sites.size(), 2u);
    EXPECT_EQ(load.sites[0].name, "Đồi \xEF\xBF\xBD");
    EXPECT_EQ(load.sites[1].name, "Nà Pa");
    ASSERT_EQ(load.warnings.size(), 1u);
    EXPECT_EQ(load.warnings[0].text(), path + ": line 2: field 'name': invalid UTF-8 replaced (U+FFFD)");
}

TEST(CandidateReader, FifoIsRefusedWithoutOpeningIt) {
    ScratchDir dir;
    const std::string fifo = dir.file("candidates.csv");
    ASSERT_TRUE(test::make_fifo(fifo));
    test::FifoWriterAfter unblock(fifo, std::chrono::milliseconds(2000));
    try {
        load_candidates(fifo);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), fifo + ": not a regular file (a FIFO)");
    }
}

}  // namespace
}  // namespace phusong
