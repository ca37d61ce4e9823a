#include "pipeline/map_style.hpp"

#include <limits>

namespace phusong {

std::vector<ColourBin> signal_classes() {
    // QGIS ranges need finite bounds: −200 and 0 dBm lie beyond any received level.
    return {{-200.0, -110.0, {215, 25, 28, 255}, "< -110 dBm"},  {-110.0, -100.0, {253, 174, 97, 255}, "-110 to -100 dBm"},
            {-100.0, -90.0, {255, 255, 191, 255}, "-100 to -90 dBm"}, {-90.0, -80.0, {166, 217, 106, 255}, "-90 to -80 dBm"},
            {-80.0, -70.0, {102, 189, 99, 255}, "-80 to -70 dBm"},    {-70.0, 0.0, {26, 152, 80, 255}, ">= -70 dBm"}};
}

std::vector<ColourBin> rank_classes() {
    // Blues, apart from the reds of dead zones and weak signal.
    return {{1, 4, {8, 48, 107, 255}, "ranks 1-3"}, {4, 11, {33, 113, 181, 255}, "ranks 4-10"},
            {11, 1e6, {107, 174, 214, 255}, "later ranks"}};
}

Rgba covered_colour(Technology t) {
    switch (t) {
        case Technology::G2: return {150, 150, 150, 110};
        case Technology::G3: return {77, 175, 74, 110};
        case Technology::G4: return {55, 126, 184, 110};
        case Technology::G5: return {152, 78, 163, 110};
    }
    return {77, 175, 74, 110};
}

std::vector<LayerStyle> layer_styles(const StyledLayers& layers) {
    std::vector<LayerStyle> out;
    const Rgba no_fill{0, 0, 0, 0}, boundary{60, 60, 60, 255};
    if (layers.places) {
        std::string qml;
        if (!layers.places_are_points) qml = qml_fill(no_fill, boundary, 0.4);
        else if (!layers.places_signal_field.empty()) qml = qml_graduated_marker(layers.places_signal_field, signal_classes(), 2.4);
        else qml = qml_marker(kVillageColour, boundary, 2.0);
        out.push_back({"places", "geom", "phusong", "Places coloured by their best received level", qml_with_labels(qml, "name", 7)});
    }
    if (layers.communes)
        out.push_back({"communes", "geom", "phusong", "Commune boundaries", qml_with_labels(qml_fill(no_fill, boundary, 0.4), "name", 8)});
    if (layers.candidates)
        out.push_back({"candidates", "geom", "phusong", "Candidate sites by rank (unranked ones hidden)",
                       qml_with_labels(qml_graduated_marker("rank", rank_classes(), 5.0, "star"), "rank", 9)});
    if (layers.towers) out.push_back({"towers", "geom", "phusong", "Cells (one point per cell)", qml_marker(kTowerColour, kTowerColour, 3.0, "triangle")});
    for (Technology t : layers.technologies) {
        const std::string key(to_key(t)), name(to_string(t));
        out.push_back({"dead_zones_" + key, "geom", "phusong", name + " dead zones in red", qml_fill(kDeadZoneFill, kDeadZoneOutline, 0.3)});
        Rgba outline = covered_colour(t);
        outline.a = 255;
        out.push_back({"coverage_" + key, "geom", "phusong", name + " covered area", qml_fill(covered_colour(t), outline, 0.1)});
    }
    return out;
}

}  // namespace phusong
