#include "geo/geos_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "geo/crs.hpp"
#include "geo/errors.hpp"

namespace phusong {
namespace {

// GEOS reports problems through a callback; keep the last message per thread.
thread_local std::string g_last_geos_message;

void on_geos_message(const char* message, void*) { g_last_geos_message = message ? message : ""; }

struct ContextOwner {
    GEOSContextHandle_t handle = GEOS_init_r();
    ContextOwner() {
        GEOSContext_setErrorMessageHandler_r(handle, on_geos_message, nullptr);
        GEOSContext_setNoticeMessageHandler_r(handle, nullptr, nullptr);
    }
    ~ContextOwner() { GEOS_finish_r(handle); }
    ContextOwner(const ContextOwner&) = delete;
    ContextOwner& operator=(const ContextOwner&) = delete;
};

[[noreturn]] void fail(const std::string& what) {
    throw Error("GEOS: " + what + (g_last_geos_message.empty() ? "" : ": " + g_last_geos_message));
}

template <class T>
T* checked(T* p, const char* what) {
    if (!p) fail(what);
    return p;
}

}  // namespace

GEOSContextHandle_t geos_context() {
    thread_local ContextOwner owner;
    return owner.handle;
}

Geometry geometry_from_wkb(std::span<const unsigned char> wkb) {
    auto ctx = geos_context();
    std::unique_ptr<GEOSWKBReader, void (*)(GEOSWKBReader*)> reader{
        GEOSWKBReader_create_r(ctx), [](GEOSWKBReader* r) { GEOSWKBReader_destroy_r(geos_context(), r); }};
    return Geometry{checked(GEOSWKBReader_read_r(ctx, reader.get(), wkb.data(), wkb.size()), "cannot read WKB")};
}

std::vector<unsigned char> geometry_to_wkb(const GEOSGeometry* g) {
    auto ctx = geos_context();
    std::unique_ptr<GEOSWKBWriter, void (*)(GEOSWKBWriter*)> writer{
        GEOSWKBWriter_create_r(ctx), [](GEOSWKBWriter* w) { GEOSWKBWriter_destroy_r(geos_context(), w); }};
    std::size_t size = 0;
    unsigned char* buf = checked(GEOSWKBWriter_write_r(ctx, writer.get(), g, &size), "cannot write WKB");
    std::vector<unsigned char> out(buf, buf + size);
    GEOSFree_r(ctx, buf);
    return out;
}

Geometry geometry_from_wkt(const std::string& wkt) {
    auto ctx = geos_context();
    std::unique_ptr<GEOSWKTReader, void (*)(GEOSWKTReader*)> reader{
        GEOSWKTReader_create_r(ctx), [](GEOSWKTReader* r) { GEOSWKTReader_destroy_r(geos_context(), r); }};
    return Geometry{checked(GEOSWKTReader_read_r(ctx, reader.get(), wkt.c_str()), "cannot read WKT")};
}

std::string geometry_to_wkt(const GEOSGeometry* g, int decimals) {
    auto ctx = geos_context();
    std::unique_ptr<GEOSWKTWriter, void (*)(GEOSWKTWriter*)> writer{
        GEOSWKTWriter_create_r(ctx), [](GEOSWKTWriter* w) { GEOSWKTWriter_destroy_r(geos_context(), w); }};
    GEOSWKTWriter_setRoundingPrecision_r(ctx, writer.get(), decimals);
    GEOSWKTWriter_setTrim_r(ctx, writer.get(), 1);
    char* text = checked(GEOSWKTWriter_write_r(ctx, writer.get(), g), "cannot write WKT");
    std::string out(text);
    GEOSFree_r(ctx, text);
    return out;
}

std::string invalidity_reason(const GEOSGeometry* g) {
    auto ctx = geos_context();
    const char valid = GEOSisValid_r(ctx, g);
    if (valid == 1) return {};
    if (valid == 2) fail("validity check failed");
    char* reason = GEOSisValidReason_r(ctx, g);
    std::string out = reason ? reason : "invalid geometry";
    GEOSFree_r(ctx, reason);
    return out;
}

Geometry make_valid(const GEOSGeometry* g) {
    auto ctx = geos_context();
    std::unique_ptr<GEOSMakeValidParams, void (*)(GEOSMakeValidParams*)> params{
        GEOSMakeValidParams_create_r(ctx),
        [](GEOSMakeValidParams* p) { GEOSMakeValidParams_destroy_r(geos_context(), p); }};
    GEOSMakeValidParams_setMethod_r(ctx, params.get(), GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(ctx, params.get(), 0);
    return Geometry{checked(GEOSMakeValidWithParams_r(ctx, g, params.get()), "cannot repair geometry")};
}

namespace {
struct TransformState {
    const Transformer* transformer;
    std::string error;
};
int transform_vertex(double* x, double* y, void* userdata) {
    auto* state = static_cast<TransformState*>(userdata);
    try {
        const XY out = state->transformer->forward({*x, *y});
        *x = out.x;
        *y = out.y;
        return 1;
    } catch (const std::exception& e) {
        state->error = e.what();
        return 0;
    }
}
}  // namespace

Geometry transform_geometry(const GEOSGeometry* g, const Transformer& transformer) {
    TransformState state{&transformer, {}};
    GEOSGeometry* out = GEOSGeom_transformXY_r(geos_context(), g, transform_vertex, &state);
    if (!out) {
        if (!state.error.empty()) throw CrsError(state.error);
        fail("cannot transform geometry");
    }
    return Geometry{out};
}

bool is_empty(const GEOSGeometry* g) { return GEOSisEmpty_r(geos_context(), g) == 1; }

double area(const GEOSGeometry* g) {
    double a = 0.0;
    if (!GEOSArea_r(geos_context(), g, &a)) fail("cannot compute area");
    return a;
}

Extent envelope(const GEOSGeometry* g) {
    Extent e;
    if (!GEOSGeom_getExtent_r(geos_context(), g, &e.west, &e.south, &e.east, &e.north))
        fail("cannot compute extent");
    return e;
}

XY point_on_surface(const GEOSGeometry* g) {
    auto ctx = geos_context();
    Geometry p{checked(GEOSPointOnSurface_r(ctx, g), "cannot find a point on surface")};
    XY out;
    if (!GEOSGeomGetX_r(ctx, p.get(), &out.x) || !GEOSGeomGetY_r(ctx, p.get(), &out.y))
        fail("cannot read point");
    return out;
}

Geometry make_point(XY p) {
    return Geometry{checked(GEOSGeom_createPointFromXY_r(geos_context(), p.x, p.y), "cannot create point")};
}

Geometry union_all(std::vector<Geometry>& parts) {
    auto ctx = geos_context();
    std::vector<GEOSGeometry*> raw;
    for (Geometry& g : parts) raw.push_back(g.release());
    parts.clear();
    Geometry collection{checked(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                           static_cast<unsigned int>(raw.size())),
                                "cannot collect geometries")};
    return Geometry{checked(GEOSUnaryUnion_r(ctx, collection.get()), "cannot union geometries")};
}

double inscribed_width(const GEOSGeometry* polygon, double tolerance) {
    auto ctx = geos_context();
    // The result is a line from the circle's centre to the nearest boundary point: the radius.
    Geometry radius{checked(GEOSMaximumInscribedCircle_r(ctx, polygon, tolerance), "cannot find the inscribed circle")};
    double length = 0.0;
    if (!GEOSLength_r(ctx, radius.get(), &length)) fail("cannot measure the inscribed circle");
    return 2.0 * length;
}

PreparedGeometry prepare(const GEOSGeometry* g) {
    return PreparedGeometry{checked(GEOSPrepare_r(geos_context(), g), "cannot prepare geometry")};
}

bool covers(const GEOSPreparedGeometry* g, XY p) {
    const Geometry point = make_point(p);
    const char r = GEOSPreparedIntersects_r(geos_context(), g, point.get());
    if (r == 2) fail("point-in-polygon test failed");
    return r == 1;
}

namespace {
using Ring = std::vector<XY>;

void collect_rings(const GEOSGeometry* g, std::vector<Ring>& rings) {
    auto ctx = geos_context();
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) collect_rings(GEOSGetGeometryN_r(ctx, g, i), rings);
        return;
    }
    if (type != GEOS_POLYGON) return;  // points and lines cover no pixel
    auto add_ring = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = checked(GEOSGeom_getCoordSeq_r(ctx, ring), "cannot read ring");
        unsigned int size = 0;
        GEOSCoordSeq_getSize_r(ctx, seq, &size);
        Ring out(size);
        for (unsigned int i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(ctx, seq, i, &out[i].x, &out[i].y);
        rings.push_back(std::move(out));
    };
    add_ring(GEOSGetExteriorRing_r(ctx, g));
    const int holes = GEOSGetNumInteriorRings_r(ctx, g);
    for (int i = 0; i < holes; ++i) add_ring(GEOSGetInteriorRingN_r(ctx, g, i));
}
}  // namespace

