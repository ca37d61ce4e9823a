#include "io/ogr_text.hpp"

#include <cpl_string.h>

#include <memory>

#include "io/csv_table.hpp"

namespace phusong {
namespace {

/// The encoding a layer declares when GDAL has not recoded its text to UTF-8 itself; "" when
/// it has, or when the layer declares nothing.
std::string declared_encoding(OGRLayer& layer) {
    if (layer.TestCapability(OLCStringsAsUTF8)) return {};
    // The Shapefile driver's metadata (GDAL 3.6): the encoding it would recode from, and where
    // that came from; SOURCE_ENCODING is empty when recoding was turned off.
    const std::pair<const char*, const char*> items[] = {{"SOURCE_ENCODING", "SHAPEFILE"},
                                                         {"ENCODING_FROM_CPG", "SHAPEFILE"},
                                                         {"ENCODING_FROM_LDID", "SHAPEFILE"}};
    for (const auto& [item, domain] : items) {
        const char* value = layer.GetMetadataItem(item, domain);
        if (!value || !*value) continue;
        const std::string encoding = to_lower(trim(value));
        if (encoding == "utf-8" || encoding == "utf8") return {};
        return value;
    }
    return {};
}

}  // namespace

OgrText::OgrText(OGRLayer& layer) : from_(declared_encoding(layer)) {}

std::string OgrText::text(const char* raw, const InputLocation& where) {
    if (!raw) return {};
    if (from_.empty()) return log_.clean(raw, where);
    std::unique_ptr<char, decltype(&CPLFree)> recoded{CPLRecode(raw, from_.c_str(), CPL_ENC_UTF8), &CPLFree};
    return log_.clean(recoded ? recoded.get() : raw, where);
}

std::string OgrText::field(OGRFeature& feature, int index, const InputLocation& where) {
    if (index < 0 || !feature.IsFieldSetAndNotNull(index)) return {};
    return text(feature.GetFieldAsString(index), where);
}

}  // namespace phusong
