#include "coverage/dead_zones.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace phusong {
namespace {

/// Adds a footprint's people to the surface: by its weights, else evenly over its pixels.
void spread(const PlaceFootprint& fp, std::vector<double>& people) {
    if (fp.pixels.empty()) return;
    double weight_total = 0.0;
    for (double w : fp.weights) weight_total += w;
    const bool weighted = !fp.weights.empty() && weight_total > 0.0;
    for (std::size_t i = 0; i < fp.pixels.size(); ++i) {
        const double share = weighted ? fp.weights[i] / weight_total : 1.0 / static_cast<double>(fp.pixels.size());
        people[fp.pixels[i]] += fp.population * share;
    }
}

}  // namespace

AreaModel build_area_model(const GridSpec& grid, std::span<const char> terrain, const std::vector<PlaceFootprint>& villages,
                           const std::vector<std::optional<std::size_t>>& village_pixels,
                           const std::vector<PlaceFootprint>& communes) {
    if (terrain.size() != grid.size()) throw std::invalid_argument("build_area_model: terrain mask does not match the grid");
    if (village_pixels.size() != villages.size()) throw std::invalid_argument("build_area_model: one pixel per village needed");
    AreaModel m;
    m.grid = grid;
    m.commune.assign(grid.size(), -1);
    for (std::size_t c = communes.size(); c-- > 0;)  // backwards, so the first commune wins overlaps
        for (std::size_t px : communes[c].pixels) m.commune[px] = static_cast<std::int32_t>(c);
    m.analysed.resize(grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) m.analysed[i] = terrain[i] && (communes.empty() || m.commune[i] >= 0);
    m.people.assign(grid.size(), 0.0);
    for (const PlaceFootprint& fp : villages.empty() ? communes : villages) spread(fp, m.people);
    m.village_pixel = village_pixels;
    for (const PlaceFootprint& fp : villages) m.village_population.push_back(fp.population);
    return m;
}

GapAnalysis find_gaps(const TechnologyCoverage& coverage, const AreaModel& area) {
    const GridSpec& grid = area.grid;
    const auto& signal = coverage.signal_dbm.values();
    if (signal.size() != grid.size()) throw std::invalid_argument("find_gaps: coverage and area grids differ");
    const float level = static_cast<float>(coverage.covered_level.value());
    std::vector<char> covered(grid.size()), dead(grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) {
        if (!area.analysed[i]) continue;
        // NaN (no cell reaches) compares false: not covered.
        covered[i] = signal[i] >= level;
        dead[i] = !covered[i];
    }
    GapAnalysis g;
    g.technology = coverage.technology;
    g.dead = label_regions(dead, grid.width, grid.height);
    g.covered = label_regions(covered, grid.width, grid.height);

    const double pixel_km2 = grid.pixel_area_m2() / 1e6;
    g.zones.resize(g.dead.count());
    std::vector<std::map<std::int32_t, std::size_t>> commune_pixels(g.dead.count());
    for (std::size_t i = 0; i < grid.size(); ++i) {
        if (!area.analysed[i]) continue;
        ++g.analysed.pixels;
        g.analysed.population += area.people[i];
        if (covered[i]) {
            ++g.covered_area.pixels;
            g.covered_area.population += area.people[i];
            continue;
        }
        DeadZone& z = g.zones[static_cast<std::size_t>(g.dead.labels[i] - 1)];
        ++z.pixels;
        z.population += area.people[i];
        if (area.commune[i] >= 0) ++commune_pixels[static_cast<std::size_t>(g.dead.labels[i] - 1)][area.commune[i]];
    }
    g.analysed.area_km2 = static_cast<double>(g.analysed.pixels) * pixel_km2;
    g.covered_area.area_km2 = static_cast<double>(g.covered_area.pixels) * pixel_km2;
    for (std::size_t k = 0; k < g.zones.size(); ++k) {
        DeadZone& z = g.zones[k];
        z.region = static_cast<std::int32_t>(k + 1);
        z.area_km2 = static_cast<double>(z.pixels) * pixel_km2;
        z.communes_touched = commune_pixels[k].size();
        std::size_t most = 0;
        for (const auto& [commune, n] : commune_pixels[k])  // ascending index: the lowest wins ties
            if (n > most) {
                most = n;
                z.commune = static_cast<std::size_t>(commune);
            }
    }
    for (std::size_t v = 0; v < area.village_pixel.size(); ++v) {
        if (!area.village_pixel[v]) continue;
        const std::int32_t label = g.dead.labels[*area.village_pixel[v]];
        if (label == 0) continue;
        DeadZone& z = g.zones[static_cast<std::size_t>(label - 1)];
        z.villages.push_back(v);
        z.village_population += area.village_population[v];
    }
    filter_and_rank(g, {});
    return g;
}

void filter_and_rank(GapAnalysis& gaps, const DeadZoneFilter& filter) {
    gaps.dead_area = {};
    gaps.slivers = {};
    std::vector<DeadZone*> kept;
    for (DeadZone& z : gaps.zones) {
        // A zone with a village in it matters however small: never a sliver.
        z.sliver = z.villages.empty() &&
                   (z.area_km2 < filter.min_area_km2 || (z.width && z.width->value() < filter.min_width.value()));
        z.rank = 0;
        AreaTally& tally = z.sliver ? gaps.slivers : gaps.dead_area;
        tally.pixels += z.pixels;
        tally.area_km2 += z.area_km2;
        tally.population += z.population;
        if (!z.sliver) kept.push_back(&z);
    }
    std::stable_sort(kept.begin(), kept.end(), [](const DeadZone* a, const DeadZone* b) {
        if (a->population != b->population) return a->population > b->population;
        return a->pixels > b->pixels;  // stable: region order breaks the remaining ties
    });
    for (std::size_t r = 0; r < kept.size(); ++r) kept[r]->rank = r + 1;
}

std::vector<const DeadZone*> ranked_zones(const GapAnalysis& gaps) {
    std::vector<const DeadZone*> out;
    for (const DeadZone& z : gaps.zones)
        if (!z.sliver) out.push_back(&z);
    std::sort(out.begin(), out.end(), [](const DeadZone* a, const DeadZone* b) { return a->rank < b->rank; });
    return out;
}

}  // namespace phusong
