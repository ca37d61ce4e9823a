#include "geo/crs.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>

#include "geo/errors.hpp"
#include "geo/text_format.hpp"

namespace phusong {
namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

/// This thread's PROJ context, made on first use. One per thread rather than one per call:
/// each context opens PROJ's database again, which cost about 10 ms every time.
PJ_CONTEXT* thread_context() {
    thread_local const ContextPtr ctx = [] {
        ContextPtr c{proj_context_create()};
        if (!c) throw CrsError("PROJ: cannot create a context");
        // PROJ would print its messages on stderr; ours carry them in exceptions instead.
        proj_log_level(c.get(), PJ_LOG_NONE);
        return c;
    }();
    return ctx.get();
}

std::string last_error(PJ_CONTEXT* ctx) {
    const int code = proj_context_errno(ctx);
    const char* text = code ? proj_context_errno_string(ctx, code) : nullptr;
    return text ? text : "unknown PROJ error";
}

PjPtr create_crs(PJ_CONTEXT* ctx, const std::string& definition) {
    PjPtr crs{proj_create(ctx, definition.c_str())};
    if (!crs) throw CrsError("unknown CRS '" + definition + "': " + last_error(ctx));
    const PJ_TYPE type = proj_get_type(crs.get());
    const bool is_crs = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
                        type == PJ_TYPE_PROJECTED_CRS || type == PJ_TYPE_COMPOUND_CRS ||
                        type == PJ_TYPE_GEOCENTRIC_CRS || type == PJ_TYPE_BOUND_CRS ||
                        type == PJ_TYPE_GEODETIC_CRS || type == PJ_TYPE_OTHER_CRS;
    if (!is_crs) throw CrsError("'" + definition + "' is not a coordinate reference system");
    return crs;
}

}  // namespace

int utm_epsg_for(LonLat p) {
    if (!(p.lon >= -180.0 && p.lon <= 180.0 && p.lat >= -90.0 && p.lat <= 90.0))
        throw CrsError("cannot choose a UTM zone for a point outside WGS 84 bounds");
    int zone = static_cast<int>(std::floor((p.lon + 180.0) / 6.0)) + 1;
    if (zone > 60) zone = 60;  // lon = 180 exactly
    return (p.lat >= 0.0 ? 32600 : 32700) + zone;
}

void validate_crs(const std::string& definition) { create_crs(thread_context(), definition); }

