#include "geo/polygonize.hpp"

#include <gdal.h>
#include <gdal_alg.h>
#include <ogr_api.h>

#include <memory>
#include <mutex>

#include "geo/errors.hpp"

namespace phusong {
namespace {

struct DatasetCloser {
    void operator()(GDALDatasetH d) const { GDALClose(d); }
};
using DatasetHandle = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;
struct FeatureDestroyer {
    void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};
using FeatureHandle = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;

[[noreturn]] void fail(const std::string& what) {
    const char* message = CPLGetLastErrorMsg();
    throw Error("polygonize: " + what + (message && *message ? std::string(": ") + message : std::string()));
}

GDALDriverH driver(const char* name) {
    static std::once_flag registered;
    std::call_once(registered, [] { GDALAllRegister(); });
    GDALDriverH d = GDALGetDriverByName(name);
    if (!d) throw Error(std::string("polygonize: GDAL lacks the ") + name + " driver");
    return d;
}

}  // namespace

std::vector<Geometry> polygonize_regions(std::span<const std::int32_t> labels, std::size_t count, const GridSpec& grid) {
    if (labels.size() != grid.size()) throw Error("polygonize: labels do not match the grid");
    std::vector<Geometry> out(count);
    if (count == 0) return out;
    const int w = static_cast<int>(grid.width), h = static_cast<int>(grid.height);
    DatasetHandle raster{GDALCreate(driver("MEM"), "", w, h, 1, GDT_Int32, nullptr)};
    if (!raster) fail("cannot create the label raster");
    double gt[6] = {grid.transform.west, grid.transform.dx, 0.0, grid.transform.north, 0.0, -grid.transform.dy};
    GDALSetGeoTransform(raster.get(), gt);
    GDALRasterBandH band = GDALGetRasterBand(raster.get(), 1);
    if (GDALRasterIO(band, GF_Write, 0, 0, w, h, const_cast<std::int32_t*>(labels.data()), w, h, GDT_Int32, 0, 0) != CE_None)
        fail("cannot fill the label raster");

    DatasetHandle vector{GDALCreate(driver("Memory"), "", 0, 0, 0, GDT_Unknown, nullptr)};
    if (!vector) fail("cannot create the polygon layer");
    OGRLayerH layer = GDALDatasetCreateLayer(vector.get(), "regions", nullptr, wkbPolygon, nullptr);
    OGRFieldDefnH field = OGR_Fld_Create("label", OFTInteger);
    OGR_L_CreateField(layer, field, TRUE);
    OGR_Fld_Destroy(field);
    // The band is its own mask: label 0 is left out. Default 4-connectivity matches label_regions.
    if (GDALPolygonize(band, band, layer, 0, nullptr, nullptr, nullptr) != CE_None) fail("GDALPolygonize failed");

    std::vector<std::vector<Geometry>> parts(count);
    OGR_L_ResetReading(layer);
    while (FeatureHandle f{OGR_L_GetNextFeature(layer)}) {
        const int label = OGR_F_GetFieldAsInteger(f.get(), 0);
        if (label < 1 || static_cast<std::size_t>(label) > count) fail("unexpected region label " + std::to_string(label));
        OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
        std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(g)));
        if (OGR_G_ExportToWkb(g, wkbNDR, wkb.data()) != OGRERR_NONE) fail("cannot export a polygon");
        parts[static_cast<std::size_t>(label - 1)].push_back(geometry_from_wkb(wkb));
    }
    for (std::size_t k = 0; k < count; ++k) {
        if (parts[k].empty()) fail("region " + std::to_string(k + 1) + " produced no polygon");
        out[k] = parts[k].size() == 1 ? std::move(parts[k][0]) : union_all(parts[k]);
    }
    return out;
}

}  // namespace phusong