std::vector<std::size_t> pixels_covered(const GEOSGeometry* polygon, const GridSpec& grid) {
    // Scanline fill with the even-odd rule over all rings: exact for valid (Multi)Polygons,
    // whose holes and parts never overlap. A pixel belongs when its centre is inside.
    std::vector<std::size_t> out;
    if (is_empty(polygon) || grid.size() == 0) return out;
    std::vector<Ring> rings;
    collect_rings(polygon, rings);
    std::vector<double> crossings;
    for (std::size_t row = 0; row < grid.height; ++row) {
        const double y = grid.centre(0, row).y;
        crossings.clear();
        for (const Ring& ring : rings)
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                const XY a = ring[i], b = ring[i + 1];
                // Half-open rule so a vertex exactly on the scanline counts once.
                if ((a.y <= y) != (b.y <= y)) crossings.push_back(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
            }
        std::sort(crossings.begin(), crossings.end());
        for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
            // Pixel centres x_c = west + (c + 0.5)·dx with x_left ≤ x_c < x_right.
            const double first = std::ceil((crossings[k] - grid.transform.west) / grid.transform.dx - 0.5);
            const double last = std::ceil((crossings[k + 1] - grid.transform.west) / grid.transform.dx - 0.5);
            const double lo = std::max(first, 0.0);
            const double hi = std::min(last, static_cast<double>(grid.width));
            for (double c = lo; c < hi; c += 1.0) out.push_back(row * grid.width + static_cast<std::size_t>(c));
        }
    }
    return out;
}

}  // namespace phusong
