#include "io/vector_reader.hpp"

#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

using test::ScratchDir;
using test::write_file;

TEST(VectorReader, GeometryGeosCannotReadNamesTheFileLayerAndFeature) {
    ScratchDir dir;
    const std::string path = dir.file("zones.geojson");
    write_file(path, R"({"type":"FeatureCollection","name":"dead_zones_3g","features":[
      {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
      {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}]})");
    try {
        read_layer(path, "dead_zones_3g", {});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), (path + ": layer dead_zones_3g: feature 1: geometry: Points of LinearRing do not form a "
                                       "closed linestring").c_str());
    }
}

TEST(VectorReader, ValidLayerIsRead) {
    ScratchDir dir;
    const std::string path = dir.file("towers.geojson");
    write_file(path, R"({"type":"FeatureCollection","name":"towers","features":[
      {"type":"Feature","properties":{"tech":"3G"},"geometry":{"type":"Point","coordinates":[103,22]}}]})");
    const LayerContent c = read_layer(path, "towers", {"tech"});
    ASSERT_TRUE(c.found);
    ASSERT_EQ(c.values.size(), 1u);
    EXPECT_EQ(c.values[0][0], "3G");
    EXPECT_FALSE(read_layer(path, "nothing", {}).found);
}

}  // namespace
}  // namespace phusong
