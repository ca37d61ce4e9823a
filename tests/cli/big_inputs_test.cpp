// Big inputs: phusong reads only the part of a DEM it needs, and refuses runs too large for
// memory with a message instead of being killed.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <ogr_spatialref.h>

#include <filesystem>

#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

TEST(BigInputs, OnlyTheNeededWindowOfAHugeDemIsRead) {
    // A 40,000 × 40,000-pixel Int16 DEM (3.2 GB once decoded; a few kB on disk, sparse) whose only
    // written block lies under the fixture. Reading it whole would take gigabytes of memory.
    test::CliFixture f;
    const std::string big = f.dir.file("huge.tif");
    constexpr int kSize = 40000, kOffset = 20000, kWindow = 256;
    GDALAllRegister();
    {
        const char* options[] = {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "SPARSE_OK=TRUE", "BIGTIFF=YES", nullptr};
        GDALDatasetUniquePtr ds{GetGDALDriverManager()->GetDriverByName("GTiff")->Create(big.c_str(), kSize, kSize, 1, GDT_Int16,
                                                                                          const_cast<char**>(options))};
        ASSERT_TRUE(ds);
        const double west = f.centre_x - 3000.0 - 30.0 * kOffset, north = f.centre_y + 3000.0 + 30.0 * kOffset;
        double gt[6] = {west, 30.0, 0.0, north, 0.0, -30.0};
        ds->SetGeoTransform(gt);
        OGRSpatialReference srs;
        srs.importFromEPSG(32648);
        ds->SetSpatialRef(&srs);
        ds->GetRasterBand(1)->SetNoDataValue(-32768);
        std::vector<std::int16_t> block(kWindow * kWindow, 300);
        ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, kOffset - 28, kOffset - 28, kWindow, kWindow, block.data(), kWindow,
                                                 kWindow, GDT_Int16, 0, 0),
                  CE_None);
    }
    ASSERT_LT(std::filesystem::file_size(big), 10'000'000u);
    std::vector<std::string> args = f.analyze_args();
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--dem") args[i + 1] = big;
    const test::CommandResult r = test::run_phusong(args);
    ASSERT_EQ(r.exit_status, 0) << r.err;
    // Reading the DEM whole would take 3.2 GB. 1 GiB leaves room for AddressSanitizer, whose
    // quarantine keeps freed blocks resident (the sanitized run peaked at 402 MiB once the
    // HTML report was added).
    EXPECT_LT(r.max_rss_kb, 1024 * 1024) << "peak memory " << r.max_rss_kb / 1024 << " MiB";
}

TEST(BigInputs, AGridBeyondTheLimitIsRefusedBeforeAnyWork) {
    // 1 m pixels and a 100 km radius: each mast's terrain rays alone would need terabytes.
    test::CliFixture f;
    std::vector<std::string> args = f.analyze_args();
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == "--resolution-m") args[i + 1] = "1";
        if (args[i] == "--radius-km") args[i + 1] = "100";
    }
    const test::CommandResult r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("MiB of engine tables per mast"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(f.out));
}

}  // namespace
}  // namespace phusong
