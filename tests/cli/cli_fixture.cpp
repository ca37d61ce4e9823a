#include "tests/cli/cli_fixture.hpp"

#include <cmath>

#include "geo/crs.hpp"

namespace phusong::test {

std::string village_collection(const std::vector<std::string>& populations) {
    std::string out = R"({"type":"FeatureCollection","name":"villages","features":[)";
    for (std::size_t i = 0; i < populations.size(); ++i) {
        const double lon = 103.24 + 0.01 * static_cast<double>(i), lat = 22.345 + 0.004 * static_cast<double>(i);
        out += std::string(i ? "," : "") + R"({"type":"Feature","properties":{"name":"V)" + std::to_string(i) +
               R"(","population":)" + populations[i] + R"(},"geometry":{"type":"Point","coordinates":[)" +
               std::to_string(lon) + "," + std::to_string(lat) + "]}}";
    }
    return out + "]}";
}

CliFixture::CliFixture() {
    const XY c = Transformer(kWgs84, "EPSG:32648").forward({103.25, 22.35});
    centre_x = std::round(c.x);
    centre_y = std::round(c.y);
    towers = dir.file("towers.csv");
    dem = dir.file("dem.tif");
    villages = dir.file("villages.geojson");
    communes = dir.file("communes.geojson");
    out = dir.file("out");
    const double cx = centre_x, cy = centre_y;
    write_raster(dem, 32648, cx - 3000.0, cy + 3000.0, 30.0, 200, 200, [cx, cy](double x, double y) {
        return 400.0 + 80.0 * std::sin((x - cx) / 700.0) * std::cos((y - cy) / 900.0);
    });
    write_file(towers, std::string(kTowerHeader) +
                           "T1,Viettel,103.25,22.35,30,3G,2140,58,0,65,4\n"
                           "T1,Viettel,103.25,22.35,30,4G,1845,58,120,65,4\n");
    write_file(villages, village_collection({"120", "340", "75"}));
    write_file(communes, R"({"type":"FeatureCollection","name":"communes","features":[{"type":"Feature",
        "properties":{"name":"Xa Thu","population":535},"geometry":{"type":"Polygon","coordinates":
        [[[103.23,22.33],[103.27,22.33],[103.27,22.37],[103.23,22.37],[103.23,22.33]]]}}]})");
}

std::vector<std::string> CliFixture::analyze_args() const {
    return {"analyze", "--towers", towers, "--dem", dem, "--villages", villages, "--communes", communes,
            "--out", out, "--resolution-m", "60", "--radius-km", "3", "--quiet"};
}

}  // namespace phusong::test
