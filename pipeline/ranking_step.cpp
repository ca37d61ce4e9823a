#include "pipeline/ranking_step.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <cmath>

#include "coverage/model_warnings.hpp"
#include "coverage/candidate_scoring.hpp"
#include "geo/crs.hpp"
#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "geo/text_format.hpp"
#include "geo/terrain_profile.hpp"
#include "io/tower_reader.hpp"
#include "pipeline/steps.hpp"

namespace phusong {
namespace {

/// Radius around an uncovered village searched for high ground by --auto, metres.
constexpr double kHillSearchRadiusM = 1500.0;

std::size_t technology_index(const AnalysisResult& result, const RunConfig& config) {
    const auto& techs = result.technologies;
    if (techs.empty()) throw InputError("site ranking: no technology analysed");
    if (!config.ranking.technology) return techs.size() - 1;
    for (std::size_t i = 0; i < techs.size(); ++i)
        if (techs[i].technology() == *config.ranking.technology) return i;
    throw InputError("--rank-tech: " + std::string(to_key(*config.ranking.technology)) + " was not analysed (add it to --tech)");
}

/// Uncovered demand: pixels where people live without the technology, and the uncovered
/// pixels of villages' footprints (they decide when a village counts as covered).
struct Demand {
    CoverageProblem problem;
    std::vector<std::size_t> element_pixel;
    std::size_t villages_covered_before = 0;
};

Demand build_demand(const PreparedAnalysis& prepared, const AnalysisResult& result, std::size_t t, double village_share) {
    const TechnologyCoverage& tc = result.technologies[t].coverage;
    const auto& signal = tc.signal_dbm.values();
    const auto level = static_cast<float>(tc.covered_level.value());
    const AreaModel& area = result.area;
    Demand d;
    CoverageProblem& p = d.problem;
    std::vector<std::int32_t> element_of(prepared.grid.size(), -1);
    auto element = [&](std::size_t px) {
        if (element_of[px] < 0) {
            element_of[px] = static_cast<std::int32_t>(d.element_pixel.size());
            d.element_pixel.push_back(px);
            p.element_people.push_back(area.people[px]);
            p.element_villages.emplace_back();
            p.element_commune.push_back(area.commune[px]);
        }
        return static_cast<std::uint32_t>(element_of[px]);
    };
    for (std::size_t px = 0; px < signal.size(); ++px)
        if (area.analysed[px] && area.people[px] > 0.0 && !(signal[px] >= level)) element(px);
    for (std::size_t v = 0; v < prepared.villages.size(); ++v) {
        const std::vector<std::size_t>& pixels = prepared.villages[v].footprint.pixels;
        // Covered when at least `needed` pixels are: the share rule of assess_place.
        const double share_pixels = village_share * static_cast<double>(pixels.size());
        const auto needed = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(share_pixels - 1e-9)));
        std::size_t covered = 0;
        for (std::size_t px : pixels) {
            if (signal[px] >= level) ++covered;
            else p.element_villages[element(px)].push_back(static_cast<std::uint32_t>(v));
        }
        p.village_needed.push_back(pixels.empty() ? 1 : needed);
        p.village_covered.push_back(covered);
        p.village_people.push_back(prepared.villages[v].footprint.population);
        d.villages_covered_before += result.villages[v].per_tech[t].second.covered;
    }
    for (const PlaceResult& c : result.communes) p.commune_has_signal.push_back(c.per_tech[t].second.has_signal);
    return d;
}

