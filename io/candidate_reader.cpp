#include "io/candidate_reader.hpp"

#include <filesystem>
#include <functional>
#include <set>

#include "geo/errors.hpp"
#include "io/csv_table.hpp"
#include "io/gdal_support.hpp"
#include "io/ogr_text.hpp"

namespace phusong {
namespace {

/// Optional attributes shared by both formats; `field(name)` gives the text or "" when absent.
void read_attributes(CandidateSite& c, const std::function<std::string(const std::string&)>& field,
                     const std::function<InputLocation(const std::string&)>& at) {
    if (const std::string name = field("name"); !name.empty()) c.name = name;
    if (const std::string h = field("height_m"); !h.empty()) c.antenna_height = Metres{parse_number(h, at("height_m"), 0.5, 3000.0)};
    if (const std::string t = field("tech"); !t.empty()) {
        c.technology = parse_technology(t);
        if (!c.technology) throw InputError(at("tech"), "'" + t + "' is not 2G, 3G, 4G or 5G");
    }
    if (const std::string cost = field("cost"); !cost.empty()) {
        c.cost = parse_number(cost, at("cost"), 0.0, 1e12);
        if (!(c.cost > 0.0)) throw InputError(at("cost"), "must be positive");
    }
}

std::string first_of(const std::function<std::string(const std::string&)>& field) {
    for (const char* name : {"candidate_id", "site_id", "id"})
        if (std::string v = field(name); !v.empty()) return v;
    return {};
}

CandidateLoad read_csv(const std::string& text, const std::string& path) {
    const CsvTable table = parse_csv(text, path);  // repairs invalid UTF-8, with a warning
    for (const char* required : {"lon", "lat"})
        if (!table.column(required)) throw InputError({path, "line 1", required}, "missing column (need lon and lat)");
    std::vector<CandidateSite> out;
    for (const CsvRecord& r : table.records) {
        auto field = [&](const std::string& name) {
            const auto col = table.column(name);
            return col ? trim(r.fields[*col]) : std::string();
        };
        auto at = [&](const std::string& name) { return table.at(r, name); };
        CandidateSite c;
        c.origin = path + ": line " + std::to_string(r.line);
        c.location = {parse_number(field("lon"), at("lon"), -180.0, 180.0), parse_number(field("lat"), at("lat"), -90.0, 90.0)};
        c.id = first_of(field);
        if (c.id.empty()) c.id = "C" + std::to_string(out.size() + 1);
        read_attributes(c, field, at);
        out.push_back(std::move(c));
    }
    return {std::move(out), table.warnings};
}

CandidateLoad read_ogr(const std::string& path) {
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_VECTOR, "vector layer of candidate sites", DatasetPath::FileOrFolder);
    OGRLayer* layer = ds->GetLayer(0);
    if (!layer) throw InputError({path, "", ""}, "has no layer");
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs) throw InputError({path, "", ""}, "has no CRS");
    const auto to_wgs84 = transformation_to_wgs84(*srs);
    if (!to_wgs84) throw InputError({path, "", ""}, "cannot transform its CRS to WGS 84");
    std::vector<CandidateSite> out;
    OgrText text(*layer);
    std::size_t n = 0;
    for_each_feature(*layer, path, [&](OGRFeature& feature) {
        ++n;
        const InputLocation where{path, "feature " + std::to_string(n), ""};
        const OGRGeometry* g = feature.GetGeometryRef();
        if (!g || wkbFlatten(g->getGeometryType()) != wkbPoint) throw InputError(where, "is not a point");
        double x = g->toPoint()->getX(), y = g->toPoint()->getY();
        if (!to_wgs84->Transform(1, &x, &y)) throw InputError(where, "cannot be transformed to WGS 84");
        auto at = [&](const std::string& name) { return InputLocation{path, where.record, name}; };
        auto field = [&](const std::string& name) {
            return trim(text.field(feature, feature.GetFieldIndex(name.c_str()), at(name)));
        };
        CandidateSite c;
        c.origin = path + ": " + where.record;
        c.location = {x, y};
        c.id = first_of(field);
        if (c.id.empty()) c.id = "C" + std::to_string(n);
        read_attributes(c, field, at);
        out.push_back(std::move(c));
    });
    std::vector<InputWarning> warnings;
    if (const auto warning = text.warning()) warnings.push_back(*warning);
    return {std::move(out), std::move(warnings)};
}

CandidateLoad checked(CandidateLoad load, const std::string& path) {
    if (load.sites.empty()) throw InputError({path, "", ""}, "holds no candidate site");
    std::set<std::string> seen;
    for (const CandidateSite& c : load.sites)
        if (!seen.insert(c.id).second) throw InputError(c.origin + ": field 'candidate_id': duplicate id '" + c.id + "'");
    return load;
}

}  // namespace

CandidateLoad load_candidates(const std::string& path) {
    const bool csv = to_lower(std::filesystem::path(path).extension().string()) == ".csv";
    return checked(csv ? read_csv(read_text_file(path), path) : read_ogr(path), path);
}


std::vector<CandidateSite> parse_candidates_csv(const std::string& text, const std::string& source) {
    return checked(read_csv(text, source), source).sites;
}

}  // namespace phusong
