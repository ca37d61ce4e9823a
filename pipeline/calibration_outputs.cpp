#include "pipeline/calibration_outputs.hpp"

#include <cmath>
#include <sstream>

#include "geo/geos_geometry.hpp"
#include "geo/text_format.hpp"
#include "io/geopackage_writer.hpp"
#include "io/json_writer.hpp"
#include "io/scatter_plot.hpp"
#include "pipeline/attribute_table.hpp"
#include "pipeline/calibration_file.hpp"
#include "pipeline/output_folder.hpp"

namespace phusong {
namespace {

/// One row per bin, as residuals.csv and as the `residuals` layer (points in the analysis CRS).
AttributeTable residual_table(const CalibrationResult& r) {
    AttributeTable table;
    table.add_field("lon", FieldType::Real, 7);
    table.add_field("lat", FieldType::Real, 7);
    table.add_field("site_id", FieldType::Text);
    table.add_field("route", FieldType::Text);
    table.add_field("fold", FieldType::Integer);
    table.add_field("samples", FieldType::Integer);
    table.add_field("distance_km", FieldType::Real, 3);
    table.add_field("land_class", FieldType::Integer);
    for (const char* name : {"frequency_mhz", "measured_db", "before_db", "after_db", "held_out_db", "residual_before_db",
                             "residual_after_db", "residual_held_out_db"})
        table.add_field(name, FieldType::Real, 3);
    auto real = [](double v) { return std::isfinite(v) ? FieldValue(v) : FieldValue(); };
    auto integer = [](std::size_t v) { return FieldValue(static_cast<std::int64_t>(v)); };
    for (const CalibrationBin& b : r.bins) {
        auto& row = table.add_row(geometry_to_wkb(make_point(b.position).get()));
        append(row, b.location.lon, b.location.lat, b.site_id, b.route, r.folds > 0 ? integer(b.fold + 1) : FieldValue(),
               integer(b.samples), b.distance_km,
               b.land_class >= 0 ? FieldValue(static_cast<std::int64_t>(b.land_class)) : FieldValue(), b.frequency_mhz,
               b.measured_db, b.before_db, b.after_db, real(b.held_out_db), b.measured_db - b.before_db,
               b.measured_db - b.after_db, real(b.measured_db - b.held_out_db));
    }
    return table;
}

std::string statistics_row(const std::string& label, const FitStatistics& s) {
    return "| " + label + " | " + std::to_string(s.n) + " | " + format_fixed(s.bias_db, 2) + " | " + format_fixed(s.std_db, 2) +
           " | " + format_fixed(s.rmse_db, 2) + " | " + (std::isfinite(s.r2) ? format_fixed(s.r2, 3) : "n/a") + " |\n";
}

}  // namespace

std::string calibration_report(const CalibrationResult& r, const CalibrationOptions& o, const RunConfig& config) {
    std::ostringstream md;
    md << "# Calibration of " << to_string(r.model.model) << " to " << o.measurements << "\n\n";
    md << r.measurements << " measurements (" << to_string(o.kind) << ") in " << r.bins.size()
       << " bins (one per serving cell, " << format_quantity(config.radio.resolution.value()) << " m pixel and route)";
    if (r.beyond_reach + r.unserved) md << "; " << r.beyond_reach + r.unserved << " left out (beyond reach or unserved)";
    md << ". Towers: " << config.inputs.towers << "; DEM: " << config.inputs.dem;
    if (!config.inputs.landcover.empty()) md << "; land cover: " << config.inputs.landcover;
    md << ". Fit: " << (o.loss == FitLoss::Huber ? "Huber" : "least squares");
    if (o.ridge > 0) md << ", ridge " << format_quantity(o.ridge) << " toward the defaults";
    md << ".\n\n## Coefficients\n\n";
    if (r.model.model == PropagationModel::Spm)
        md << "d in km, heights in m. K1 holds at " << format_quantity(std::round(r.model.spm.reference_mhz)) << " MHz (the measurements' mean "
           << "frequency); other bands shift it as the published K1 does. ";
    md << "Class losses (`clutter_<class>`) are those of the land-cover classes measured.\n\n"
       << "| unknown | value | standard error | fitted |\n|---|---|---|---|\n";
    for (const CoefficientEstimate& e : r.coefficients) {
        const bool is_class = e.name.rfind("clutter_", 0) == 0;
        md << "| " << e.name << " | " << format_fixed(e.value, 3) << " | " << (std::isfinite(e.standard_error) ? format_fixed(e.standard_error, 3) : "–")
           << " | " << (e.fitted ? "yes" : is_class ? "no (the reference class, or not asked)" : "no (default)") << " |\n";
    }
    md << "\n## Residuals (measured − predicted loss, dB)\n\n| set | n | bias | std | RMSE | R² |\n|---|---|---|---|---|---|\n";
    md << statistics_row("before (default coefficients)", r.before);
    md << statistics_row("after, training", r.training);
    if (r.folds) md << statistics_row("after, held out (" + std::to_string(r.folds) + " folds)", r.held_out);
    else md << "\nNo held-out figures: every measurement lies in one validation block.\n";
    if (!r.routes.empty()) {
        md << "\n## Per route (held out)\n\n| route | n | bias before | RMSE before | bias after | RMSE after |\n|---|---|---|---|---|---|\n";
        for (const auto& [route, s] : r.routes)
            md << "| " << route << " | " << s.held_out.n << " | " << format_fixed(s.before.bias_db, 2) << " | " << format_fixed(s.before.rmse_db, 2)
               << " | " << format_fixed(s.held_out.bias_db, 2) << " | " << format_fixed(s.held_out.rmse_db, 2) << " |\n";
    }
    md << "\nApply with `--calibration calibration.json` on `analyze`, `coverage` or `rank`.\n";
    return md.str();
}

void write_calibration_outputs(const std::filesystem::path& dir, const CalibrationResult& r, const CalibrationOptions& o,
                               const RunConfig& config) {
    OutputFolder(dir).write([&](AtomicOutputSet& set) {
        write_text(set.add(dir / "calibration.json"), calibration_json(r, o, config));
        const AttributeTable residuals = residual_table(r);
        write_text(set.add(dir / "residuals.csv"), to_csv(residuals));
        GeoPackageWriter gpkg(set.add(dir / "residuals.gpkg"));
        gpkg.add_vector_layer(to_layer(residuals, "residuals",
                                       "Calibration residuals (measured - predicted loss, dB) per serving cell, grid pixel and route",
                                       r.crs, LayerGeometry::Point));
        ScatterPlot plot{"Residuals against distance (" + to_string(r.model.model) + ")", "distance (km)",
                         "measured - predicted loss (dB)", true, {}};
        ScatterSeries before{"before (default coefficients)", {150, 150, 150}, {}, {}};
        ScatterSeries after{"after calibration", {31, 100, 200}, {}, {}};
        for (const CalibrationBin& b : r.bins) {
            before.x.push_back(b.distance_km);
            before.y.push_back(b.measured_db - b.before_db);
            after.x.push_back(b.distance_km);
            after.y.push_back(b.measured_db - b.after_db);
        }
        plot.series = {before, after};
        render_scatter_png(set.add(dir / "residuals.png"), plot);
        write_text(set.add(dir / "calibration.md"), calibration_report(r, o, config));
    });
}

}  // namespace phusong