/// --auto: high ground near uncovered villages (most people first), then the highest point of
/// each cell of a grid laid over the dead zones, sized so that about `count` cells hold some.
std::vector<std::pair<XY, std::string>> generate_sites(std::size_t count, const PreparedAnalysis& prepared,
                                                       const AnalysisResult& result, std::size_t t, const Grid<float>& dem) {
    const GridSpec& grid = prepared.grid;
    std::vector<std::pair<XY, std::string>> out;
    std::vector<char> used(grid.size(), 0);
    // Terrain under the mast, as predictions need it (bilinear, so neighbours too).
    auto can_stand = [&](std::size_t px) { return sample_bilinear(dem, grid.centre(px % grid.width, px / grid.width)).has_value(); };
    auto take = [&](std::size_t px, std::string name) {
        if (used[px]) return;
        used[px] = 1;
        out.emplace_back(grid.centre(px % grid.width, px / grid.width), std::move(name));
    };
    std::vector<std::size_t> uncovered;
    for (std::size_t v = 0; v < prepared.villages.size(); ++v)
        if (!result.villages[v].per_tech[t].second.covered) uncovered.push_back(v);
    std::stable_sort(uncovered.begin(), uncovered.end(), [&](std::size_t a, std::size_t b) {
        return prepared.villages[a].footprint.population > prepared.villages[b].footprint.population;
    });
    const std::size_t near_villages = (count + 1) / 2;
    for (std::size_t v : uncovered) {
        if (out.size() >= near_villages) break;
        std::optional<std::size_t> best;
        for (std::size_t px : pixels_within(grid, prepared.villages[v].position, Metres{kHillSearchRadiusM}))
            if (can_stand(px) && (!best || dem.values()[px] > dem.values()[*best])) best = px;
        if (best) take(*best, "high ground near " + prepared.villages[v].place->name);
    }
    // The dead zones of the technology (not slivers).
    const GapAnalysis& gaps = result.technologies[t].gaps.analysis;
    std::vector<std::size_t> dead;
    for (std::size_t px = 0; px < grid.size(); ++px) {
        const std::int32_t label = gaps.dead.labels[px];
        if (label > 0 && !gaps.zones[static_cast<std::size_t>(label - 1)].sliver && can_stand(px)) dead.push_back(px);
    }
    const std::size_t remaining = count > out.size() ? count - out.size() : 0;
    if (remaining == 0 || dead.empty()) return out;
    auto cell_of = [&](std::size_t px, std::size_t size) {
        return (px / grid.width / size) * (grid.width / size + 1) + (px % grid.width) / size;
    };
    auto best_per_cell = [&](std::size_t size) {
        std::map<std::size_t, std::size_t> best;  // cell → highest pixel (ordered: raster order of cells)
        for (std::size_t px : dead) {
            auto [it, fresh] = best.try_emplace(cell_of(px, size), px);
            if (!fresh && dem.values()[px] > dem.values()[it->second]) it->second = px;
        }
        return best;
    };
    auto size = std::max<std::size_t>(1, static_cast<std::size_t>(std::sqrt(static_cast<double>(dead.size()) / static_cast<double>(remaining))));
    auto cells = best_per_cell(size);
    while (cells.size() > remaining) cells = best_per_cell(size = size + std::max<std::size_t>(1, size / 4));
    std::size_t n = 0;
    for (const auto& [cell, px] : cells) take(px, "dead-zone grid " + std::to_string(++n));
    return out;
}

