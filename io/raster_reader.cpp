#include "io/raster_reader.hpp"

#include <gdal_alg.h>
#include <gdal_utils.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "geo/crs.hpp"
#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "io/csv_table.hpp"
#include "io/gdal_support.hpp"

namespace phusong {
namespace {

constexpr float kNoData = std::numeric_limits<float>::quiet_NaN();
constexpr double kLowestElevationM = -500.0;   // below the Dead Sea shore
constexpr double kHighestElevationM = 9000.0;  // above Everest

struct WarpOptionsDeleter {
    void operator()(GDALWarpAppOptions* o) const { GDALWarpAppOptionsFree(o); }
};

/// Warps band 1 of `src` onto `grid` into an in-memory Float32 dataset.
GDALDatasetUniquePtr warp_to_grid(GDALDataset* src, const std::string& path, const GridSpec& grid,
                                  const char* resampling) {
    const Extent e = grid.extent();
    // Only band 1 matters; a multi-band source is narrowed through a virtual dataset first.
    GDALDatasetUniquePtr band_one;
    if (src->GetRasterCount() > 1) {
        char* translate_argv[] = {const_cast<char*>("-of"), const_cast<char*>("VRT"), const_cast<char*>("-b"),
                                  const_cast<char*>("1"), nullptr};
        GDALTranslateOptions* t = GDALTranslateOptionsNew(translate_argv, nullptr);
        band_one.reset(GDALDataset::FromHandle(GDALTranslate("", GDALDataset::ToHandle(src), t, nullptr)));
        GDALTranslateOptionsFree(t);
        if (!band_one) throw InputError({path, "", ""}, "cannot select band 1: " + last_gdal_error());
        src = band_one.get();
    }
    std::vector<std::string> args = {"-of", "MEM", "-ot", "Float32", "-t_srs", grid.crs,
                                     "-te", std::to_string(e.west), std::to_string(e.south),
                                     std::to_string(e.east), std::to_string(e.north),
                                     "-ts", std::to_string(grid.width), std::to_string(grid.height),
                                     "-r", resampling, "-dstnodata", "nan", "-wo", "INIT_DEST=NO_DATA"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> options{GDALWarpAppOptionsNew(argv.data(), nullptr)};
    if (!options) throw Error("GDAL: invalid warp options: " + last_gdal_error());
    GDALDatasetH source = GDALDataset::ToHandle(src);
    int usage_error = 0;
    CPLErrorReset();
    GDALDatasetH out = GDALWarp("", nullptr, 1, &source, options.get(), &usage_error);
    if (!out) throw InputError({path, "", ""}, "cannot resample onto the analysis grid: " + last_gdal_error());
    return GDALDatasetUniquePtr{GDALDataset::FromHandle(out)};
}

Grid<float> read_band(GDALDataset& ds, const GridSpec& grid) {
    Grid<float> out(grid, kNoData, kNoData);
    const CPLErr err = ds.GetRasterBand(1)->RasterIO(GF_Read, 0, 0, static_cast<int>(grid.width),
                                                     static_cast<int>(grid.height), out.values().data(),
                                                     static_cast<int>(grid.width), static_cast<int>(grid.height),
                                                     GDT_Float32, 0, 0);
    if (err != CE_None) throw IoError("GDAL: cannot read resampled raster: " + last_gdal_error());
    return out;
}

GDALDatasetUniquePtr open_raster_with_crs(const std::string& path) {
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_RASTER, "raster");
    if (ds->GetRasterCount() < 1) throw InputError({path, "", ""}, "has no raster band");
    if (ds->GetRasterXSize() < 1 || ds->GetRasterYSize() < 1) throw InputError({path, "", ""}, "raster is empty (zero size)");
    if (!ds->GetSpatialRef()) throw CrsError({path, "", ""}, "raster has no CRS (georeferencing is required)");
    return ds;
}

/// Pixels of `grid` inside the source raster's footprint (densified edges, transformed).
/// Points along the boundary of `e`, `per_side` per side, clockwise from the north-west corner.
std::vector<XY> densified_boundary(const Extent& e, int per_side) {
    const XY corners[] = {{e.west, e.north}, {e.east, e.north}, {e.east, e.south}, {e.west, e.south}};
    std::vector<XY> out;
    for (int side = 0; side < 4; ++side) {
        const XY a = corners[side], b = corners[(side + 1) % 4];
        for (int i = 0; i < per_side; ++i) {
            const double t = static_cast<double>(i) / per_side;
            out.push_back({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
        }
    }
    return out;
}

/// Pixels of `grid` inside the source raster's footprint. Only the part of the footprint
/// near the grid matters, so it is first clipped, in the raster's own CRS, to the grid's
/// extent seen from there: a global raster's ±180° edges need never be projected.
std::vector<char> footprint_mask(const RasterFootprint& fp, const GridSpec& grid) {
    constexpr int kPerSide = 64;
    Transformer to_grid(fp.crs_wkt, grid.crs);
    Extent clip = fp.extent;
    try {
        std::optional<Extent> grid_in_source;
        for (const XY& p : densified_boundary(grid.extent(), kPerSide)) {
            const XY q = to_grid.inverse(p);
            grid_in_source = grid_in_source ? Extent{std::min(grid_in_source->west, q.x), std::min(grid_in_source->south, q.y),
                                                     std::max(grid_in_source->east, q.x), std::max(grid_in_source->north, q.y)}
                                            : Extent{q.x, q.y, q.x, q.y};
        }
        // Grow by a tenth so curved grid edges stay inside, then intersect.
        const double gx = 0.1 * grid_in_source->width(), gy = 0.1 * grid_in_source->height();
        clip = {std::max(clip.west, grid_in_source->west - gx), std::max(clip.south, grid_in_source->south - gy),
                std::min(clip.east, grid_in_source->east + gx), std::min(clip.north, grid_in_source->north + gy)};
    } catch (const CrsError&) {
        // The grid cannot be expressed in the raster's CRS: use the whole footprint.
    }
    std::vector<char> inside(grid.size(), 0);
    if (!(clip.east > clip.west) || !(clip.north > clip.south)) return inside;  // no overlap
    std::string wkt = "POLYGON((";
    const std::vector<XY> ring = densified_boundary(clip, kPerSide);
    for (const XY& p : ring) {
        const XY q = to_grid.forward(p);
        wkt += std::to_string(q.x) + " " + std::to_string(q.y) + ",";
    }
    const XY first = to_grid.forward(ring.front());
    wkt += std::to_string(first.x) + " " + std::to_string(first.y) + "))";
    for (std::size_t i : pixels_covered(geometry_from_wkt(wkt).get(), grid)) inside[i] = 1;
    return inside;
}

bool unit_is_feet(GDALRasterBand* band) {
    const std::string unit = to_lower(band->GetUnitType() ? band->GetUnitType() : "");
    return unit == "ft" || unit == "foot" || unit == "feet" || unit == "us survey foot" || unit == "ft-us";
}

}  // namespace

RasterFootprint raster_footprint(const std::string& path) {
    GDALDatasetUniquePtr ds = open_raster_with_crs(path);
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None) throw CrsError({path, "", ""}, "raster has no geotransform");
    const double w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    const double xs[] = {gt[0], gt[0] + w * gt[1] + h * gt[2]};
    const double ys[] = {gt[3], gt[3] + w * gt[4] + h * gt[5]};
    RasterFootprint fp;
    fp.extent = {std::min(xs[0], xs[1]), std::min(ys[0], ys[1]), std::max(xs[0], xs[1]), std::max(ys[0], ys[1])};
    OGRSpatialReference srs(*ds->GetSpatialRef());
    fp.crs_wkt = to_wkt(srs);
    return fp;
}

DemLoad read_dem(const std::string& path, const GridSpec& grid) {
    GDALDatasetUniquePtr src = open_raster_with_crs(path);
    const bool feet = unit_is_feet(src->GetRasterBand(1));
    GDALDatasetUniquePtr warped = warp_to_grid(src.get(), path, grid, "bilinear");
    DemLoad load;
    load.elevation_m = read_band(*warped, grid);
    const std::vector<char> inside = footprint_mask(raster_footprint(path), grid);
    auto& values = load.elevation_m.values();
    // Values no terrain has (e.g. an untagged -32768 or -9999 nodata) are voids too.
    const double to_m = feet ? 0.3048 : 1.0;
    std::size_t implausible = 0;
    for (float& v : values)
        if (!std::isnan(v) && (v * to_m < kLowestElevationM || v * to_m > kHighestElevationM)) {
            v = kNoData;
            ++implausible;
        }
    if (implausible > 0) {
        // The void filler below works on the band: give it the voids too.
        if (warped->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, static_cast<int>(grid.width), static_cast<int>(grid.height),
                                               values.data(), static_cast<int>(grid.width), static_cast<int>(grid.height),
                                               GDT_Float32, 0, 0) != CE_None)
            throw IoError("GDAL: cannot update the resampled DEM: " + last_gdal_error());
        load.warnings.push_back(path + ": " + std::to_string(implausible) + " pixel(s) outside [" +
                                std::to_string(static_cast<int>(kLowestElevationM)) + ", " +
                                std::to_string(static_cast<int>(kHighestElevationM)) + "] m treated as voids");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!inside[i]) ++load.outside_pixels;
        else if (std::isnan(values[i])) ++load.void_pixels;
    }
    if (load.void_pixels + load.outside_pixels == values.size())
        throw InputError({path, "", ""}, "DEM has no valid elevation within the analysis area (all nodata or no overlap)");
    if (load.void_pixels > 0) {
        // Interpolate voids from their edges; pixels outside the footprint are masked back after.
        GDALRasterBand* band = warped->GetRasterBand(1);
        // Search at most the grid's larger side: every void inside the footprint is reachable.
        const double max_search_px = static_cast<double>(std::max(grid.width, grid.height));
        if (GDALFillNodata(band, nullptr, max_search_px, 0, 0, nullptr, nullptr, nullptr) != CE_None)
            throw IoError("GDAL: cannot fill DEM voids: " + last_gdal_error());
        Grid<float> filled = read_band(*warped, grid);
        for (std::size_t i = 0; i < values.size(); ++i)
            if (inside[i] && std::isnan(values[i]) && !std::isnan(filled.values()[i])) {
                values[i] = filled.values()[i];
                ++load.filled_pixels;
            }
        load.warnings.push_back(path + ": " + std::to_string(load.void_pixels) + " void pixel(s) in the analysis area, " +
                                std::to_string(load.filled_pixels) + " filled by interpolation");
    }
    if (feet) {
        for (float& v : values) v = static_cast<float>(v * 0.3048);
        load.converted_from_feet = true;
        load.warnings.push_back(path + ": elevations are in feet; converted to metres");
    }
    return load;
}

Grid<float> read_population_raster(const std::string& path, const GridSpec& grid) {
    GDALDatasetUniquePtr src = open_raster_with_crs(path);
    GDALDatasetUniquePtr warped = warp_to_grid(src.get(), path, grid, "sum");
    Grid<float> people = read_band(*warped, grid);
    for (float& v : people.values())
        if (std::isnan(v) || v < 0.0f) v = 0.0f;
    Grid<float> out(grid, 0.0f);
    out.values() = std::move(people.values());
    return out;
}

}  // namespace phusong
