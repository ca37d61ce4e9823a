#include "io/raster_reader.hpp"

#include <gdal_utils.h>
#include <gtest/gtest.h>

#include <cmath>

#include "geo/errors.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using test::ScratchDir;

constexpr double kTolM = 1e-3;
constexpr double kWest = 500000.0, kNorth = 2500000.0;

/// A tilted plane: 100 m at the north-west corner, rising 0.1 m per metre east and 0.05 m per metre south.
double plane(double x, double y) { return 100.0 + 0.1 * (x - kWest) + 0.05 * (kNorth - y); }

/// Builds a 2 × 2 mosaic of 20 × 20-pixel, 30 m tiles as a VRT; returns its path.
std::string make_mosaic(const ScratchDir& dir) {
    std::vector<std::string> tiles;
    for (int ty = 0; ty < 2; ++ty)
        for (int tx = 0; tx < 2; ++tx) {
            tiles.push_back(dir.file("tile_" + std::to_string(tx) + std::to_string(ty) + ".tif"));
            test::write_raster(tiles.back(), 32648, kWest + tx * 600.0, kNorth - ty * 600.0, 30.0, 20, 20, plane);
        }
    std::vector<const char*> names;
    for (const auto& t : tiles) names.push_back(t.c_str());
    const std::string vrt = dir.file("mosaic.vrt");
    GDALDatasetH ds = GDALBuildVRT(vrt.c_str(), static_cast<int>(names.size()), nullptr, names.data(), nullptr, nullptr);
    EXPECT_NE(ds, nullptr);
    GDALClose(ds);
    return vrt;
}

TEST(DemReader, VrtMosaicOfFourTilesIsSeamless) {
    ScratchDir dir;
    const std::string vrt = make_mosaic(dir);
    // Grid straddling the tile seams at x = 500600 and y = 2499400, pixels aligned with the source.
    const GridSpec grid = GridSpec::covering({kWest + 300, kNorth - 900, kWest + 900, kNorth - 300}, Metres{30}, "EPSG:32648");
    const DemLoad dem = read_dem(vrt, grid);
    EXPECT_EQ(dem.void_pixels, 0u);
    EXPECT_EQ(dem.outside_pixels, 0u);
    for (std::size_t r = 0; r < grid.height; ++r)
        for (std::size_t c = 0; c < grid.width; ++c) {
            const XY p = grid.centre(c, r);
            ASSERT_NEAR(dem.elevation_m.at(c, r), plane(p.x, p.y), kTolM) << "pixel " << c << "," << r;
        }
}

TEST(DemReader, ResamplingAPlaneStaysOnThePlane) {
    ScratchDir dir;
    const std::string vrt = make_mosaic(dir);
    // 20 m pixels, not aligned with the 30 m source: bilinear interpolation of a plane is exact.
    const GridSpec grid{30, 30, {kWest + 207.0, kNorth - 203.0, 20.0, 20.0}, "EPSG:32648"};
    const DemLoad dem = read_dem(vrt, grid);
    for (std::size_t r = 0; r < grid.height; ++r)
        for (std::size_t c = 0; c < grid.width; ++c) {
            const XY p = grid.centre(c, r);
            ASSERT_NEAR(dem.elevation_m.at(c, r), plane(p.x, p.y), kTolM) << "pixel " << c << "," << r;
        }
}

TEST(DemReader, VoidsAreCountedAndFilled) {
    ScratchDir dir;
    const std::string path = dir.file("voids.tif");
    // 3 × 3 void block in the middle of a flat 500 m DEM.
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 20, 20, [](double x, double y) {
        const double c = (x - kWest) / 30.0, r = (kNorth - y) / 30.0;
        return (c > 8 && c < 11 && r > 8 && r < 11) ? -32768.0 : 500.0;
    }, -32768.0);
    const GridSpec grid = GridSpec::covering({kWest, kNorth - 600, kWest + 600, kNorth}, Metres{30}, "EPSG:32648");
    const DemLoad dem = read_dem(path, grid);
    EXPECT_EQ(dem.void_pixels, 9u);
    EXPECT_EQ(dem.filled_pixels, 9u);
    ASSERT_EQ(dem.warnings.size(), 1u);
    EXPECT_NEAR(dem.elevation_m.at(9, 9), 500.0, kTolM);  // filled from a flat surrounding
}

