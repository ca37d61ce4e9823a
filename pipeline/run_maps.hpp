// Maps of a finished run, drawn again from its GeoPackage (`phusong map`).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "geo/network.hpp"

namespace phusong {

/// Draws map_<tech>.png into `out_dir` for each technology of `gpkg` (a run's phusong.gpkg;
/// `technologies` empty = every signal_<tech> raster), over the hillshade of `dem` when given.
/// Returns how many were drawn. InputError naming the GeoPackage and layer when one is missing;
/// a failure leaves `out_dir` as it was.
std::size_t draw_run_maps(const std::string& gpkg, const std::string& dem, const std::vector<Technology>& technologies,
                          const std::filesystem::path& out_dir);

}  // namespace phusong
