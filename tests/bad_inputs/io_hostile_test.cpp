// Hostile input for the io layer (docs/bad_inputs.md, "Hostile input (io layer)"): each case
// changes one input of the valid CLI fixture into something a reader must not trust — a FIFO
// or a device instead of a file, a raster declaring absurd sizes or holding impossible values,
// a DEM in kilometres, invalid UTF-8, a ring GEOS cannot read — and runs the real binary.
// Refused cases expect exit status 2, one line naming the file (and feature), and no output
// folder; tolerated cases expect success, a warning, and valid UTF-8 in every output.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>

#include "io/geopackage_writer.hpp"
#include "io/utf8.hpp"
#include "tests/cli/cli_fixture.hpp"
#include "tests/io/hostile_files.hpp"

namespace phusong {
namespace {

using namespace std::chrono_literals;
using test::CliFixture;
using test::write_file;

struct HostileCase {
    const char* name;
    /// Breaks the fixture; may edit the argument list and keep helpers alive in `keep`.
    /// Returns the expected message, or the part of it that does not depend on GDAL's wording.
    std::function<std::string(CliFixture&, std::vector<std::string>&, std::shared_ptr<void>& keep)> breaks;
};

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

void replace_arg(std::vector<std::string>& args, const std::string& option, const std::string& value) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == option) args[i + 1] = value;
}

/// Replaces `path` by a FIFO; the returned writer unblocks a reader that wrongly opens it
/// after five seconds, so that a regression fails instead of hanging.
std::shared_ptr<void> fifo_instead_of(const std::string& path) {
    std::filesystem::remove(path);
    EXPECT_TRUE(test::make_fifo(path)) << path;
    return std::make_shared<test::FifoWriterAfter>(path, 5000ms);
}

/// The fixture's DEM (200 × 200 pixels of 30 m) with `z` as values and `unit` as band unit.
void rewrite_dem(CliFixture& f, const std::function<double(double, double)>& z, const std::string& unit = "m",
                 std::optional<double> nodata = std::nullopt) {
    test::write_raster(f.dem, 32648, f.centre_x - 3000, f.centre_y + 3000, 30, 200, 200, z, nodata, unit);
}

/// A VRT over the fixture's DEM that declares `size` × `size` pixels.
std::string vrt_declaring(CliFixture& f, const std::string& size) {
    const std::string vrt = f.dir.file("dem.vrt");
    write_file(vrt, R"(<VRTDataset rasterXSize=")" + size + R"(" rasterYSize=")" + size + R"(">
  <SRS>EPSG:32648</SRS>
  <GeoTransform>)" + std::to_string(f.centre_x - 3000) + ", 30, 0, " + std::to_string(f.centre_y + 3000) + R"(, 0, -30</GeoTransform>
  <VRTRasterBand dataType="Float32" band="1">
    <SimpleSource><SourceFilename relativeToVRT="1">dem.tif</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
  </VRTRasterBand>
</VRTDataset>
)");
    return vrt;
}

