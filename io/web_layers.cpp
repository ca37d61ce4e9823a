#include "io/web_layers.hpp"

#include <gdal_utils.h>
#include <gdalwarper.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numbers>
#include <vector>

#include "geo/errors.hpp"
#include "io/gdal_support.hpp"

namespace phusong {
namespace {

constexpr double kWebMercatorRadius__meter = 6378137.0;  // EPSG:3857's sphere

double mercator_lon(double x) { return x / kWebMercatorRadius__meter * 180.0 / std::numbers::pi; }
double mercator_lat(double y) { return std::atan(std::sinh(y / kWebMercatorRadius__meter)) * 180.0 / std::numbers::pi; }

/// A /vsimem/ name no other call of this process uses.
std::string memory_file_name(const char* suffix) {
    static std::atomic<unsigned> counter{0};
    return "/vsimem/phusong_web_" + std::to_string(counter++) + suffix;
}

/// The grid warped onto EPSG:3857, in memory.
GDALDatasetUniquePtr warped(GDALDataset& source, WebResampling resampling, std::size_t max_side_px) {
    OGRSpatialReference mercator;
    mercator.importFromEPSG(3857);
    char* wkt = nullptr;
    mercator.exportToWkt(&wkt);
    const std::string mercator_wkt = wkt ? wkt : "";
    CPLFree(wkt);
    void* transformer = GDALCreateGenImgProjTransformer(&source, nullptr, nullptr, mercator_wkt.c_str(), FALSE, 0.0, 1);
    if (!transformer) throw IoError("cannot project a web image: " + last_gdal_error());
    double gt[6];
    int w = 0, h = 0;
    const CPLErr suggested = GDALSuggestedWarpOutput(&source, GDALGenImgProjTransform, transformer, gt, &w, &h);
    GDALDestroyGenImgProjTransformer(transformer);
    if (suggested != CE_None || w <= 0 || h <= 0) throw IoError("cannot project a web image: " + last_gdal_error());
    const double scale = std::max(1.0, static_cast<double>(std::max(w, h)) / static_cast<double>(std::max<std::size_t>(1, max_side_px)));
    const int out_w = std::max(1, static_cast<int>(std::lround(w / scale))), out_h = std::max(1, static_cast<int>(std::lround(h / scale)));
    const std::string te_w = std::to_string(gt[0]), te_n = std::to_string(gt[3]);
    const std::string te_e = std::to_string(gt[0] + gt[1] * w), te_s = std::to_string(gt[3] + gt[5] * h);
    const std::string ts_w = std::to_string(out_w), ts_h = std::to_string(out_h);
    const char* args[] = {"-of", "MEM", "-t_srs", "EPSG:3857", "-r", resampling == WebResampling::Nearest ? "near" : "bilinear",
                          "-te", te_w.c_str(), te_s.c_str(), te_e.c_str(), te_n.c_str(), "-ts", ts_w.c_str(), ts_h.c_str(),
                          "-dstnodata", "nan", nullptr};
    std::unique_ptr<GDALWarpAppOptions, decltype(&GDALWarpAppOptionsFree)> options{
        GDALWarpAppOptionsNew(const_cast<char**>(args), nullptr), GDALWarpAppOptionsFree};
    GDALDatasetH sources[] = {GDALDataset::ToHandle(&source)};
    int usage_error = 0;
    GDALDatasetUniquePtr out{GDALDataset::FromHandle(GDALWarp("", nullptr, 1, sources, options.get(), &usage_error))};
    if (!out) throw IoError("cannot project a web image: " + last_gdal_error());
    return out;
}

std::string encode_png(const std::vector<std::uint8_t>& rgba, int w, int h) {
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
    if (!mem || !png) throw IoError("GDAL lacks the MEM or PNG driver");
    GDALDatasetUniquePtr image{mem->Create("", w, h, 4, GDT_Byte, nullptr)};
    if (!image) throw IoError("cannot stage a web image: " + last_gdal_error());
    int bands[] = {1, 2, 3, 4};
    if (image->RasterIO(GF_Write, 0, 0, w, h, const_cast<std::uint8_t*>(rgba.data()), w, h, GDT_Byte, 4, bands, 4, 4 * w, 1,
                        nullptr) != CE_None)
        throw IoError("cannot stage a web image: " + last_gdal_error());
    const std::string name = memory_file_name(".png");
    GDALDatasetUniquePtr written{png->CreateCopy(name.c_str(), image.get(), FALSE, nullptr, nullptr, nullptr)};
    if (!written) throw IoError("cannot encode a web image: " + last_gdal_error());
    written.reset();
    vsi_l_offset size = 0;
    GByte* bytes = VSIGetMemFileBuffer(name.c_str(), &size, FALSE);
    std::string out = bytes ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)) : std::string();
    VSIUnlink(name.c_str());
    if (out.empty()) throw IoError("cannot encode a web image");
    return out;
}

}  // namespace

