#include "io/tower_reader.hpp"

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "io/csv_table.hpp"
#include "io/gdal_support.hpp"
#include "io/ogr_text.hpp"

namespace phusong {
namespace {

// Physical limits for validation: anything outside is a typo, not a design choice.
constexpr double kMaxHeightM = 1000.0;
constexpr double kMinFreqMhz = 20.0;
constexpr double kMaxFreqMhz = 100000.0;

/// Field access for one input record, whatever the container (CSV row or OGR feature).
class RecordView {
public:
    virtual ~RecordView() = default;
    /// Text of a field, nullopt if the column/attribute does not exist.
    [[nodiscard]] virtual std::optional<std::string> get(const std::string& field) const = 0;
    [[nodiscard]] virtual InputLocation at(const std::string& field) const = 0;

    std::string required_text(const std::string& field) const {
        auto v = get(field);
        if (!v) throw InputError(at(field), "column is missing");
        if (trim(*v).empty()) throw InputError(at(field), "value is missing");
        return trim(*v);
    }
    double required_number(const std::string& field, double lo, double hi) const {
        return parse_number(required_text(field), at(field), lo, hi);
    }
    std::optional<double> optional_number(const std::string& field, double lo, double hi) const {
        auto v = get(field);
        if (!v || trim(*v).empty()) return std::nullopt;
        return parse_number(*v, at(field), lo, hi);
    }
    bool has(const std::string& field) const {
        auto v = get(field);
        return v && !trim(*v).empty();
    }
};

class CsvRecordView : public RecordView {
public:
    CsvRecordView(const CsvTable& t, const CsvRecord& r) : table_(t), record_(r) {}
    std::optional<std::string> get(const std::string& field) const override {
        auto c = table_.column(field);
        if (!c) return std::nullopt;
        return record_.fields[*c];
    }
    InputLocation at(const std::string& field) const override { return table_.at(record_, field); }

private:
    const CsvTable& table_;
    const CsvRecord& record_;
};

Cell read_phusong_cell(const RecordView& r, LonLat location) {
    Cell cell;
    cell.site_id = r.required_text("site_id");
    cell.operator_name = r.get("operator").value_or("");
    cell.location = location;
    cell.antenna_height = Metres{r.required_number("height_m", 0.0, kMaxHeightM)};
    if (cell.antenna_height.value() <= 0.0) throw InputError(r.at("height_m"), "antenna height must be above ground (> 0)");
    const std::string tech = r.required_text("tech");
    const auto parsed = parse_technology(tech);
    if (!parsed) throw InputError(r.at("tech"), "unknown technology '" + tech + "' (expected 2G, 3G, 4G or 5G)");
    cell.technology = *parsed;
    cell.frequency = Megahertz{r.required_number("freq_mhz", kMinFreqMhz, kMaxFreqMhz)};
    if (r.has("eirp_dbm")) {
        cell.eirp = Dbm{r.required_number("eirp_dbm", -30.0, 100.0)};
    } else if (r.has("tx_power_dbm") || r.has("antenna_gain_dbi")) {
        cell.eirp = Dbm{r.required_number("tx_power_dbm", -30.0, 80.0)} +
                    Db{r.required_number("antenna_gain_dbi", -20.0, 45.0)};
    } else {
        throw InputError(r.at("eirp_dbm"), "value is missing (give eirp_dbm, or tx_power_dbm and antenna_gain_dbi)");
    }
    if (auto az = r.optional_number("azimuth_deg", 0.0, 360.0)) cell.azimuth = Degrees{std::fmod(*az, 360.0)};
    if (auto bw = r.optional_number("beamwidth_deg", 1.0, 360.0)) cell.beamwidth = Degrees{*bw};
    if (auto tilt = r.optional_number("downtilt_deg", -90.0, 90.0)) cell.downtilt = Degrees{*tilt};
    return cell;
}

LonLat read_lonlat(const RecordView& r) {
    const double lon = r.required_number("lon", -180.0, 180.0);
    const double lat = r.required_number("lat", -90.0, 90.0);
    return {lon, lat};
}

/// Rejects a site_id reused at another position and exact duplicate cells.
void check_consistency(const std::vector<Cell>& cells) {
    std::map<std::string, const Cell*> first_of_site;
    std::set<std::tuple<std::string, Technology, double, double>> seen;
    for (const Cell& c : cells) {
        auto [it, inserted] = first_of_site.emplace(c.site_id, &c);
        if (!inserted) {
            const Cell& f = *it->second;
            if (std::abs(f.location.lon - c.location.lon) > 1e-6 || std::abs(f.location.lat - c.location.lat) > 1e-6)
                throw InputError(c.origin + ": field 'site_id': site '" + c.site_id +
                                 "' already appears at a different position (" + f.origin + ")");
        }
        const double az = c.azimuth ? c.azimuth->value() : -1.0;
        if (!seen.emplace(c.site_id, c.technology, az, c.frequency.value()).second)
            throw InputError(c.origin + ": field 'site_id': duplicate cell (same site, technology, azimuth and frequency)");
    }
}

bool looks_like_opencellid(const CsvTable& t) {
    if (!t.header.empty()) return t.column("radio") && t.column("mcc") && t.column("net");
    return false;
}

std::optional<Technology> opencellid_radio(const std::string& radio) {
    const std::string r = to_lower(trim(radio));
    if (r == "gsm") return Technology::G2;
    if (r == "umts") return Technology::G3;
    if (r == "lte") return Technology::G4;
    if (r == "nr") return Technology::G5;
    return std::nullopt;
}

constexpr const char* kOpenCellIdColumns[] = {"radio", "mcc",     "net",        "area",    "cell",    "unit",         "lon",
                                              "lat",   "range",   "samples",    "changeable", "created", "updated", "averageSignal"};

TowerInventory read_opencellid(CsvTable table, const TowerDefaults& defaults) {
    if (table.header.empty()) {
        // Headerless dump: the columns are the documented OpenCellID layout.
        table.header.assign(std::begin(kOpenCellIdColumns), std::end(kOpenCellIdColumns));
        for (const CsvRecord& r : table.records)
            if (r.fields.size() != table.header.size())
                throw InputError(table.at(r), "expected the " + std::to_string(table.header.size()) +
                                                  " OpenCellID columns, found " + std::to_string(r.fields.size()));
    }
    TowerInventory inv;
    inv.source = table.source;
    inv.format = "opencellid";
    for (const CsvRecord& rec : table.records) {
        CsvRecordView r(table, rec);
        const std::string radio = r.required_text("radio");
        if (to_lower(radio) == "cdma") {
            ++inv.skipped_records;
            continue;
        }
        const auto tech = opencellid_radio(radio);
        if (!tech) throw InputError(r.at("radio"), "unknown radio '" + radio + "' (expected GSM, UMTS, LTE, NR or CDMA)");
        Cell cell;
        const std::string mcc = r.required_text("mcc"), net = r.required_text("net");
        cell.site_id = mcc + "-" + net + "-" + r.required_text("area") + "-" + r.required_text("cell");
        cell.operator_name = mcc + "-" + net;
        cell.location = read_lonlat(r);
        cell.technology = *tech;
        const TechDefaults& d = defaults[*tech];
        cell.antenna_height = d.antenna_height;
        cell.frequency = d.frequency;
        cell.eirp = d.eirp;
        cell.origin = table.source + ": line " + std::to_string(rec.line);
        inv.cells.push_back(std::move(cell));
    }
    if (inv.skipped_records > 0)
        inv.warnings.push_back({{table.source, "", "radio"}, std::to_string(inv.skipped_records) + " CDMA record(s) skipped: no CDMA model"});
    return inv;
}

TowerInventory read_phusong_csv(const CsvTable& table) {
    TowerInventory inv;
    inv.source = table.source;
    inv.format = "phusong-csv";
    for (const char* required : {"site_id", "lon", "lat", "height_m", "tech", "freq_mhz"})
        if (!table.column(required))
            throw InputError({table.source, "line 1", required}, "required column is missing from the header");
    for (const CsvRecord& rec : table.records) {
        CsvRecordView r(table, rec);
        Cell cell = read_phusong_cell(r, read_lonlat(r));
        cell.origin = table.source + ": line " + std::to_string(rec.line);
        inv.cells.push_back(std::move(cell));
    }
    return inv;
}

class OgrFeatureView : public RecordView {
public:
    OgrFeatureView(const std::string& source, OGRFeature& f) : source_(source), feature_(f) {}
    std::optional<std::string> get(const std::string& field) const override {
        const int i = feature_.GetFieldIndex(field.c_str());
        if (i < 0) return std::nullopt;
        if (!feature_.IsFieldSetAndNotNull(i)) return std::string{};
        return std::string(feature_.GetFieldAsString(i));
    }
    InputLocation at(const std::string& field) const override {
        return {source_, "feature " + std::to_string(feature_.GetFID()), field};
    }

private:
    const std::string& source_;
    OGRFeature& feature_;
};

TowerInventory read_ogr_towers(const std::string& path) {
    GDALDatasetUniquePtr ds = open_dataset(path, GDAL_OF_VECTOR, "vector layer of towers", DatasetPath::FileOrFolder);
    if (ds->GetLayerCount() < 1) throw InputError({path, "", ""}, "holds no layer");
    OGRLayer* layer = ds->GetLayer(0);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs) throw InputError({path, "", ""}, "layer '" + std::string(layer->GetName()) + "' has no CRS");
    const auto to_wgs84 = transformation_to_wgs84(*srs);
    if (!to_wgs84) throw InputError({path, "", ""}, "cannot transform its CRS to WGS 84");
    TowerInventory inv;
    inv.source = path;
    inv.format = "ogr";
    OgrText text(*layer);
    for_each_feature(*layer, path, [&](OGRFeature& feature) {
        OgrFeatureView r(path, feature);
        const OGRGeometry* g = feature.GetGeometryRef();
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint)
            throw InputError(r.at(""), "geometry must be a point");
        double x = g->toPoint()->getX(), y = g->toPoint()->getY();
        if (!to_wgs84->Transform(1, &x, &y)) throw InputError(r.at(""), "cannot transform the point to WGS 84");
        if (!(std::abs(x) <= 180.0 && std::abs(y) <= 90.0)) throw InputError(r.at(""), "point is outside WGS 84 bounds");
        Cell cell = read_phusong_cell(r, {x, y});
        // The two text fields that reach the outputs, as UTF-8 (the CSV formats are repaired
        // when parsed).
        cell.site_id = text.text(cell.site_id.c_str(), r.at("site_id"));
        cell.operator_name = text.text(cell.operator_name.c_str(), r.at("operator"));
        cell.origin = path + ": feature " + std::to_string(feature.GetFID());
        inv.cells.push_back(std::move(cell));
    });
    if (const auto warning = text.warning()) inv.warnings.push_back(*warning);
    return inv;
}

