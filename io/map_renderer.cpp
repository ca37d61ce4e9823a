#include "io/map_renderer.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>

#include "geo/errors.hpp"
#include "io/atomic_output.hpp"
#include "io/gdal_support.hpp"
#include "io/json_writer.hpp"

namespace phusong {
namespace {

constexpr int kLegendWidthPx = 250;
constexpr int kTitleHeightPx = 36;
constexpr int kMarginPx = 12;
constexpr const char* kFont = "DejaVu Sans";

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};

void set_colour(cairo_t* cr, Rgba c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

/// World (metres) to picture pixels for the map frame.
struct Frame {
    Extent extent;
    double scale = 1.0;      ///< pixels per metre
    double left = 0.0, top = 0.0;
    [[nodiscard]] double px(double x) const { return left + (x - extent.west) * scale; }
    [[nodiscard]] double py(double y) const { return top + (extent.north - y) * scale; }
};

/// The background: hillshade grey, signal classes blended over it, white where nothing is known.
std::vector<std::uint32_t> background(const MapScene& scene, const Frame& f, int w, int h) {
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0xffffffffu);
    const Grid<float>* any = scene.shade ? scene.shade : scene.signal_dbm;
    if (!any) return pixels;
    const GridSpec& grid = any->spec();
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const XY world{f.extent.west + (x + 0.5) / f.scale, f.extent.north - (y + 0.5) / f.scale};
            const auto cell = grid.pixel_of(world);
            if (!cell) continue;
            double r = 245, g = 245, b = 245;
            if (scene.shade) {
                const float s = scene.shade->at(cell->first, cell->second);
                if (!std::isnan(s)) r = g = b = 95.0 + 160.0 * s;
            }
            if (scene.signal_dbm) {
                const float v = scene.signal_dbm->at(cell->first, cell->second);
                for (const ColourBin& bin : scene.signal_classes)
                    if (!std::isnan(v) && v >= bin.lower && v < bin.upper) {
                        constexpr double a = 0.6;
                        r = (1 - a) * r + a * bin.colour.r;
                        g = (1 - a) * g + a * bin.colour.g;
                        b = (1 - a) * b + a * bin.colour.b;
                    }
            }
            pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)] =
                0xff000000u | (static_cast<std::uint32_t>(r) << 16) | (static_cast<std::uint32_t>(g) << 8) |
                static_cast<std::uint32_t>(b);
        }
    return pixels;
}

void add_ring(cairo_t* cr, const OGRLinearRing* ring, const Frame& f) {
    for (int i = 0; i < ring->getNumPoints(); ++i) {
        const double x = f.px(ring->getX(i)), y = f.py(ring->getY(i));
        i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
}

void add_polygon(cairo_t* cr, const OGRGeometry* g, const Frame& f) {
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) {
        const OGRPolygon* p = g->toPolygon();
        if (p->getExteriorRing()) add_ring(cr, p->getExteriorRing(), f);
        for (int i = 0; i < p->getNumInteriorRings(); ++i) add_ring(cr, p->getInteriorRing(i), f);
    } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
        for (const OGRGeometry* part : *g->toGeometryCollection()) add_polygon(cr, part, f);
    }
}

void draw_polygons(cairo_t* cr, const MapPolygons& layer, const Frame& f) {
    cairo_new_path(cr);
    for (const auto& wkb : layer.wkb) {
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE) continue;
        add_polygon(cr, g, f);
        OGRGeometryFactory::destroyGeometry(g);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);  // holes stay open
    if (layer.fill.a > 0) {
        set_colour(cr, layer.fill);
        cairo_fill_preserve(cr);
    }
    set_colour(cr, layer.outline);
    cairo_set_line_width(cr, layer.outline_px);
    cairo_stroke(cr);
}

void marker_path(cairo_t* cr, MarkerShape shape, double x, double y, double size) {
    const double r = size / 2.0;
    switch (shape) {
        case MarkerShape::Circle: cairo_arc(cr, x, y, r, 0.0, 2.0 * std::numbers::pi); break;
        case MarkerShape::Triangle:
            cairo_move_to(cr, x, y - r * 1.2);
            cairo_line_to(cr, x + r * 1.05, y + r * 0.7);
            cairo_line_to(cr, x - r * 1.05, y + r * 0.7);
            cairo_close_path(cr);
            break;
        case MarkerShape::Star:
            for (int k = 0; k < 10; ++k) {
                const double a = -std::numbers::pi / 2 + k * std::numbers::pi / 5, rr = (k % 2 == 0) ? r * 1.3 : r * 0.55;
                k == 0 ? cairo_move_to(cr, x + rr * std::cos(a), y + rr * std::sin(a))
                       : cairo_line_to(cr, x + rr * std::cos(a), y + rr * std::sin(a));
            }
            cairo_close_path(cr);
            break;
    }
}

void draw_marker(cairo_t* cr, MarkerShape shape, double x, double y, double size, Rgba fill) {
    cairo_new_path(cr);
    marker_path(cr, shape, x, y, size);
    set_colour(cr, fill);
    cairo_fill_preserve(cr);
    set_colour(cr, {30, 30, 30, 255});
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
}

/// Text with a white halo so it reads over any background.
void draw_label(cairo_t* cr, const std::string& text, double x, double y, double size, bool bold = false) {
    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_new_path(cr);
    cairo_move_to(cr, x, y);
    cairo_text_path(cr, text.c_str());
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_set_line_width(cr, 2.5);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
    cairo_fill(cr);
}

