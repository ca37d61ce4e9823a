#include "io/places_reader.hpp"

#include <gtest/gtest.h>

#include <cpl_conv.h>
#include <gdal_priv.h>

#include <filesystem>
#include <fstream>

#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "tests/io/hostile_files.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using test::ScratchDir;
using test::write_file;

std::string feature(const std::string& props, const std::string& geometry) {
    return R"({"type":"Feature","properties":{)" + props + R"(},"geometry":)" + geometry + "}";
}
std::string collection(const std::vector<std::string>& features) {
    std::string out = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < features.size(); ++i) out += (i ? "," : "") + features[i];
    return out + "]}";
}
const std::string kPoint = R"({"type":"Point","coordinates":[103.3,22.4]})";
const std::string kSquare = R"({"type":"Polygon","coordinates":[[[103,22],[103.1,22],[103.1,22.1],[103,22.1],[103,22]]]})";

std::string error_of(const std::string& path, const std::string& field = "pop") {
    try {
        read_places(path, {field, "", "", ""});
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(PlacesReader, PointsWithPopulationAndNames) {
    ScratchDir dir;
    const std::string path = dir.file("villages.geojson");
    write_file(path, collection({feature(R"("name":"Bản Nà","pop":412)", kPoint),
                                 feature(R"("name":"Bản Pa","pop":0)", kPoint)}));
    const PlaceLoad load = read_places(path, {"pop", "", "", ""});
    EXPECT_EQ(load.layer.geometry, PlaceGeometry::Point);
    ASSERT_EQ(load.layer.places.size(), 2u);
    EXPECT_EQ(load.layer.places[0].name, "Bản Nà");
    EXPECT_DOUBLE_EQ(load.layer.places[0].population, 412.0);
    EXPECT_DOUBLE_EQ(load.layer.places[1].population, 0.0);  // zero people is allowed
}

TEST(PlacesReader, PolygonsInAnotherCrsAreReturnedInWgs84) {
    ScratchDir dir;
    const std::string path = dir.file("communes.geojson");
    // A square in UTM 48N around the central meridian (105° E) at the equator.
    write_file(path, R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32648"}},"features":[)" +
                         feature(R"("pop":100)", R"({"type":"Polygon","coordinates":[[[499000,0],[501000,0],[501000,1000],[499000,1000],[499000,0]]]})") +
                         "]}");
    const PlaceLoad load = read_places(path, {"pop", "", "", ""});
    const Geometry g = geometry_from_wkb(load.layer.places[0].wkb_lonlat);
    const Extent e = envelope(g.get());
    EXPECT_NEAR((e.west + e.east) / 2.0, 105.0, 1e-9);   // centred on the central meridian
    EXPECT_NEAR(e.south, 0.0, 1e-9);
    EXPECT_NEAR(e.north, 1000.0 / 110574.0, 1e-4);       // ≈ 1 km of latitude
}

TEST(PlacesReader, InvalidPolygonIsRepairedWithAWarning) {
    ScratchDir dir;
    const std::string path = dir.file("bowtie.geojson");
    write_file(path, collection({feature(R"("pop":5)", R"({"type":"Polygon","coordinates":[[[103,22],[103.1,22.1],[103.1,22],[103,22.1],[103,22]]]})")}));
    const PlaceLoad load = read_places(path, {"pop", "", "", ""});
    ASSERT_EQ(load.warnings.size(), 1u);
    EXPECT_NE(load.warnings[0].text().find("invalid polygon repaired (Self-intersection"), std::string::npos) << load.warnings[0].text();
    EXPECT_TRUE(invalidity_reason(geometry_from_wkb(load.layer.places[0].wkb_lonlat).get()).empty());
}

TEST(PlacesReader, BadPopulation) {
    ScratchDir dir;
    const std::string path = dir.file("p.geojson");
    write_file(path, collection({feature(R"("pop":-3)", kPoint)}));
    EXPECT_EQ(error_of(path), path + ": feature 0: field 'pop': value -3 is out of range [0, 1000000000]");
    write_file(path, collection({feature(R"("pop":null)", kPoint)}));
    EXPECT_EQ(error_of(path), path + ": feature 0: field 'pop': population is missing");
    write_file(path, collection({feature(R"("pop":"many")", kPoint)}));
    EXPECT_EQ(error_of(path), path + ": feature 0: field 'pop': 'many' is not a number");
    write_file(path, collection({feature(R"("people":3)", kPoint)}));
    EXPECT_EQ(error_of(path), path + ": field 'pop': no such field; fields are: people");
}

TEST(PlacesReader, EmptyLayerMixedKindsAndMissingGeometry) {
    ScratchDir dir;
    const std::string path = dir.file("p.geojson");
    write_file(path, R"({"type":"FeatureCollection","features":[]})");
    EXPECT_NE(error_of(path).find("is empty"), std::string::npos) << error_of(path);
    write_file(path, collection({feature(R"("pop":1)", kPoint), feature(R"("pop":1)", kSquare)}));
    EXPECT_EQ(error_of(path), path + ": feature 1: layer mixes points and polygons");
    write_file(path, collection({feature(R"("pop":1)", "null")}));
    EXPECT_EQ(error_of(path), path + ": feature 0: geometry is missing or empty");
}

TEST(PlacesReader, LayerWithoutCrsIsRejected) {
    ScratchDir dir;
    // A Shapefile without its .prj has no CRS.
    const std::string geojson = dir.file("src.geojson");
    write_file(geojson, collection({feature(R"("pop":1)", kPoint)}));
    const std::string shp = dir.file("nocrs.shp");
    GDALAllRegister();
    GDALDatasetUniquePtr src{GDALDataset::Open(geojson.c_str(), GDAL_OF_VECTOR)};
    GDALDatasetUniquePtr dst{GetGDALDriverManager()->GetDriverByName("ESRI Shapefile")->CreateCopy(shp.c_str(), src.get(), false, nullptr, nullptr, nullptr)};
    dst.reset();
    std::filesystem::remove(dir.file("nocrs.prj"));
    EXPECT_EQ(error_of(shp), shp + ": layer 'nocrs' has no CRS");
}

/// Copies a GeoJSON file to a Shapefile; with `raw_text`, strings are written byte for byte
/// (no recoding, no .cpg), as an old DBF in a legacy code page would hold them.
std::string to_shapefile(const ScratchDir& dir, const std::string& geojson, const std::string& name, bool raw_text) {
    GDALAllRegister();
    CPLConfigOptionSetter no_recoding("SHAPE_ENCODING", "", false);
    if (!raw_text) CPLSetThreadLocalConfigOption("SHAPE_ENCODING", nullptr);
    GDALDatasetUniquePtr src{GDALDataset::Open(geojson.c_str(), GDAL_OF_VECTOR)};
    const std::string shp = dir.file(name + ".shp");
    GDALDatasetUniquePtr dst{GetGDALDriverManager()->GetDriverByName("ESRI Shapefile")->CreateCopy(shp.c_str(), src.get(), false, nullptr, nullptr, nullptr)};
    return shp;
}

TEST(PlacesReader, InvalidUtf8IsReplacedWithOneWarningForTheFile) {
    // Latin-1 bytes in a GeoJSON file (which must be UTF-8): "Bán" and "Àn" in ISO-8859-1.
    ScratchDir dir;
    const std::string path = dir.file("villages.geojson");
    write_file(path, collection({feature(R"("name":"Ban","pop":1)", kPoint), feature("\"name\":\"B\xE1n\",\"pop\":2", kPoint),
                                 feature("\"name\":\"\xC0n\",\"pop\":3", kPoint)}));
    const PlaceLoad load = read_places(path, {"pop", "", "", ""});
    ASSERT_EQ(load.layer.places.size(), 3u);
    EXPECT_EQ(load.layer.places[1].name, "B\xEF\xBF\xBDn");  // U+FFFD
    EXPECT_EQ(load.layer.places[2].name, "\xEF\xBF\xBDn");
    EXPECT_EQ(load.layer.places[1].attributes[0].second, "B\xEF\xBF\xBDn");
    ASSERT_EQ(load.warnings.size(), 1u);
    EXPECT_EQ(load.warnings[0].text(), path + ": feature 1: field 'name': invalid UTF-8 replaced (U+FFFD), and in 1 more value");
}

TEST(PlacesReader, DeclaredEncodingIsTranscodedToUtf8) {
    // A DBF in ISO-8859-1 that says so in its .cpg: "Café" must arrive as UTF-8, without a
    // warning, whether GDAL recodes it (the default) or phusong does (recoding turned off).
    ScratchDir dir;
    const std::string geojson = dir.file("src.geojson");
    write_file(geojson, collection({feature("\"name\":\"Caf\xE9\",\"pop\":7", kPoint)}));
    const std::string shp = to_shapefile(dir, geojson, "latin1", true);
    write_file(dir.file("latin1.cpg"), "ISO-8859-1");
    for (const char* gdal_recodes : {"YES", "NO"}) {
        CPLConfigOptionSetter off("SHAPE_ENCODING", "", false);
        if (std::string(gdal_recodes) == "YES") CPLSetThreadLocalConfigOption("SHAPE_ENCODING", nullptr);
        const PlaceLoad load = read_places(shp, {"pop", "", "", ""});
        ASSERT_EQ(load.layer.places.size(), 1u);
        EXPECT_EQ(load.layer.places[0].name, "Caf\xC3\xA9") << "GDAL recodes: " << gdal_recodes;
        EXPECT_TRUE(load.warnings.empty()) << "GDAL recodes: " << gdal_recodes;
    }
    // Without a .cpg, and with the DBF's language driver id (byte 29) set to 0, nothing says
    // what the bytes mean: replaced, with a warning.
    std::filesystem::remove(dir.file("latin1.cpg"));
    {
        std::fstream dbf(dir.file("latin1.dbf"), std::ios::in | std::ios::out | std::ios::binary);
        dbf.seekp(29);
        dbf.put('\0');
    }
    const PlaceLoad load = read_places(shp, {"pop", "", "", ""});
    EXPECT_EQ(load.layer.places[0].name, "Caf\xEF\xBF\xBD");
    ASSERT_EQ(load.warnings.size(), 1u);
    EXPECT_EQ(load.warnings[0].text(), shp + ": feature 0: field 'name': invalid UTF-8 replaced (U+FFFD)");
}

TEST(PlacesReader, UnclosedRingIsAnInputErrorNamingTheFeature) {
    // GEOS refuses the ring; its bare message used to end the run with status 1.
    ScratchDir dir;
    const std::string path = dir.file("communes.geojson");
    write_file(path, collection({feature(R"("pop":1)", kSquare),
                                 feature(R"("pop":2)", R"({"type":"Polygon","coordinates":[[[103,22],[103.1,22],[103.1,22.1],[103,22.1]]]})")}));
    try {
        read_places(path, {"pop", "", "", ""});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), (path + ": feature 1: geometry: Points of LinearRing do not form a closed linestring").c_str());
    }
    write_file(path, collection({feature(R"("pop":1)", R"({"type":"Polygon","coordinates":[[[103,22],[103.1,22],[103,22]]]})")}));
    try {
        read_places(path, {"pop", "", "", ""});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        // GEOS reads this one; it is invalid beyond repair (a case that already named the feature).
        EXPECT_STREQ(e.what(), (path + ": feature 0: polygon is invalid and cannot be repaired: Too few points in "
                                       "geometry component[103 22]").c_str());
    }
}

