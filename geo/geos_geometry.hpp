// Thin RAII layer over the GEOS C API (its C++ API is unstable).
//
// One GEOS context per thread (geos_context()). A Geometry must be created, used and
// destroyed on the same thread. Every failing GEOS call becomes an exception carrying
// GEOS's own message.
#pragma once

#include <geos_c.h>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "geo/grid.hpp"

namespace phusong {

class Transformer;

/// This thread's GEOS context, created on first use.
GEOSContextHandle_t geos_context();

struct GeosGeometryDeleter {
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos_context(), g); }
};
using Geometry = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

struct GeosPreparedDeleter {
    void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(geos_context(), g); }
};
using PreparedGeometry = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

/// Parses well-known binary; throws Error with GEOS's message.
Geometry geometry_from_wkb(std::span<const unsigned char> wkb);
std::vector<unsigned char> geometry_to_wkb(const GEOSGeometry* g);
Geometry geometry_from_wkt(const std::string& wkt);
std::string geometry_to_wkt(const GEOSGeometry* g, int decimals = 3);

/// Empty string when valid, else GEOS's reason (e.g. "Self-intersection[x y]").
std::string invalidity_reason(const GEOSGeometry* g);
/// GEOS MakeValid (structure method, keeping collapsed parts out).
Geometry make_valid(const GEOSGeometry* g);
/// Copy with every vertex transformed; throws CrsError if a vertex fails.
Geometry transform_geometry(const GEOSGeometry* g, const Transformer& transformer);

bool is_empty(const GEOSGeometry* g);
/// Planar area in squared CRS units.
double area(const GEOSGeometry* g);
Extent envelope(const GEOSGeometry* g);
/// A point guaranteed to lie inside (GEOS PointOnSurface) — for labels and lookups.
XY point_on_surface(const GEOSGeometry* g);
Geometry make_point(XY p);

/// Union of the parts (GEOS UnaryUnion of their collection); consumes them.
Geometry union_all(std::vector<Geometry>& parts);
/// Diameter of the largest circle that fits inside a polygon (GEOS MaximumInscribedCircle),
/// found to within `tolerance` (CRS units): how wide the polygon is at its widest.
double inscribed_width(const GEOSGeometry* polygon, double tolerance);

PreparedGeometry prepare(const GEOSGeometry* g);
/// True when p lies in the interior or on the boundary.
bool covers(const GEOSPreparedGeometry* g, XY p);

/// Row-major indices of the pixels of `grid` whose centres the polygon covers.
std::vector<std::size_t> pixels_covered(const GEOSGeometry* polygon, const GridSpec& grid);

}  // namespace phusong
