// Text attributes of an OGR layer as valid UTF-8, whatever the source's encoding.
//
// GDAL 3.6 already recodes to UTF-8 where the source says how it is encoded (a Shapefile's
// .cpg or DBF language driver id; GeoPackage and GeoJSON are UTF-8 by definition) and then
// reports the layer capability OLCStringsAsUTF8. Where it does not (recoding turned off with
// the SHAPE_ENCODING configuration option or the ENCODING open option) but the layer still
// declares its encoding in its metadata, the text is transcoded here with CPLRecode. Anything
// that is still not valid UTF-8 after that (a GeoJSON file with Latin-1 bytes, a DBF without
// .cpg) has its invalid bytes replaced with U+FFFD, and one warning names the first value.
#pragma once

#include <ogrsf_frmts.h>

#include <optional>
#include <string>

#include "geo/errors.hpp"
#include "io/utf8.hpp"

namespace phusong {

class OgrText {
public:
    explicit OgrText(OGRLayer& layer);

    /// Field `index` of `feature` as UTF-8 text; "" when unset or null.
    std::string field(OGRFeature& feature, int index, const InputLocation& where);
    /// Any text from the layer (e.g. a field name) as UTF-8.
    std::string text(const char* raw, const InputLocation& where);

    /// Encoding transcoded from ("" when GDAL delivers UTF-8 or the source declares none).
    [[nodiscard]] const std::string& transcoded_from() const { return from_; }
    /// One warning for the layer when invalid bytes were replaced, else nullopt.
    [[nodiscard]] std::optional<InputWarning> warning() const { return log_.warning(); }

private:
    std::string from_;
    Utf8RepairLog log_;
};

}  // namespace phusong
