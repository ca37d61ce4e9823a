#include "pipeline/land_cover.hpp"

#include "geo/crs.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "coverage/p2108.hpp"
#include "geo/errors.hpp"
#include "geo/text_format.hpp"
#include "io/raster_reader.hpp"
#include "pipeline/run_config.hpp"
#include "pipeline/run_state.hpp"

namespace phusong {

LandCoverClasses worldcover_classes() {
    struct Row {
        int code;
        const char* name;
        double height_m;
        p2108::ClutterType type;
    };
    constexpr Row kRows[] = {
        {10, "tree cover", 15.0, p2108::ClutterType::TreesForest},   {20, "shrubland", 4.0, p2108::ClutterType::TreesForest},
        {30, "grassland", 0.0, p2108::ClutterType::OpenRural},       {40, "cropland", 0.0, p2108::ClutterType::OpenRural},
        {50, "built-up", 10.0, p2108::ClutterType::Suburban},        {60, "bare / sparse vegetation", 0.0, p2108::ClutterType::OpenRural},
        {70, "snow and ice", 0.0, p2108::ClutterType::OpenRural},    {80, "permanent water bodies", 0.0, p2108::ClutterType::WaterSea},
        {90, "herbaceous wetland", 0.0, p2108::ClutterType::OpenRural}, {95, "mangroves", 15.0, p2108::ClutterType::TreesForest},
        {100, "moss and lichen", 0.0, p2108::ClutterType::OpenRural},
    };
    LandCoverClasses out;
    out.source = "ESA WorldCover classes (built in): heights after ITU-R P.1812-6 Table 2 and P.452, losses from "
                 "ITU-R P.2108-1 §3.1 at 1.8 GHz for a 1.5 m receiver among 27 m streets";
    for (const Row& r : kRows) {
        double loss = 0.0;
        if (r.height_m > 0.0) loss = p2108::height_gain_terminal_correction(1.8, 1.5, 27.0, r.height_m, r.type).loss__db;
        out.classes.push_back({r.code, r.name, Metres{r.height_m}, Db{loss}});
    }
    return out;
}

std::vector<std::array<std::uint8_t, 3>> landcover_colours(const LandCoverClasses& table) {
    // ESA WorldCover 2021's own legend (product user manual, Table 1).
    static const std::map<int, std::array<std::uint8_t, 3>> kWorldCover{
        {10, {0, 100, 0}},   {20, {255, 187, 34}},  {30, {255, 255, 76}}, {40, {240, 150, 255}}, {50, {250, 0, 0}},
        {60, {180, 180, 180}}, {70, {240, 240, 240}}, {80, {0, 100, 200}}, {90, {0, 150, 160}},  {95, {0, 207, 117}},
        {100, {250, 230, 160}}};
    std::vector<std::array<std::uint8_t, 3>> out;
    std::set<std::array<std::uint8_t, 3>> used;
    for (std::size_t i = 0; i < table.classes.size(); ++i) {
        const auto known = kWorldCover.find(table.classes[i].code);
        std::array<std::uint8_t, 3> rgb{};
        if (known != kWorldCover.end()) {
            rgb = known->second;
        } else {
            // Hues a golden angle apart, in three bands of lightness; any clash is nudged apart.
            const double hue = std::fmod(static_cast<double>(i) * 137.508, 360.0) / 60.0;
            const double value = 0.9 - 0.2 * static_cast<double>(i % 3), chroma = value * 0.7;
            const double x = chroma * (1.0 - std::fabs(std::fmod(hue, 2.0) - 1.0)), low = value - chroma;
            const int sector = static_cast<int>(hue);
            const double r = sector == 0 || sector == 5 ? chroma : sector == 1 || sector == 4 ? x : 0.0;
            const double g = sector == 1 || sector == 2 ? chroma : sector == 0 || sector == 3 ? x : 0.0;
            const double b = sector == 3 || sector == 4 ? chroma : sector == 2 || sector == 5 ? x : 0.0;
            rgb = {static_cast<std::uint8_t>(std::lround(255.0 * (r + low))), static_cast<std::uint8_t>(std::lround(255.0 * (g + low))),
                   static_cast<std::uint8_t>(std::lround(255.0 * (b + low)))};
        }
        while (used.contains(rgb)) rgb[2] = static_cast<std::uint8_t>(rgb[2] + 1);
        used.insert(rgb);
        out.push_back(rgb);
    }
    return out;
}

void add_landcover_table(GeoPackageWriter& gpkg, const LandCoverGrids& landcover) {
    const std::vector<LandCoverClass>& classes = landcover.table.classes;
    const std::string description = "land cover classes; " + landcover.table.source;
    if (classes.size() > 255) {
        Grid<float> codes(landcover.classes.spec(), std::nanf(""), std::nanf(""));
        for (std::size_t i = 0; i < codes.values().size(); ++i)
            if (landcover.classes.values()[i] >= 0) codes.values()[i] = static_cast<float>(landcover.classes.values()[i]);
        gpkg.add_raster("landcover", codes, {description, "class code"});
        return;
    }
    bool by_code = true;
    for (const LandCoverClass& k : classes) by_code = by_code && k.code >= 1 && k.code <= 255;
    const auto colours = landcover_colours(landcover.table);
    std::map<int, std::uint8_t> value_of;
    std::vector<GeoPackageWriter::PaletteColour> palette;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const auto value = static_cast<std::uint8_t>(by_code ? classes[i].code : static_cast<int>(i) + 1);
        value_of[classes[i].code] = value;
        palette.push_back({value, colours[i][0], colours[i][1], colours[i][2]});
    }
    Grid<std::uint8_t> values(landcover.classes.spec(), 0);
    for (std::size_t i = 0; i < values.values().size(); ++i) {
        const auto it = value_of.find(landcover.classes.values()[i]);
        if (it != value_of.end()) values.values()[i] = it->second;
    }
    gpkg.add_paletted_raster("landcover", values, palette, by_code ? description : description + " (positions in the class table + 1)");
}