bool has_csv_extension(const std::string& path) {
    return to_lower(std::filesystem::path(path).extension().string()) == ".csv";
}

}  // namespace

TowerDefaults::TowerDefaults() {
    values_[Technology::G2] = {Metres{30}, Megahertz{900}, Dbm{58}};
    values_[Technology::G3] = {Metres{30}, Megahertz{2100}, Dbm{58}};
    values_[Technology::G4] = {Metres{30}, Megahertz{1800}, Dbm{58}};
    values_[Technology::G5] = {Metres{30}, Megahertz{3500}, Dbm{60}};
}

void TowerDefaults::apply(const std::string& setting) {
    const TechSetting parsed = parse_tech_setting(setting, "--tech-default", "3g.freq_mhz=2100");
    const InputLocation where{"--tech-default", "'" + setting + "'", ""};
    TechDefaults& d = values_[parsed.technology];
    if (parsed.field == "height_m") d.antenna_height = Metres{parse_number(parsed.value, where, 0.1, kMaxHeightM)};
    else if (parsed.field == "freq_mhz") d.frequency = Megahertz{parse_number(parsed.value, where, kMinFreqMhz, kMaxFreqMhz)};
    else if (parsed.field == "eirp_dbm") d.eirp = Dbm{parse_number(parsed.value, where, -30.0, 100.0)};
    else throw InputError(where, "unknown field '" + parsed.field + "' (expected height_m, freq_mhz or eirp_dbm)");
}

