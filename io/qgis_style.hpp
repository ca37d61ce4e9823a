// QGIS layer styles (QML) for GeoPackage layers, stored in the `layer_styles` table that QGIS
// reads when it opens a layer, so results look right without any set-up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace phusong {

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

/// One class of a graduated style: values in [lower, upper).
struct ColourBin {
    double lower = 0.0;
    double upper = 0.0;
    Rgba colour;
    std::string label;
};

/// Polygons filled with `fill` (its alpha is the opacity), outlined in `outline` (width in mm).
std::string qml_fill(Rgba fill, Rgba outline, double outline_mm);
/// Points as markers of `size_mm` (shape: circle, triangle, square, star, …).
std::string qml_marker(Rgba fill, Rgba outline, double size_mm, const std::string& shape = "circle");
/// Points coloured by the class of `field`; features outside every class are not drawn.
std::string qml_graduated_marker(const std::string& field, const std::vector<ColourBin>& bins, double size_mm,
                                 const std::string& shape = "circle");
/// `base` (a QML document from the functions above) with labels from `field` added.
std::string qml_with_labels(const std::string& base, const std::string& field, double size_pt);

struct LayerStyle {
    std::string table;                       ///< layer the style is for
    std::string geometry_column = "geom";
    std::string name;                        ///< style name shown by QGIS
    std::string description;
    std::string qml;
};

}  // namespace phusong