std::optional<LandCoverGrids> read_run_landcover(const RunConfig& config, const GridSpec& grid) {
    const RunInputs& in = config.inputs;
    if (in.landcover.empty()) return std::nullopt;
    LandCoverGrids out{in.landcover_classes.empty() ? worldcover_classes() : read_landcover_classes(in.landcover_classes),
                       read_landcover(in.landcover, grid), Grid<float>(grid, 0.0f), Grid<std::uint8_t>(grid, 0), Grid<float>(grid, 0.0f)};
    std::map<int, const LandCoverClass*> by_code;
    for (const LandCoverClass& k : out.table.classes) by_code[k.code] = &k;
    // A calibration's class losses replace the table's (class_loss_db).
    const std::optional<CalibratedModel>& calibration = config.radio.calibration;
    std::map<int, std::size_t> unknown;  // code → pixels
    for (std::size_t i = 0; i < out.classes.values().size(); ++i) {
        const std::int32_t code = out.classes.values()[i];
        if (code < 0) continue;
        const auto it = by_code.find(code);
        if (it == by_code.end()) {
            ++unknown[code];
            continue;
        }
        const double table_loss = it->second->loss.value();
        out.loss_db.values()[i] = static_cast<float>(calibration ? class_loss_db(*calibration, code, table_loss) : table_loss);
        out.in_clutter.values()[i] = it->second->height.value() > 0.0 ? 1 : 0;
        out.height_m.values()[i] = static_cast<float>(it->second->height.value());
    }
    if (!unknown.empty()) {
        const auto& [code, pixels] = *unknown.begin();
        throw InputError({in.landcover, "", ""}, "class " + std::to_string(code) + " (" + std::to_string(pixels) +
                                                     " pixel(s) of the analysis grid) is not in the class table " +
                                                     out.table.source +
                                                     (unknown.size() > 1 ? " (nor are " + std::to_string(unknown.size() - 1) + " other class(es))" : ""));
    }
    return out;
}

ClutterModel clutter_model(const RunConfig& config) {
    // A calibration's class losses are its clutter: fitted with them, applied with them.
    if (config.radio.calibration)
        return config.radio.calibration->clutter_db.empty() || config.inputs.landcover.empty() ? ClutterModel::None : ClutterModel::Table;
    if (config.inputs.landcover.empty()) return config.radio.clutter.value_or(ClutterModel::None);
    // SPM's default coefficients describe urban surroundings already (its Kclutter start at 0);
    // the terrain models predict bare earth and take P.2108's statistics.
    return config.radio.clutter.value_or(config.radio.model == PropagationModel::Spm ? ClutterModel::None : ClutterModel::P2108);
}

CoverageSettings run_coverage_settings(const RunConfig& config, const PreparedAnalysis& prepared) {
    CoverageSettings settings = coverage_settings(config);
    if (settings.model == PropagationModel::P1812) {
        // β0 from the area's centre latitude; clutter heights from the land cover's classes.
        const Extent e = prepared.grid.extent();
        settings.p1812.latitude_deg = Transformer(prepared.grid.crs, kWgs84).forward({(e.west + e.east) / 2.0, (e.south + e.north) / 2.0}).y;
        if (prepared.landcover) settings.p1812.clutter_height_m = &prepared.landcover->height_m;
    }
    ReceiverClutter& clutter = settings.clutter;
    clutter.location_percent = config.radio.clutter_percent;
    if (prepared.landcover) {
        clutter.model = clutter_model(config);
        clutter.loss_db = &prepared.landcover->loss_db;
        clutter.in_clutter = &prepared.landcover->in_clutter;
        if (clutter.model == ClutterModel::Table) {
            const auto& losses = prepared.landcover->loss_db.values();
            if (!losses.empty()) clutter.max_gain_db = std::max(0.0, -static_cast<double>(*std::min_element(losses.begin(), losses.end())));
        }
    }
    return settings;
}

}  // namespace phusong