TowerInventory parse_tower_csv(const std::string& text, const std::string& source, const TowerDefaults& defaults) {
    // A headerless OpenCellID dump starts with a radio name.
    const std::string head = to_lower(text.substr(text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0, 5));
    const bool headerless_ocid = head.rfind("gsm,", 0) == 0 || head.rfind("umts,", 0) == 0 ||
                                 head.rfind("lte,", 0) == 0 || head.rfind("nr,", 0) == 0 || head.rfind("cdma,", 0) == 0;
    CsvTable table = parse_csv(text, source, !headerless_ocid);
    const std::vector<InputWarning> text_warnings = table.warnings;  // e.g. invalid UTF-8 replaced
    TowerInventory inv = (headerless_ocid || looks_like_opencellid(table)) ? read_opencellid(std::move(table), defaults)
                                                                           : read_phusong_csv(table);
    inv.warnings.insert(inv.warnings.begin(), text_warnings.begin(), text_warnings.end());
    if (inv.cells.empty()) throw InputError({source, "", ""}, "holds no tower (no usable record)");
    check_consistency(inv.cells);
    return inv;
}

TowerInventory read_towers(const std::string& path, const TowerDefaults& defaults) {
    if (has_csv_extension(path)) return parse_tower_csv(read_text_file(path), path, defaults);
    TowerInventory inv = read_ogr_towers(path);
    if (inv.cells.empty()) throw InputError({path, "", ""}, "holds no tower (no usable record)");
    check_consistency(inv.cells);
    return inv;
}

}  // namespace phusong
