// phusong's map styling in one place: the signal-level classes and the colours of dead zones,
// covered areas, towers and places, used by the QGIS styles in the GeoPackage.
#pragma once

#include <vector>

#include "geo/network.hpp"
#include "io/qgis_style.hpp"

namespace phusong {

/// Received-level classes in dBm, weakest first: < −110, −110…−100, −100…−90, −90…−80,
/// −80…−70, ≥ −70, red to dark green.
std::vector<ColourBin> signal_classes();

inline constexpr Rgba kDeadZoneFill{215, 25, 28, 170};
inline constexpr Rgba kDeadZoneOutline{140, 0, 0, 255};
inline constexpr Rgba kTowerColour{20, 20, 20, 255};
inline constexpr Rgba kVillageColour{255, 255, 255, 255};
/// Picked candidate sites: classes by rank (1–3, 4–10, later).
std::vector<ColourBin> rank_classes();
/// Translucent fill of a technology's covered area.
Rgba covered_colour(Technology t);

/// What the run's GeoPackage holds, for choosing its styles.
struct StyledLayers {
    bool places = false;                 ///< `places` layer present
    bool places_are_points = true;       ///< villages (points) or communes (polygons)
    std::string places_signal_field;     ///< e.g. "4g_best_dbm": colours the places by level
    bool communes = false;               ///< separate `communes` layer
    bool towers = false;
    bool candidates = false;
    std::vector<Technology> technologies;
};

/// Default QGIS styles for every vector layer of the run's GeoPackage.
std::vector<LayerStyle> layer_styles(const StyledLayers& layers);

}  // namespace phusong