const HostileCase kRefused[] = {
    {"TowersFromAFifo", [](CliFixture& f, auto&, auto& keep) {
         keep = fifo_instead_of(f.towers);
         return f.towers + ": not a regular file (a FIFO)";
     }},
    {"TowersFromADevice", [](CliFixture&, auto& args, auto&) {
         replace_arg(args, "--towers", "/dev/null");
         return std::string("/dev/null: not a regular file (a character device)");
     }},
    {"DemFromAnEndlessDevice", [](CliFixture&, auto& args, auto&) {
         replace_arg(args, "--dem", "/dev/zero");
         return std::string("/dev/zero: not a regular file (a character device)");
     }},
    {"VillagesFromAFifo", [](CliFixture& f, auto&, auto& keep) {
         keep = fifo_instead_of(f.villages);
         return f.villages + ": not a regular file (a FIFO)";
     }},
    {"TowersFileAboveTheSizeBound", [](CliFixture& f, auto&, auto&) {
         std::filesystem::resize_file(f.towers, std::uintmax_t{600} << 20);  // sparse: nothing on disk
         return f.towers + ": file is 600 MiB, over the 512 MiB limit for text inputs";
     }},
    {"VrtDemDeclaringAbsurdSizes", [](CliFixture& f, auto& args, auto&) {
         const std::string vrt = vrt_declaring(f, "2000000000");
         replace_arg(args, "--dem", vrt);
         return vrt + ": declares 2000000000 × 2000000000 pixels; phusong reads rasters of at most 2^24 (16777216) "
                      "pixels a side and 2^42 in all";
     }},
    {"DemWithInfinitePixels", [](CliFixture& f, auto&, auto&) {
         const double cx = f.centre_x, cy = f.centre_y;
         rewrite_dem(f, [cx, cy](double x, double y) {
             // The 2 × 2 pixels around the centre (pixel centres 15 m from it).
             return std::abs(x - cx) < 16 && std::abs(y - cy) < 16 ? std::numeric_limits<double>::infinity() : 400.0;
         });
         return f.dem + ": 4 pixels are not finite (NaN or infinite, and not the nodata value): elevations must be finite "
                        "numbers; if NaN marks voids, make it the band's nodata value (gdal_edit.py -a_nodata nan)";
     }},
    {"DemInAnUnknownUnit", [](CliFixture& f, auto&, auto&) {
         rewrite_dem(f, [](double, double) { return 2.0; }, "furlong");
         return f.dem + ": band unit 'furlong' is not a unit of elevation phusong knows (m, ft, US survey foot, km)";
     }},
    {"PopulationRasterWithNonFiniteAndNegativePixels", [](CliFixture& f, auto& args, auto&) {
         const std::string people = f.dir.file("people.tif");
         const double west = f.centre_x - 3000, north = f.centre_y + 3000;
         test::write_raster(people, 32648, west, north, 100, 60, 60, [west, north](double x, double y) {
             const int c = static_cast<int>((x - west) / 100), r = static_cast<int>((north - y) / 100);
             const double inf = std::numeric_limits<double>::infinity();
             if (r == 30 && c >= 30 && c < 33) return c == 30 ? inf : c == 31 ? -inf : std::nan("");  // near the centre
             if (r == 31 && c >= 30 && c < 32) return -4.0;
             return 1.5;
         }, -99999.0);
         args.insert(args.end(), {"--population-raster", people});
         return people + ": 3 pixels are not finite and 2 are negative: population must be a finite number >= 0";
     }},
    {"UnclosedRingInACommune", [](CliFixture& f, auto&, auto&) {
         write_file(f.communes, R"({"type":"FeatureCollection","name":"communes","features":[{"type":"Feature",
             "properties":{"name":"Xa Thu","population":535},"geometry":{"type":"Polygon","coordinates":
             [[[103.23,22.33],[103.27,22.33],[103.27,22.37],[103.23,22.37]]]}}]})");
         return f.communes + ": feature 0: geometry: Points of LinearRing do not form a closed linestring";
     }},
    {"SignalRasterWithImpossibleLevels", [](CliFixture& f, auto& args, auto&) {
         // `gaps` reads the signal rasters `coverage` wrote; these were not written by phusong.
         const std::string coverage = f.dir.file("coverage.gpkg");
         const GridSpec grid{100, 100, {f.centre_x - 3000, f.centre_y + 3000, 60.0, 60.0}, "EPSG:32648"};
         Grid<float> g(grid, -90.0f, std::nanf(""));
         g.at(1, 1) = std::numeric_limits<float>::infinity();
         g.at(2, 1) = 180.0f;
         g.at(3, 1) = std::nanf("");  // no cell reaches: fine
         GeoPackageWriter writer(coverage);
         writer.add_raster("signal_3g", g, {"signal_3g", "dBm"});
         writer.commit();
         args = {"gaps", "--coverage", coverage, "--places", f.villages, "--out", f.out, "--quiet"};
         return coverage + ": table signal_3g: 1 pixel is infinite and 1 is outside [-300, 100] dBm: a signal level must "
                           "be a finite number of dBm (NaN where no cell reaches)";
     }},
};

class IoHostile : public ::testing::TestWithParam<HostileCase> {};

TEST_P(IoHostile, ExitsTwoNamingTheFileAndWritesNothing) {
    CliFixture f;
    std::vector<std::string> args = f.analyze_args();
    std::shared_ptr<void> keep;
    const std::string expected = GetParam().breaks(f, args, keep);
    const test::CommandResult r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << "stderr: " << r.err << "\nexpected: " << expected;
    EXPECT_EQ(r.err.find("\n"), r.err.size() - 1) << "one line expected: " << r.err;
    EXPECT_FALSE(std::filesystem::exists(f.out)) << "output folder written despite bad input";
}

INSTANTIATE_TEST_SUITE_P(Refused, IoHostile, ::testing::ValuesIn(kRefused),
                         [](const auto& case_info) { return std::string(case_info.param.name); });

