#include "io/coverage_reader.hpp"

#include <algorithm>
#include <cmath>

#include "geo/errors.hpp"
#include "io/gdal_support.hpp"

namespace phusong {
namespace {

/// Levels no receiver sees: above +100 dBm (10 kW arriving at the antenna) or below −300 dBm
/// (far under thermal noise in any bandwidth). NaN is fine: no cell reaches the pixel.
constexpr float kHighestSignalDbm = 100.0f;
constexpr float kLowestSignalDbm = -300.0f;

/// InputError naming the table when a level is infinite or outside [−300, 100] dBm.
void check_signal_values(const std::vector<float>& values, const InputLocation& where) {
    std::size_t infinite = 0, impossible = 0;
    for (float v : values) {
        if (std::isnan(v)) continue;
        if (std::isinf(v)) ++infinite;
        else if (v > kHighestSignalDbm || v < kLowestSignalDbm) ++impossible;
    }
    if (infinite == 0 && impossible == 0) return;
    auto pixels = [](std::size_t n, const char* what, bool first) {
        return std::to_string(n) + (first ? (n == 1 ? " pixel is " : " pixels are ") : (n == 1 ? " is " : " are ")) + what;
    };
    std::string what;
    if (infinite > 0) what = pixels(infinite, "infinite", true);
    if (impossible > 0) what += (what.empty() ? "" : " and ") + pixels(impossible, "outside [-300, 100] dBm", what.empty());
    throw InputError(where, what + ": a signal level must be a finite number of dBm (NaN where no cell reaches)");
}

std::string crs_of(const GDALDataset& ds) {
    const OGRSpatialReference* srs = ds.GetSpatialRef();
    if (!srs) return {};
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (authority && code && std::string(authority) == "EPSG") return std::string("EPSG:") + code;
    return to_wkt(*srs);
}

/// Names of the gridded-coverage (raster) tables listed in the GeoPackage's contents.
std::vector<std::string> raster_tables(const std::string& path) {
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_VECTOR | GDAL_OF_RASTER, "GeoPackage");
    if (std::string(ds->GetDriverName()) != "GPKG") throw InputError({path, "", ""}, "is not a GeoPackage");
    OGRLayer* rows = ds->ExecuteSQL("SELECT table_name FROM gpkg_contents WHERE data_type = '2d-gridded-coverage'", nullptr, nullptr);
    std::vector<std::string> out;
    if (rows) {
        for (auto& row : *rows) out.emplace_back(row->GetFieldAsString(0));
        ds->ReleaseResultSet(rows);
    }
    return out;
}

}  // namespace

namespace {

/// The levels of one raster table (dBm, NaN where no cell reaches), checked as the header says.
Grid<float> read_level_table(const std::string& path, const std::string& table) {
    const InputLocation where{path, "table " + table, ""};
    const std::string table_option = "TABLE=" + table;
    const char* open_options[] = {table_option.c_str(), nullptr};
    GDALDatasetUniquePtr ds{GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, open_options)};
    if (!ds) throw InputError(where, "cannot be read: " + last_gdal_error());
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None || gt[2] != 0.0 || gt[4] != 0.0 || gt[5] >= 0.0)
        throw InputError(where, "has no north-up geotransform");
    // Allocated whole below: the declared size must be one phusong could have written.
    const double width = ds->GetRasterXSize(), height = ds->GetRasterYSize();
    if (width < 1.0 || height < 1.0 || width * height > static_cast<double>(kMaxGridPixels))
        throw InputError(where, "declares " + std::to_string(ds->GetRasterXSize()) + " × " + std::to_string(ds->GetRasterYSize()) +
                                    " pixels, more than the 250 million of the largest grid phusong writes");
    GridSpec spec{static_cast<std::size_t>(ds->GetRasterXSize()), static_cast<std::size_t>(ds->GetRasterYSize()),
                  {gt[0], gt[3], gt[1], -gt[5]}, crs_of(*ds)};
    if (spec.crs.empty()) throw InputError(where, "has no CRS");
    Grid<float> levels(spec, 0.0f, std::nanf(""));
    GDALRasterBand* band = ds->GetRasterBand(1);
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    if (band->RasterIO(GF_Read, 0, 0, ds->GetRasterXSize(), ds->GetRasterYSize(), levels.values().data(), ds->GetRasterXSize(),
                       ds->GetRasterYSize(), GDT_Float32, 0, 0) != CE_None)
        throw InputError(where, "cannot be read: " + last_gdal_error());
    if (has_nodata && !std::isnan(nodata))
        for (float& v : levels.values())
            if (v == static_cast<float>(nodata)) v = std::nanf("");
    check_signal_values(levels.values(), where);
    return levels;
}

}  // namespace

std::vector<SignalRaster> read_signal_rasters(const std::string& path, const std::vector<std::string>& operator_keys) {
    ensure_gdal();
    std::vector<SignalRaster> out;
    const std::vector<std::string> tables = raster_tables(path);
    auto same_grid = [&](const Grid<float>& levels, const std::string& table) {
        if (!out.empty() && !(out.front().signal_dbm.spec() == levels.spec()))
            throw InputError({path, "table " + table, ""},
                             "is not on the same grid as signal_" + std::string(to_key(out.front().technology)));
    };
    for (const std::string& table : tables) {
        if (table.rfind("signal_", 0) != 0) continue;
        const auto tech = parse_technology(table.substr(7));
        if (!tech || to_key(*tech) != table.substr(7)) continue;
        SignalRaster raster{*tech, read_level_table(path, table), {}};
        same_grid(raster.signal_dbm, table);
        for (const std::string& key : operator_keys) {
            const std::string mine = table + "_" + key;
            if (std::find(tables.begin(), tables.end(), mine) == tables.end())
                throw InputError({path, "table " + mine, ""}, "missing: the run recorded this operator but wrote no raster for it");
            raster.operator_dbm.push_back(read_level_table(path, mine));
            if (!(raster.operator_dbm.back().spec() == raster.signal_dbm.spec()))
                throw InputError({path, "table " + mine, ""}, "is not on the same grid as " + table);
        }
        out.push_back(std::move(raster));
    }
    if (out.empty()) throw InputError({path, "", ""}, "holds no signal_<tech> raster (write it with `phusong coverage`)");
    std::sort(out.begin(), out.end(), [](const SignalRaster& a, const SignalRaster& b) { return a.technology < b.technology; });
    return out;
}

std::map<std::string, std::string> read_geopackage_metadata(const std::string& path) {
    ensure_gdal();
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_VECTOR | GDAL_OF_RASTER, "GeoPackage");
    if (std::string(ds->GetDriverName()) != "GPKG") throw InputError({path, "", ""}, "is not a GeoPackage");
    std::map<std::string, std::string> out;
    if (char** items = ds->GetMetadata())
        for (char** item = items; *item; ++item) {
            char* key = nullptr;
            const char* value = CPLParseNameValue(*item, &key);
            if (key && value && std::string(key).rfind("SUBDATASET_", 0) != 0) out[key] = value;
            CPLFree(key);
        }
    return out;
}

}  // namespace phusong
