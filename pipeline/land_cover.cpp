#include "pipeline/land_cover.hpp"

#include <array>
#include <map>

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

LandCoverDisplay landcover_display(const LandCoverGrids& landcover) {
    // ESA WorldCover 2021's own legend (product user manual, Table 1).
    static const std::map<int, std::array<std::uint8_t, 3>> kWorldCover{
        {10, {0, 100, 0}},   {20, {255, 187, 34}},  {30, {255, 255, 76}}, {40, {240, 150, 255}}, {50, {250, 0, 0}},
        {60, {180, 180, 180}}, {70, {240, 240, 240}}, {80, {0, 100, 200}}, {90, {0, 150, 160}},  {95, {0, 207, 117}},
        {100, {250, 230, 160}}};
    static const std::array<std::array<std::uint8_t, 3>, 8> kOthers{
        {{27, 158, 119}, {217, 95, 2}, {117, 112, 179}, {231, 41, 138}, {102, 166, 30}, {230, 171, 2}, {166, 118, 29}, {102, 102, 102}}};
    const std::vector<LandCoverClass>& classes = landcover.table.classes;
    LandCoverDisplay out{Grid<std::uint8_t>(landcover.classes.spec(), 0), {}, true};
    for (const LandCoverClass& k : classes) out.by_code = out.by_code && k.code >= 1 && k.code <= 255;
    std::map<int, std::uint8_t> value_of;
    for (std::size_t i = 0; i < classes.size() && i < 255; ++i) {
        const auto value = static_cast<std::uint8_t>(out.by_code ? classes[i].code : static_cast<int>(i) + 1);
        value_of[classes[i].code] = value;
        const auto known = kWorldCover.find(classes[i].code);
        const auto& rgb = known != kWorldCover.end() ? known->second : kOthers[i % kOthers.size()];
        out.palette.push_back({value, rgb[0], rgb[1], rgb[2]});
    }
    for (std::size_t i = 0; i < out.values.values().size(); ++i) {
        const auto it = value_of.find(landcover.classes.values()[i]);
        if (it != value_of.end()) out.values.values()[i] = it->second;
    }
    return out;
}

void add_landcover_table(GeoPackageWriter& gpkg, const LandCoverGrids& landcover) {
    const LandCoverDisplay display = landcover_display(landcover);
    gpkg.add_paletted_raster("landcover", display.values, display.palette,
                             std::string("land cover classes") + (display.by_code ? "" : " (positions in the class table + 1)") +
                                 "; " + landcover.table.source);
}

std::optional<LandCoverGrids> read_run_landcover(const RunConfig& config, const GridSpec& grid) {
    const RunInputs& in = config.inputs;
    if (in.landcover.empty()) return std::nullopt;
    LandCoverGrids out{in.landcover_classes.empty() ? worldcover_classes() : read_landcover_classes(in.landcover_classes),
                       read_landcover(in.landcover, grid), Grid<float>(grid, 0.0f), Grid<std::uint8_t>(grid, 0)};
    std::map<int, const LandCoverClass*> by_code;
    for (const LandCoverClass& k : out.table.classes) by_code[k.code] = &k;
    std::map<int, std::size_t> unknown;  // code → pixels
    for (std::size_t i = 0; i < out.classes.values().size(); ++i) {
        const std::int32_t code = out.classes.values()[i];
        if (code < 0) continue;
        const auto it = by_code.find(code);
        if (it == by_code.end()) {
            ++unknown[code];
            continue;
        }
        out.loss_db.values()[i] = static_cast<float>(it->second->loss.value());
        out.in_clutter.values()[i] = it->second->height.value() > 0.0 ? 1 : 0;
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
    return config.radio.clutter.value_or(config.inputs.landcover.empty() ? ClutterModel::None : ClutterModel::P2108);
}

CoverageSettings run_coverage_settings(const RunConfig& config, const PreparedAnalysis& prepared) {
    CoverageSettings settings = coverage_settings(config);
    ReceiverClutter& clutter = settings.clutter;
    clutter.location_percent = config.radio.clutter_percent;
    if (prepared.landcover) {
        clutter.model = clutter_model(config);
        clutter.loss_db = &prepared.landcover->loss_db;
        clutter.in_clutter = &prepared.landcover->in_clutter;
    }
    return settings;
}

}  // namespace phusong
