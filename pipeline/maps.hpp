// Map pictures of a run: per technology, signal classes over hillshade, dead zones, commune and
// district boundaries, villages (covered or not) and towers, with a legend (io/map_renderer draws them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/network.hpp"
#include "io/map_renderer.hpp"

namespace phusong {

/// What one technology's map shows; polygons as WKB in the map CRS.
struct TechnologyMapData {
    Technology technology = Technology::G3;
    Extent extent;
    const Grid<float>* shade = nullptr;         ///< optional hillshade
    const Grid<float>* signal_dbm = nullptr;    ///< optional best-server level
    std::vector<std::vector<unsigned char>> dead_zones;
    std::vector<std::vector<unsigned char>> boundaries;   ///< communes (or place polygons)
    std::vector<std::vector<unsigned char>> district_boundaries;
    std::vector<std::pair<XY, bool>> villages;            ///< position, covered by this technology
    std::vector<XY> towers;                               ///< cells of this technology
    std::vector<XY> new_sites;                            ///< picked candidates, in rank order
};

/// The scene for one technology's map.
MapScene technology_map(const TechnologyMapData& data);

/// What the land-cover map shows: the classes (`values`, NaN = none) coloured by `classes`
/// over the relief, with commune boundaries, villages and every site.
struct LandCoverMapData {
    Extent extent;
    const Grid<float>* shade = nullptr;
    const Grid<float>* values = nullptr;
    std::vector<ColourBin> classes;                       ///< one bin per class, labelled
    std::vector<std::vector<unsigned char>> boundaries;
    std::vector<std::vector<unsigned char>> district_boundaries;
    std::vector<XY> villages;
    std::vector<XY> towers;
};

/// The scene of the land-cover map ("map_landcover.png").
MapScene landcover_map(const LandCoverMapData& data);
inline constexpr const char* kLandCoverMapFile = "map_landcover.png";

/// File name of a technology's map: "map_3g.png".
std::string map_file_name(Technology t);

/// Width of the map part of the pictures, pixels.
inline constexpr int kMapWidthPx = 1000;

}  // namespace phusong
