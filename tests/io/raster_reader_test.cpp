#include "io/raster_reader.hpp"

#include <gdal_utils.h>
#include <gtest/gtest.h>

#include <filesystem>

#include <cmath>
#include <limits>

#include "geo/errors.hpp"
#include "tests/io/hostile_files.hpp"
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

TEST(DemReader, VoidFillingWritesNothingIntoTheWorkingDirectory) {
    // GDALFillNodata's work rasters went to "./_PID_1fill_*_work.tif" (a read-only or shared
    // working directory failed the run or collected them).
    ScratchDir dir, cwd;
    const std::string path = dir.file("voids.tif");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 20, 20, [](double x, double) {
        return (x - kWest) / 30.0 > 8 && (x - kWest) / 30.0 < 11 ? -32768.0 : 500.0;
    }, -32768.0);
    const GridSpec grid = GridSpec::covering({kWest, kNorth - 600, kWest + 600, kNorth}, Metres{30}, "EPSG:32648");
    const std::filesystem::path previous = std::filesystem::current_path();
    std::filesystem::current_path(cwd.path());
    const DemLoad dem = read_dem(path, grid);
    std::filesystem::current_path(previous);
    EXPECT_GT(dem.filled_pixels, 0u);
    EXPECT_TRUE(std::filesystem::is_empty(cwd.path()));
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
    EXPECT_EQ(dem.elevation_unit, "feet");
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

/// Column and row of the 30 m source pixel whose centre is (x, y), for rasters written at kWest/kNorth.
std::pair<int, int> pixel_of(double x, double y) {
    return {static_cast<int>((x - kWest) / 30.0), static_cast<int>((kNorth - y) / 30.0)};
}

std::string dem_error(const std::string& path, const GridSpec& grid) {
    try {
        read_dem(path, grid);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string population_error(const std::string& path, const GridSpec& grid) {
    try {
        read_population_raster(path, grid);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

const GridSpec kSmallGrid{10, 10, {kWest, kNorth, 30.0, 30.0}, "EPSG:32648"};

/// A VRT over one 20 × 20 tile (30 m pixels at kWest/kNorth), declaring `size` pixels of
/// `pixel_m` and holding `source_xml` as its only source.
std::string vrt_text(const std::string& size, double pixel_m, const std::string& source_xml) {
    return R"(<VRTDataset rasterXSize=")" + size + R"(" rasterYSize=")" + size + R"(">
  <SRS>EPSG:32648</SRS>
  <GeoTransform>)" + std::to_string(kWest) + ", " + std::to_string(pixel_m) + ", 0, " + std::to_string(kNorth) + ", 0, -" +
           std::to_string(pixel_m) + R"(</GeoTransform>
  <VRTRasterBand dataType="Float32" band="1">
    <SimpleSource>)" + source_xml + R"(</SimpleSource>
  </VRTRasterBand>
</VRTDataset>
)";
}

std::string tile_source(const std::string& file) {
    return R"(<SourceFilename relativeToVRT="1">)" + file + "</SourceFilename><SourceBand>1</SourceBand>";
}

TEST(HostileRaster, VrtDeclaringAbsurdSizesIsRefusedBeforeReading) {
    // Five lines of XML declaring 2e9 × 2e9 pixels: GDAL tried to allocate for them.
    ScratchDir dir;
    test::write_raster(dir.file("tile.tif"), 32648, kWest, kNorth, 30.0, 20, 20, [](double, double) { return 100.0; });
    const std::string vrt = dir.file("huge.vrt");
    test::write_file(vrt, vrt_text("2000000000", 30.0, tile_source("tile.tif")));
    EXPECT_EQ(dem_error(vrt, kSmallGrid), vrt + ": declares 2000000000 × 2000000000 pixels; phusong reads rasters of at "
                                                "most 2^24 (16777216) pixels a side and 2^42 in all");
    EXPECT_EQ(population_error(vrt, kSmallGrid), dem_error(vrt, kSmallGrid));
    try {
        raster_footprint(vrt);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), dem_error(vrt, kSmallGrid));
    }
}

TEST(HostileRaster, VrtSourceDeclaringAbsurdSizesIsRefused) {
    ScratchDir dir;
    test::write_raster(dir.file("tile.tif"), 32648, kWest, kNorth, 30.0, 20, 20, [](double, double) { return 100.0; });
    const std::string vrt = dir.file("mosaic.vrt");
    test::write_file(vrt, vrt_text("20", 30.0, tile_source("tile.tif") +
                                                   R"(<SourceProperties RasterXSize="20" RasterYSize="3000000000" DataType="Float32"/>)"));
    EXPECT_EQ(dem_error(vrt, kSmallGrid), vrt + ": declares a source of 20 × 3000000000 pixels; phusong reads rasters of "
                                                "at most 2^24 (16777216) pixels a side and 2^42 in all");
    test::write_file(vrt, vrt_text("20", 30.0, tile_source("tile.tif") + R"(<DstRect xOff="0" yOff="0" xSize="1e12" ySize="20"/>)"));
    EXPECT_EQ(dem_error(vrt, kSmallGrid), vrt + ": declares a source window (DstRect) of 1000000000000 × 20 pixels; phusong "
                                                "reads rasters of at most 2^24 (16777216) pixels a side and 2^42 in all");
}

