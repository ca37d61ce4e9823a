#include "io/raster_checks.hpp"

#include <cpl_minixml.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "geo/errors.hpp"
#include "io/csv_table.hpp"
#include "io/gdal_support.hpp"
#include "io/input_file.hpp"

namespace phusong {
namespace fs = std::filesystem;
namespace {

/// GDAL itself refuses VRTs nested deeper than this; a loop of VRTs naming each other stops here.
constexpr int kMaxVrtNesting = 8;
/// Rows read at once by count_values: bounded by pixels, not rows, so that a strip of a wide
/// raster stays near 16 Mi values (128 MiB as doubles).
constexpr double kStripPixels = 16.0 * 1024 * 1024;

struct XmlDeleter {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using XmlTree = std::unique_ptr<CPLXMLNode, XmlDeleter>;

/// "2000000000" or "1.5" for a declared size.
std::string size_text(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", v);
    return buffer;
}

/// The first bytes of a file tell a VRT from anything else without reading it all.
bool looks_like_vrt(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(256, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    const auto start = head.find('<');
    return start != std::string::npos &&
           (head.compare(start, 11, "<VRTDataset") == 0 || head.compare(start, 17, "<OGRVRTDataSource") == 0);
}

/// A source named in a VRT, resolved against the VRT's folder when relativeToVRT="1".
std::string source_path(const CPLXMLNode* node, const std::string& vrt) {
    const std::string name = CPLGetXMLValue(node, nullptr, "");
    const bool relative = std::string(CPLGetXMLValue(node, "relativeToVRT", "0")) == "1";
    if (!relative || name.rfind("/vsi", 0) == 0) return name;
    return (fs::path(vrt).parent_path() / name).string();
}

std::optional<double> number_attribute(const CPLXMLNode* node, const char* name) {
    const char* text = CPLGetXMLValue(node, name, nullptr);
    if (!text) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text, &end);
    if (end == text) return std::nullopt;  // left to GDAL, which reports malformed VRTs itself
    return v;
}

void check_vrt_file(const std::string& path, int depth);

/// A source file named by a VRT: it must not be a FIFO or a device, and a nested VRT is
/// checked in turn. Missing files are left to GDAL, which names them when it reads. (Side-cars
/// of sources are not looked for: a mosaic of thousands of tiles in one folder would make that
/// quadratic.)
void check_vrt_source(const std::string& source, const std::string& vrt, int depth) {
    try {
        if (source.rfind("/vsi", 0) == 0) return require_dataset_path(source, DatasetPath::File);
        std::error_code ec;
        if (!fs::exists(source, ec)) return;
        require_file_or_folder(source);
    } catch (const InputError& e) {
        throw InputError({vrt, "", ""}, std::string("source ") + e.what());
    }
    if (to_lower(fs::path(source).extension().string()) == ".vrt") check_vrt_file(source, depth + 1);
}

/// Every element of the tree, depth first: sizes and sources.
void check_vrt_nodes(const CPLXMLNode* node, const std::string& vrt, int depth) {
    for (; node; node = node->psNext) {
        if (node->eType != CXT_Element) continue;
        const std::string name = node->pszValue;
        if (name == "VRTDataset") {
            const auto w = number_attribute(node, "rasterXSize"), h = number_attribute(node, "rasterYSize");
            if (w && h) check_declared_size(vrt, *w, *h);
        } else if (name == "SourceProperties") {
            const auto w = number_attribute(node, "RasterXSize"), h = number_attribute(node, "RasterYSize");
            if (w && h) check_declared_size(vrt, *w, *h, "a source of");
        } else if (name == "SrcRect" || name == "DstRect") {
            const auto w = number_attribute(node, "xSize"), h = number_attribute(node, "ySize");
            if (w && h) check_declared_size(vrt, *w, *h, "a source window (" + name + ") of");
        } else if (name == "SourceFilename" || name == "SourceDataset" || name == "SrcDataSource") {
            check_vrt_source(source_path(node, vrt), vrt, depth);
            continue;
        }
        check_vrt_nodes(node->psChild, vrt, depth);
    }
}

void check_vrt_file(const std::string& path, int depth) {
    if (!looks_like_vrt(path)) return;
    if (depth > kMaxVrtNesting)
        throw InputError({path, "", ""}, "VRTs nested more than " + std::to_string(kMaxVrtNesting) + " deep (a loop?)");
    const XmlTree tree{CPLParseXMLString(read_text_file(path).c_str())};
    if (!tree) return;  // malformed: GDAL reports it when it opens the file
    check_vrt_nodes(tree.get(), path, depth);
}

/// Nodata of a band, as GDAL reports it.
struct NoData {
    bool set = false;
    double value = 0.0;
    [[nodiscard]] bool matches(double v) const { return set && (v == value || (std::isnan(value) && std::isnan(v))); }
};

/// Values of one strip that are not finite, and finite but negative; nodata left out.
void count_strip(const std::vector<double>& values, const NoData& nodata, bool count_negative, ValueCounts& c) {
    for (double v : values) {
        if (nodata.matches(v)) continue;
        if (!std::isfinite(v)) ++c.not_finite;
        else if (count_negative && v < 0.0) ++c.negative;
    }
}

bool is_floating(GDALDataType t) { return GDALDataTypeIsFloating(t) != 0; }
bool is_signed(GDALDataType t) { return GDALDataTypeIsSigned(t) != 0; }

}  // namespace

void check_declared_size(const std::string& path, double width, double height, const std::string& what) {
    const bool sides_ok = width >= 1.0 && height >= 1.0 && width <= static_cast<double>(kMaxRasterSidePx) &&
                          height <= static_cast<double>(kMaxRasterSidePx);
    if (sides_ok && width * height <= static_cast<double>(kMaxRasterPixels)) return;
    const std::string size = size_text(width) + " × " + size_text(height) + " pixels";
    if (width < 1.0 || height < 1.0)
        throw InputError({path, "", ""}, "declares " + (what.empty() ? "" : what + " ") + size + ": a raster needs at least one pixel");
    throw InputError({path, "", ""}, "declares " + (what.empty() ? "" : what + " ") + size +
                                         "; phusong reads rasters of at most 2^24 (16777216) pixels a side and 2^42 in all");
}

void check_vrt_before_open(const std::string& path) {
    if (path.rfind("/vsi", 0) == 0) return;  // GDAL reads the archive; only plain files are checked here
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return;
    check_vrt_file(path, 0);
}

ValueCounts count_values(GDALRasterBand& band, const PixelWindow& window, bool count_negative, const std::string& path) {
    ValueCounts counts;
    const GDALDataType type = band.GetRasterDataType();
    const bool may_be_non_finite = is_floating(type) || GDALDataTypeIsComplex(type);
    const bool may_be_negative = count_negative && (is_signed(type) || may_be_non_finite);
    if (!may_be_non_finite && !may_be_negative) return counts;
    int has_nodata = 0;
    NoData nodata;
    nodata.value = band.GetNoDataValue(&has_nodata);
    nodata.set = has_nodata != 0;
    const int rows_per_strip = std::max(1, static_cast<int>(kStripPixels / std::max(1, window.width)));
    std::vector<double> strip;
    for (int row = 0; row < window.height; row += rows_per_strip) {
        const int rows = std::min(rows_per_strip, window.height - row);
        strip.resize(static_cast<std::size_t>(window.width) * static_cast<std::size_t>(rows));
        CPLErrorReset();
        if (band.RasterIO(GF_Read, window.x, window.y + row, window.width, rows, strip.data(), window.width, rows,
                          GDT_Float64, 0, 0) != CE_None)
            throw InputError({path, "", ""}, "cannot read pixel values: " + last_gdal_error());
        count_strip(strip, nodata, may_be_negative, counts);
        counts.read += strip.size();
    }
    return counts;
}

}  // namespace phusong