/// Every text output of a run (CSV, JSON, Markdown, QGIS styles) and every text field of its
/// GeoPackage's vector layers is valid UTF-8; returns the first offender, or "".
std::string first_invalid_utf8(const std::string& out) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
        const std::string ext = entry.path().extension().string();
        if (ext == ".csv" || ext == ".json" || ext == ".md" || ext == ".qml")
            if (!is_valid_utf8(test::read_file(entry.path().string()))) return entry.path().string();
        if (ext != ".gpkg") continue;
        GDALAllRegister();
        GDALDatasetUniquePtr ds{GDALDataset::Open(entry.path().c_str(), GDAL_OF_VECTOR)};
        if (!ds) return entry.path().string() + " (cannot open)";
        for (OGRLayer* layer : ds->GetLayers())
            for (auto& feature : *layer)
                for (int i = 0; i < feature->GetFieldCount(); ++i)
                    if (feature->IsFieldSetAndNotNull(i) && !is_valid_utf8(feature->GetFieldAsString(i)))
                        return entry.path().string() + ": layer " + layer->GetName() + ": field " +
                               feature->GetFieldDefnRef(i)->GetNameRef();
    }
    return {};
}

const test::ToleratedCase kTolerated[] = {
    {"InvalidUtf8InVillageNames", [](CliFixture& f, auto&) {
         // "Bản" written in a legacy 8-bit code page: 0xE1 is not UTF-8 there.
         std::string text = test::village_collection({"120", "340", "75"});
         text.replace(text.find("\"V1\""), 4, "\"B\xE1n V1\"");
         write_file(f.villages, text);
         return f.villages + ": feature 1: field 'name': invalid UTF-8 replaced (U+FFFD)";
     }},
    {"InvalidUtf8InTowerOperator", [](CliFixture& f, auto&) {
         write_file(f.towers, std::string(test::kTowerHeader) + "T1,Vi\xEAttel,103.25,22.35,30,3G,2140,58,0,65,4\n"
                                                                "T1,Vi\xEAttel,103.25,22.35,30,4G,1845,58,120,65,4\n");
         return f.towers + ": line 2: field 'operator': invalid UTF-8 replaced (U+FFFD), and in 1 more value";
     }},
    {"DemInKilometresIsConverted", [](CliFixture& f, auto&) {
         const double cx = f.centre_x, cy = f.centre_y;
         rewrite_dem(f, [cx, cy](double x, double y) { return 0.4 + 0.08 * std::sin((x - cx) / 700.0) * std::cos((y - cy) / 900.0); }, "km");
         return f.dem + ": elevations are in kilometres; converted to metres (× 1000)";
     }},
};

class IoHostileTolerated : public ::testing::TestWithParam<test::ToleratedCase> {};

TEST_P(IoHostileTolerated, RunsWarnsAndWritesValidUtf8) {
    CliFixture f;
    std::vector<std::string> args = f.analyze_args();
    std::erase(args, "--quiet");
    const std::string warning = GetParam().changes(f, args);
    const test::CommandResult r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(r.err.find(warning), std::string::npos) << "stderr: " << r.err << "\nexpected: " << warning;
    ASSERT_TRUE(std::filesystem::exists(f.out + "/summary.json"));
    EXPECT_EQ(first_invalid_utf8(f.out), "");
}

INSTANTIATE_TEST_SUITE_P(Tolerated, IoHostileTolerated, ::testing::ValuesIn(kTolerated),
                         [](const auto& case_info) { return std::string(case_info.param.name); });

TEST(IoHostileTolerated, DemInKilometresGivesTheSameResultsAsInMetres) {
    // The same terrain in metres and in kilometres: identical coverage figures.
    auto run = [](const std::string& unit, double scale) {
        CliFixture f;
        const double cx = f.centre_x, cy = f.centre_y;
        rewrite_dem(f, [cx, cy, scale](double x, double y) {
            return scale * (400.0 + 80.0 * std::sin((x - cx) / 700.0) * std::cos((y - cy) / 900.0));
        }, unit);
        const test::CommandResult r = test::run_phusong(f.analyze_args());
        EXPECT_EQ(r.exit_status, 0) << r.err;
        return test::read_file(f.out + "/places.csv");
    };
    const std::string metres = run("m", 1.0);
    EXPECT_FALSE(metres.empty());
    EXPECT_EQ(run("km", 0.001), metres);
}

}  // namespace
}  // namespace phusong
