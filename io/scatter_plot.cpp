#include "io/scatter_plot.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "geo/errors.hpp"
#include "io/json_writer.hpp"

namespace phusong {
namespace {

constexpr const char* kFont = "DejaVu Sans";

struct Range {
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
};

/// Round tick values covering [lo, hi]: 1-2-5 steps for about `count` ticks.
std::vector<double> ticks(double lo, double hi, int count) {
    const double raw = (hi - lo) / count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    std::vector<double> out;
    for (double v = std::ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push_back(std::abs(v) < 1e-12 * step ? 0.0 : v);
    return out;
}

void text(cairo_t* cr, const std::string& s, double x, double y, double size, double align = 0.0, bool bold = false) {
    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    cairo_move_to(cr, x - align * e.x_advance, y);
    cairo_show_text(cr, s.c_str());
}

}  // namespace

void render_scatter_png(const AtomicOutput& out, const ScatterPlot& plot, int width, int height) {
    auto tx = [&](double x) { return plot.log_x ? std::log10(x) : x; };
    Range xr, yr;
    for (const ScatterSeries& s : plot.series)
        for (std::size_t i = 0; i < s.x.size(); ++i)
            if (std::isfinite(s.y[i]) && std::isfinite(tx(s.x[i]))) {
                xr.add(tx(s.x[i]));
                yr.add(s.y[i]);
            }
    if (!(xr.lo <= xr.hi)) xr = {0.0, 1.0};
    if (!(yr.lo <= yr.hi)) yr = {-1.0, 1.0};
    yr.add(0.0);
    if (xr.hi - xr.lo < 1e-9) xr = {xr.lo - 0.5, xr.hi + 0.5};
    const double ypad = 0.05 * (yr.hi - yr.lo + 1.0);
    yr = {yr.lo - ypad, yr.hi + ypad};

    const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), cairo_surface_destroy);
    const std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()), cairo_destroy);
    cairo_t* cr = context.get();
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const double left = 70, right = width - 20.0, top = 40, bottom = height - 55.0;
    auto px = [&](double v) { return left + (v - xr.lo) / (xr.hi - xr.lo) * (right - left); };
    auto py = [&](double v) { return bottom - (v - yr.lo) / (yr.hi - yr.lo) * (bottom - top); };

    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text(cr, plot.title, left, 24, 15, 0.0, true);
    cairo_set_line_width(cr, 1);
    // Y ticks and grid.
    for (const double v : ticks(yr.lo, yr.hi, 8)) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, left, py(v));
        cairo_line_to(cr, right, py(v));
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        text(cr, format_number(v), left - 6, py(v) + 4, 11, 1.0);
    }
    // X ticks: decades and their 2 and 5 on a log axis.
    std::vector<double> xt;
    if (plot.log_x) {
        for (double d = std::floor(xr.lo); d <= std::ceil(xr.hi); d += 1.0)
            for (const double m : {1.0, 2.0, 5.0}) {
                const double v = std::log10(m) + d;
                if (v >= xr.lo && v <= xr.hi) xt.push_back(v);
            }
    } else {
        xt = ticks(xr.lo, xr.hi, 8);
    }
    for (const double v : xt) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, px(v), top);
        cairo_line_to(cr, px(v), bottom);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        const double shown = plot.log_x ? std::pow(10.0, v) : v;
        text(cr, format_number(std::round(shown * 1000.0) / 1000.0), px(v), bottom + 16, 11, 0.5);
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_rectangle(cr, left, top, right - left, bottom - top);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.5);
    cairo_move_to(cr, left, py(0.0));
    cairo_line_to(cr, right, py(0.0));
    cairo_stroke(cr);
    text(cr, plot.x_label, (left + right) / 2.0, height - 14.0, 12, 0.5);
    cairo_save(cr);
    cairo_translate(cr, 18, (top + bottom) / 2.0);
    cairo_rotate(cr, -M_PI / 2.0);
    text(cr, plot.y_label, 0, 0, 12, 0.5);
    cairo_restore(cr);

    double legend_y = top + 16;
    for (const ScatterSeries& s : plot.series) {
        cairo_set_source_rgba(cr, s.colour[0] / 255.0, s.colour[1] / 255.0, s.colour[2] / 255.0, 0.45);
        for (std::size_t i = 0; i < s.x.size(); ++i) {
            const double x = tx(s.x[i]);
            if (!std::isfinite(x) || !std::isfinite(s.y[i])) continue;
            cairo_arc(cr, px(x), py(s.y[i]), 1.8, 0, 2 * M_PI);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, s.colour[0] / 255.0, s.colour[1] / 255.0, s.colour[2] / 255.0);
        cairo_arc(cr, right - 200, legend_y - 4, 4, 0, 2 * M_PI);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text(cr, s.label, right - 190, legend_y, 12);
        legend_y += 18;
    }
    cairo_surface_flush(surface.get());
    if (cairo_surface_write_to_png(surface.get(), out.temporary().c_str()) != CAIRO_STATUS_SUCCESS)
        throw IoError("cannot write " + out.target().string());
}

}  // namespace phusong
