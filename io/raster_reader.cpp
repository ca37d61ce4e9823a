#include "io/raster_reader.hpp"

#include "geo/text_format.hpp"

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
#include "io/raster_checks.hpp"

namespace phusong {
namespace {

constexpr float kNoData = std::numeric_limits<float>::quiet_NaN();
constexpr double kLowestElevationM = -500.0;   // below the Dead Sea shore
constexpr double kHighestElevationM = 9000.0;  // above Everest
/// Most source pixels one resampling onto the analysis grid may read: 2^32 ≈ 4.3e9, 17 times
/// the largest grid phusong builds (250 million pixels) and minutes of reading. Beyond that
/// the source is far finer than the grid (or declares absurd sizes): overviews (gdaladdo) or a
/// coarser copy make the same result for a fraction of the reading.
constexpr double kMaxSourcePixelsRead = 4294967296.0;

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

void write_band(GDALDataset& ds, const Grid<float>& values) {
    const GridSpec& grid = values.spec();
    std::vector<float> copy = values.values();  // RasterIO takes a non-const buffer
    if (ds.GetRasterBand(1)->RasterIO(GF_Write, 0, 0, static_cast<int>(grid.width), static_cast<int>(grid.height),
                                      copy.data(), static_cast<int>(grid.width), static_cast<int>(grid.height),
                                      GDT_Float32, 0, 0) != CE_None)
        throw IoError("GDAL: cannot update the resampled raster: " + last_gdal_error());
}

GDALDatasetUniquePtr open_raster_with_crs(const std::string& path) {
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_RASTER, "raster");
    if (ds->GetRasterCount() < 1) throw InputError({path, "", ""}, "has no raster band");
    if (ds->GetRasterXSize() < 1 || ds->GetRasterYSize() < 1) throw InputError({path, "", ""}, "raster is empty (zero size)");
    // Formats other than VRT declare sizes too (a GeoTIFF header is a few bytes); VRTs were
    // checked before opening.
    check_declared_size(path, ds->GetRasterXSize(), ds->GetRasterYSize());
    if (!ds->GetSpatialRef()) throw CrsError({path, "", ""}, "raster has no CRS (georeferencing is required)");
    return ds;
}

RasterFootprint footprint_of(GDALDataset& ds, const std::string& path) {
    double gt[6];
    if (ds.GetGeoTransform(gt) != CE_None) throw CrsError({path, "", ""}, "raster has no geotransform");
    const double w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
    const double xs[] = {gt[0], gt[0] + w * gt[1] + h * gt[2]};
    const double ys[] = {gt[3], gt[3] + w * gt[4] + h * gt[5]};
    RasterFootprint fp;
    fp.extent = {std::min(xs[0], xs[1]), std::min(ys[0], ys[1]), std::max(xs[0], xs[1]), std::max(ys[0], ys[1])};
    OGRSpatialReference srs(*ds.GetSpatialRef());
    fp.crs_wkt = to_wkt(srs);
    return fp;
}

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

constexpr int kPerSide = 64;

/// The grid's extent seen in the raster's CRS (its densified boundary transformed), grown by a
/// tenth so curved grid edges stay inside; nullopt when the grid cannot be expressed there.
std::optional<Extent> grid_extent_in_source(const Transformer& to_grid, const GridSpec& grid) {
    try {
        std::optional<Extent> e;
        for (const XY& p : densified_boundary(grid.extent(), kPerSide)) {
            const XY q = to_grid.inverse(p);
            e = e ? Extent{std::min(e->west, q.x), std::min(e->south, q.y), std::max(e->east, q.x), std::max(e->north, q.y)}
                  : Extent{q.x, q.y, q.x, q.y};
        }
        const double gx = 0.1 * e->width(), gy = 0.1 * e->height();
        return Extent{e->west - gx, e->south - gy, e->east + gx, e->north + gy};
    } catch (const CrsError&) {
        return std::nullopt;
    }
}

/// Pixels of `grid` inside the source raster's footprint. Only the part of the footprint
/// near the grid matters, so it is first clipped, in the raster's own CRS, to the grid's
/// extent seen from there: a global raster's ±180° edges need never be projected.
std::vector<char> footprint_mask(const RasterFootprint& fp, const GridSpec& grid) {
    Transformer to_grid(fp.crs_wkt, grid.crs);
    Extent clip = fp.extent;
    if (const auto seen = grid_extent_in_source(to_grid, grid))
        clip = {std::max(clip.west, seen->west), std::max(clip.south, seen->south), std::min(clip.east, seen->east),
                std::min(clip.north, seen->north)};
    // Otherwise the grid cannot be expressed in the raster's CRS: use the whole footprint.
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

/// What resampling onto the grid reads of band 1: a window of the band, or of the overview
/// GDAL's warper picks (gdalwarp's default -ovr AUTO: the coarsest overview still at least as
/// fine as the grid).
struct PlannedRead {
    GDALRasterBand* band = nullptr;
    PixelWindow window;
};

/// Window of a raster `width` × `height` pixels covering `e` (in the raster's CRS), clipped.
std::optional<PixelWindow> window_of(const double gt[6], int width, int height, const Extent& e) {
    double inv[6];
    if (!GDALInvGeoTransform(const_cast<double*>(gt), inv)) return std::nullopt;
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const XY p : {XY{e.west, e.north}, XY{e.east, e.north}, XY{e.east, e.south}, XY{e.west, e.south}}) {
        const double px = inv[0] + p.x * inv[1] + p.y * inv[2], py = inv[3] + p.x * inv[4] + p.y * inv[5];
        x0 = std::min(x0, px), x1 = std::max(x1, px), y0 = std::min(y0, py), y1 = std::max(y1, py);
    }
    x0 = std::clamp(std::floor(x0), 0.0, double(width)), x1 = std::clamp(std::ceil(x1), 0.0, double(width));
    y0 = std::clamp(std::floor(y0), 0.0, double(height)), y1 = std::clamp(std::ceil(y1), 0.0, double(height));
    if (!(x1 > x0) || !(y1 > y0)) return std::nullopt;
    return PixelWindow{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0)};
}