/// The targets passing after each pick (indices into the targets), and before any in `before`:
/// the ranked technology's village and commune outcomes of the network of every operator
/// updated (new sites belong to no operator: each operator's own indicators stay as they were).
std::vector<std::vector<std::size_t>> targets_after(const LoadedInputs& in, const PreparedAnalysis& prepared,
                                                    const AnalysisResult& result, const RunConfig& config, std::size_t t,
                                                    const Demand& demand, const std::vector<Pick>& picks,
                                                    std::vector<std::size_t>& before) {
    std::vector<std::vector<std::size_t>> out;
    if (in.targets.empty()) return out;
    const std::vector<Technology> techs = result.technology_list();
    std::vector<NetworkOutcomes> networks = network_outcomes(prepared, result);
    std::vector<PlaceOutcome>& villages = networks.front().villages;
    std::vector<PlaceOutcome>& communes = networks.front().communes;
    auto passing = [&] {
        const auto checked = check_targets(in.targets, metrics_by_scope(techs, networks), config.inputs.targets);
        std::vector<std::size_t> passed;
        for (std::size_t i = 0; i < checked.size(); ++i)
            if (checked[i].passed) passed.push_back(i);
        return passed;
    };
    before = passing();
    // The villages whose point lies at each pixel (a new site there ends their "no signal").
    std::multimap<std::size_t, std::size_t> village_at;
    for (std::size_t v = 0; v < result.area.village_pixel.size(); ++v)
        if (const auto px = result.area.village_pixel[v]) village_at.emplace(*px, v);
    const CoverageProblem& p = demand.problem;
    std::vector<char> covered(p.element_people.size(), 0);
    std::vector<std::size_t> village_count = p.village_covered;
    for (const Pick& pick : picks) {
        for (std::uint32_t e : p.covers[pick.candidate]) {
            if (covered[e]) continue;
            covered[e] = 1;
            const auto [first, last] = village_at.equal_range(demand.element_pixel[e]);
            for (auto it = first; it != last; ++it) villages[it->second].signal_at_centre = true;
            for (std::uint32_t v : p.element_villages[e]) {
                ++village_count[v];
                villages[v].has_signal = true;
                if (village_count[v] >= p.village_needed[v] && !villages[v].covered[t]) {
                    villages[v].covered[t] = true;
                    villages[v].covered_population[t] = villages[v].population;
                }
            }
            if (const std::int32_t m = p.element_commune[e]; m >= 0) {
                PlaceOutcome& c = communes[static_cast<std::size_t>(m)];
                c.has_signal = true;
                c.covered_population[t] += p.element_people[e];
                c.covered[t] = c.population > 0.0 ? c.covered_population[t] >= config.gaps.commune_covered_share * c.population - 1e-9
                                                   : true;
            }
        }
        out.push_back(passing());
    }
    return out;
}

/// Whether a mast can stand at `xy`: on the grid, with terrain under it and around it (bilinear).
bool can_stand(const GridSpec& grid, const Grid<float>& dem, XY xy) {
    const auto px = grid.pixel_of(xy);
    return px && !std::isnan(dem.at(px->first, px->second)) && sample_bilinear(dem, xy);
}

/// --upgrade-existing: each existing mast (a site at one antenna height) of which no cell — by
/// site id or position — has `tech`, as a candidate with `cost`; appended to `out` where it
/// can stand. InputError when an upgrade's id is also a candidate's of the file.
void add_upgrades(const LoadedInputs& in, const std::string& candidates_path, const GridSpec& grid, const Grid<float>& dem,
                  Technology tech, double cost, RankingResult& out) {
    const Transformer to_grid(kWgs84, grid.crs);
    std::set<std::string> sites_with_tech;
    std::set<std::pair<double, double>> positions_with_tech;
    std::map<std::string, std::set<double>> heights;  // per site id: its masts' antenna heights
    for (const Cell& c : in.towers.cells) {
        heights[c.site_id].insert(c.antenna_height.value());
        if (c.technology != tech) continue;
        if (!c.site_id.empty()) sites_with_tech.insert(c.site_id);
        positions_with_tech.insert({c.location.lon, c.location.lat});
    }
    std::set<std::string> ids;
    for (const CandidateSite& s : out.sites) ids.insert(s.id);
    std::set<std::tuple<std::string, double, double, double>> seen;
    for (const Cell& c : in.towers.cells) {
        if (sites_with_tech.contains(c.site_id) || positions_with_tech.contains({c.location.lon, c.location.lat})) continue;
        if (!seen.insert({c.site_id, c.location.lon, c.location.lat, c.antenna_height.value()}).second) continue;
        const XY xy = to_grid.forward({c.location.lon, c.location.lat});
        if (!can_stand(grid, dem, xy)) continue;
        std::string id = "upgrade-" + c.site_id;
        if (heights[c.site_id].size() > 1) id += "-" + format_quantity(c.antenna_height.value()) + "m";
        if (!ids.insert(id).second)
            throw InputError({candidates_path, "", "candidate_id"},
                             "the candidate id '" + id + "' is also the id of the upgrade of mast " + c.site_id + " (--upgrade-existing): rename it");
        const std::string owner = c.operator_name.empty() ? "" : ", " + c.operator_name;
        out.sites.push_back({id, "existing mast " + c.site_id + owner + " + " + std::string(to_string(tech)), c.location,
                             c.antenna_height, tech, cost, c.origin, true});
        out.positions.push_back(xy);
    }
}

