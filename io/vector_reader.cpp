#include "io/vector_reader.hpp"

#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "io/gdal_support.hpp"
#include "io/input_geometry.hpp"

namespace phusong {

LayerContent read_layer(const std::string& path, const std::string& layer_name, const std::vector<std::string>& fields) {
    // Raster-only GeoPackages open too: they simply have no such layer.
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_VECTOR | GDAL_OF_RASTER, "dataset");
    LayerContent out;
    OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
    if (!layer) return out;
    out.found = true;
    const std::string where_layer = "layer " + layer_name;
    std::vector<int> index;
    for (const std::string& f : fields) {
        index.push_back(layer->GetLayerDefn()->GetFieldIndex(f.c_str()));
        if (index.back() < 0) throw InputError({path, where_layer, f}, "no such field");
    }
    for_each_feature(*layer, path + ": " + where_layer, [&](OGRFeature& feature) {
        const OGRGeometry* g = feature.GetGeometryRef();
        std::vector<unsigned char> wkb;
        if (g) {
            wkb.resize(static_cast<std::size_t>(g->WkbSize()));
            const InputLocation here{path, where_layer + ": feature " + std::to_string(feature.GetFID()), ""};
            if (g->exportToWkb(wkbNDR, wkb.data()) != OGRERR_NONE)
                throw InputError(here, "geometry: cannot be written as WKB: " + last_gdal_error());
            // Read it with GEOS here, where the file and feature are known, rather than fail
            // later in a map with GEOS's bare message.
            with_geometry_context(here, [&] { return geometry_from_wkb(wkb); });
        }
        out.wkb.push_back(std::move(wkb));
        std::vector<std::string> row;
        for (int i : index) row.emplace_back(feature.IsFieldSetAndNotNull(i) ? feature.GetFieldAsString(i) : "");
        out.values.push_back(std::move(row));
    });
    return out;
}

}  // namespace phusong
