#include "io/vector_reader.hpp"

#include "geo/errors.hpp"
#include "io/gdal_support.hpp"

namespace phusong {

LayerContent read_layer(const std::string& path, const std::string& layer_name, const std::vector<std::string>& fields) {
    // Raster-only GeoPackages open too: they simply have no such layer.
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_VECTOR | GDAL_OF_RASTER, "dataset");
    LayerContent out;
    OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
    if (!layer) return out;
    out.found = true;
    std::vector<int> index;
    for (const std::string& f : fields) {
        index.push_back(layer->GetLayerDefn()->GetFieldIndex(f.c_str()));
        if (index.back() < 0) throw InputError({path, "layer " + layer_name, f}, "no such field");
    }
    for (auto& feature : *layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        std::vector<unsigned char> wkb;
        if (g) {
            wkb.resize(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, wkb.data());
        }
        out.wkb.push_back(std::move(wkb));
        std::vector<std::string> row;
        for (int i : index) row.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
        out.values.push_back(std::move(row));
    }
    return out;
}

}  // namespace phusong
