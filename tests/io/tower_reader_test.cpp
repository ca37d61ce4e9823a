#include "io/tower_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "geo/errors.hpp"
#include "tests/io/hostile_files.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using test::ScratchDir;
using test::write_file;

constexpr const char* kHeader =
    "site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm,azimuth_deg,beamwidth_deg,downtilt_deg\n";

std::string error_of(const std::string& path, const TowerDefaults& d = {}) {
    try {
        read_towers(path, d);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(TowerReader, PhusongSchemaWithSectorsAndOmni) {
    ScratchDir dir;
    const std::string path = dir.file("towers.csv");
    write_file(path, std::string(kHeader) +
                         "LC001,Viettel,103.31,22.37,30,3G,2140,58,0,65,4\n"
                         "LC001,Viettel,103.31,22.37,30,4g,1845,58,120,65,2\n"
                         "LC002,VNPT,103.40,22.30,25,3G,2140,55,,,\n");
    const TowerInventory inv = read_towers(path);
    EXPECT_EQ(inv.format, "phusong-csv");
    ASSERT_EQ(inv.cells.size(), 3u);
    EXPECT_EQ(inv.cells[1].technology, Technology::G4);
    EXPECT_DOUBLE_EQ(inv.cells[1].azimuth->value(), 120.0);
    EXPECT_DOUBLE_EQ(inv.cells[0].downtilt.value(), 4.0);
    EXPECT_FALSE(inv.cells[2].azimuth);  // omni
    EXPECT_DOUBLE_EQ(inv.cells[2].location.lat, 22.30);
    EXPECT_EQ(inv.cells[2].origin, path + ": line 4");
}

TEST(TowerReader, TxPowerPlusGainMakesEirp) {
    ScratchDir dir;
    const std::string path = dir.file("t.csv");
    write_file(path, "site_id,lon,lat,height_m,tech,freq_mhz,tx_power_dbm,antenna_gain_dbi\n"
                     "S1,103.3,22.4,30,3G,2140,43,17.5\n");
    EXPECT_DOUBLE_EQ(read_towers(path).cells[0].eirp.value(), 60.5);  // 43 dBm + 17.5 dBi
}

TEST(TowerReader, OpenCellIdWithHeaderUsesDefaults) {
    // A tiny sample in the OpenCellID cell_towers.csv layout (Vietnam MCC 452).
    ScratchDir dir;
    const std::string path = dir.file("cell_towers.csv");
    write_file(path,
               "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\n"
               "UMTS,452,4,10501,123456,,103.4512,22.3967,1000,12,1,1459692444,1520000000,0\n"
               "LTE,452,4,10501,9876543,,103.4600,22.4001,2000,5,1,1459692444,1520000000,0\n"
               "GSM,452,2,301,3101,,103.1201,22.3001,3000,20,1,1459692444,1520000000,0\n"
               "CDMA,452,9,1,1,,103.1,22.3,1000,1,1,1459692444,1520000000,0\n");
    TowerDefaults d;
    d.apply("3g.freq_mhz=2125");
    d.apply("4G.eirp_dbm=60");
    const TowerInventory inv = read_towers(path, d);
    EXPECT_EQ(inv.format, "opencellid");
    ASSERT_EQ(inv.cells.size(), 3u);
    EXPECT_EQ(inv.skipped_records, 1u);
    EXPECT_EQ(inv.cells[0].site_id, "452-4-10501-123456");
    EXPECT_EQ(inv.cells[0].technology, Technology::G3);
    EXPECT_DOUBLE_EQ(inv.cells[0].frequency.value(), 2125.0);       // overridden
    EXPECT_DOUBLE_EQ(inv.cells[1].eirp.value(), 60.0);              // overridden
    EXPECT_DOUBLE_EQ(inv.cells[2].frequency.value(), 900.0);        // 2G default
    EXPECT_DOUBLE_EQ(inv.cells[2].antenna_height.value(), 30.0);
    EXPECT_EQ(inv.cells[2].technology, Technology::G2);
}

TEST(TowerReader, OpenCellIdWithoutHeader) {
    ScratchDir dir;
    const std::string path = dir.file("ocid.csv");
    write_file(path, "NR,452,4,10501,42,,103.45,22.39,1000,12,1,1459692444,1520000000,0\n");
    const TowerInventory inv = read_towers(path);
    ASSERT_EQ(inv.cells.size(), 1u);
    EXPECT_EQ(inv.cells[0].technology, Technology::G5);
    EXPECT_EQ(inv.cells[0].origin, path + ": line 1");
}

TEST(TowerReader, OgrPointLayer) {
    ScratchDir dir;
    const std::string path = dir.file("towers.geojson");
    write_file(path, R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"site_id":"G1","operator":"MobiFone","height_m":35,"tech":"4G","freq_mhz":1845,"eirp_dbm":57,"azimuth_deg":90},
  "geometry":{"type":"Point","coordinates":[103.2,22.5]}}]})");
    const TowerInventory inv = read_towers(path);
    EXPECT_EQ(inv.format, "ogr");
    ASSERT_EQ(inv.cells.size(), 1u);
    EXPECT_DOUBLE_EQ(inv.cells[0].location.lon, 103.2);
    EXPECT_DOUBLE_EQ(inv.cells[0].azimuth->value(), 90.0);
}

