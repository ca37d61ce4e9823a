// The fitting half of `phusong calibrate` (pipeline/calibration.hpp): from binned paths to the
// calibrated model, its statistics and its validation folds.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "pipeline/calibration.hpp"

namespace phusong {

inline constexpr std::size_t kSpmTerms = 7;

/// What the fit reads per bin (same order as CalibrationResult::bins), besides the bins' own
/// measured loss, frequency and land-cover class.
struct BinnedPaths {
    std::vector<std::array<double, kSpmTerms>> terms;  ///< SPM's regressors, or 1, log10(d_km) for ITM
    std::vector<double> model_loss_db;                 ///< the model alone (ITM; SPM at its default K)
    std::map<std::int32_t, double> table_loss;         ///< class code → its starting loss (the table's, 0 for SPM)
    /// The starting loss of a bin's class (0 without a class).
    [[nodiscard]] double table_loss_at(std::int32_t land_class) const {
        const auto it = table_loss.find(land_class);
        return it == table_loss.end() ? 0.0 : it->second;
    }
};

/// The bins' measured losses, in order.
std::vector<double> measured_losses(const std::vector<CalibrationBin>& bins);

/// The unknowns of a model before clutter: K1 … K7, or a, b.
std::vector<std::string> base_unknowns(PropagationModel model);

/// Predicts every bin with `model` (result.bins[].after_db) and sets result.training, .model and .routes.
void evaluate_bins(const CalibratedModel& model, const BinnedPaths& paths, CalibrationResult& result);

/// Fits `unknowns` (fitted_unknowns) and validates by folds: sets the result's model,
/// coefficients, after/held-out predictions and statistics. InputError on a singular design.
void fit_bins(PropagationModel model_kind, const std::vector<std::string>& unknowns, const CalibrationOptions& options,
              const BinnedPaths& paths, CalibrationResult& result, Diagnostics& diagnostics);

}  // namespace phusong
