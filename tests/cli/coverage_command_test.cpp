#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>

#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;

/// Band 1 as floats, its nodata value (GeoPackage: −9999, GeoTIFF: NaN) read back as NaN.
std::vector<float> read_raster(const std::string& name) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds{GDALDataset::Open(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY)};
    if (!ds) return {};
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    std::vector<float> v(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (band->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_Float32, 0, 0) != CE_None) return {};
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    if (has_nodata && !std::isnan(nodata))
        for (float& x : v)
            if (x == static_cast<float>(nodata)) x = std::nanf("");
    return v;
}

std::vector<std::string> coverage_args(const test::CliFixture& f, const std::string& out, const char* threads) {
    return {"coverage", "--towers", f.towers, "--dem", f.dem, "--out", out, "--resolution-m", "60", "--radius-km", "2.5",
            "--threads", threads, "-q"};
}

TEST(CoverageCommand, GeoPackageAndGeoTiffsHoldTheSameRasters) {
    test::CliFixture f;
    const std::string gpkg = f.dir.file("run.gpkg");
    const auto r = test::run_phusong(coverage_args(f, gpkg, "2"));
    ASSERT_EQ(r.exit_status, 0) << r.err;
    for (const char* tech : {"3g", "4g"}) {
        const auto in_gpkg = read_raster("GPKG:" + gpkg + ":signal_" + tech);
        const auto in_tiff = read_raster(f.dir.file(std::string("run_signal_") + tech + ".tif"));
        ASSERT_FALSE(in_gpkg.empty()) << tech;
        ASSERT_EQ(in_gpkg.size(), in_tiff.size());
        std::size_t finite = 0;
        for (std::size_t i = 0; i < in_gpkg.size(); ++i) {
            ASSERT_EQ(std::isnan(in_gpkg[i]), std::isnan(in_tiff[i])) << i;
            if (!std::isnan(in_gpkg[i])) {
                ASSERT_EQ(in_gpkg[i], in_tiff[i]) << i;
                ++finite;
            }
        }
        EXPECT_GT(finite, 1000u);
        EXPECT_FALSE(read_raster("GPKG:" + gpkg + ":server_" + tech).empty());
        EXPECT_TRUE(fs::exists(f.dir.file(std::string("run_server_") + tech + ".tif")));
        // One mast per technology: where its signal reaches the covered level, exactly one server.
        const auto count = read_raster("GPKG:" + gpkg + ":servers_" + tech);
        const auto tiff_count = read_raster(f.dir.file(std::string("run_servers_") + tech + ".tif"));
        ASSERT_EQ(count, tiff_count);
        const float covered = std::string(tech) == "3g" ? -100.0f : -110.0f;
        for (std::size_t i = 0; i < count.size(); ++i)
            ASSERT_EQ(count[i], (!std::isnan(in_tiff[i]) && in_tiff[i] >= covered) ? 1.0f : 0.0f) << i;
    }
    for (const auto& e : fs::directory_iterator(f.dir.path()))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
}

TEST(CoverageCommand, OneOrTwoThreadsGiveIdenticalRasters) {
    test::CliFixture f;
    ASSERT_EQ(test::run_phusong(coverage_args(f, f.dir.file("a.gpkg"), "1")).exit_status, 0);
    ASSERT_EQ(test::run_phusong(coverage_args(f, f.dir.file("b.gpkg"), "2")).exit_status, 0);
    const auto a = read_raster(f.dir.file("a_signal_4g.tif")), b = read_raster(f.dir.file("b_signal_4g.tif"));
    ASSERT_FALSE(a.empty());
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0);
}

TEST(CoverageCommand, BadArgumentsExitTwoAndWriteNothing) {
    test::CliFixture f;
    auto args = coverage_args(f, f.dir.file("run.tif"), "1");
    auto r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("must be a file name ending in .gpkg"), std::string::npos) << r.err;
    args = coverage_args(f, f.dir.file("run.gpkg"), "1");
    args.insert(args.end(), {"--n0", "500"});
    r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--n0: refractivity N_0 is out of range"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(f.dir.file("run.gpkg")));
    EXPECT_FALSE(fs::exists(f.dir.file("run_signal_3g.tif")));
}

}  // namespace
}  // namespace phusong