/// "4 trillion", "4.29 billion", "120 million", "5000": a large count as people say it.
std::string count_text(double n) {
    const std::pair<double, const char*> scales[] = {{1e12, " trillion"}, {1e9, " billion"}, {1e6, " million"}};
    char buffer[48];
    for (const auto& [scale, word] : scales)
        if (n >= scale) {
            std::snprintf(buffer, sizeof buffer, "%.3g%s", n / scale, word);
            return buffer;
        }
    std::snprintf(buffer, sizeof buffer, "%.0f", n);
    return buffer;
}

/// The read resampling onto `grid` makes (nullopt when the raster does not reach the grid);
/// InputError naming the file and its declared size when that read exceeds kMaxSourcePixelsRead.
std::optional<PlannedRead> plan_read(GDALDataset& ds, const RasterFootprint& fp, const GridSpec& grid,
                                     const std::string& path) {
    double gt[6];
    ds.GetGeoTransform(gt);
    const Transformer to_grid(fp.crs_wkt, grid.crs);
    const Extent wanted = grid_extent_in_source(to_grid, grid).value_or(fp.extent);
    const std::optional<PixelWindow> base = window_of(gt, ds.GetRasterXSize(), ds.GetRasterYSize(), wanted);
    if (!base) return std::nullopt;
    GDALRasterBand* band = ds.GetRasterBand(1);
    // Source pixels per grid pixel, across: how far the warper may step down to an overview.
    const double ratio = static_cast<double>(base->width) / static_cast<double>(grid.width);
    PlannedRead read{band, *base};
    double chosen_factor = 1.0;
    for (int i = 0; i < band->GetOverviewCount(); ++i) {
        GDALRasterBand* overview = band->GetOverview(i);
        if (!overview || overview->GetXSize() < 1 || overview->GetYSize() < 1) continue;
        const double factor = static_cast<double>(ds.GetRasterXSize()) / overview->GetXSize();
        if (factor > ratio || factor <= chosen_factor) continue;
        const double sx = static_cast<double>(overview->GetXSize()) / ds.GetRasterXSize();
        const double sy = static_cast<double>(overview->GetYSize()) / ds.GetRasterYSize();
        const int x = std::min(static_cast<int>(base->x * sx), overview->GetXSize() - 1);
        const int y = std::min(static_cast<int>(base->y * sy), overview->GetYSize() - 1);
        read = {overview, {x, y, std::clamp(static_cast<int>(std::ceil(base->width * sx)), 1, overview->GetXSize() - x),
                           std::clamp(static_cast<int>(std::ceil(base->height * sy)), 1, overview->GetYSize() - y)}};
        chosen_factor = factor;
    }
    if (read.window.pixels() > kMaxSourcePixelsRead)
        throw InputError({path, "", ""}, "declares " + std::to_string(ds.GetRasterXSize()) + " × " +
                                             std::to_string(ds.GetRasterYSize()) + " pixels; reading the analysis area would take " +
                                             count_text(read.window.pixels()) + " of them (at most " +
                                             count_text(kMaxSourcePixelsRead) +
                                             "): its pixels are far finer than the grid's; add overviews (gdaladdo) "
                                             "or resample it first");
    return read;
}

