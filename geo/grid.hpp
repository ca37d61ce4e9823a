// Raster grids: a GridSpec places width × height square-ish pixels in a projected CRS;
// Grid<T> holds one value per pixel.
//
// Conventions: north-up (no rotation), pixel-is-area, row-major with row 0 at the north
// edge. Pixel (col, row) covers x ∈ [west + col·dx, west + (col+1)·dx) and
// y ∈ (north − (row+1)·dy, north − row·dy]; its centre is at +½ pixel in each direction.
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "geo/units.hpp"

namespace phusong {

/// A point in a projected CRS, metres.
struct XY {
    double x = 0.0;
    double y = 0.0;
    bool operator==(const XY&) const = default;
};

/// A geographic point (WGS 84), degrees.
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
    bool operator==(const LonLat&) const = default;
};

/// Axis-aligned rectangle in projected metres.
struct Extent {
    double west = 0.0, south = 0.0, east = 0.0, north = 0.0;
    [[nodiscard]] double width() const { return east - west; }
    [[nodiscard]] double height() const { return north - south; }
    [[nodiscard]] bool contains(XY p) const {
        return p.x >= west && p.x <= east && p.y >= south && p.y <= north;
    }
    bool operator==(const Extent&) const = default;
};

/// North-up placement of a raster: GDAL geotransform {west, dx, 0, north, 0, −dy}.
struct GeoTransform {
    double west = 0.0;   ///< x of the west edge, metres
    double north = 0.0;  ///< y of the north edge, metres
    double dx = 1.0;     ///< pixel width, metres (> 0)
    double dy = 1.0;     ///< pixel height, metres (> 0)
    bool operator==(const GeoTransform&) const = default;
};

/// Size, placement and CRS of a grid. Equality includes the CRS definition string.
/// The largest analysis grid phusong builds, pixels: each costs about 20 bytes per technology
/// (signal, server, count) plus the DEM, so larger grids are refused rather than risking an
/// out-of-memory kill; a raster declaring more was not written by phusong.
inline constexpr std::size_t kMaxGridPixels = 250'000'000;

struct GridSpec {
    std::size_t width = 0;
    std::size_t height = 0;
    GeoTransform transform;
    std::string crs;  ///< CRS as given to PROJ ("EPSG:32648" or WKT)

    /// Grid of square pixels of `resolution` covering `extent` (snapped outward to whole pixels).
    static GridSpec covering(const Extent& extent, Metres resolution, std::string crs);

    [[nodiscard]] std::size_t size() const { return width * height; }
    [[nodiscard]] Extent extent() const;
    /// Centre of pixel (col, row).
    [[nodiscard]] XY centre(std::size_t col, std::size_t row) const {
        return {transform.west + (static_cast<double>(col) + 0.5) * transform.dx,
                transform.north - (static_cast<double>(row) + 0.5) * transform.dy};
    }
    /// Continuous pixel coordinates of a point: (0,0) is the north-west corner of the grid.
    [[nodiscard]] std::pair<double, double> to_pixel(XY p) const {
        return {(p.x - transform.west) / transform.dx, (transform.north - p.y) / transform.dy};
    }
    /// The pixel containing p, if inside the grid.
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> pixel_of(XY p) const;
    /// Area of one pixel in square metres.
    [[nodiscard]] double pixel_area_m2() const { return transform.dx * transform.dy; }

    bool operator==(const GridSpec&) const = default;
};

/// One value per pixel of a GridSpec, row-major, with an explicit nodata value.
template <class T>
class Grid {
public:
    Grid() = default;
    Grid(GridSpec spec, T fill, std::optional<T> nodata = std::nullopt)
        : spec_(std::move(spec)), values_(spec_.size(), fill), nodata_(nodata) {}

    [[nodiscard]] const GridSpec& spec() const { return spec_; }
    [[nodiscard]] std::size_t width() const { return spec_.width; }
    [[nodiscard]] std::size_t height() const { return spec_.height; }
    [[nodiscard]] const std::optional<T>& nodata() const { return nodata_; }

    T& at(std::size_t col, std::size_t row) { return values_[row * spec_.width + col]; }
    const T& at(std::size_t col, std::size_t row) const { return values_[row * spec_.width + col]; }
    [[nodiscard]] bool is_nodata(std::size_t col, std::size_t row) const {
        if (!nodata_) return false;
        const T v = at(col, row);
        if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(*nodata_)) return std::isnan(v);
        }
        return v == *nodata_;
    }

    std::vector<T>& values() { return values_; }
    const std::vector<T>& values() const { return values_; }

private:
    GridSpec spec_;
    std::vector<T> values_;
    std::optional<T> nodata_;
};

}  // namespace phusong

namespace phusong {

/// The same grid with values (and nodata) converted to U, e.g. an integer raster as Float32.
template <class U, class T>
Grid<U> convert_grid(const Grid<T>& g) {
    Grid<U> out(g.spec(), U{}, g.nodata() ? std::optional<U>(static_cast<U>(*g.nodata())) : std::nullopt);
    for (std::size_t i = 0; i < g.values().size(); ++i) out.values()[i] = static_cast<U>(g.values()[i]);
    return out;
}

/// Row-major indices of the pixels whose centres lie within `radius` of `centre`; when none
/// does (radius below half a pixel), the pixel containing `centre`, if any.
std::vector<std::size_t> pixels_within(const GridSpec& grid, XY centre, Metres radius);

}  // namespace phusong
