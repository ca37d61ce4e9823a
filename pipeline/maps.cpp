#include "pipeline/maps.hpp"

#include "pipeline/map_style.hpp"

#include <string>

namespace phusong {
namespace {

constexpr Rgba kDistrictOutline{20, 20, 20, 255};

}  // namespace

std::string map_file_name(Technology t) { return "map_" + std::string(to_key(t)) + ".png"; }

MapScene landcover_map(const LandCoverMapData& data) {
    MapScene scene;
    scene.extent = data.extent;
    scene.shade = data.shade;
    scene.signal_dbm = data.values;
    scene.signal_classes = data.classes;
    scene.title = "Land cover classes (receiver clutter)";
    scene.polygons.push_back({data.boundaries, {0, 0, 0, 0}, {60, 60, 60, 255}, 1.2});
    scene.polygons.push_back({data.district_boundaries, {0, 0, 0, 0}, kDistrictOutline, 2.8});
    const Rgba village{255, 255, 255, 255};
    for (const XY& at : data.villages) scene.points.push_back({at, MarkerShape::Circle, village, 6.0, ""});
    for (const XY& at : data.towers) scene.points.push_back({at, MarkerShape::Triangle, kTowerColour, 11.0, ""});
    scene.legend.push_back({LegendItem::Kind::Heading, {}, {}, "Land cover"});
    for (const ColourBin& bin : data.classes) {
        Rgba c = bin.colour;
        c.a = 160;  // as blended over the relief
        scene.legend.push_back({LegendItem::Kind::Swatch, c, {}, bin.label});
    }
    scene.legend.push_back({LegendItem::Kind::Heading, {}, {}, "Features"});
    if (!data.boundaries.empty()) scene.legend.push_back({LegendItem::Kind::Swatch, {255, 255, 255, 255}, {}, "commune boundary"});
    if (!data.district_boundaries.empty()) scene.legend.push_back({LegendItem::Kind::Swatch, kDistrictOutline, {}, "district boundary"});
    if (!data.villages.empty()) scene.legend.push_back({LegendItem::Kind::Marker, village, MarkerShape::Circle, "village"});
    if (!data.towers.empty()) scene.legend.push_back({LegendItem::Kind::Marker, kTowerColour, MarkerShape::Triangle, "site"});
    return scene;
}

MapScene technology_map(const TechnologyMapData& data) {
    const std::string name(to_string(data.technology));
    MapScene scene;
    scene.extent = data.extent;
    scene.shade = data.shade;
    scene.signal_dbm = data.signal_dbm;
    // The weakest class is left unpainted: below it lie the dead zones, drawn in red on the relief.
    scene.signal_classes = signal_classes();
    scene.signal_classes.erase(scene.signal_classes.begin());
    scene.title = name + ": received level, dead zones and villages";
    scene.polygons.push_back({data.boundaries, {0, 0, 0, 0}, {60, 60, 60, 255}, 1.2});
    scene.polygons.push_back({data.district_boundaries, {0, 0, 0, 0}, kDistrictOutline, 2.8});
    scene.polygons.push_back({data.dead_zones, {215, 25, 28, 110}, kDeadZoneOutline, 0.8});
    const Rgba covered{77, 175, 74, 255}, uncovered{215, 25, 28, 255};
    for (const auto& [at, is_covered] : data.villages)
        scene.points.push_back({at, MarkerShape::Circle, is_covered ? covered : uncovered, 7.0, ""});
    for (const XY& at : data.towers) scene.points.push_back({at, MarkerShape::Triangle, kTowerColour, 11.0, ""});
    const auto ranks = rank_classes();
    for (std::size_t i = 0; i < data.new_sites.size(); ++i) {
        const double rank = static_cast<double>(i + 1);
        Rgba colour = ranks.back().colour;
        for (const ColourBin& bin : ranks)
            if (rank >= bin.lower && rank < bin.upper) colour = bin.colour;
        scene.points.push_back({data.new_sites[i], MarkerShape::Star, colour, 14.0, std::to_string(i + 1)});
    }

    scene.legend.push_back({LegendItem::Kind::Heading, {}, {}, name + " level (dBm)"});
    for (auto it = scene.signal_classes.rbegin(); it != scene.signal_classes.rend(); ++it) {
        Rgba c = it->colour;
        c.a = 160;  // as blended over the relief
        scene.legend.push_back({LegendItem::Kind::Swatch, c, {}, it->label});
    }
    scene.legend.push_back({LegendItem::Kind::Heading, {}, {}, "Features"});
    scene.legend.push_back({LegendItem::Kind::Swatch, {215, 25, 28, 110}, {}, "dead zone (" + name + ")"});
    if (!data.boundaries.empty()) scene.legend.push_back({LegendItem::Kind::Swatch, {255, 255, 255, 255}, {}, "commune boundary"});
    if (!data.district_boundaries.empty()) scene.legend.push_back({LegendItem::Kind::Swatch, kDistrictOutline, {}, "district boundary"});
    if (!data.villages.empty()) {
        scene.legend.push_back({LegendItem::Kind::Marker, covered, MarkerShape::Circle, "village with " + name});
        scene.legend.push_back({LegendItem::Kind::Marker, uncovered, MarkerShape::Circle, "village without " + name});
    }
    if (!data.towers.empty()) scene.legend.push_back({LegendItem::Kind::Marker, kTowerColour, MarkerShape::Triangle, name + " site"});
    if (!data.new_sites.empty())
        scene.legend.push_back({LegendItem::Kind::Marker, ranks.front().colour, MarkerShape::Star, "proposed site (rank)"});
    return scene;
}

}  // namespace phusong
