// load: the towers, places, targets and candidates a run names.
#include <algorithm>

#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "io/candidate_reader.hpp"
#include "io/csv_table.hpp"
#include "pipeline/steps.hpp"

namespace phusong {
namespace {

bool has_field(const PlaceLoad& load, const std::string& field) {
    if (load.layer.places.empty()) return false;
    const auto& attributes = load.layer.places.front().attributes;
    return std::any_of(attributes.begin(), attributes.end(), [&](const auto& a) { return a.first == field; });
}

std::string field_names(const PlaceLoad& load) {
    std::string out;
    if (!load.layer.places.empty())
        for (const auto& [name, value] : load.layer.places.front().attributes) out += (out.empty() ? "" : ", ") + name;
    return out.empty() ? "none" : out;
}

/// A district field named explicitly must exist in the communes (or, without communes, the villages).
void check_district_field(const LoadedInputs& in, const RunConfig& config) {
    if (!config.inputs.district_field) return;
    const std::string& field = *config.inputs.district_field;
    const bool communes = in.communes.has_value();
    const std::optional<PlaceLoad>& layer = communes ? in.communes : in.villages;
    if (!layer) return;
    if (has_field(*layer, field) || (communes && in.villages && has_field(*in.villages, field))) return;
    throw InputError({communes ? in.communes_path : in.villages_path, "", field},
                     "no such field (--district-field); fields are: " + field_names(*layer));
}

/// --district: keeps the communes of the named districts, and the villages that name one of them
/// or, naming none, lie in a kept commune. InputError for a district no place names.
void keep_districts(LoadedInputs& in, const RunConfig& config) {
    if (config.districts.empty()) return;
    const std::string field = district_field_of(config.inputs);
    std::vector<std::string> known;
    for (const std::optional<PlaceLoad>* layer : {&in.communes, &in.villages})
        if (*layer)
            for (const Place& p : (*layer)->layer.places)
                if (const std::string d = p.attribute(field); !d.empty() && std::find(known.begin(), known.end(), d) == known.end())
                    known.push_back(d);
    auto is_known = [&](const std::string& d) { return std::find(known.begin(), known.end(), d) != known.end(); };
    std::vector<std::string> wanted;
    for (const std::string& entry : config.districts) {
        if (is_known(entry)) {
            wanted.push_back(entry);
            continue;
        }
        for (std::string& name : split_names(entry)) wanted.push_back(std::move(name));
    }
    for (const std::string& d : wanted)
        if (!is_known(d)) {
            std::sort(known.begin(), known.end());
            std::string list;
            for (const std::string& k : known) list += (list.empty() ? "'" : ", '") + k + "'";
            throw InputError("--district: no place names the district '" + d + "' in its field '" + field + "' (districts: " +
                             (list.empty() ? "none" : list) + ")");
        }
    auto named = [&](const Place& p) {
        const std::string d = p.attribute(field);
        return std::find(wanted.begin(), wanted.end(), d) != wanted.end();
    };
    std::vector<PreparedGeometry> kept_communes;
    std::vector<Geometry> shapes;
    if (in.communes) {
        std::erase_if(in.communes->layer.places, [&](const Place& p) { return !named(p); });
        if (in.communes->layer.places.empty())
            throw InputError({in.communes_path, "", field}, "--district: no commune lies in the district(s) named (only villages "
                                                            "name them): the analysed area would be none of theirs");
        for (const Place& p : in.communes->layer.places) {
            shapes.push_back(geometry_from_wkb(p.wkb_lonlat));
            kept_communes.push_back(prepare(shapes.back().get()));
        }
    }
    if (in.villages)
        std::erase_if(in.villages->layer.places, [&](const Place& p) {
            if (!p.attribute(field).empty()) return !named(p);
            const XY at = point_on_surface(geometry_from_wkb(p.wkb_lonlat).get());
            return std::none_of(kept_communes.begin(), kept_communes.end(), [&](const PreparedGeometry& c) { return covers(c.get(), at); });
        });
}

}  // namespace

LoadedInputs load_inputs(const RunConfig& config, Diagnostics& diagnostics) {
    validate(config);
    const RunInputs& paths = config.inputs;
    LoadedInputs in;
    if (config.predicts()) {
        in.towers = read_towers(paths.towers, config.tower_defaults);
        diagnostics.warn_all(Step::Load, in.towers.warnings);
    }
    if (!paths.villages.empty()) {
        in.villages = read_places(paths.villages, {paths.village_population_field, paths.village_id_field, paths.village_name_field, ""});
        in.villages_path = paths.villages;
        diagnostics.warn_all(Step::Load, in.villages->warnings);
    }
    if (!paths.communes.empty()) {
        in.communes = read_places(paths.communes, {paths.commune_population_field, paths.commune_id_field, paths.commune_name_field, ""});
        in.communes_path = paths.communes;
        if (in.communes->layer.geometry != PlaceGeometry::Polygon)
            throw InputError({paths.communes, "", ""}, "communes must be polygons");
        diagnostics.warn_all(Step::Load, in.communes->warnings);
    }
    if (!paths.places.empty()) {
        PlaceLoad places = read_places(paths.places, {paths.places_population_field, paths.village_id_field, paths.village_name_field, ""});
        diagnostics.warn_all(Step::Load, places.warnings);
        if (places.layer.geometry == PlaceGeometry::Polygon) {
            if (in.communes) throw InputError("--communes is for villages; --places " + paths.places + " are polygons already");
            in.communes = std::move(places);
            in.communes_path = paths.places;
        } else {
            if (in.villages) throw InputError("--places and --villages: give one of them");
            in.villages = std::move(places);
            in.villages_path = paths.places;
        }
    }
    check_district_field(in, config);
    keep_districts(in, config);
    if (!paths.districts.empty()) {
        PlaceReadOptions outline{"", "", "", "", false};
        PlaceLoad probe = read_places(paths.districts, outline);
        if (probe.layer.geometry != PlaceGeometry::Polygon) throw InputError({paths.districts, "", ""}, "districts must be polygons");
        if (has_field(probe, district_field_of(paths))) {
            outline.name_field = district_field_of(paths);
            probe = read_places(paths.districts, outline);
        }
        diagnostics.warn_all(Step::Load, probe.warnings);
        in.districts = std::move(probe);
    }
    if (const std::string& power = paths.village_power_field; !power.empty()) {
        if (!in.villages) throw InputError("--village-power-field " + power + " describes villages: give --villages (or point --places)");
        if (!has_field(*in.villages, power))
            throw InputError({in.villages_path, "", power}, "no such field (--village-power-field); fields are: " + field_names(*in.villages));
    }
    if (!paths.targets.empty()) in.targets = parse_targets(read_text_file(paths.targets), paths.targets);
    if (!paths.candidates.empty()) {
        CandidateLoad candidates = load_candidates(paths.candidates);
        in.candidates = std::move(candidates.sites);
        diagnostics.warn_all(Step::Load, candidates.warnings);
    }
    return in;
}

}  // namespace phusong