bool is_geographic_crs(const std::string& definition) {
    PjPtr crs = create_crs(thread_context(), definition);
    const PJ_TYPE type = proj_get_type(crs.get());
    return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

CrsDistortion crs_distortion(const std::string& definition, LonLat at) {
    // Tissot's indicatrix from finite differences: project 50 m steps north and east of `at`
    // (on the WGS 84 ellipsoid) and compare with the steps' true lengths. Done through the
    // transformation rather than proj_factors, which fails for some CRSs (e.g. EPSG:3035).
    constexpr double kA = 6378137.0, kE2 = 0.00669437999014;  // WGS 84
    constexpr double kStepM = 50.0;
    const double phi = at.lat * M_PI / 180.0, w = 1.0 - kE2 * std::sin(phi) * std::sin(phi);
    const double meridian_radius = kA * (1.0 - kE2) / std::pow(w, 1.5), normal_radius = kA / std::sqrt(w);
    const double dlat = kStepM / meridian_radius * 180.0 / M_PI;
    const double dlon = kStepM / (normal_radius * std::cos(phi)) * 180.0 / M_PI;
    const Transformer to_crs(kWgs84, definition);
    const auto project = [&](double lon, double lat) {
        try {
            return to_crs.forward({lon, lat});
        } catch (const CrsError&) {
            throw CrsError("'" + definition + "' cannot project (" + format_quantity(lon) + ", " + format_quantity(lat) + ")");
        }
    };
    const XY n1 = project(at.lon, at.lat + dlat / 2), n0 = project(at.lon, at.lat - dlat / 2);
    const XY e1 = project(at.lon + dlon / 2, at.lat), e0 = project(at.lon - dlon / 2, at.lat);
    const double nx = (n1.x - n0.x) / kStepM, ny = (n1.y - n0.y) / kStepM;  // image of a unit north step
    const double ex = (e1.x - e0.x) / kStepM, ey = (e1.y - e0.y) / kStepM;  // image of a unit east step
    const double h = std::hypot(nx, ny), k = std::hypot(ex, ey);
    // Tissot: a' ± b' = sqrt(h² + k² ± 2hk sin θ'), θ' the angle between the two images.
    const double sin_theta = std::abs(nx * ey - ny * ex) / (h * k);
    const double sum = std::sqrt(h * h + k * k + 2 * h * k * sin_theta);
    const double diff = std::sqrt(std::max(0.0, h * h + k * k - 2 * h * k * sin_theta));
    CrsDistortion d;
    d.scale_error = std::max(std::abs(h - 1.0), std::abs(k - 1.0));
    d.angular_distortion = 2.0 * std::asin(std::min(1.0, diff / sum));
    d.east_north = ex > std::abs(ey) && ny > std::abs(nx);
    return d;
}

bool has_metre_axes(const std::string& definition) {
    PJ_CONTEXT* ctx = thread_context();
    PjPtr crs = create_crs(ctx, definition);
    // A compound CRS holds the horizontal one first; a bound CRS wraps its source.
    const PJ_TYPE type = proj_get_type(crs.get());
    if (type == PJ_TYPE_COMPOUND_CRS) crs.reset(proj_crs_get_sub_crs(ctx, crs.get(), 0));
    else if (type == PJ_TYPE_BOUND_CRS) crs.reset(proj_get_source_crs(ctx, crs.get()));
    if (!crs) return false;
    PjPtr cs{proj_crs_get_coordinate_system(ctx, crs.get())};
    if (!cs) return false;
    for (int axis = 0; axis < 2; ++axis) {
        double to_metres = 0.0;
        if (!proj_cs_get_axis_info(ctx, cs.get(), axis, nullptr, nullptr, nullptr, &to_metres, nullptr, nullptr,
                                   nullptr))
            return false;
        if (std::abs(to_metres - 1.0) > 1e-12) return false;
    }
    return true;
}

struct Transformer::Impl {
    PjPtr transform;  // in the creating thread's context
    std::string description;
};

Transformer::Transformer(const std::string& source_crs, const std::string& target_crs)
    : impl_(std::make_unique<Impl>()) {
    PJ_CONTEXT* ctx = thread_context();
    // Validate each side first so the error names the CRS at fault.
    create_crs(ctx, source_crs);
    create_crs(ctx, target_crs);
    PjPtr raw{proj_create_crs_to_crs(ctx, source_crs.c_str(), target_crs.c_str(), nullptr)};
    if (!raw)
        throw CrsError("no transformation from '" + source_crs + "' to '" + target_crs +
                       "': " + last_error(ctx));
    // Force traditional GIS axis order (lon, lat / easting, northing): EPSG:4326 is lat/lon.
    impl_->transform.reset(proj_normalize_for_visualization(ctx, raw.get()));
    if (!impl_->transform) throw CrsError("PROJ: cannot normalise axis order: " + last_error(ctx));
    impl_->description = source_crs + " → " + target_crs;
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

namespace {
XY run(PJ* pj, PJ_DIRECTION dir, XY p, const std::string& description) {
    PJ_COORD in = proj_coord(p.x, p.y, 0.0, HUGE_VAL);
    PJ_COORD out = proj_trans(pj, dir, in);
    if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y))
        throw CrsError("cannot transform point (" + format_quantity(p.x) + ", " + format_quantity(p.y) + ") " + description);
    return {out.xy.x, out.xy.y};
}
}  // namespace

XY Transformer::forward(XY p) const { return run(impl_->transform.get(), PJ_FWD, p, impl_->description); }
XY Transformer::inverse(XY p) const { return run(impl_->transform.get(), PJ_INV, p, impl_->description); }

}  // namespace phusong
