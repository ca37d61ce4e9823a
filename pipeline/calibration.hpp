// `phusong calibrate`: tunes the SPM or ITM to drive-test measurements.
//
// Each measurement is tied to a serving cell (its site_id, narrowed by its tech; else the cell
// with the strongest predicted level) and gets the straight terrain profile from that cell's
// mast, as candidate sites are scored (coverage/point_levels.hpp). Its measured loss is the
// path loss given, or the cell's reference EIRP plus its antenna gain toward the point minus
// the received level. Measurements are binned — one bin per serving cell, grid pixel
// (--resolution-m) and route, averaging the measured losses and the regressors — so that a slow
// stretch of road does not outweigh the rest, and a held-out route shares no bin with the others.
//
// Unknowns: for spm the K coefficients chosen (default K1 and K2; the others stay at their
// defaults), for itm an additive a + b·log10(d_km); with land cover, each class's receiver loss
// ("clutter"), starting from the class table's loss for ITM and from 0 for SPM. When an intercept
// (K1 or a) is fitted, the most measured class keeps its starting loss and the others are fitted
// relative to it (a loss per class and an intercept cannot be told apart). Unknowns the
// measurements do not inform keep their defaults.
//
// Validation: bins are grouped into blocks — whole routes (the route column), else square tiles
// of --block-km — and the blocks dealt round-robin into --folds folds; each fold is predicted by
// a fit to the others. Statistics (residual = measured − predicted): before (default
// coefficients and starting class losses), after on the training data, after on held-out folds.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coverage/calibrated_model.hpp"
#include "coverage/least_squares.hpp"
#include "io/measurement_reader.hpp"
#include "pipeline/diagnostics.hpp"
#include "pipeline/run_config.hpp"

namespace phusong {

struct CalibrationOptions {
    std::string measurements;
    MeasurementKind kind = MeasurementKind::ReceivedDbm;
    /// Unknowns: K1 … K7 (spm) or a, b (itm), and "clutter"; empty: K1,K2 or a,b, plus clutter with land cover.
    std::vector<std::string> fit;
    double ridge = 0.0;
    FitLoss loss = FitLoss::Squared;
    std::size_t folds = 5;
    double block_km = 1.0;
};

/// One fitted or fixed unknown.
struct CoefficientEstimate {
    std::string name;              ///< K1 … K7, a, b, or clutter_<class code>
    double value = 0.0;
    double standard_error = 0.0;   ///< NaN when fixed or not estimable
    bool fitted = false;
};

/// One serving cell, grid pixel and route's measurements.
struct CalibrationBin {
    XY position;                   ///< mean position, analysis CRS
    LonLat location;               ///< mean position, WGS 84
    std::string site_id;
    std::string route;             ///< the first measurement's
    std::size_t samples = 0;
    std::size_t fold = 0;
    double distance_km = 0.0;      ///< mean path length
    std::int32_t land_class = -1;  ///< −1: no land cover there
    double frequency_mhz = 0.0;
    double measured_db = 0.0;      ///< mean measured loss
    double before_db = 0.0;        ///< default model
    double after_db = 0.0;         ///< calibrated (the evaluated model with --evaluate)
    double held_out_db = 0.0;      ///< predicted by the fold's fit; NaN without validation
};

/// One route's statistics: the default model's, and the held-out folds' (with --evaluate: the
/// evaluated calibration's).
struct RouteStatistics {
    FitStatistics before, held_out;
};

struct CalibrationResult {
    CalibratedModel model;
    std::vector<CoefficientEstimate> coefficients;
    std::vector<CalibrationBin> bins;
    FitStatistics before, training, held_out;  ///< training: the evaluated model with --evaluate
    std::map<std::string, RouteStatistics> routes;
    std::size_t folds = 0;                     ///< 0: no validation
    std::size_t measurements = 0;              ///< rows used
    std::size_t beyond_reach = 0;              ///< rows left out: beyond the radius or the DEM from their cell
    std::size_t unserved = 0;                  ///< rows left out: their site has no analysed cell
    std::size_t huber_iterations = 0;
    double residual_std_db = 0.0;
    std::string crs;
};

/// Fits `config.radio.model` (spm or itm) to the measurements with config's towers, DEM, land
/// cover and radio options; with `evaluate`, only predicts them with that model. InputError
/// naming the file, line and field (or option) on bad input; see the file comment.
CalibrationResult calibrate(const RunConfig& config, const CalibrationOptions& options, Diagnostics& diagnostics,
                            const std::optional<CalibratedModel>& evaluate = std::nullopt);

/// The unknowns `fit` names for `model`, checked: InputError naming --fit otherwise.
std::vector<std::string> fitted_unknowns(PropagationModel model, const std::vector<std::string>& fit, bool landcover);

}  // namespace phusong
