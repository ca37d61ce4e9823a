// Shaded relief for map backgrounds.
#pragma once

#include "geo/grid.hpp"
#include "geo/units.hpp"

namespace phusong {

/// Lambertian shading of the terrain: the cosine of the angle between each pixel's surface
/// normal (Horn's 3 × 3 finite differences, one-sided at the edges) and the
/// direction of a light at `azimuth` (clockwise from north) and `altitude` above the horizon.
/// 0 (facing away) to 1 (facing the light); a flat pixel gets sin(altitude). NaN where the
/// elevation (metres, on a grid in metres) or a neighbour is NaN.
Grid<float> hillshade(const Grid<float>& elevation_m, Degrees azimuth = Degrees{315.0}, Degrees altitude = Degrees{45.0});

}  // namespace phusong