WebImage web_mercator_image(const Grid<float>& values, const std::function<Rgba(float)>& colour, WebResampling resampling,
                            std::size_t max_side_px) {
    ensure_gdal();
    GDALDatasetUniquePtr source = memory_dataset(values.spec(), values.values().data(), GDT_Float32, "a web image");
    source->GetRasterBand(1)->SetNoDataValue(std::nan(""));
    GDALDatasetUniquePtr web = warped(*source, resampling, max_side_px);
    const int w = web->GetRasterXSize(), h = web->GetRasterYSize();
    std::vector<float> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    if (web->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, pixels.data(), w, h, GDT_Float32, 0, 0) != CE_None)
        throw IoError("cannot read a web image back: " + last_gdal_error());
    std::vector<std::uint8_t> rgba(pixels.size() * 4, 0);
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        if (std::isnan(pixels[i])) continue;
        const Rgba c = colour(pixels[i]);
        rgba[4 * i] = c.r, rgba[4 * i + 1] = c.g, rgba[4 * i + 2] = c.b, rgba[4 * i + 3] = c.a;
    }
    double gt[6];
    web->GetGeoTransform(gt);
    WebImage out;
    out.png = encode_png(rgba, w, h);
    out.west = mercator_lon(gt[0]);
    out.east = mercator_lon(gt[0] + gt[1] * w);
    out.north = mercator_lat(gt[3]);
    out.south = mercator_lat(gt[3] + gt[5] * h);
    out.width = static_cast<std::size_t>(w);
    out.height = static_cast<std::size_t>(h);
    return out;
}

struct WebProjector::Impl {
    std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
};

WebProjector::WebProjector(const std::string& crs) : impl_(std::make_unique<Impl>()) {
    ensure_gdal();
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) throw IoError("unknown CRS " + crs);
    impl_->to_wgs84 = transformation_to_wgs84(srs);
    if (!impl_->to_wgs84) throw IoError("cannot transform " + crs + " to WGS 84: " + last_gdal_error());
}

WebProjector::~WebProjector() = default;

std::string WebProjector::geojson(std::span<const unsigned char> wkb, double tolerance) const {
    if (wkb.empty()) return "null";
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || !raw) return "null";
    std::unique_ptr<OGRGeometry> geometry{raw};
    if (tolerance > 0.0)
        if (OGRGeometry* simple = geometry->SimplifyPreserveTopology(tolerance); simple && !simple->IsEmpty()) geometry.reset(simple);
    if (geometry->transform(impl_->to_wgs84.get()) != OGRERR_NONE) return "null";
    const char* options[] = {"COORDINATE_PRECISION=5", nullptr};
    char* json = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(geometry.get()), const_cast<char**>(options));
    std::string out = json ? json : "null";
    CPLFree(json);
    return out;
}

LonLat WebProjector::lonlat(XY p) const {
    double x = p.x, y = p.y;
    if (!impl_->to_wgs84->Transform(1, &x, &y)) throw IoError("cannot transform a point to WGS 84");
    return {x, y};
}

std::string base64(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int k = 18; k >= 0; k -= 6) out += kAlphabet[(v >> k) & 63];
    }
    if (const std::size_t rest = bytes.size() - i; rest > 0) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

}  // namespace phusong
