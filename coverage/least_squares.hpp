// Linear least squares for model calibration: y ≈ X·β over n samples and p unknowns, with an
// optional ridge that shrinks β toward prior values and an optional Huber loss that
// down-weights outliers (iteratively reweighted least squares). Solved with Eigen's
// column-pivoting Householder QR, which also detects a singular design.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace phusong {

enum class FitLoss { Squared, Huber };

struct LinearFitOptions {
    /// Ridge λ ≥ 0: minimises Σ w·r² + λ·Σ (β − prior)² (dB² per unit of β²).
    double ridge = 0.0;
    /// What the ridge shrinks toward (p values; empty: zeros).
    std::vector<double> prior;
    FitLoss loss = FitLoss::Squared;
    /// Huber's threshold in robust standard deviations (1.4826·MAD of the residuals).
    double huber_k = 1.345;
    /// On a singular design, hold the unknowns that cannot be told apart at their prior (listed in
    /// LinearFit::held) instead of failing.
    bool hold_dependent = false;
};

struct LinearFit {
    std::vector<double> beta;            ///< p coefficients
    /// p standard errors from σ²·A⁻¹·XᵀWX·A⁻¹ with A = XᵀWX + λI (σ²·(XᵀWX)⁻¹ without ridge);
    /// NaN when n ≤ p (an exact fit leaves no residual to estimate σ from).
    std::vector<double> standard_error;
    double residual_std = 0.0;           ///< σ = √(Σ w·r² / (n − p)); NaN when n ≤ p
    std::vector<double> weights;         ///< n final sample weights (1 without Huber)
    std::size_t iterations = 1;          ///< Huber: reweighting passes
    std::vector<std::size_t> held;       ///< with hold_dependent: unknowns held at their prior
};

/// Fits `x` (n·p values, row-major: sample i's regressors at [i·p, i·p + p)) to `y` (n values).
/// `names` (p) name the unknowns in errors. InputError when n < p ("too few samples"), or
/// when, without ridge, some unknown is a linear combination of others (the message names the
/// unknowns that cannot be told apart; see hold_dependent), or for a non-finite value.
LinearFit fit_linear(std::span<const double> x, std::span<const double> y, const std::vector<std::string>& names,
                     const LinearFitOptions& options = {});

/// fit_linear with the unknowns `held` (indices) fixed at their prior: the others are fitted to
/// y − X_held·prior. LinearFit::held lists them, and any others hold_dependent held.
LinearFit fit_linear_holding(std::span<const double> x, std::span<const double> y, const std::vector<std::string>& names,
                             const LinearFitOptions& options, const std::vector<std::size_t>& held);

/// How well predictions match measurements (dB): residual = measured − predicted.
struct FitStatistics {
    std::size_t n = 0;
    double bias_db = 0.0;   ///< mean residual
    double std_db = 0.0;    ///< standard deviation of the residuals (population, about their mean)
    double rmse_db = 0.0;   ///< √(mean residual²)
    double r2 = 0.0;        ///< 1 − Σ residual² / Σ (measured − mean measured)²; NaN when the measured are constant
};

/// Statistics of measured against predicted (same length; NaN for none).
FitStatistics fit_statistics(std::span<const double> measured, std::span<const double> predicted);

}  // namespace phusong
