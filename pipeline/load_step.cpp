// load: the towers, places, targets and candidates a run names.
#include <algorithm>

#include "geo/errors.hpp"
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
        in.villages = read_places(paths.villages, {paths.village_population_field, "", paths.village_name_field, ""});
        in.villages_path = paths.villages;
        diagnostics.warn_all(Step::Load, in.villages->warnings);
    }
    if (!paths.communes.empty()) {
        in.communes = read_places(paths.communes, {paths.commune_population_field, "", paths.commune_name_field, ""});
        in.communes_path = paths.communes;
        if (in.communes->layer.geometry != PlaceGeometry::Polygon)
            throw InputError({paths.communes, "", ""}, "communes must be polygons");
        diagnostics.warn_all(Step::Load, in.communes->warnings);
    }
    if (!paths.places.empty()) {
        PlaceLoad places = read_places(paths.places, {paths.places_population_field, "", paths.village_name_field, ""});
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
