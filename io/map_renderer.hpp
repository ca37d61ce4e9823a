// Renders map pictures (PNG) with Cairo: a raster background (hillshade, signal classes),
// polygons, point symbols with labels, a legend, a scale bar and a north arrow.
#pragma once

#include <string>
#include <vector>

#include "geo/grid.hpp"
#include "io/qgis_style.hpp"

namespace phusong {

class AtomicOutput;

enum class MarkerShape { Circle, Triangle, Star };

struct MapPoint {
    XY at;                      ///< map CRS, metres
    MarkerShape shape = MarkerShape::Circle;
    Rgba fill;
    double size_px = 6.0;
    std::string label;          ///< drawn beside the symbol when not empty
};

struct MapPolygons {
    std::vector<std::vector<unsigned char>> wkb;   ///< (Multi)Polygons in the map CRS
    Rgba fill;                                     ///< alpha 0 = outline only
    Rgba outline;
    double outline_px = 1.0;
};

struct LegendItem {
    enum class Kind { Swatch, Marker, Heading } kind = Kind::Swatch;
    Rgba colour;
    MarkerShape shape = MarkerShape::Circle;
    std::string label;
};

struct MapScene {
    Extent extent;                          ///< map CRS, metres
    const Grid<float>* shade = nullptr;     ///< hillshade 0–1 (optional)
    const Grid<float>* signal_dbm = nullptr;  ///< coloured by signal_classes over the shade (optional)
    std::vector<ColourBin> signal_classes;
    std::vector<MapPolygons> polygons;      ///< drawn in order, over the rasters
    std::vector<MapPoint> points;           ///< drawn last
    std::string title;
    std::vector<LegendItem> legend;
};

/// Renders `scene` into `out`'s temporary file as a PNG whose map part is `map_width_px`
/// wide (height from the extent's aspect), with a legend panel at the right. IoError on failure.
void render_map_png(const AtomicOutput& out, const MapScene& scene, int map_width_px);

}  // namespace phusong
