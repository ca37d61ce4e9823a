// The bad-input catalogue (docs/bad_inputs.md): each case changes one thing in a valid
// scenario and runs the real binary. Refused cases expect exit status 2, a one-line message
// naming file, record and field, and no output folder afterwards; tolerated cases expect
// success with a warning (a repaired geometry, converted units) or silent acceptance.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <sys/mount.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include "tests/cli/cli_fixture.hpp"

namespace phusong {
namespace {

using test::CliFixture;
using test::ToleratedCase;
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

/// A commune GeoJSON (WGS 84) with one feature of the given geometry.
std::string commune_with(const std::string& geometry) {
    return R"({"type":"FeatureCollection","name":"communes","features":[{"type":"Feature","properties":{"name":"Xa Thu","population":535},"geometry":)" +
           geometry + "}]}";
}

/// A square around the fixture's centre in WGS 84, as GeoJSON ring coordinates.
std::string square(double half_deg, double dx = 0.0) {
    auto pt = [](double lon, double lat) { return "[" + std::to_string(lon) + "," + std::to_string(lat) + "]"; };
    const double w = 103.25 - half_deg + dx, e = 103.25 + half_deg + dx, s = 22.35 - half_deg, n = 22.35 + half_deg;
    return "[" + pt(w, s) + "," + pt(e, s) + "," + pt(e, n) + "," + pt(w, n) + "," + pt(w, s) + "]";
}

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
         return std::string("{villages}: feature 1: field 'population': value -5 is out of range [0, 1000000000]");
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
         return std::string("{towers}: line 2: field 'lon': tower 'T9' at (103.289, 22.35) lies outside the DEM {dem}");
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
         replace_arg(args, "--resolution-m", "fine");
         return std::string("the argument ('fine') for option '--resolution-m' is invalid");
     }},
    {"RadiusNeitherNumberNorAuto", [](CliFixture&, auto& args) {
         replace_arg(args, "--radius-km", "far");
         return std::string("--radius-km: 'far' is neither a range in km nor auto");
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
    {"SemicolonDelimiter", [](CliFixture& f, auto&) {
         write_file(f.towers, "site_id;operator;lon;lat;height_m;tech;freq_mhz;eirp_dbm\nT1;Viettel;103.25;22.35;30;3G;2140;58\n");
         return std::string("{towers}: line 1: header has no commas: columns must be separated by ',' (found ';' or tab)");
     }},
    {"NanCoordinate", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,nan,30,3G,2140,58,0,65,4"));
         return std::string("{towers}: line 2: field 'lat': 'nan' is not a finite number");
     }},
    {"InfiniteHeight", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,22.35,inf,3G,2140,58,0,65,4"));
         return std::string("{towers}: line 2: field 'height_m': 'inf' is not a finite number");
     }},
    {"SiteIdAtTwoPositions", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,22.35,30,3G,2140,58,0,65,4") + "T1,Viettel,103.26,22.35,30,4G,1845,58,0,65,4\n");
         return std::string("{towers}: line 3: field 'site_id': site 'T1' already appears at a different position ({towers}: line 2)");
     }},
    {"DuplicateCell", [](CliFixture& f, auto&) {
         write_file(f.towers, tower_row("T1,Viettel,103.25,22.35,30,3G,2140,58,0,65,4") + "T1,Viettel,103.25,22.35,30,3G,2140,58,0,65,4\n");
         return std::string("{towers}: line 3: field 'site_id': duplicate cell");
     }},
    {"EmptyPolygonCommune", [](CliFixture& f, auto&) {
         write_file(f.communes, commune_with(R"({"type":"Polygon","coordinates":[]})"));
         return std::string("{communes}: feature 0: geometry is missing or empty");
     }},
    {"ZeroByteDem", [](CliFixture& f, auto&) {
         write_file(f.dem, "");
         return std::string("{dem}: cannot read as a raster");
     }},
    {"TruncatedGeoTiff", [](CliFixture& f, auto&) {
         std::filesystem::resize_file(f.dem, std::filesystem::file_size(f.dem) / 3);
         return std::string("{dem}: cannot resample onto the analysis grid: ");
     }},
    {"CandidateWithLatAndLonSwapped", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("candidates.csv"), "candidate_id,lon,lat\nC1,22.35,103.25\n");
         args.insert(args.end(), {"--candidates", f.dir.file("candidates.csv")});
         return f.dir.file("candidates.csv") + ": line 2: field 'lat': value 103.25 is out of range [-90, 90]";
     }},
    {"CandidateIdTwice", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("candidates.csv"), "candidate_id,lon,lat\nC1,103.25,22.35\nC1,103.26,22.35\n");
         args.insert(args.end(), {"--candidates", f.dir.file("candidates.csv")});
         return f.dir.file("candidates.csv") + ": line 3: field 'candidate_id': duplicate id 'C1'";
     }},
    {"TargetOutsideASection", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("targets.ini"), "min = 0.9\n");
         args.insert(args.end(), {"--targets", f.dir.file("targets.ini")});
         return f.dir.file("targets.ini") + ": line 1: 'min = 0.9' is outside any [metric] section";
     }},
    {"TargetForAnUnknownMetric", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("targets.ini"), "# plan\n[villages_with_6g_share]\nmin = 0.9\n");
         args.insert(args.end(), {"--targets", f.dir.file("targets.ini")});
         return f.dir.file("targets.ini") + ": line 2: unknown metric 'villages_with_6g_share'";
     }},
    {"ProfileWithUnevenSpacing", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("profile.csv"), "distance_m,elevation_m\n0,100\n100,120\n250,90\n");
         args = {"pathloss", "--profile", f.dir.file("profile.csv"), "--freq-mhz", "900", "--tx-height-m", "30", "--rx-height-m", "1.5"};
         return f.dir.file("profile.csv") + ": line 4: field 'distance_m': spacing must be uniform";
     }},
    {"UnreadablePopulationRaster", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("people.tif"), "not a raster");
         args.insert(args.end(), {"--population-raster", f.dir.file("people.tif")});
         return f.dir.file("people.tif") + ": cannot read as a raster";
     }},
    {"OutputPathIsAFile", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("taken"), "x");
         replace_arg(args, "--out", f.dir.file("taken") + "/out");
         f.out = f.dir.file("taken") + "/out";
         return std::string("is not a folder");
     }},
    {"OutputIsAnInput", [](CliFixture& f, auto& args) {
         replace_arg(args, "--out", f.towers);
         f.out = f.dir.file("summary.json");  // nothing may be written beside the inputs either
         return "--out " + f.towers + " is the --towers input";
     }},
    {"OutputFolderHoldsTheInputs", [](CliFixture& f, auto& args) {
         replace_arg(args, "--out", f.dir.file("."));
         f.out = f.dir.file("summary.json");
         return "contains the --towers input " + f.towers;
     }},
    {"ConformalButFarFromTrueScaleCrs", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--crs", "EPSG:3857"});
         return std::string("--crs: EPSG:3857 distorts distances by 8.7% at 103.23, 22.33 (limit 1.0%)");
     }},
    {"DistrictFieldAbsent", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--district-field", "huyen"});
         return std::string("{communes}: field 'huyen': no such field (--district-field); fields are: name, population");
     }},
    {"VillageOffTheDem", [](CliFixture& f, auto&) {
         // Latitude typed 22.53 for 22.35: 20 km north of the 6 km DEM.
         write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[{"type":"Feature","properties":{"name":"Ban Na","population":80},"geometry":{"type":"Point","coordinates":[103.25,22.53]}}]})");
         return std::string("{villages}: feature 0: 'Ban Na' at (103.25, 22.53) lies outside the DEM {dem}");
     }},
    {"FarAwayVillageMakesTheGridHuge", [](CliFixture& f, auto& args) {
         // A village at lat 2.35 and one at lon 93.25: a grid 1,000 x 2,200 km.
         write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
            {"type":"Feature","properties":{"name":"A","population":1},"geometry":{"type":"Point","coordinates":[103.24,22.34]}},
            {"type":"Feature","properties":{"name":"B","population":1},"geometry":{"type":"Point","coordinates":[103.25,2.35]}},
            {"type":"Feature","properties":{"name":"C","population":1},"geometry":{"type":"Point","coordinates":[103.26,22.36]}},
            {"type":"Feature","properties":{"name":"D","population":1},"geometry":{"type":"Point","coordinates":[93.25,22.35]}},
            {"type":"Feature","properties":{"name":"E","population":1},"geometry":{"type":"Point","coordinates":[103.25,22.35]}}]})");
         std::erase(args, "--communes");
         std::erase(args, f.communes);
         replace_arg(args, "--resolution-m", "30");
         return std::string("{villages}: feature 1 lies 22");
     }},
    {"ProfileShorterThanAWavelength", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("profile.csv"), "distance_m,elevation_m\n0,100\n0.001,100\n");
         args = {"pathloss", "--model", "fspl", "--profile", f.dir.file("profile.csv"), "--freq-mhz", "1845", "--tx-height-m", "30", "--rx-height-m", "1.5"};
         // λ = c / f = 299792458 / 1.845e9 = 0.162 m.
         return f.dir.file("profile.csv") + ": field 'distance_m': the path is 0.001 m long, shorter than one wavelength (0.162 m at 1845 MHz)";
     }},
    {"AntennaHigherThanAnyMast", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("profile.csv"), "distance_m,elevation_m\n0,100\n1000,100\n");
         args = {"pathloss", "--model", "hata", "--profile", f.dir.file("profile.csv"), "--freq-mhz", "900", "--tx-height-m", "1e9", "--rx-height-m", "1.5"};
         return std::string("--tx-height-m must be in (0, 3000] m, not 1000000000");
     }},
    {"AxesNotEastAndNorth", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--crs", "+proj=utm +zone=48 +datum=WGS84 +units=m +axis=wsu +type=crs"});
         return std::string("its axes do not point east and north");
     }},
    {"HataReceiverFarAboveItsRange", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--model", "hata", "--rx-height-m", "100"});
         return std::string("--rx-height-m must be in [1, 10] m for --model hata (the mobile heights the Hata formulas were fitted to), not 100");
     }},
    {"NegativeThreads", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--threads", "-1"});
         return std::string("--threads must be in [1, 256], not -1");
     }},
    {"PlaceBeyondLongitude180", [](CliFixture& f, auto&) {
         write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[{"type":"Feature","properties":{"name":"Ban Xa","population":80},"geometry":{"type":"Point","coordinates":[283.25,22.35]}}]})");
         return std::string("{villages}: feature 0: 'Ban Xa' reaches longitude 283.25, latitude 22.35, outside [-180, 180] x [-90, 90]");
     }},
    {"InputGivenAloneIsNotCompletedFromTheDemo", [](CliFixture& f, auto& args) {
         args = {"analyze", "--villages", f.villages, "--out", f.out, "--quiet"};
         return std::string("analyze: --towers is required");
     }},
    {"ConfigFileWithSections", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("run.ini"), "[analyze]\nmargin-db = 3\n");
         args.insert(args.end(), {"--config", f.dir.file("run.ini")});
         return f.dir.file("run.ini") + ": line 1: sections are not used";
     }},
    {"ConfigFileOptionTwice", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("run.ini"), "margin-db = 3\nselect = 4\nmargin-db = 5\n");
         args.insert(args.end(), {"--config", f.dir.file("run.ini")});
         return f.dir.file("run.ini") + ": line 3: option 'margin-db' given twice (first at line 1)";
     }},
    {"ConfigFileValueRefusedByALaterStep", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("run.ini"), "\xEF\xBB\xBF# byte-order mark first\ncrs = EPSG:3857\n");
         args.insert(args.end(), {"--config", f.dir.file("run.ini")});
         return f.dir.file("run.ini") + ": line 2: --crs: EPSG:3857 distorts distances by 8.7%";
     }},
    {"LinkBudgetMalformed", [](CliFixture&, auto& args) {
         args.insert(args.end(), {"--link-budget", "4g.threshold=-110"});
         return std::string("--link-budget: '4g.threshold=-110': unknown field 'threshold'");
     }},
    {"ConfigFileUnknownOption", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("run.ini"), "# my run\ncolour = red\n");
         args.insert(args.end(), {"--config", f.dir.file("run.ini")});
         return f.dir.file("run.ini") + ": line 2: unknown option 'colour'";
     }},
    {"ConfigFileValueNotANumber", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("run.ini"), "margin-db = 3\nselect = many\n");
         args.insert(args.end(), {"--config", f.dir.file("run.ini")});
         return f.dir.file("run.ini") + ": line 2: the argument ('many') for option 'select' is invalid";
     }},
    {"ConfigFileValueOutOfRange", [](CliFixture& f, auto& args) {
         write_file(f.dir.file("run.ini"), "\nmargin-db = 80\n");
         args.insert(args.end(), {"--config", f.dir.file("run.ini")});
         return f.dir.file("run.ini") + ": line 2: --margin-db must be in [-50, 50], not 80";
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

const ToleratedCase kTolerated[] = {
    {"TowersWithBomAndCrlf", [](CliFixture& f, auto&) {
         std::string text = "\xEF\xBB\xBF" + tower_row("T1,Viettel,103.25,22.35,30,3G,2140,58,0,65,4");
         for (auto pos = text.find('\n'); pos != std::string::npos; pos = text.find('\n', pos + 2)) text.replace(pos, 1, "\r\n");
         write_file(f.towers, text);
         return std::string();
     }},
    {"SelfIntersectingCommuneIsRepaired", [](CliFixture& f, auto&) {
         // A bow-tie: the ring crosses itself in the middle.
         write_file(f.communes, commune_with(R"({"type":"Polygon","coordinates":[[[103.23,22.33],[103.27,22.37],[103.27,22.33],[103.23,22.37],[103.23,22.33]]]})"));
         return std::string("invalid polygon repaired");
     }},
    {"MultiPolygonCommune", [](CliFixture& f, auto&) {
         write_file(f.communes, commune_with(R"({"type":"MultiPolygon","coordinates":[[)" + square(0.008) + "],[" + square(0.004, 0.015) + "]]}"));
         return std::string();
     }},
    {"VillagesInAnotherCrs", [](CliFixture& f, auto& args) {
         const std::string utm = f.dir.file("villages_utm.geojson");
         write_file(utm, R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32648"}},"features":[{"type":"Feature","properties":{"name":"V","population":50},"geometry":{"type":"Point","coordinates":[)" +
                             std::to_string(f.centre_x + 300) + "," + std::to_string(f.centre_y) + "]}}]}");
         replace_arg(args, "--villages", utm);
         return std::string();
     }},
    {"DemInFeetIsConverted", [](CliFixture& f, auto&) {
         test::write_raster(f.dem, 32648, f.centre_x - 3000, f.centre_y + 3000, 30, 200, 200, [](double, double) { return 1000.0; }, std::nullopt, "ft");
         return "note: " + f.dem + ": elevations are in feet; converted to metres (× 0.3048)";
     }},
};

class Tolerated : public ::testing::TestWithParam<ToleratedCase> {};

TEST_P(Tolerated, RunsAndSaysWhatItRepaired) {
    CliFixture f;
    std::vector<std::string> args = f.analyze_args();
    std::erase(args, "--quiet");
    const std::string warning = GetParam().changes(f, args);
    const test::CommandResult r = test::run_phusong(args);
    EXPECT_EQ(r.exit_status, 0) << r.err;
    if (!warning.empty()) {
        EXPECT_NE(r.err.find(warning), std::string::npos) << r.err;
    }
    EXPECT_TRUE(std::filesystem::exists(f.out + "/summary.json"));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Tolerated, ::testing::ValuesIn(kTolerated),
                         [](const auto& case_info) { return std::string(case_info.param.name); });

bool holds_files(const std::string& dir) {
    if (!std::filesystem::exists(dir)) return false;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file()) return true;
    return false;
}

TEST(Catalogue, FullDiskLeavesNothingHalfWritten) {
    CliFixture f;
    const std::string mount_point = f.dir.file("tiny");
    std::filesystem::create_directories(mount_point);
    if (::mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=48k") != 0)
        GTEST_SKIP() << "cannot mount a tiny tmpfs here (needs root and CAP_SYS_ADMIN): " << std::strerror(errno);
    std::vector<std::string> args = f.analyze_args();
    replace_arg(args, "--out", mount_point + "/out");
    const test::CommandResult r = test::run_phusong(args);
    const bool leftovers = holds_files(mount_point);
    ::umount(mount_point.c_str());
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("cannot write the results into " + mount_point + "/out"), std::string::npos) << r.err;
    EXPECT_FALSE(leftovers) << "partial outputs left on the full disk";
}

TEST(Catalogue, ReadOnlyOutputFolder) {
    if (::geteuid() == 0) GTEST_SKIP() << "running as root, which may write into read-only folders: case not testable here";
    CliFixture f;
    const std::string locked = f.dir.file("locked");
    std::filesystem::create_directories(locked);
    std::filesystem::permissions(locked, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    std::vector<std::string> args = f.analyze_args();
    replace_arg(args, "--out", locked + "/out");
    const test::CommandResult r = test::run_phusong(args);
    std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("is not writable"), std::string::npos) << r.err;
}

TEST(Catalogue, InterruptedRunLeavesNoOutputs) {
    // The demo district at 60 m takes several seconds: SIGINT arrives mid-run.
    const std::filesystem::path demo = std::filesystem::path(PHUSONG_SOURCE_DIR) / "datasets/demo";
    if (!std::filesystem::exists(demo / "generated/terrain.tif")) GTEST_SKIP() << "demo scenario not generated (make demo-data)";
    test::ScratchDir dir;
    const std::string out = dir.file("out");
    const test::CommandResult r = test::run_phusong(
        {"analyze", "--config", (demo / "analyze.ini").string(), "--resolution-m", "60", "--out", out, "--quiet"}, {}, 2.0);
    EXPECT_EQ(r.exit_status, 128 + SIGINT) << "the run finished before the interrupt: " << r.err;
    EXPECT_FALSE(holds_files(out)) << "partial outputs left after SIGINT";
}

TEST(Catalogue, CoverageOutNamingTheDemKeepsIt) {
    CliFixture f;
    // The DEM as a GeoPackage raster, then `coverage --out` naming that very file.
    const std::string dem = f.dir.file("dem.gpkg");
    {
        GDALAllRegister();
        GDALDatasetUniquePtr src{GDALDataset::Open(f.dem.c_str(), GDAL_OF_RASTER)};
        GDALDatasetUniquePtr dst{GetGDALDriverManager()->GetDriverByName("GPKG")->CreateCopy(dem.c_str(), src.get(), false, nullptr, nullptr, nullptr)};
        ASSERT_TRUE(dst);
    }
    const std::string before = test::read_file(dem);
    const test::CommandResult r = test::run_phusong({"coverage", "--towers", f.towers, "--dem", dem, "--out", dem, "--radius-km", "3", "--resolution-m", "60", "--quiet"});
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("--out " + dem + " is the --dem input"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(dem), before) << "the DEM was changed";
}

TEST(Catalogue, RerunIntoTheSameFolderRemovesOnlyItsOwnStaleFiles) {
    // A `rank` run writes candidates.csv; an `analyze` run into the same folder without
    // candidates removes it (listed in .phusong-outputs) but keeps the user's own files.
    CliFixture f;
    write_file(f.dir.file("candidates.csv"), "candidate_id,name,lon,lat,height_m,tech,cost\nC1,Hill,103.26,22.36,30,4G,1\n");
    std::vector<std::string> args = f.analyze_args();
    args.insert(args.end(), {"--candidates", f.dir.file("candidates.csv")});
    ASSERT_EQ(test::run_phusong(args).exit_status, 0);
    ASSERT_TRUE(std::filesystem::exists(f.out + "/candidates.csv"));
    write_file(f.out + "/notes.txt", "mine");
    ASSERT_EQ(test::run_phusong(f.analyze_args()).exit_status, 0);
    EXPECT_FALSE(std::filesystem::exists(f.out + "/candidates.csv")) << "stale output of the previous run";
    EXPECT_TRUE(std::filesystem::exists(f.out + "/notes.txt"));
    EXPECT_TRUE(std::filesystem::exists(f.out + "/summary.json"));
}

TEST(Catalogue, MapNamingItsOwnDemIsRefused) {
    CliFixture f;
    ASSERT_EQ(test::run_phusong(f.analyze_args()).exit_status, 0);
    std::filesystem::create_directories(f.dir.file("maps"));
    std::filesystem::copy_file(f.dem, f.dir.file("maps/map_3g.png"));
    const std::string before = test::read_file(f.dir.file("maps/map_3g.png"));
    const test::CommandResult r = test::run_phusong({"map", "--gpkg", f.out + "/phusong.gpkg", "--dem", f.dir.file("maps/map_3g.png"),
                                                     "--out", f.dir.file("maps"), "--quiet"});
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("is the --dem input"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(f.dir.file("maps/map_3g.png")), before) << "the DEM was overwritten";
}

TEST(Catalogue, FailedMapLeavesNoFolder) {
    CliFixture f;
    std::vector<std::string> args = f.analyze_args();
    args.insert(args.end(), {"--tech", "4g"});
    ASSERT_EQ(test::run_phusong(args).exit_status, 0);
    // A GeoPackage with a signal raster but no dead-zone layer: `map` cannot draw it.
    const test::CommandResult cov = test::run_phusong({"coverage", "--towers", f.towers, "--dem", f.dem, "--out", f.dir.file("cov.gpkg"),
                                                       "--radius-km", "3", "--resolution-m", "60", "--tech", "4g", "--quiet"});
    ASSERT_EQ(cov.exit_status, 0) << cov.err;
    const test::CommandResult r = test::run_phusong({"map", "--gpkg", f.dir.file("cov.gpkg"), "--out", f.dir.file("maps"), "--quiet"});
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_NE(r.err.find("field 'dead_zones_4g': no such layer"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(f.dir.file("maps"))) << "an empty folder was left behind";
}

TEST(Usage, HelpShowsDefaultsAsPeopleWriteThem) {
    const test::CommandResult r = test::run_phusong({"analyze", "--help"});
    EXPECT_EQ(r.exit_status, 0);
    EXPECT_NE(r.out.find("--sigma arg (=0.005)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("0000000"), std::string::npos) << "a default printed with binary rounding noise";
}

TEST(Usage, UnknownCommandAndNoCommand) {
    EXPECT_EQ(test::run_phusong({"frobnicate"}).exit_status, 2);
    EXPECT_EQ(test::run_phusong({}).exit_status, 2);
}

}  // namespace
}  // namespace phusong
