// The web map's layers: base64 (RFC 4648's own vectors), points and geometries in WGS 84, and
// images warped onto Web Mercator with their bounds and colours.
#include "io/web_layers.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>

#include "geo/geos_geometry.hpp"

namespace phusong {
namespace {

TEST(Base64, Rfc4648TestVectors) {
    // RFC 4648 §10.
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foob"), "Zm9vYg==");
    EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(WebProjector, UtmCentralMeridianIsItsLongitude) {
    // UTM zone 48N's central meridian is 105° E; on it x = 500 000 m, and the equator is y = 0.
    const WebProjector projector("EPSG:32648");
    const LonLat p = projector.lonlat({500000.0, 0.0});
    EXPECT_NEAR(p.lon, 105.0, 1e-9);
    EXPECT_NEAR(p.lat, 0.0, 1e-9);
    EXPECT_EQ(projector.geojson(geometry_to_wkb(make_point({500000.0, 0.0}).get()), 0.0),
              R"({ "type": "Point", "coordinates": [ 105.0, 0.0 ] })");
    EXPECT_EQ(projector.geojson({}, 0.0), "null");
}

TEST(WebMercatorImage, BoundsAndColoursOfAGridAlreadyInWebMercator) {
    // 4 × 2 pixels of 1 km from (0 m, 2 km) at the north-west corner, in EPSG:3857 itself.
    GridSpec spec{4, 2, {0.0, 2000.0, 1000.0, 1000.0}, "EPSG:3857"};
    Grid<float> values(spec, 0.0f);
    for (std::size_t i = 0; i < 8; ++i) values.values()[i] = static_cast<float>(i + 1);
    values.values()[2] = std::nanf("");
    const WebImage image = web_mercator_image(
        values, [](float v) { return Rgba{static_cast<std::uint8_t>(10 * v), 0, 0, 255}; }, WebResampling::Nearest, 2048);
    ASSERT_EQ(image.width, 4u);
    ASSERT_EQ(image.height, 2u);
    // By hand, on the sphere of radius R = 6 378 137 m: lon = x/R, lat = atan(sinh(y/R)).
    // x = 4000 m: 6.271424e-4 rad = 0.0359326°. y = 2000 m: sinh adds (y/R)³/6 ≈ 5e-12 and atan
    // takes the same back, so lat = 3.135712e-4 rad = 0.0179663°.
    EXPECT_NEAR(image.west, 0.0, 1e-9);
    EXPECT_NEAR(image.east, 0.0359326, 1e-7);
    EXPECT_NEAR(image.south, 0.0, 1e-9);
    EXPECT_NEAR(image.north, 0.0179663, 1e-7);
    // The PNG read back: pixel (0, 0) holds 1 → red 10; the NaN pixel (2, 0) is transparent;
    // pixel (3, 1) holds 8 → red 80.
    const std::string name = "/vsimem/web_layers_test.png";
    VSIFCloseL(VSIFileFromMemBuffer(name.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(image.png.data())),
                                    image.png.size(), FALSE));
    GDALDatasetUniquePtr png{GDALDataset::Open(name.c_str(), GDAL_OF_RASTER)};
    ASSERT_TRUE(png);
    ASSERT_EQ(png->GetRasterCount(), 4);
    std::uint8_t red[8], alpha[8];
    ASSERT_EQ(png->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, 4, 2, red, 4, 2, GDT_Byte, 0, 0), CE_None);
    ASSERT_EQ(png->GetRasterBand(4)->RasterIO(GF_Read, 0, 0, 4, 2, alpha, 4, 2, GDT_Byte, 0, 0), CE_None);
    png.reset();
    VSIUnlink(name.c_str());
    EXPECT_EQ(red[0], 10);
    EXPECT_EQ(alpha[0], 255);
    EXPECT_EQ(alpha[2], 0);
    EXPECT_EQ(red[7], 80);
}

TEST(WebMercatorImage, ScaledDownToTheLongestSideAllowed) {
    GridSpec spec{400, 100, {500000.0, 2400000.0, 30.0, 30.0}, "EPSG:32648"};
    const Grid<float> values(spec, 1.0f);
    const WebImage image = web_mercator_image(values, [](float) { return Rgba{1, 2, 3, 255}; }, WebResampling::Bilinear, 100);
    EXPECT_LE(std::max(image.width, image.height), 100u);
    EXPECT_GE(std::max(image.width, image.height), 99u);
    EXPECT_LT(image.west, image.east);
    EXPECT_LT(image.south, image.north);
}

}  // namespace
}  // namespace phusong
