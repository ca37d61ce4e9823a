#include "cli/calibrate_command.hpp"

#include <boost/program_options.hpp>

#include <cmath>
#include <iostream>

#include "cli/analysis_options.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_config_builder.hpp"
#include "pipeline/calibration_file.hpp"
#include "pipeline/calibration_outputs.hpp"
#include "pipeline/run.hpp"

namespace po = boost::program_options;

namespace phusong {
namespace {

void print_statistics(const std::string& label, const FitStatistics& s) {
    std::cout << "  " << label << ": n " << s.n << ", bias " << format_fixed(s.bias_db, 2) << " dB, std "
              << format_fixed(s.std_db, 2) << " dB, RMSE " << format_fixed(s.rmse_db, 2) << " dB, R² "
              << (std::isfinite(s.r2) ? format_fixed(s.r2, 3) : "n/a (constant measurements)") << "\n";
}

}  // namespace

int run_calibrate(int argc, const char* const argv[]) {
    AnalysisOptions o;
    o.model = "spm";
    o.technologies = "2g,3g,4g,5g";
    o.out_dir = "phusong-calibration";
    CalibrationOptions c;
    std::string kind = "received_dbm", fit, loss = "squared";
    bool evaluate = false, json = false;
    long long folds = 5;
    po::options_description main(
        "Usage: phusong calibrate --measurements FILE.csv --towers FILE --dem FILE [--out DIR] [options]\n"
        "       phusong calibrate --calibration calibration.json --evaluate --measurements FILE.csv --towers FILE --dem FILE [--json]\n\n"
        "Tunes --model spm (its K coefficients) or itm (an added a + b·log10(d_km)) to drive-test measurements,\n"
        "with each land-cover class's receiver loss when --landcover is given. Measurements are binned per serving\n"
        "cell and grid pixel; validation folds hold out whole routes (route column) or --block-km tiles. Writes\n"
        "calibration.json, residuals.csv, residuals.gpkg, residuals.png and calibration.md into --out");
    main.add_options()
        ("help,h", "show this help")
        ("measurements", po::value(&c.measurements)->required(), "CSV: lon,lat,value_dbm (or path_loss_db,site_id) [,site_id,tech,rx_height_m,route]")
        ("measurements-kind", with_default(&kind), "received_dbm (received level) or path_loss_db (basic transmission loss)")
        ("towers", po::value(&o.towers)->required(), "tower inventory: the measured cells (site_id as in the measurements)")
        ("dem", po::value(&o.dem)->required(), "terrain: any GDAL raster")
        ("out", with_default(&o.out_dir), "output folder")
        ("tech", with_default(&o.technologies), "technologies of the cells that may serve the measurements")
        ("fit", po::value(&fit), "unknowns, comma-separated: K1 … K7 (spm) or a, b (itm), and clutter (default: K1,K2 or a,b, plus clutter with --landcover)")
        ("ridge", with_default(&c.ridge), "ridge λ ≥ 0: shrinks the unknowns toward their defaults (dB² per unit²)")
        ("loss", with_default(&loss), "squared (least squares) or huber (down-weights outliers)")
        ("folds", with_default(&folds), "validation folds, 2-100 (fewer when there are fewer routes or tiles)")
        ("block-km", with_default(&c.block_km), "side of the validation tiles when the measurements have no route column, km")
        ("evaluate", po::bool_switch(&evaluate), "with --calibration: only measure the calibration against the measurements")
        ("json", po::bool_switch(&json), "--evaluate: print the statistics as JSON (n, bias_db, std_db, rmse_db, r2, then before and routes)");
    main.add(radio_options_description(o));
    po::variables_map vm;
    if (!parse_command_line(argc, argv, main, "calibrate", vm)) return exit_code::kOk;
    o.given = given_options(vm);
    const auto parsed_kind = parse_measurement_kind(kind);
    if (!parsed_kind) throw InputError("--measurements-kind: '" + kind + "' is not received_dbm or path_loss_db");
    c.kind = *parsed_kind;
    if (loss != "squared" && loss != "huber") throw InputError("--loss: '" + loss + "' is not squared or huber");
    c.loss = loss == "huber" ? FitLoss::Huber : FitLoss::Squared;
    if (folds < 2 || folds > 100) throw InputError("--folds must be in [2, 100], not " + std::to_string(folds));
    c.folds = static_cast<std::size_t>(folds);
    c.fit = split_list(fit);
    if (evaluate && o.calibration.empty()) throw InputError("--evaluate needs --calibration FILE");
    if (!evaluate && !o.calibration.empty()) throw InputError("--calibration is for --evaluate here: calibrate fits a new one");
    if (json && !evaluate) throw InputError("--json is for --evaluate");
    // Options that would be silently ignored.
    for (const char* unused : {"clutter", "clutter-percent"})
        if (o.given.contains(unused))
            throw InputError(std::string("--") + unused + " is not used by calibrate: its clutter is the land-cover class losses (fitted, or the table's)");
    for (const char* unused : {"engine", "margin-db"})
        if (o.given.contains(unused))
            throw InputError(std::string("--") + unused + " is not used by calibrate: each measurement is predicted over its own profile");
    if (evaluate)
        for (const char* unused : {"fit", "ridge", "loss", "folds", "block-km", "out"})
            if (o.given.contains(unused)) throw InputError(std::string("--") + unused + " is for fitting: --evaluate fits nothing and writes nothing");

    // Built as a coverage run, whose output is a .gpkg name; calibrate writes into the folder itself.
    AnalysisOptions as_coverage = o;
    as_coverage.out_dir = "calibration.gpkg";
    RunConfig config = make_run_config(as_coverage, RunKind::Coverage);
    const std::filesystem::path out = o.out_dir;
    if (evaluate && config.radio.calibration->resolution_m > 0.0 && !o.given.contains("resolution-m"))
        config.radio.resolution = Metres{config.radio.calibration->resolution_m};  // bin as the fit did
    Diagnostics diagnostics;
    if (!o.quiet) diagnostics.set_listener([](const Diagnostic& d) { std::cerr << format(d) << "\n"; });
    if (evaluate) {
        const CalibrationResult r = calibrate(config, c, diagnostics, config.radio.calibration);
        if (json) {
            JsonWriter j;
            j.begin_object();
            j.key("n").value(r.training.n).key("bias_db").value(r.training.bias_db).key("std_db").value(r.training.std_db);
            j.key("rmse_db").value(r.training.rmse_db).key("r2").value(r.training.r2);
            j.key("before");
            write_statistics(j, r.before);
            j.key("routes").begin_object();
            for (const auto& [route, s] : r.routes) {
                j.key(route).begin_object();
                write_statistics(j.key("calibrated"), s.held_out);
                write_statistics(j.key("before"), s.before);
                j.end_object();
            }
            j.end_object().end_object();
            std::cout << j.str();
        } else {
            std::cout << "evaluated " << o.calibration << " on " << r.measurements << " measurements (" << r.bins.size() << " bins):\n";
            print_statistics("default coefficients", r.before);
            print_statistics("calibration", r.training);
            for (const auto& [route, s] : r.routes) print_statistics("route " + route, s.held_out);
        }
        return exit_code::kOk;
    }
    check_outputs_apart({out}, {{"--measurements", c.measurements}, {"--towers", config.inputs.towers},
                                       {"--dem", config.inputs.dem}, {"--landcover", config.inputs.landcover},
                                       {"--landcover-classes", config.inputs.landcover_classes}},
                        true);
    const CalibrationResult r = calibrate(config, c, diagnostics);
    write_calibration_outputs(out, r, c, config);
    std::cout << "calibrated " << to_string(r.model.model) << " on " << r.measurements << " measurements (" << r.bins.size()
              << " bins); residuals (measured - predicted loss):\n";
    print_statistics("before (default coefficients)", r.before);
    print_statistics("after, training", r.training);
    if (r.folds) print_statistics("after, held out (" + std::to_string(r.folds) + " folds)", r.held_out);
    std::cout << "outputs in " << out.string() << "/ (apply with --calibration " << (out / "calibration.json").string() << ")\n";
    return exit_code::kOk;
}

}  // namespace phusong