TEST(HostileRaster, VrtSourceThatIsAFifoIsRefusedBeforeOpening) {
    ScratchDir dir;
    const std::string fifo = dir.file("tile.tif");
    ASSERT_TRUE(test::make_fifo(fifo));
    test::FifoWriterAfter unblock(fifo, std::chrono::milliseconds(2000));
    const std::string vrt = dir.file("mosaic.vrt");
    test::write_file(vrt, vrt_text("20", 30.0, tile_source("tile.tif")));
    EXPECT_EQ(dem_error(vrt, kSmallGrid), vrt + ": source " + fifo + ": not a regular file (a FIFO)");
}

TEST(HostileRaster, FifoOrDeviceAsRasterIsRefused) {
    ScratchDir dir;
    const std::string fifo = dir.file("dem.tif");
    ASSERT_TRUE(test::make_fifo(fifo));
    test::FifoWriterAfter unblock(fifo, std::chrono::milliseconds(2000));
    EXPECT_EQ(dem_error(fifo, kSmallGrid), fifo + ": not a regular file (a FIFO)");
    EXPECT_EQ(population_error("/dev/zero", kSmallGrid), "/dev/zero: not a regular file (a character device)");
}

TEST(HostileRaster, ReadingFarMorePixelsThanTheGridNeedsIsRefused) {
    // Within the declared-size limits, but 0.3 mm pixels: the 300 m grid (330 m with the margin
    // kept for curved edges, clipped at the raster's west and north edges) would read
    // (330 m / 0.3 mm)² = 1.21e12 of them.
    ScratchDir dir;
    test::write_raster(dir.file("tile.tif"), 32648, kWest, kNorth, 30.0, 20, 20, [](double, double) { return 100.0; });
    const std::string vrt = dir.file("fine.vrt");
    test::write_file(vrt, vrt_text("2000000", 0.0003, tile_source("tile.tif")));
    EXPECT_EQ(dem_error(vrt, kSmallGrid),
              vrt + ": declares 2000000 × 2000000 pixels; reading the analysis area would take 1.21 trillion of them (at "
                    "most 4.29 billion): its pixels are far finer than the grid's; add overviews (gdaladdo) or resample it first");
}

TEST(HostileRaster, OverviewsMakeAFineRasterReadable) {
    // The same 0.3 mm raster with overviews down to 1/4096: the warper reads the coarsest
    // overview still finer than the grid (here 1.2 m pixels), some 72,000 pixels.
    ScratchDir dir;
    test::write_raster(dir.file("tile.tif"), 32648, kWest, kNorth, 30.0, 20, 20, [](double, double) { return 100.0; });
    const std::string vrt = dir.file("fine.vrt");
    std::string text = vrt_text("2000000", 0.0003, tile_source("tile.tif"));
    text.replace(text.find("</VRTDataset>"), 13, R"(<OverviewList resampling="average">4 16 64 256 1024 4096</OverviewList></VRTDataset>)");
    test::write_file(vrt, text);
    const DemLoad dem = read_dem(vrt, kSmallGrid);
    // The tile covers 6 mm of the VRT; the rest of the VRT is 0, which is valid terrain.
    EXPECT_NEAR(dem.elevation_m.at(5, 5), 0.0, kTolM);
}

TEST(HostileRaster, DemWithNonFiniteValuesIsRefusedWithTheirCount) {
    ScratchDir dir;
    const std::string path = dir.file("dem.tif");
    const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [=](double x, double y) {
        const auto [c, r] = pixel_of(x, y);
        if (r == 2 && c < 2) return c == 0 ? inf : -inf;
        if (r == 7 && c == 7) return nan;
        return 500.0;
    }, -9999.0);
    EXPECT_EQ(dem_error(path, kSmallGrid),
              path + ": 3 pixels are not finite (NaN or infinite, and not the nodata value): elevations must be finite "
                     "numbers; if NaN marks voids, make it the band's nodata value (gdal_edit.py -a_nodata nan)");
}

TEST(HostileRaster, DemWhoseNodataIsNanReadsItsNanAsVoids) {
    ScratchDir dir;
    const std::string path = dir.file("dem.tif");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [](double x, double y) {
        return pixel_of(x, y) == std::pair{4, 4} ? std::nan("") : 500.0;
    }, std::nan(""));
    const DemLoad dem = read_dem(path, kSmallGrid);
    EXPECT_GT(dem.void_pixels, 0u);
    EXPECT_NEAR(dem.elevation_m.at(4, 4), 500.0, kTolM);
}