TEST(PlacesReader, TruncatedShapefileIsNotTakenForAShorterLayer) {
    // OGR ends the layer early when the DBF is cut short; that must not pass for two villages.
    ScratchDir dir;
    const std::string geojson = dir.file("src.geojson");
    write_file(geojson, collection({feature(R"("name":"A","pop":1)", kPoint), feature(R"("name":"B","pop":2)", kPoint),
                                    feature(R"("name":"C","pop":3)", kPoint)}));
    const std::string shp = to_shapefile(dir, geojson, "cut", false);
    const auto dbf = dir.file("cut.dbf");
    std::filesystem::resize_file(dbf, std::filesystem::file_size(dbf) - 10);  // into the last record
    try {
        read_places(shp, {"pop", "", "", ""});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(shp + ": after feature 1: cannot read: ", 0), 0u) << e.what();
    }
}

TEST(PlacesReader, FifoIsRefusedWithoutOpeningIt) {
    ScratchDir dir;
    const std::string fifo = dir.file("villages.geojson");
    ASSERT_TRUE(test::make_fifo(fifo));
    test::FifoWriterAfter unblock(fifo, std::chrono::milliseconds(2000));
    EXPECT_EQ(error_of(fifo), fifo + ": not a regular file (a FIFO)");
}

TEST(PlacesReader, MissingFile) {
    ScratchDir dir;
    EXPECT_EQ(error_of(dir.file("none.gpkg")), dir.file("none.gpkg") + ": file not found");
}

}  // namespace
}  // namespace phusong
