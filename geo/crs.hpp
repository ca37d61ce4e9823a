// Coordinate reference systems through PROJ.
//
// Input coordinates are WGS 84 longitude/latitude. Axis order is forced to the traditional
// GIS order (x = easting/longitude, y = northing/latitude) whatever the CRS definition says.
// Each Transformer owns its own PROJ context, so a Transformer must not be shared between
// threads; create one per thread instead.
#pragma once

#include <memory>
#include <string>

#include "geo/grid.hpp"

namespace phusong {

/// EPSG code of the WGS 84 / UTM zone containing (lon, lat): 326zz north, 327zz south.
int utm_epsg_for(LonLat p);

/// Checks that PROJ understands `definition` ("EPSG:32648", WKT, PROJ string); throws CrsError.
void validate_crs(const std::string& definition);

/// True when the CRS is geographic (degrees) rather than projected.
bool is_geographic_crs(const std::string& definition);

/// True when both horizontal axes of the CRS are in metres (not feet, not degrees).
bool has_metre_axes(const std::string& definition);

/// How a projected CRS distorts at a point (Tissot's indicatrix).
struct CrsDistortion {
    double scale_error = 0.0;        ///< largest |scale − 1| along the meridian and the parallel, unitless
    double angular_distortion = 0.0; ///< maximum angular distortion ω, radians; 0 for a conformal projection
    bool east_north = true;          ///< x grows eastward and y northward (not mirrored or swapped)
};
/// Distortion of projected CRS `definition` at `at` (WGS 84 degrees), from 50 m finite
/// differences (accurate to about 1e-7). CrsError when the CRS cannot project the point.
CrsDistortion crs_distortion(const std::string& definition, LonLat at);

/// Transforms points between two CRSs (traditional lon/lat, x/y axis order). It lives in its
/// creating thread's PROJ context: use it on that thread only, and not after the thread ends.
class Transformer {
public:
    Transformer(const std::string& source_crs, const std::string& target_crs);
    ~Transformer();
    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;

    /// Throws CrsError if the point cannot be transformed.
    [[nodiscard]] XY forward(XY p) const;
    [[nodiscard]] XY inverse(XY p) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

inline constexpr const char* kWgs84 = "EPSG:4326";

}  // namespace phusong