struct BadTowerCase {
    const char* name;
    const char* rows;
    const char* expected_message;
};

void PrintTo(const BadTowerCase& c, std::ostream* os) { *os << c.name; }

class BadTowers : public ::testing::TestWithParam<BadTowerCase> {};

TEST_P(BadTowers, NameFileLineAndField) {
    ScratchDir dir;
    const std::string path = dir.file("towers.csv");
    write_file(path, std::string(kHeader) + GetParam().rows);
    EXPECT_EQ(error_of(path), path + GetParam().expected_message);
}

INSTANTIATE_TEST_SUITE_P(
    TowerReader, BadTowers,
    ::testing::Values(
        BadTowerCase{"NonNumericLat", "S1,V,103.3,abc,30,3G,2140,58,,,\n", ": line 2: field 'lat': 'abc' is not a number"},
        BadTowerCase{"SwappedLonLat", "S1,V,22.4,103.2,30,3G,2140,58,,,\n",
                     ": line 2: field 'lat': value 103.2 is out of range [-90, 90]"},
        BadTowerCase{"LonOutOfRange", "S1,V,203.3,22.4,30,3G,2140,58,,,\n",
                     ": line 2: field 'lon': value 203.3 is out of range [-180, 180]"},
        BadTowerCase{"NegativeHeight", "S1,V,103.3,22.4,-5,3G,2140,58,,,\n",
                     ": line 2: field 'height_m': value -5 is out of range [0, 1000]"},
        BadTowerCase{"ZeroHeight", "S1,V,103.3,22.4,0,3G,2140,58,,,\n",
                     ": line 2: field 'height_m': antenna height must be above ground (> 0)"},
        BadTowerCase{"FrequencyTooLow", "S1,V,103.3,22.4,30,3G,5,58,,,\n",
                     ": line 2: field 'freq_mhz': value 5 is out of range [20, 100000]"},
        BadTowerCase{"UnknownTechnology", "S1,V,103.3,22.4,30,6G,2140,58,,,\n",
                     ": line 2: field 'tech': unknown technology '6G' (expected 2G, 3G, 4G or 5G)"},
        BadTowerCase{"MissingEirp", "S1,V,103.3,22.4,30,3G,2140,,,,\n",
                     ": line 2: field 'eirp_dbm': value is missing (give eirp_dbm, or tx_power_dbm and antenna_gain_dbi)"},
        BadTowerCase{"WrongColumnCount", "S1,V,103.3,22.4,30,3G\n", ": line 2: expected 11 columns as in the header, found 6"},
        BadTowerCase{"AzimuthOutOfRange", "S1,V,103.3,22.4,30,3G,2140,58,400,65,2\n",
                     ": line 2: field 'azimuth_deg': value 400 is out of range [0, 360]"},
        BadTowerCase{"DuplicateCell", "S1,V,103.3,22.4,30,3G,2140,58,0,65,2\nS1,V,103.3,22.4,30,3G,2140,58,0,65,4\n",
                     ": line 3: field 'site_id': duplicate cell (same site, technology, azimuth and frequency)"}),
    [](const auto& case_info) { return std::string(case_info.param.name); });

TEST(TowerReader, SiteMovingNamesBothLines) {
    ScratchDir dir;
    const std::string path = dir.file("towers.csv");
    write_file(path, std::string(kHeader) + "S1,V,103.3,22.4,30,3G,2140,58,0,65,2\nS1,V,103.5,22.4,30,3G,2140,58,120,65,2\n");
    EXPECT_EQ(error_of(path), path + ": line 3: field 'site_id': site 'S1' already appears at a different position (" +
                                  path + ": line 2)");
}

TEST(TowerReader, MissingFileEmptyFileAndHeaderOnly) {
    ScratchDir dir;
    EXPECT_EQ(error_of(dir.file("nope.csv")), dir.file("nope.csv") + ": file not found");
    write_file(dir.file("empty.csv"), "");
    EXPECT_EQ(error_of(dir.file("empty.csv")), dir.file("empty.csv") + ": file is empty");
    write_file(dir.file("header.csv"), kHeader);
    EXPECT_EQ(error_of(dir.file("header.csv")), dir.file("header.csv") + ": holds no tower (no usable record)");
    write_file(dir.file("nocol.csv"), "site_id,lon,lat\nS1,103,22\n");
    EXPECT_EQ(error_of(dir.file("nocol.csv")), dir.file("nocol.csv") + ": line 1: field 'height_m': required column is missing from the header");
}