TEST(HostileRaster, PopulationWithNonFiniteOrNegativeValuesIsRefusedWithTheirCounts) {
    // Before, NaN and negative pixels became 0 people and +inf an infinite population.
    ScratchDir dir;
    const std::string path = dir.file("people.tif");
    const double inf = std::numeric_limits<double>::infinity();
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [inf](double x, double y) {
        const auto [c, r] = pixel_of(x, y);
        if (r == 0 && c < 3) return c == 0 ? inf : c == 1 ? -inf : std::nan("");
        if (r == 5 && c < 2) return -3.0;
        return 2.0;
    }, -99999.0);
    EXPECT_EQ(population_error(path, kSmallGrid),
              path + ": 3 pixels are not finite and 2 are negative: population must be a finite number >= 0");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [](double x, double y) {
        return pixel_of(x, y) == std::pair{9, 9} ? -1.0 : 2.0;
    });
    EXPECT_EQ(population_error(path, kSmallGrid), path + ": 1 pixel is negative: population must be a finite number >= 0");
}

TEST(HostileRaster, PopulationNodataIsNotCounted) {
    // WorldPop marks "no data" with -99999: that is not a negative population.
    ScratchDir dir;
    const std::string path = dir.file("people.tif");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [](double x, double y) {
        return pixel_of(x, y).first < 5 ? -99999.0 : 2.0;
    }, -99999.0);
    const Grid<float> people = read_population_raster(path, kSmallGrid);
    double total = 0;
    for (float v : people.values()) total += v;
    EXPECT_NEAR(total, 100.0, 1e-3);  // 50 pixels of 2 people
}

struct UnitCase {
    const char* name;
    const char* unit;
    double value;        ///< in the band's unit
    double expected_m;
};

void PrintTo(const UnitCase& c, std::ostream* os) { *os << c.name; }

class DemUnits : public ::testing::TestWithParam<UnitCase> {};

TEST_P(DemUnits, ConvertedToMetres) {
    ScratchDir dir;
    const std::string path = dir.file("dem.tif");
    const double value = GetParam().value;
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [value](double, double) { return value; }, std::nullopt,
                       GetParam().unit);
    const DemLoad dem = read_dem(path, kSmallGrid);
    EXPECT_NEAR(dem.elevation_m.at(5, 5), GetParam().expected_m, kTolM);
}

INSTANTIATE_TEST_SUITE_P(
    DemReader, DemUnits,
    ::testing::Values(UnitCase{"Empty", "", 812.0, 812.0}, UnitCase{"M", "m", 812.0, 812.0},
                      UnitCase{"Metre", "metre", 812.0, 812.0}, UnitCase{"Meters", "Meters", 812.0, 812.0},
                      UnitCase{"Ft", "ft", 1000.0, 304.8}, UnitCase{"Feet", "feet", 1000.0, 304.8},
                      // × 1200/3937: 1.2 cm more than international feet at this height
                      UnitCase{"UsSurveyFoot", "US survey foot", 20000.0, 6096.012192},
                      UnitCase{"Km", "km", 1.25, 1250.0}),
    [](const auto& case_info) { return std::string(case_info.param.name); });

TEST(DemReader, KilometresAreRecordedAndStillPlausibleAfterConversion) {
    // 1.25 km is a mountain village, not a 1.25 m swamp: conversion comes before the
    // [−500, 9000] m plausibility check, and the load says what it read.
    ScratchDir dir;
    const std::string path = dir.file("dem.tif");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [](double, double) { return 1.25; }, std::nullopt, "km");
    const DemLoad dem = read_dem(path, kSmallGrid);
    EXPECT_EQ(dem.elevation_unit, "kilometres");
    EXPECT_DOUBLE_EQ(dem.metres_per_unit, 1000.0);
    EXPECT_EQ(dem.void_pixels, 0u);
    EXPECT_TRUE(dem.warnings.empty()) << "converting is correct, not a warning (the pipeline notes the unit)";
    for (float v : dem.elevation_m.values())
        if (!std::isnan(v)) {
            EXPECT_NEAR(v, 1250.0, 1e-3);
        }
}

TEST(DemReader, UnknownUnitIsRefused) {
    ScratchDir dir;
    const std::string path = dir.file("dem.tif");
    test::write_raster(path, 32648, kWest, kNorth, 30.0, 10, 10, [](double, double) { return 3.0; }, std::nullopt, "furlong");
    EXPECT_EQ(dem_error(path, kSmallGrid), path + ": band unit 'furlong' is not a unit of elevation phusong knows (m, ft, US survey foot, km)");
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