/// 1, 2 or 5 × 10^k metres, about a fifth of the map's width.
double nice_length(double width_m) {
    const double target = width_m / 5.0, power = std::pow(10.0, std::floor(std::log10(target)));
    for (double step : {5.0, 2.0, 1.0})
        if (step * power <= target) return step * power;
    return power;
}

void draw_scale_bar_and_north(cairo_t* cr, const Frame& f, int map_w, int map_h) {
    const double length_m = nice_length(f.extent.width()), length_px = length_m * f.scale;
    const double x0 = f.left + 16, y0 = f.top + map_h - 22;
    cairo_new_path(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
    cairo_rectangle(cr, x0 - 8, y0 - 22, length_px + 16 + 70, 36);
    cairo_fill(cr);
    for (int half = 0; half < 2; ++half) {
        cairo_rectangle(cr, x0 + half * length_px / 2, y0, length_px / 2, 6);
        half == 0 ? cairo_set_source_rgb(cr, 0.1, 0.1, 0.1) : cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
    }
    const std::string label = length_m >= 1000 ? format_number(length_m / 1000) + " km" : format_number(length_m) + " m";
    draw_label(cr, "0", x0 - 3, y0 - 5, 11);
    draw_label(cr, label, x0 + length_px - 6, y0 - 5, 11);
    // North arrow (grid north: the map is north-up in its projected CRS).
    const double nx = f.left + map_w - 28, ny = f.top + 18;
    cairo_new_path(cr);
    cairo_move_to(cr, nx, ny);
    cairo_line_to(cr, nx + 9, ny + 26);
    cairo_line_to(cr, nx, ny + 20);
    cairo_line_to(cr, nx - 9, ny + 26);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_fill(cr);
    draw_label(cr, "N", nx - 5, ny + 42, 13, true);
}

void draw_legend(cairo_t* cr, const MapScene& scene, double x, double y) {
    for (const LegendItem& item : scene.legend) {
        switch (item.kind) {
            case LegendItem::Kind::Heading:
                y += 8;
                draw_label(cr, item.label, x, y + 12, 13, true);
                break;
            case LegendItem::Kind::Swatch:
                cairo_new_path(cr);
                cairo_rectangle(cr, x, y, 22, 14);
                set_colour(cr, item.colour);
                cairo_fill_preserve(cr);
                cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
                cairo_set_line_width(cr, 0.8);
                cairo_stroke(cr);
                draw_label(cr, item.label, x + 30, y + 12, 12);
                break;
            case LegendItem::Kind::Marker:
                draw_marker(cr, item.shape, x + 11, y + 7, 9, item.colour);
                draw_label(cr, item.label, x + 30, y + 12, 12);
                break;
        }
        y += 22;
    }
}

}  // namespace

void render_map_png(const AtomicOutput& out, const MapScene& scene, int map_width_px) {
    ensure_gdal();
    if (!(scene.extent.width() > 0) || !(scene.extent.height() > 0) || map_width_px < 100)
        throw IoError("cannot draw " + out.target().string() + ": empty map extent");
    Frame f{scene.extent, map_width_px / scene.extent.width(), static_cast<double>(kMarginPx),
            static_cast<double>(kTitleHeightPx)};
    const int map_h = std::max(100, static_cast<int>(std::lround(scene.extent.height() * f.scale)));
    const int width = map_width_px + kLegendWidthPx + 2 * kMarginPx, height = std::max(map_h + kTitleHeightPx + kMarginPx, 420);

    std::vector<std::uint32_t> pixels = background(scene, f, map_width_px, map_h);
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> map_image{cairo_image_surface_create_for_data(
        reinterpret_cast<unsigned char*>(pixels.data()), CAIRO_FORMAT_RGB24, map_width_px, map_h, map_width_px * 4)};
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface{cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)};
    std::unique_ptr<cairo_t, ContextDeleter> context{cairo_create(surface.get())};
    cairo_t* cr = context.get();
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) throw IoError("cannot draw " + out.target().string() + ": Cairo failed");
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_surface(cr, map_image.get(), f.left, f.top);
    cairo_paint(cr);

    cairo_save(cr);
    cairo_rectangle(cr, f.left, f.top, map_width_px, map_h);
    cairo_clip(cr);
    for (const MapPolygons& layer : scene.polygons) draw_polygons(cr, layer, f);
    for (const MapPoint& p : scene.points) draw_marker(cr, p.shape, f.px(p.at.x), f.py(p.at.y), p.size_px, p.fill);
    for (const MapPoint& p : scene.points)
        if (!p.label.empty()) draw_label(cr, p.label, f.px(p.at.x) + p.size_px * 0.7, f.py(p.at.y) - p.size_px * 0.7, 12, true);
    draw_scale_bar_and_north(cr, f, map_width_px, map_h);
    cairo_restore(cr);

    cairo_new_path(cr);
    cairo_rectangle(cr, f.left, f.top, map_width_px, map_h);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
    draw_label(cr, scene.title, f.left, 24, 17, true);
    draw_legend(cr, scene, f.left + map_width_px + 18, f.top);

    cairo_surface_flush(surface.get());
    if (cairo_surface_write_to_png(surface.get(), out.temporary().c_str()) != CAIRO_STATUS_SUCCESS)
        throw IoError("cannot write " + out.target().string());
}

}  // namespace phusong
