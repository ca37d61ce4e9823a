#include "pipeline/calibration_outputs.hpp"

#include <cmath>
#include <sstream>

#include "geo/geos_geometry.hpp"
#include "geo/text_format.hpp"
#include "io/geopackage_writer.hpp"
#include "io/json_writer.hpp"
#include "io/scatter_plot.hpp"
#include "pipeline/calibration_file.hpp"
#include "pipeline/output_folder.hpp"

namespace phusong {
namespace {

struct Column {
    std::string name;
    FieldType type;
};

const std::vector<Column>& residual_columns() {
    static const std::vector<Column> columns{
        {"site_id", FieldType::Text},        {"route", FieldType::Text},           {"fold", FieldType::Integer},
        {"samples", FieldType::Integer},     {"distance_km", FieldType::Real},     {"land_class", FieldType::Integer},
        {"frequency_mhz", FieldType::Real},  {"measured_db", FieldType::Real},     {"before_db", FieldType::Real},
        {"after_db", FieldType::Real},       {"held_out_db", FieldType::Real},     {"residual_before_db", FieldType::Real},
        {"residual_after_db", FieldType::Real}, {"residual_held_out_db", FieldType::Real}};
    return columns;
}

std::vector<FieldValue> residual_values(const CalibrationBin& b, bool validated) {
    auto real = [](double v) { return std::isfinite(v) ? FieldValue(v) : FieldValue(); };
    return {b.site_id,
            b.route,
            validated ? FieldValue(static_cast<std::int64_t>(b.fold + 1)) : FieldValue(),
            static_cast<std::int64_t>(b.samples),
            b.distance_km,
            b.land_class >= 0 ? FieldValue(static_cast<std::int64_t>(b.land_class)) : FieldValue(),
            b.frequency_mhz,
            b.measured_db,
            b.before_db,
            b.after_db,
            real(b.held_out_db),
            b.measured_db - b.before_db,
            b.measured_db - b.after_db,
            real(b.measured_db - b.held_out_db)};
}

std::string residuals_csv(const CalibrationResult& r) {
    std::ostringstream out;
    out << "lon,lat";
    for (const Column& c : residual_columns()) out << ',' << c.name;
    out << '\n';
    for (const CalibrationBin& b : r.bins) {
        out << format_fixed(b.location.lon, 7) << ',' << format_fixed(b.location.lat, 7);
        for (const FieldValue& v : residual_values(b, r.folds > 0)) {
            out << ',';
            if (const auto* s = std::get_if<std::string>(&v)) out << csv_field(*s);
            else if (const auto* i = std::get_if<std::int64_t>(&v)) out << *i;
            else if (const auto* d = std::get_if<double>(&v)) out << format_fixed(*d, 3);
        }
        out << '\n';
    }
    return out.str();
}

VectorLayer residuals_layer(const CalibrationResult& r) {
    VectorLayer layer;
    layer.name = "residuals";
    layer.description = "Calibration residuals (measured - predicted loss, dB) per serving cell and grid pixel";
    layer.crs = r.crs;
    for (const Column& c : residual_columns()) layer.fields.push_back({c.name, c.type});
    for (const CalibrationBin& b : r.bins)
        layer.features.push_back({geometry_to_wkb(make_point(b.position).get()), residual_values(b, r.folds > 0)});
    return layer;
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
        write_text(set.add(dir / "residuals.csv"), residuals_csv(r));
        GeoPackageWriter gpkg(set.add(dir / "residuals.gpkg"));
        gpkg.add_vector_layer(residuals_layer(r));
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
