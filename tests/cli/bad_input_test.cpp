// The bad-input catalogue of issue 3: each case changes one thing in a valid scenario,
// runs the real binary, and expects exit status 2, a message naming file, record and
// field, and no output folder afterwards.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <cstring>
#include <functional>

#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

using test::CliFixture;
using test::write_file;

struct BadInputCase {
    const char* name;
    /// Breaks the fixture; may edit the argument list. Returns the expected message part,
    /// with {towers}, {dem}, {villages}, {communes} replaced by the paths.
    std::function<std::string(CliFixture&, std::vector<std::string>&)> breaks;
};

void PrintTo(const BadInputCase& c, std::ostream* os) { *os << c.name; }

std::string expand(std::string text, const CliFixture& f) {
    const std::pair<const char*, const std::string*> keys[] = {
        {"{towers}", &f.towers}, {"{dem}", &f.dem}, {"{villages}", &f.villages}, {"{communes}", &f.communes}};
    for (const auto& [key, value] : keys)
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key)) text.replace(pos, std::strlen(key), *value);
    return text;
}

void replace_arg(std::vector<std::string>& args, const std::string& option, const std::string& value) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == option) args[i + 1] = value;
}

std::string tower_row(const std::string& row) { return std::string(test::kTowerHeader) + row + "\n"; }

