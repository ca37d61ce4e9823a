// Land cover for a run: the class table (given, or ESA WorldCover's built in), the classes on
// the analysis grid, and what the receiver-clutter models read from them.
#pragma once

#include <array>
#include <cstdint>
#include <vector>
#include <optional>
#include <string>

#include "coverage/coverage_engine.hpp"
#include "geo/grid.hpp"
#include "io/geopackage_writer.hpp"
#include "io/landcover_classes.hpp"

namespace phusong {

struct PreparedAnalysis;
struct RunConfig;

/// ESA WorldCover 2021 classes (10 tree cover … 100 moss and lichen). Heights after ITU-R
/// P.1812-6 Table 2 (open/rural 0 m, suburban 10 m, trees/forest 15 m) and P.452 (sparse
/// trees 4 m for shrubland); each receiver loss is ITU-R P.2108-1 §3.1 for a 1.5 m receiver
/// at 1.8 GHz among that clutter with 27 m streets (0 for open ground).
LandCoverClasses worldcover_classes();

struct LandCoverGrids {
    LandCoverClasses table;
    Grid<std::int32_t> classes;     ///< class code per pixel; −1 where the raster has none
    Grid<float> loss_db;            ///< the class's loss per pixel (0 where no class); a calibration's where it has one
    Grid<std::uint8_t> in_clutter;  ///< 1 where the class has a clutter height
    Grid<float> height_m;           ///< the class's representative clutter height per pixel, metres (0 where none)
};

/// Reads config.inputs.landcover onto `grid` with its class table (--landcover-classes, else
/// ESA WorldCover's); nullopt without --landcover. InputError naming the raster, a class code
/// missing from the table and how many pixels have it.
std::optional<LandCoverGrids> read_run_landcover(const RunConfig& config, const GridSpec& grid);

/// A display colour per class of the table (in its order), all different: ESA WorldCover's
/// legend for its codes, the others from a sequence of hues.
std::vector<std::array<std::uint8_t, 3>> landcover_colours(const LandCoverClasses& table);

/// Adds the `landcover` raster table to a GeoPackage, its description naming the class table's
/// source. Up to 255 classes: a paletted Byte raster (landcover_colours) holding each pixel's
/// class code when every code is in 1–255, else its class's position in the table plus one; 0
/// where there is no class. More classes: Float32 class codes without a palette.
void add_landcover_table(GeoPackageWriter& gpkg, const LandCoverGrids& landcover);

/// The clutter model a run uses: with a calibration, table when it has class losses and the run
/// has land cover, else none; otherwise the one asked for, else with land cover p2108 for the
/// terrain models and none for SPM (whose default coefficients describe urban surroundings), and
/// none without land cover.
ClutterModel clutter_model(const RunConfig& config);

/// The engines' settings for the run: coverage_settings(config) with the receiver clutter of
/// its land cover (prepared.landcover).
CoverageSettings run_coverage_settings(const RunConfig& config, const PreparedAnalysis& prepared);

}  // namespace phusong
