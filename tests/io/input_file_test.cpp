// Inputs that are not regular files (FIFOs, devices, folders) or are too large hung phusong
// or filled its memory; they are now refused before anything opens them.
#include "io/input_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "geo/errors.hpp"
#include "io/csv_table.hpp"
#include "tests/io/hostile_files.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using namespace std::chrono_literals;
using test::ScratchDir;
using test::write_file;

std::string text_error(const std::string& path) {
    try {
        read_text_file(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string dataset_error(const std::string& path, DatasetPath kind = DatasetPath::File) {
    try {
        require_dataset_path(path, kind);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(TextInput, RegularFileAndSymbolicLinkToOneAreRead) {
    ScratchDir dir;
    write_file(dir.file("towers.csv"), "a,b\n1,2\n");
    std::filesystem::create_symlink(dir.file("towers.csv"), dir.file("link.csv"));
    EXPECT_EQ(read_text_file(dir.file("towers.csv")), "a,b\n1,2\n");
    EXPECT_EQ(read_text_file(dir.file("link.csv")), "a,b\n1,2\n");
}

TEST(TextInput, FifoIsRefusedWithoutOpeningIt) {
    ScratchDir dir;
    const std::string fifo = dir.file("towers.csv");
    ASSERT_TRUE(test::make_fifo(fifo));
    test::FifoWriterAfter unblock(fifo, 2000ms);
    EXPECT_EQ(text_error(fifo), fifo + ": not a regular file (a FIFO)");
}

TEST(TextInput, CharacterDeviceIsRefused) {
    // /dev/null reads as an empty file; /dev/zero (below) never ends.
    EXPECT_EQ(text_error("/dev/null"), "/dev/null: not a regular file (a character device)");
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;  // its shadow memory needs far more address space than 1 GiB
#else
constexpr bool kAddressSanitizer = false;
#endif

/// Reads /dev/zero as a text input in a death-test child, with an alarm and (but under ASan) a
/// memory limit so that a regression ends (by SIGALRM or bad_alloc) instead of hanging or
/// filling memory.
[[noreturn]] void read_endless_device() {
    ::alarm(20);
    if (!kAddressSanitizer) {
        const rlim_t one_gib = rlim_t{1} << 30;
        const rlimit memory{one_gib, one_gib};
        ::setrlimit(RLIMIT_AS, &memory);
    }
    std::cerr << text_error("/dev/zero");
    std::exit(0);
}

TEST(TextInputDeathTest, EndlessDeviceIsRefusedNotRead) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(read_endless_device(), ::testing::ExitedWithCode(0), "/dev/zero: not a regular file \\(a character device\\)");
}

TEST(TextInput, DirectoryAndMissingFile) {
    ScratchDir dir;
    EXPECT_EQ(text_error(dir.path().string()), dir.path().string() + ": not a regular file (a directory)");
    EXPECT_EQ(text_error(dir.file("none.csv")), dir.file("none.csv") + ": file not found");
}

TEST(TextInput, SizeAboveTheBoundIsRefusedBeforeReading) {
    ScratchDir dir;
    const std::string path = dir.file("towers.csv");
    write_file(path, std::string(101, 'x'));
    EXPECT_EQ(require_text_file(path, 101), 101u);
    try {
        require_text_file(path, 100);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), (path + ": file is 101 bytes, over the 100 bytes limit for text inputs").c_str());
    }
    // The real bound, on a sparse file: nothing is written to disk, and nothing may be read.
    std::filesystem::resize_file(path, kMaxTextFileBytes + 1);
    EXPECT_EQ(text_error(path), path + ": file is 513 MiB, over the 512 MiB limit for text inputs");
}

TEST(DatasetInput, SideCarThatIsAFifoIsRefused) {
    // GDAL reads dem.tif.aux.xml when it opens dem.tif: a FIFO there would hang the open.
    ScratchDir dir;
    write_file(dir.file("dem.tif"), "II*\0");
    ASSERT_TRUE(test::make_fifo(dir.file("dem.tif.aux.xml")));
    EXPECT_EQ(dataset_error(dir.file("dem.tif")),
              dir.file("dem.tif.aux.xml") + ": not a regular file (a FIFO), yet GDAL would read it beside " + dir.file("dem.tif"));
    // Files of other names in the same folder do not matter.
    std::filesystem::remove(dir.file("dem.tif.aux.xml"));
    ASSERT_TRUE(test::make_fifo(dir.file("other.tif")));
    EXPECT_EQ(dataset_error(dir.file("dem.tif")), "(no error)");
}

TEST(DatasetInput, FoldersOnlyWhereTheReaderTakesThem) {
    ScratchDir dir;
    const std::string gdb = dir.file("communes.gdb");
    std::filesystem::create_directories(gdb);
    write_file(gdb + "/a00000001.gdbtable", "x");
    EXPECT_EQ(dataset_error(gdb, DatasetPath::FileOrFolder), "(no error)");
    EXPECT_EQ(dataset_error(gdb, DatasetPath::File), gdb + ": not a regular file (a directory)");
    ASSERT_TRUE(test::make_fifo(gdb + "/a00000002.gdbtable"));
    EXPECT_EQ(dataset_error(gdb, DatasetPath::FileOrFolder), gdb + "/a00000002.gdbtable: not a regular file (a FIFO)");
}

TEST(DatasetInput, GdalVirtualPaths) {
    ScratchDir dir;
    EXPECT_EQ(dataset_error("/vsistdin/"), "/vsistdin/: reads standard input, which may never end: give a file instead");
    ASSERT_TRUE(test::make_fifo(dir.file("tiles.zip")));
    const std::string zipped = "/vsizip/" + dir.file("tiles.zip") + "/dem.tif";
    EXPECT_EQ(dataset_error(zipped), zipped + ": not a regular file (" + dir.file("tiles.zip") + " is a FIFO)");
    const std::string braced = "/vsizip/{" + dir.file("tiles.zip") + "}/dem.tif";
    EXPECT_EQ(dataset_error(braced), braced + ": not a regular file (" + dir.file("tiles.zip") + " is a FIFO)");
    // Archives that are files, and network or in-memory paths, are GDAL's to open.
    write_file(dir.file("real.zip"), "PK");
    EXPECT_EQ(dataset_error("/vsizip/" + dir.file("real.zip") + "/dem.tif"), "(no error)");
    EXPECT_EQ(dataset_error("/vsimem/dem.tif"), "(no error)");
}

}  // namespace
}  // namespace phusong