TEST(DemReader, UntaggedNodataValuesAreVoids) {
    // A DEM whose -32768 voids carry no nodata tag: they must not become terrain.
    ScratchDir dir;
    const std::string path = dir.file("untagged.tif");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 20, 20, [](double x, double) {
        return (x - kWest) / 30.0 > 9 && (x - kWest) / 30.0 < 11 ? -32768.0 : 700.0;
    });
    const GridSpec grid{20, 20, {kWest, kNorth, 30.0, 30.0}, "EPSG:32648"};
    const DemLoad dem = read_dem(path, grid);
    EXPECT_GT(dem.void_pixels, 0u);
    for (float v : dem.elevation_m.values()) ASSERT_NEAR(v, 700.0, kTolM);  // filled from the flat terrain
}

TEST(DemReader, OutsideTheDemIsNodataNotFilled) {
    ScratchDir dir;
    const std::string path = dir.file("half.tif");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 20, [](double, double) { return 42.0; });
    // Grid aligned with the DEM and twice as wide: the east half lies outside the footprint.
    const GridSpec grid{20, 20, {kWest, kNorth, 30.0, 30.0}, "EPSG:32648"};
    const DemLoad dem = read_dem(path, grid);
    EXPECT_EQ(dem.outside_pixels, 200u);
    EXPECT_EQ(dem.void_pixels, 0u);
    EXPECT_TRUE(std::isnan(dem.elevation_m.at(15, 5)));
    EXPECT_NEAR(dem.elevation_m.at(5, 5), 42.0, kTolM);
}

TEST(DemReader, GlobalGeographicDemOntoAUtmGrid) {
    // A whole-world EPSG:4326 raster (1° pixels, 500 m everywhere): its ±180° edges cannot be
    // projected to UTM 48N, yet a grid near Lai Châu must read fine.
    ScratchDir dir;
    const std::string path = dir.file("world.tif");
    test::write_raster(path, 4326, -180.0, 90.0, 1.0, 360, 180, [](double, double) { return 500.0; });
    const GridSpec grid = GridSpec::covering({kWest, kNorth - 3000, kWest + 3000, kNorth}, Metres{300}, "EPSG:32648");
    const DemLoad dem = read_dem(path, grid);
    EXPECT_EQ(dem.outside_pixels, 0u);
    for (float v : dem.elevation_m.values()) ASSERT_NEAR(v, 500.0, kTolM);
}

TEST(DemReader, FeetAreConvertedToMetres) {
    ScratchDir dir;
    const std::string path = dir.file("feet.tif");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [](double, double) { return 1000.0; }, std::nullopt, "ft");
    const GridSpec grid = GridSpec::covering({kWest, kNorth - 300, kWest + 300, kNorth}, Metres{30}, "EPSG:32648");
    const DemLoad dem = read_dem(path, grid);
    EXPECT_TRUE(dem.converted_from_feet);
    EXPECT_NEAR(dem.elevation_m.at(3, 3), 304.8, kTolM);  // 1000 ft × 0.3048 m/ft
}

TEST(DemReader, BadRastersAreInputErrors) {
    ScratchDir dir;
    const GridSpec grid = GridSpec::covering({kWest, kNorth - 300, kWest + 300, kNorth}, Metres{30}, "EPSG:32648");
    const std::string text = dir.file("dem.tif");
    test::write_file(text, "this is not a raster\n");
    try {
        read_dem(text, grid);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(text + ": cannot read as a raster", 0), 0u) << e.what();
    }
    const std::string no_crs = dir.file("nocrs.tif");
    test::write_raster(no_crs, 0, kWest, kNorth, 30.0, 10, 10, [](double, double) { return 1.0; });
    try {
        read_dem(no_crs, grid);
        FAIL();
    } catch (const CrsError& e) {
        EXPECT_EQ(std::string(e.what()), no_crs + ": raster has no CRS (georeferencing is required)");
    }
    const std::string far = dir.file("far.tif");
    test::write_raster(far, 32648, kWest + 1e5, kNorth, 30.0, 10, 10, [](double, double) { return 1.0; });
    try {
        read_dem(far, grid);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  far + ": DEM has no valid elevation within the analysis area (all nodata or no overlap)");
    }
    EXPECT_THROW(read_dem(dir.file("missing.tif"), grid), InputError);
}

TEST(PopulationRaster, SumsPeopleOntoCoarserPixels) {
    ScratchDir dir;
    const std::string path = dir.file("people.tif");
    // 1 person in every 30 m pixel; on a 60 m grid each pixel gathers 4.
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 20, 20, [](double, double) { return 1.0; });
    const GridSpec grid = GridSpec::covering({kWest, kNorth - 600, kWest + 600, kNorth}, Metres{60}, "EPSG:32648");
    const Grid<float> people = read_population_raster(path, grid);
    double total = 0;
    for (float v : people.values()) total += v;
    EXPECT_NEAR(people.at(3, 3), 4.0, 1e-4);
    EXPECT_NEAR(total, 400.0, 1e-3);
}

}  // namespace
}  // namespace phusong