const BadInputCase kCases[] = {
    {"MissingTowersFile", [](CliFixture& f, auto& args) {
         replace_arg(args, "--towers", f.dir.file("nope.csv"));
         return f.dir.file("nope.csv") + ": file not found";
     }},
    {"MissingDemFile", [](CliFixture& f, auto& args) {
         replace_arg(args, "--dem", f.dir.file("nope.tif"));
         return f.dir.file("nope.tif") + ": file not found";
     }},
    {"UnreadableRaster", [](CliFixture& f, auto&) {
         write_file(f.dem, "GIF89a not really a raster");
         return std::string("{dem}: cannot read as a raster");
     }},
    {"DemOfAllNodata", [](CliFixture& f, auto&) {
         test::write_raster(f.dem, 32648, f.centre_x - 3000, f.centre_y + 3000, 30, 200, 200, [](double, double) { return -9999.0; }, -9999.0);
         return std::string("{dem}: DEM has no valid elevation within the analysis area");
     }},
    {"WrongColumnCount", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,22.35,30,3G,2140,58,0,65,4") + "T2,VNPT,103.26,22.35\n");
         return std::string("{towers}: line 3: expected 11 columns as in the header, found 4");
     }},
    {"NonNumericCoordinate", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,22.3x,30,3G,2140,58,0,65,4"));
         return std::string("{towers}: line 2: field 'lat': '22.3x' is not a number");
     }},
    {"OutOfRangeCoordinate", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,22.35,103.25,30,3G,2140,58,0,65,4"));
         return std::string("{towers}: line 2: field 'lat': value 103.25 is out of range [-90, 90]");
     }},
    {"NegativeHeight", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,22.35,-30,3G,2140,58,0,65,4"));
         return std::string("{towers}: line 2: field 'height_m': value -30 is out of range [0, 1000]");
     }},
    {"FrequencyOutOfRange", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,22.35,30,3G,214000000,58,0,65,4"));
         return std::string("{towers}: line 2: field 'freq_mhz': value 214000000 is out of range [20, 100000]");
     }},
    {"UnknownTechnology", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,22.35,30,LTE-A,2140,58,0,65,4"));
         return std::string("{towers}: line 2: field 'tech': unknown technology 'LTE-A' (expected 2G, 3G, 4G or 5G)");
     }},
    {"EmptyTowersFile", [](CliFixture& f, auto&) {
         write_file(f.towers, "");
         return std::string("{towers}: file is empty");
     }},
    {"EmptyPlacesLayer", [](CliFixture& f, auto&) {
         write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[]})");
         return std::string("{villages}: layer 'villages' is empty");
     }},
    {"PlaceWithoutPopulation", [](CliFixture& f, auto&) {
         write_file(f.villages, test::village_collection({"120", "null"}));
         return std::string("{villages}: feature 1: field 'population': population is missing");
     }},
    {"PlaceWithNegativePopulation", [](CliFixture& f, auto&) {
         write_file(f.villages, test::village_collection({"120", "-5"}));
         return std::string("{villages}: feature 1: field 'population': value -5 is out of range [0, 1e+09]");
     }},
    {"PopulationFieldAbsent", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--village-population-field", "pop2019"});
         return std::string("{villages}: field 'pop2019': no such field; fields are: name, population");
     }},
    {"CrsLessVectorData", [](CliFixture& f, auto& args) {
         GDALAllRegister();
         GDALDatasetUniquePtr src{GDALDataset::Open(f.villages.c_str(), GDAL_OF_VECTOR)};
         const std::string shp = f.dir.file("villages_nocrs.shp");
         GDALDatasetUniquePtr dst{GetGDALDriverManager()->GetDriverByName("ESRI Shapefile")->CreateCopy(shp.c_str(), src.get(), false, nullptr, nullptr, nullptr)};
         dst.reset();
         std::filesystem::remove(f.dir.file("villages_nocrs.prj"));
         replace_arg(args, "--villages", shp);
         return shp + ": layer 'villages_nocrs' has no CRS";
     }},
    {"DemNotCoveringTheTowers", [](CliFixture& f, auto&) {
         // 4 km east: outside the 6 km DEM but within the 3 km radius of the commune.
         write_file(f.towers, tower_row("T9,Viettel,103.289,22.35,30,3G,2140,58,0,65,4"));
         return std::string("{towers}: line 2: field 'lon': tower 'T9' at (103.289000, 22.350000) is not covered by the DEM {dem}");
     }},
    {"CommunesThatArePoints", [](CliFixture& f, auto& args) {
         replace_arg(args, "--communes", f.villages);
         return std::string("{villages}: communes must be polygons");
     }},
    {"UnknownTechnologyOption", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--tech", "3g,6g"});
         return std::string("--tech: unknown technology '6g'");
     }},
    {"UnknownOption", [](CliFixture&, auto& args) {
         args.push_back("--colour");
         return std::string("unrecognised option '--colour'");
     }},
    {"NonNumericOption", [](CliFixture&, auto& args) {
         replace_arg(args, "--radius-km", "far");
         return std::string("the argument ('far') for option '--radius-km' is invalid");
     }},
    {"CrsInFeet", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--crs", "EPSG:2227"});
         return std::string("--crs: the analysis CRS must have axes in metres: EPSG:2227 does not");
     }},
    {"GeographicCrs", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--crs", "EPSG:4326"});
         return std::string("--crs: the analysis CRS must be projected (metres), not EPSG:4326");
     }},
    {"OptionOutOfRange", [](CliFixture&, auto& args) {
         replace_arg(args, "--resolution-m", "-30");
         return std::string("--resolution-m must be in [");
     }},
};

class BadInput : public ::testing::TestWithParam<BadInputCase> {};

TEST_P(BadInput, ExitsTwoWithAClearMessageAndWritesNothing) {
    CliFixture f;
    std::vector<std::string> args = f.analyze_args();
    const std::string expected = expand(GetParam().breaks(f, args), f);
    const test::CommandResult r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << "stderr: " << r.err << "\nexpected: " << expected;
    EXPECT_EQ(r.err.find("\n"), r.err.size() - 1) << "one line expected: " << r.err;
    EXPECT_FALSE(std::filesystem::exists(f.out)) << "output folder written despite bad input";
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(kCases),
                         [](const auto& case_info) { return std::string(case_info.param.name); });

TEST(Usage, UnknownCommandAndNoCommand) {
    EXPECT_EQ(test::run_phusong({"frobnicate"}).exit_status, 2);
    EXPECT_EQ(test::run_phusong({}).exit_status, 2);
}

}  // namespace
}  // namespace phusong
