#include "io/places_reader.hpp"

#include <cmath>
#include <map>

#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "io/csv_table.hpp"
#include "io/gdal_support.hpp"
#include "io/input_geometry.hpp"
#include "io/ogr_text.hpp"

namespace phusong {
namespace {

std::string field_list(OGRFeatureDefn* defn) {
    std::string out;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        if (!out.empty()) out += ", ";
        out += defn->GetFieldDefn(i)->GetNameRef();
    }
    return out.empty() ? "(none)" : out;
}

std::optional<PlaceGeometry> kind_of(const OGRGeometry& g) {
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPoint: return PlaceGeometry::Point;
        case wkbPolygon:
        case wkbMultiPolygon: return PlaceGeometry::Polygon;
        default: return std::nullopt;
    }
}

int find_field(OGRFeatureDefn* defn, const std::string& name) {
    return name.empty() ? -1 : defn->GetFieldIndex(name.c_str());
}

/// A polygon's WKB once GEOS has read it, repaired (GEOS MakeValid) with a warning when
/// invalid. What GEOS cannot even read (an unclosed ring, a ring of three points) is an
/// InputError naming the feature.
std::vector<unsigned char> checked_polygon(std::vector<unsigned char> wkb, const InputLocation& here,
                                           std::vector<InputWarning>& warnings) {
    return with_geometry_context(here, [&] {
        Geometry geos = geometry_from_wkb(wkb);
        const std::string reason = invalidity_reason(geos.get());
        if (reason.empty()) return wkb;
        Geometry repaired = make_valid(geos.get());
        if (is_empty(repaired.get())) throw InputError(here, "polygon is invalid and cannot be repaired: " + reason);
        warnings.push_back({{here.source, here.record, ""}, "invalid polygon repaired (" + reason + ")"});
        return geometry_to_wkb(repaired.get());
    });
}

}  // namespace

PlaceLoad read_places(const std::string& path, const PlaceReadOptions& options) {
    if (options.with_population && options.population_field.empty())
        throw InputError({path, "", ""}, "no population field given (--population-field)");
    // A folder is a dataset too: a File Geodatabase (.gdb) or a folder of Shapefiles.
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_VECTOR, "vector layer of places", DatasetPath::FileOrFolder);
    OGRLayer* layer = options.layer.empty() ? (ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr)
                                            : ds->GetLayerByName(options.layer.c_str());
    if (!layer) throw InputError({path, "", ""}, options.layer.empty() ? "holds no layer" : "no layer named '" + options.layer + "'");
    const std::string source = path;
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs) throw CrsError({source, "", ""}, "layer '" + std::string(layer->GetName()) + "' has no CRS");
    if (layer->GetFeatureCount(TRUE) == 0)
        throw InputError({source, "", ""}, "layer '" + std::string(layer->GetName()) + "' is empty");
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int pop_index = options.with_population ? find_field(defn, options.population_field) : -1;
    if (options.with_population && pop_index < 0)
        throw InputError({source, "", options.population_field},
                         "no such field; fields are: " + field_list(defn));
    const int id_index = find_field(defn, options.id_field);
    if (!options.id_field.empty() && id_index < 0)
        throw InputError({source, "", options.id_field}, "no such field; fields are: " + field_list(defn));
    int name_index = find_field(defn, options.name_field);
    if (!options.name_field.empty() && name_index < 0)
        throw InputError({source, "", options.name_field}, "no such field; fields are: " + field_list(defn));
    for (const char* guess : {"name", "commune", "village", "ten"})
        if (name_index < 0 && options.name_field.empty()) name_index = defn->GetFieldIndex(guess);

    const auto to_wgs84 = transformation_to_wgs84(*srs);
    if (!to_wgs84) throw CrsError({source, "", ""}, "cannot transform the layer's CRS to WGS 84");

    PlaceLoad load;
    PlaceLayer& out = load.layer;
    out.source = source;
    OgrText text(*layer);
    const InputLocation layer_at{source, "layer '" + std::string(layer->GetName()) + "'", ""};
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        out.field_names.push_back(text.text(defn->GetFieldDefn(i)->GetNameRef(), layer_at));
    std::optional<PlaceGeometry> layer_kind;
    std::map<std::string, std::string> ids;  // chosen id → the feature that has it
    for_each_feature(*layer, source, [&](OGRFeature& feature) {
        const InputLocation here{source, "feature " + std::to_string(feature.GetFID()), ""};
        auto at = [&](const std::string& field) { return InputLocation{here.source, here.record, field}; };
        auto field_at = [&](int index) { return at(out.field_names[static_cast<std::size_t>(index)]); };
        Place place;
        place.origin = source + ": feature " + std::to_string(feature.GetFID());
        if (options.with_population) {
            if (!feature.IsFieldSetAndNotNull(pop_index)) throw InputError(at(options.population_field), "population is missing");
            place.population = parse_number(feature.GetFieldAsString(pop_index), at(options.population_field), 0.0, 1e9);
        }
        // Every attribute once, as UTF-8; the id and the name are among them.
        for (int f = 0; f < defn->GetFieldCount(); ++f)
            place.attributes.emplace_back(out.field_names[static_cast<std::size_t>(f)], text.field(feature, f, field_at(f)));
        auto attribute = [&](int index) { return place.attributes[static_cast<std::size_t>(index)].second; };
        place.id = id_index >= 0 ? attribute(id_index) : std::to_string(feature.GetFID());
        if (id_index >= 0) {  // a chosen id identifies its place (compare matches runs by it)
            if (place.id.empty()) throw InputError(at(options.id_field), "id is empty");
            if (const auto [first, fresh] = ids.try_emplace(place.id, place.origin); !fresh)
                throw InputError(at(options.id_field), "id '" + place.id + "' is also the id of " + first->second);
        }
        place.name = name_index >= 0 ? attribute(name_index) : place.id;

        OGRGeometry* g = feature.GetGeometryRef();
        if (!g || g->IsEmpty()) throw InputError(here, "geometry is missing or empty");
        const auto kind = kind_of(*g);
        if (!kind) throw InputError(here, std::string("unsupported geometry type ") + g->getGeometryName() +
                                              " (expected Point, Polygon or MultiPolygon)");
        if (layer_kind && *layer_kind != *kind) throw InputError(here, "layer mixes points and polygons");
        layer_kind = kind;
        std::unique_ptr<OGRGeometry> copy{g->clone()};
        if (copy->transform(to_wgs84.get()) != OGRERR_NONE)
            throw CrsError(here, "cannot transform the geometry to WGS 84");
        std::vector<unsigned char> wkb(static_cast<std::size_t>(copy->WkbSize()));
        copy->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        if (*kind == PlaceGeometry::Polygon) wkb = checked_polygon(std::move(wkb), here, load.warnings);
        place.wkb_lonlat = std::move(wkb);
        out.places.push_back(std::move(place));
    });
    if (const auto warning = text.warning()) load.warnings.push_back(*warning);
    if (out.places.empty()) throw InputError({source, "", ""}, "layer '" + std::string(layer->GetName()) + "' is empty");
    out.geometry = *layer_kind;
    return load;
}

}  // namespace phusong