/// "1 pixel is", "3 pixels are".
std::string pixels_are(std::uint64_t n) { return std::to_string(n) + (n == 1 ? " pixel is" : " pixels are"); }

/// A DEM's values must be finite: NaN that is not the nodata value, or ±infinity, is no elevation.
void check_dem_values(const PlannedRead& read, const std::string& path) {
    const ValueCounts c = count_values(*read.band, read.window, false, path);
    if (c.not_finite == 0) return;
    throw InputError({path, "", ""}, pixels_are(c.not_finite) +
                                         " not finite (NaN or infinite, and not the nodata value): elevations must be "
                                         "finite numbers; if NaN marks voids, make it the band's nodata value "
                                         "(gdal_edit.py -a_nodata nan)");
}

/// A population raster counts people: every value a finite number >= 0.
void check_population_values(const PlannedRead& read, const std::string& path) {
    const ValueCounts c = count_values(*read.band, read.window, true, path);
    if (c.not_finite == 0 && c.negative == 0) return;
    std::string what;
    if (c.not_finite > 0) what = pixels_are(c.not_finite) + " not finite";
    if (c.negative > 0) what += (what.empty() ? pixels_are(c.negative) : " and " + std::to_string(c.negative) + (c.negative == 1 ? " is" : " are")) + " negative";
    throw InputError({path, "", ""}, what + ": population must be a finite number >= 0");
}

/// A band's unit of length, and the factor to metres.
struct LengthUnit {
    std::string name;       ///< for messages: "metres", "feet", …
    double metres = 1.0;    ///< metres per unit
};

/// The DEM band's unit (GDALRasterBand::GetUnitType): metres when empty, else one of the
/// spellings below; InputError naming the file and the unit otherwise.
LengthUnit elevation_unit(GDALRasterBand& band, const std::string& path) {
    const char* raw = band.GetUnitType();
    const std::string unit = to_lower(trim(raw ? raw : ""));
    if (unit.empty() || unit == "m" || unit == "metre" || unit == "metres" || unit == "meter" || unit == "meters")
        return {"metres", 1.0};
    // The international foot, exactly 0.3048 m.
    if (unit == "ft" || unit == "foot" || unit == "feet" || unit == "international foot") return {"feet", 0.3048};
    // The US survey foot, exactly 1200/3937 m (0.3048006096 m; 2 mm more per 1000 ft).
    if (unit == "us survey foot" || unit == "us survey feet" || unit == "ft-us" || unit == "us-ft" || unit == "foot_us")
        return {"US survey feet", 1200.0 / 3937.0};
    if (unit == "km" || unit == "kilometre" || unit == "kilometres" || unit == "kilometer" || unit == "kilometers")
        return {"kilometres", 1000.0};
    throw InputError({path, "", ""}, "band unit '" + std::string(raw) +
                                         "' is not a unit of elevation phusong knows (m, ft, US survey foot, km)");
}

}  // namespace

RasterFootprint raster_footprint(const std::string& path) {
    GDALDatasetUniquePtr ds = open_raster_with_crs(path);
    return footprint_of(*ds, path);
}

/// The longer side of the raster's pixel at the grid's centre, in the grid's metres: the pixel's
/// two edges from that point, in the raster's CRS, projected onto the grid. 0 when the point
/// cannot be carried between the CRSs.
double native_pixel_m(GDALDataset& ds, const RasterFootprint& fp, const GridSpec& grid) {
    double gt[6];
    ds.GetGeoTransform(gt);
    const Extent e = grid.extent();
    const XY centre{0.5 * (e.west + e.east), 0.5 * (e.south + e.north)};
    try {
        const Transformer to_grid(fp.crs_wkt, grid.crs);
        const XY at = to_grid.inverse(centre);
        const XY o = to_grid.forward(at);
        const XY across = to_grid.forward({at.x + gt[1], at.y + gt[4]});
        const XY down = to_grid.forward({at.x + gt[2], at.y + gt[5]});
        return std::max(std::hypot(across.x - o.x, across.y - o.y), std::hypot(down.x - o.x, down.y - o.y));
    } catch (const CrsError&) {
        return 0.0;
    }
}

