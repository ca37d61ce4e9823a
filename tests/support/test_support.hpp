// Helpers for tests: scratch folders, small fixtures written with GDAL, running the CLI,
// and finding ../shared (tests that need it skip with a visible message when absent).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace phusong::test {

/// A fresh empty folder, removed at destruction.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

/// Writes a Float32 GeoTIFF: width × height pixels of `pixel_m`, north-west corner at
/// (west, north) in `epsg`, value z(x, y) at each pixel centre; optional nodata.
void write_raster(const std::string& path, int epsg, double west, double north, double pixel_m, int width, int height,
                  const std::function<double(double x, double y)>& z, std::optional<double> nodata = std::nullopt,
                  const std::string& unit = "m");

struct CommandResult {
    int exit_status = -1;
    std::string out;
    std::string err;
    long max_rss_kb = 0;   ///< peak resident memory of the process
};

/// Runs build/bin/phusong with `args` (no shell quoting needed: each is passed as is). With
/// `interrupt_after_s`, sends SIGINT after that many seconds (exit_status is then 128 + 2 if
/// the signal ended it).
CommandResult run_phusong(const std::vector<std::string>& args, const std::string& working_dir = {},
                          std::optional<double> interrupt_after_s = std::nullopt);

/// ../shared beside the source tree, or empty when absent.
std::filesystem::path shared_dir();

/// Skips the current test with a message when ../shared is absent.
#define PHUSONG_REQUIRE_SHARED()                                                              \
    do {                                                                                     \
        if (::phusong::test::shared_dir().empty())                                           \
            GTEST_SKIP() << "../shared is absent: skipping a test that needs the shared data"; \
    } while (0)

}  // namespace phusong::test