TEST(TowerReader, InvalidUtf8IsReplacedWithOneWarningForTheFile) {
    // Operator and site names reach the GeoPackage and CSV outputs, which must be UTF-8.
    ScratchDir dir;
    const std::string path = dir.file("towers.csv");
    write_file(path, std::string(kHeader) + "S1,Viettel\xFF,103.3,22.4,30,3G,2140,58,,,\n"
                                           "S\xE9,VNPT,103.4,22.4,30,3G,2140,58,,,\n");
    const TowerInventory inv = read_towers(path);
    ASSERT_EQ(inv.cells.size(), 2u);
    EXPECT_EQ(inv.cells[0].operator_name, "Viettel\xEF\xBF\xBD");
    EXPECT_EQ(inv.cells[1].site_id, "S\xEF\xBF\xBD");
    ASSERT_EQ(inv.warnings.size(), 1u);
    EXPECT_EQ(inv.warnings[0].text(), path + ": line 2: field 'operator': invalid UTF-8 replaced (U+FFFD), and in 1 more value");
    EXPECT_EQ(inv.warnings[0].where.record, "line 2");  // kept apart, for summary.json's warnings
    EXPECT_EQ(inv.warnings[0].where.field, "operator");
}

TEST(TowerReader, InvalidUtf8InAnOgrLayer) {
    ScratchDir dir;
    const std::string path = dir.file("towers.geojson");
    write_file(path, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                     "{\"site_id\":\"G1\",\"operator\":\"Mobi\xC0\",\"height_m\":35,\"tech\":\"4G\",\"freq_mhz\":1845,"
                     "\"eirp_dbm\":57},\"geometry\":{\"type\":\"Point\",\"coordinates\":[103.2,22.5]}}]}");
    const TowerInventory inv = read_towers(path);
    EXPECT_EQ(inv.cells[0].operator_name, "Mobi\xEF\xBF\xBD");
    ASSERT_EQ(inv.warnings.size(), 1u);
    EXPECT_EQ(inv.warnings[0].text(), path + ": feature 0: field 'operator': invalid UTF-8 replaced (U+FFFD)");
}

TEST(TowerReader, FifoOrDeviceIsRefusedWithoutOpeningIt) {
    ScratchDir dir;
    const std::string fifo = dir.file("towers.csv");
    ASSERT_TRUE(test::make_fifo(fifo));
    test::FifoWriterAfter unblock(fifo, std::chrono::milliseconds(2000));
    EXPECT_EQ(error_of(fifo), fifo + ": not a regular file (a FIFO)");
    // Not a .csv name: the OGR route checks the same.
    const std::string fifo_gpkg = dir.file("towers.gpkg");
    ASSERT_TRUE(test::make_fifo(fifo_gpkg));
    test::FifoWriterAfter unblock_gpkg(fifo_gpkg, std::chrono::milliseconds(2000));
    EXPECT_EQ(error_of(fifo_gpkg), fifo_gpkg + ": not a regular file (a FIFO)");
    EXPECT_EQ(error_of("/dev/null"), "/dev/null: not a regular file (a character device)");
}

TEST(TowerReader, TextFileAboveTheSizeBound) {
    ScratchDir dir;
    const std::string path = dir.file("towers.csv");
    write_file(path, kHeader);
    std::filesystem::resize_file(path, std::uintmax_t{600} << 20);  // sparse: nothing on disk
    EXPECT_EQ(error_of(path), path + ": file is 600 MiB, over the 512 MiB limit for text inputs");
}

TEST(TowerReader, UnknownOpenCellIdRadio) {
    ScratchDir dir;
    const std::string path = dir.file("ocid.csv");
    write_file(path, "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\n"
                     "WIMAX,452,4,1,1,,103.4,22.3,1,1,1,1,1,0\n");
    EXPECT_EQ(error_of(path), path + ": line 2: field 'radio': unknown radio 'WIMAX' (expected GSM, UMTS, LTE, NR or CDMA)");
}

TEST(TowerDefaults, MalformedSettings) {
    TowerDefaults d;
    EXPECT_THROW(d.apply("3g-freq=1"), InputError);
    EXPECT_THROW(d.apply("7g.freq_mhz=100"), InputError);
    EXPECT_THROW(d.apply("3g.colour=red"), InputError);
    EXPECT_THROW(d.apply("3g.freq_mhz=abc"), InputError);
}

}  // namespace
}  // namespace phusong
