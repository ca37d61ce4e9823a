// Layers for a web map (Leaflet, EPSG:3857 display, WGS 84 coordinates): rasters warped onto
// Web Mercator and coloured into PNG images, vector geometries as GeoJSON in lon/lat,
// simplified for display only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "geo/grid.hpp"
#include "io/qgis_style.hpp"

namespace phusong {

/// A PNG image in Web Mercator and the WGS 84 bounds (degrees) of its outer edges, as
/// Leaflet's imageOverlay takes them.
struct WebImage {
    std::string png;  ///< the PNG file's bytes
    double west = 0.0, south = 0.0, east = 0.0, north = 0.0;
    std::size_t width = 0, height = 0;  ///< pixels
};

enum class WebResampling { Nearest, Bilinear };

/// `values` (on its grid, in its CRS) warped onto EPSG:3857 at about the grid's own resolution,
/// scaled down so that neither side exceeds `max_side_px`, each pixel coloured by `colour`
/// (NaN and pixels outside the grid: transparent). IoError when GDAL cannot warp or encode.
WebImage web_mercator_image(const Grid<float>& values, const std::function<Rgba(float)>& colour, WebResampling resampling,
                            std::size_t max_side_px);

/// Converts geometries and points of one CRS to WGS 84 (lon, lat) for the web.
class WebProjector {
public:
    /// CrsError (via IoError) when the CRS cannot be transformed to WGS 84.
    explicit WebProjector(const std::string& crs);
    ~WebProjector();
    WebProjector(const WebProjector&) = delete;
    WebProjector& operator=(const WebProjector&) = delete;

    /// The GeoJSON geometry of `wkb` (in the CRS) in lon/lat degrees, rounded to 1e-5° (about
    /// 1 m), after simplifying with `tolerance` (CRS units, 0 = none) keeping polygons valid.
    /// "null" for an empty or unreadable geometry.
    [[nodiscard]] std::string geojson(std::span<const unsigned char> wkb, double tolerance) const;
    /// A point of the CRS in lon/lat degrees.
    [[nodiscard]] LonLat lonlat(XY p) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// RFC 4648 base64 of `bytes` (for data: URLs).
std::string base64(std::string_view bytes);

}  // namespace phusong