/// The commune and district each site stands in ("" outside every commune).
void locate_sites(const PreparedAnalysis& prepared, RankingResult& out) {
    std::vector<Geometry> shapes;
    std::vector<PreparedGeometry> communes;
    for (const GriddedPlace& c : prepared.communes) {
        shapes.push_back(geometry_from_wkb(c.wkb));
        communes.push_back(prepare(shapes.back().get()));
    }
    for (const XY& at : out.positions) {
        std::size_t k = 0;
        while (k < communes.size() && !covers(communes[k].get(), at)) ++k;
        out.communes.push_back(k < communes.size() ? prepared.communes[k].place->name : "");
        out.districts.push_back(k < communes.size() ? prepared.communes[k].district : "");
    }
}

}  // namespace

RankingResult rank_candidates(const LoadedInputs& in, const PreparedAnalysis& prepared, const AnalysisResult& result,
                              const RunConfig& config, const Grid<float>& dem,
                              const std::function<void(std::size_t, std::size_t)>& progress, Diagnostics& diagnostics) {
    const RankingConfig& o = config.ranking;
    const std::size_t t = technology_index(result, config);
    if (o.objective == Objective::Villages && prepared.villages.empty())
        throw InputError("--objective villages: the run has no villages (give villages as --places or --villages)");
    if (o.objective == Objective::Communes && prepared.communes.empty())
        throw InputError("--objective communes: the run has no communes (give --communes)");
    RankingResult out;
    out.technology = result.technologies[t].technology();
    out.covered_level = result.technologies[t].coverage.covered_level;
    out.objective = o.objective;
    out.generated = o.auto_candidates > 0;
    const TowerDefaults& defaults = config.tower_defaults;
    const GridSpec& grid = prepared.grid;
    // The candidates that can stand: on the grid, on the DEM, offering the ranked technology.
    std::vector<std::string> off_grid;
    std::size_t other_tech = 0;
    if (out.generated) {
        std::size_t n = 0;
        const Transformer to_lonlat(grid.crs, kWgs84);
        for (auto& [xy, name] : generate_sites(o.auto_candidates, prepared, result, t, dem)) {
            const XY ll = to_lonlat.forward(xy);
            char id[16];
            std::snprintf(id, sizeof id, "A%03zu", ++n);
            out.sites.push_back({id, name, {ll.x, ll.y}, std::nullopt, std::nullopt, 1.0, "--auto"});
            out.positions.push_back(xy);
        }
    } else {
        const Transformer to_grid(kWgs84, grid.crs);
        for (const CandidateSite& c : in.candidates) {
            if (c.technology && *c.technology != out.technology) {
                ++other_tech;
                continue;
            }
            const XY xy = to_grid.forward({c.location.lon, c.location.lat});
            if (!can_stand(grid, dem, xy)) {
                off_grid.push_back(c.origin + " '" + c.id + "'");
                continue;
            }
            out.sites.push_back(c);
            out.positions.push_back(xy);
        }
    }
    if (o.upgrade_technology) {
        if (*o.upgrade_technology != out.technology)
            throw InputError("--upgrade-existing " + std::string(to_key(*o.upgrade_technology)) + ": the ranking is for " +
                             std::string(to_string(out.technology)) + " (choose it with --rank-tech)");
        add_upgrades(in, config.inputs.candidates, grid, dem, out.technology, o.upgrade_cost, out);
    }
    locate_sites(prepared, out);
    if (!off_grid.empty())
        out.warnings.push_back(std::to_string(off_grid.size()) + " candidate site(s) outside the analysis grid or the DEM were skipped: " +
                               format_some(off_grid));
    if (other_tech)
        out.warnings.push_back(std::to_string(other_tech) + " candidate site(s) for another technology than " +
                               std::string(to_string(out.technology)) + " were skipped");
    for (const CandidateSite& c : out.sites) {
        out.heights.push_back(c.antenna_height.value_or(defaults[out.technology].antenna_height));
        // Before any candidate is scored: P.1812 takes antennas 1-3000 m above ground.
        if (config.radio.model == PropagationModel::P1812 && !(out.heights.back().value() >= 1.0 && out.heights.back().value() <= 3000.0))
            throw InputError(c.origin + ": field 'height_m': " + format_quantity(out.heights.back().value()) + " m" +
                             (c.antenna_height ? "" : " (the technology's default, --tech-default)") +
                             " is outside P.1812's 1-3000 m (choose another --model)");
    }

    Demand demand = build_demand(prepared, result, t, config.gaps.village_covered_share);
    CoverageProblem& p = demand.problem;
    out.demand_elements = p.element_people.size();
    std::vector<XY> element_xy;
    for (std::size_t px : demand.element_pixel) element_xy.push_back(grid.centre(px % grid.width, px / grid.width));
    std::vector<Transmitter> transmitters;
    const TechDefaults& tech = defaults[out.technology];
    if (config.radio.model == PropagationModel::P1812 && !(tech.frequency.value() >= 30.0 && tech.frequency.value() <= 6000.0))
        throw InputError("--tech-default: new " + std::string(to_string(out.technology)) + " sites would transmit at " +
                         format_quantity(tech.frequency.value()) + " MHz, outside P.1812's 30-6000 MHz (choose another --model)");
    if (config.radio.model == PropagationModel::Itm && tech.frequency.value() > 20000.0)
        throw InputError("--tech-default: new " + std::string(to_string(out.technology)) + " sites would transmit at " +
                         format_quantity(tech.frequency.value()) + " MHz, above ITM's 20000 MHz (choose another --model)");
    if (const auto& cal = config.radio.calibration; cal && !fitted_near(*cal, tech.frequency.value()))
        diagnostics.warn(Step::Rank, {config.inputs.calibration, "", "frequency_mhz"},
                         "fitted at " + format_quantity(cal->min_frequency_mhz) + "-" + format_quantity(cal->max_frequency_mhz) +
                             " MHz; the candidate sites at " + format_quantity(tech.frequency.value()) + " MHz use it as it is");
    for (std::size_t c = 0; c < out.sites.size(); ++c) {
        Transmitter tx;  // omni: a full site's coverage
        tx.cell_index = static_cast<std::int32_t>(c);
        tx.position = out.positions[c];
        tx.antenna_height = out.heights[c];
        tx.technology = out.technology;
        tx.frequency = tech.frequency;
        tx.reference_eirp = tech.eirp + config.budget[out.technology].reference_share;
        transmitters.push_back(tx);
    }
    CoverageSettings settings = run_coverage_settings(config, prepared);
    CandidateCoverage scored = score_candidates(dem, transmitters, element_xy, out.covered_level, settings, progress);
    if (scored.itm_warnings)
        diagnostics.warn(Step::Rank, {}, "ITM flagged some candidate links (results valid, use with care): " +
                                             itm::describe_warnings(scored.itm_warnings));
    for (const std::string& w : describe_warnings(scored.warnings, to_string(config.radio.model)))
        diagnostics.warn(Step::Rank, {}, "candidate sites: " + w);
    p.covers = std::move(scored.covers);
    p.cost.clear();
    for (const CandidateSite& c : out.sites) p.cost.push_back(c.cost);
    for (const auto& covers : p.covers) {
        double people = 0.0;
        for (std::uint32_t e : covers) people += p.element_people[e];
        out.standalone_population.push_back(people);
    }

    out.picks = greedy_select(p, out.objective, o.select, o.budget);
    const double villages = static_cast<double>(prepared.villages.size());
    out.villages_share_before = villages > 0 ? static_cast<double>(demand.villages_covered_before) / villages : 0.0;
    for (const Pick& pick : out.picks)
        out.villages_share_after.push_back(
            villages > 0 ? static_cast<double>(demand.villages_covered_before + pick.cumulative.villages) / villages : 0.0);
    out.targets_passing_after = targets_after(in, prepared, result, config, t, demand, out.picks, out.targets_passing_before);
    out.greedy_objective = out.picks.empty() ? 0.0 : objective_value(out.picks.back().cumulative, out.objective);
    if (o.exact) out.exact = exact_select(p, out.objective, o.select, o.budget, o.exact_time_limit_s);
    for (const std::string& w : out.warnings) diagnostics.warn(Step::Rank, {}, w);
    return out;
}

}  // namespace phusong
