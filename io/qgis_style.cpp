#include "io/qgis_style.hpp"

#include <sstream>

#include "geo/text_format.hpp"
#include "io/json_writer.hpp"

namespace phusong {
namespace {

std::string colour(Rgba c) {
    return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," + std::to_string(c.a);
}

std::string prop(const std::string& key, const std::string& value) {
    return "<prop k=\"" + key + "\" v=\"" + xml_escape(value) + "\"/>";
}

std::string document(const std::string& renderer) {
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling\">\n" +
           renderer + "</qgis>\n";
}

std::string fill_symbol(const std::string& name, Rgba fill, Rgba outline, double outline_mm) {
    // The symbol's alpha carries the fill opacity; the layer colour stays opaque.
    const double alpha = fill.a / 255.0;
    fill.a = 255;
    return "<symbol type=\"fill\" name=\"" + name + "\" alpha=\"" + format_number(alpha) + "\" clip_to_extent=\"1\" force_rhr=\"0\">"
           "<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">" +
           prop("color", colour(fill)) + prop("style", "solid") + prop("outline_color", colour(outline)) +
           prop("outline_style", "solid") + prop("outline_width", format_number(outline_mm)) + prop("outline_width_unit", "MM") +
           "</layer></symbol>";
}

std::string marker_symbol(const std::string& name, Rgba fill, Rgba outline, double size_mm, const std::string& shape) {
    return "<symbol type=\"marker\" name=\"" + name + "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
           "<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">" +
           prop("name", shape) + prop("color", colour(fill)) + prop("outline_color", colour(outline)) +
           prop("outline_style", "solid") + prop("outline_width", "0.2") + prop("outline_width_unit", "MM") +
           prop("size", format_number(size_mm)) + prop("size_unit", "MM") + "</layer></symbol>";
}

std::string single(const std::string& symbol) {
    return "<renderer-v2 type=\"singleSymbol\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"0\"><symbols>" + symbol +
           "</symbols></renderer-v2>\n";
}

}  // namespace

std::string qml_fill(Rgba fill, Rgba outline, double outline_mm) {
    return document(single(fill_symbol("0", fill, outline, outline_mm)));
}

std::string qml_marker(Rgba fill, Rgba outline, double size_mm, const std::string& shape) {
    return document(single(marker_symbol("0", fill, outline, size_mm, shape)));
}

std::string qml_graduated_marker(const std::string& field, const std::vector<ColourBin>& bins, double size_mm,
                                 const std::string& shape) {
    std::ostringstream ranges, symbols;
    for (std::size_t i = 0; i < bins.size(); ++i) {
        const std::string name = std::to_string(i);
        ranges << "<range lower=\"" << format_number(bins[i].lower) << "\" upper=\"" << format_number(bins[i].upper)
               << "\" symbol=\"" << name << "\" label=\"" << xml_escape(bins[i].label) << "\" render=\"true\"/>";
        symbols << marker_symbol(name, bins[i].colour, {40, 40, 40, 255}, size_mm, shape);
    }
    return document("<renderer-v2 type=\"graduatedSymbol\" attr=\"" + xml_escape(field) +
                    "\" graduatedMethod=\"GraduatedColor\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"0\">"
                    "<ranges>" + ranges.str() + "</ranges><symbols>" + symbols.str() + "</symbols></renderer-v2>\n");
}

std::string qml_with_labels(const std::string& base, const std::string& field, double size_pt) {
    const std::string labeling =
        "<labeling type=\"simple\"><settings calloutType=\"simple\">"
        "<text-style fieldName=\"" + xml_escape(field) + "\" isExpression=\"0\" fontSize=\"" + format_number(size_pt) +
        "\" fontSizeUnit=\"Point\" textColor=\"20,20,20,255\" fontWeight=\"75\">"
        "<text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\"/>"
        "</text-style><placement placement=\"0\" dist=\"1\" distUnits=\"MM\"/>"
        "<rendering obstacle=\"1\" scaleVisibility=\"0\"/></settings></labeling>\n";
    std::string out = base;
    const std::string root = "<qgis version=";
    out.replace(out.find(root), root.size(), "<qgis labelsEnabled=\"1\" version=");
    const std::size_t at = out.rfind("</qgis>");
    return out.substr(0, at) + labeling + out.substr(at);
}

}  // namespace phusong