DemLoad read_dem(const std::string& path, const GridSpec& grid) {
    GDALDatasetUniquePtr src = open_raster_with_crs(path);
    const LengthUnit unit = elevation_unit(*src->GetRasterBand(1), path);
    const RasterFootprint footprint = footprint_of(*src, path);
    const std::optional<PlannedRead> read = plan_read(*src, footprint, grid, path);
    GDALDatasetUniquePtr warped = warp_to_grid(src.get(), path, grid, "bilinear");
    // After the warp, whose errors (a truncated file) name the step that failed.
    if (read) check_dem_values(*read, path);
    DemLoad load;
    load.elevation_unit = unit.name;
    load.metres_per_unit = unit.metres;
    load.native_pixel_m = native_pixel_m(*src, footprint, grid);
    load.elevation_m = read_band(*warped, grid);
    const std::vector<char> inside = footprint_mask(footprint, grid);
    auto& values = load.elevation_m.values();
    // Metres from here on; resampling was linear, so converting after it is exact.
    if (unit.metres != 1.0)
        for (float& v : values) v = static_cast<float>(v * unit.metres);
    // Values no terrain has (e.g. an untagged -32768 or -9999 nodata) are voids too.
    std::size_t implausible = 0;
    for (float& v : values)
        if (!std::isnan(v) && (v < kLowestElevationM || v > kHighestElevationM)) {
            v = kNoData;
            ++implausible;
        }
    // The void filler below works on the band: give it the metres and the voids.
    if (implausible > 0 || unit.metres != 1.0) write_band(*warped, load.elevation_m);
    if (implausible > 0)
        load.warnings.push_back({{path, "", ""}, std::to_string(implausible) + " pixel(s) outside [" +
                                std::to_string(static_cast<int>(kLowestElevationM)) + ", " +
                                std::to_string(static_cast<int>(kHighestElevationM)) + "] m treated as voids"});
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
        // Its work rasters in memory: by default GDAL writes them into the working directory,
        // which may be read-only or anybody's folder.
        char option[] = "TEMP_FILE_DRIVER=MEM";
        char* options[] = {option, nullptr};
        if (GDALFillNodata(band, nullptr, max_search_px, 0, 0, options, nullptr, nullptr) != CE_None)
            throw IoError(path + ": GDAL cannot fill the DEM's voids: " + last_gdal_error());
        Grid<float> filled = read_band(*warped, grid);
        for (std::size_t i = 0; i < values.size(); ++i)
            if (inside[i] && std::isnan(values[i]) && !std::isnan(filled.values()[i])) {
                values[i] = filled.values()[i];
                ++load.filled_pixels;
            }
        load.warnings.push_back({{path, "", ""}, std::to_string(load.void_pixels) + " void pixel(s) in the analysis area, " +
                                std::to_string(load.filled_pixels) + " filled by interpolation"});
    }
    return load;
}

Grid<std::int32_t> read_landcover(const std::string& path, const GridSpec& grid) {
    GDALDatasetUniquePtr src = open_raster_with_crs(path);
    plan_read(*src, footprint_of(*src, path), grid, path);  // refuses reads too large to make
    GDALDatasetUniquePtr warped = warp_to_grid(src.get(), path, grid, "mode");
    const Grid<float> modes = read_band(*warped, grid);
    Grid<std::int32_t> classes(grid, -1, -1);
    for (std::size_t i = 0; i < modes.values().size(); ++i) {
        const float v = modes.values()[i];
        if (std::isnan(v)) continue;
        if (!(v >= 0.0f && v <= 65535.0f) || v != std::floor(v))
            throw InputError({path, "", ""}, "value " + format_quantity(v) +
                                                 " is not a land-cover class (an integer in [0, 65535]): is this a categorical raster?");
        classes.values()[i] = static_cast<std::int32_t>(v);
    }
    return classes;
}

Grid<float> read_population_raster(const std::string& path, const GridSpec& grid) {
    GDALDatasetUniquePtr src = open_raster_with_crs(path);
    const std::optional<PlannedRead> read = plan_read(*src, footprint_of(*src, path), grid, path);
    GDALDatasetUniquePtr warped = warp_to_grid(src.get(), path, grid, "sum");
    if (read) check_population_values(*read, path);
    Grid<float> people = read_band(*warped, grid);
    for (float& v : people.values())
        if (std::isnan(v) || v < 0.0f) v = 0.0f;  // outside the raster, or nodata only: nobody counted there
    Grid<float> out(grid, 0.0f);
    out.values() = std::move(people.values());
    return out;
}

}  // namespace phusong
