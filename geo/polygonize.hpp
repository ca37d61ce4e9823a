// Raster regions to polygons: the vector form of labelled pixel regions (dead zones,
// covered areas), with pixel-exact boundaries in the grid's CRS.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "geo/geos_geometry.hpp"
#include "geo/grid.hpp"

namespace phusong {

/// One polygon per region of `labels` (row-major over `grid`, 0 = no region, regions
/// 1…count, each 4-connected as label_regions makes them): element k is region k + 1,
/// with holes where other pixels lie inside it. Coordinates in the grid's CRS; the area of
/// each polygon is exactly its pixel count × pixel area. Uses GDALPolygonize.
std::vector<Geometry> polygonize_regions(std::span<const std::int32_t> labels, std::size_t count, const GridSpec& grid);

}  // namespace phusong
