#include "io/coverage_reader.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "geo/errors.hpp"
#include "io/geopackage_writer.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using test::ScratchDir;

const GridSpec kGrid{10, 10, {500000.0, 2400000.0, 100.0, 100.0}, "EPSG:32648"};

/// A coverage GeoPackage with one signal_3g table: −80 dBm everywhere but where `change` says.
std::string coverage_with(const ScratchDir& dir, const std::function<void(Grid<float>&)>& change) {
    const std::string path = dir.file("coverage.gpkg");
    Grid<float> g(kGrid, -80.0f, std::nanf(""));
    change(g);
    GeoPackageWriter writer(path);
    writer.add_raster("signal_3g", g, {"signal_3g", "dBm"});
    writer.commit();
    return path;
}

std::string error_of(const std::string& path) {
    try {
        read_signal_rasters(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(SignalRasters, NanMeansNoCellReachesAndIsKept) {
    ScratchDir dir;
    const std::string path = coverage_with(dir, [](Grid<float>& g) { g.at(2, 3) = std::nanf(""); });
    const std::vector<SignalRaster> rasters = read_signal_rasters(path);
    ASSERT_EQ(rasters.size(), 1u);
    EXPECT_TRUE(std::isnan(rasters[0].signal_dbm.at(2, 3)));
    EXPECT_FLOAT_EQ(rasters[0].signal_dbm.at(0, 0), -80.0f);
}

TEST(SignalRasters, InfiniteOrImpossibleLevelsAreRefusedWithTheirCount) {
    ScratchDir dir;
    const float inf = std::numeric_limits<float>::infinity();
    const std::string path = coverage_with(dir, [inf](Grid<float>& g) {
        g.at(0, 0) = inf;
        g.at(1, 0) = -inf;
        g.at(2, 0) = 150.0f;   // 1 MW arriving at the receiver
    });
    EXPECT_EQ(error_of(path), path + ": table signal_3g: 2 pixels are infinite and 1 is outside [-300, 100] dBm: "
                                     "a signal level must be a finite number of dBm (NaN where no cell reaches)");
    const std::string low = coverage_with(dir, [](Grid<float>& g) { g.at(5, 5) = -1000.0f; });
    EXPECT_EQ(error_of(low), low + ": table signal_3g: 1 pixel is outside [-300, 100] dBm: "
                                   "a signal level must be a finite number of dBm (NaN where no cell reaches)");
}

TEST(SignalRasters, DeclaredSizeBeyondAnyGridIsRefusedBeforeAllocating) {
    // The GeoPackage's tile matrix says how large the raster is; a hostile one declares
    // 2 million tiles of 256 pixels each way, and would be allocated whole.
    ScratchDir dir;
    const std::string path = coverage_with(dir, [](Grid<float>&) {});
    {
        GDALAllRegister();
        GDALDatasetUniquePtr ds{GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_RASTER | GDAL_OF_UPDATE)};
        ASSERT_TRUE(ds);
        for (const char* sql : {"UPDATE gpkg_tile_matrix SET matrix_width = 2000000, matrix_height = 2000000",
                                "UPDATE gpkg_tile_matrix_set SET max_x = min_x + 2000000 * 256 * 100, "
                                "min_y = max_y - 2000000 * 256 * 100",
                                "UPDATE gpkg_contents SET max_x = min_x + 2000000 * 256 * 100, "
                                "min_y = max_y - 2000000 * 256 * 100"})
            ds->ExecuteSQL(sql, nullptr, nullptr);
    }
    // 2 million tiles of 256 pixels: 512 million pixels a side.
    EXPECT_EQ(error_of(path), path + ": table signal_3g: declares 512000000 × 512000000 pixels, more than the 250 "
                                     "million of the largest grid phusong writes");
}

}  // namespace
}  // namespace phusong
