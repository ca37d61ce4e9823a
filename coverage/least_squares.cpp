#include "coverage/least_squares.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

double median(std::vector<double> v) {
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    if (v.size() % 2 == 1) return *mid;
    return 0.5 * (*mid + *std::max_element(v.begin(), mid));
}

/// The pivoted columns beyond a rank-deficient QR's rank.
std::vector<std::size_t> dependent_columns(const Eigen::ColPivHouseholderQR<Eigen::MatrixXd>& qr) {
    std::vector<std::size_t> out;
    const auto& perm = qr.colsPermutation().indices();
    for (Eigen::Index i = qr.rank(); i < perm.size(); ++i) out.push_back(static_cast<std::size_t>(perm[i]));
    std::sort(out.begin(), out.end());
    return out;
}

/// The unknowns a rank-deficient QR cannot separate, for a message: each dependent column and the
/// independent ones it is a combination of ("K1 and K3").
std::string dependent_unknowns(const Eigen::ColPivHouseholderQR<Eigen::MatrixXd>& qr, const std::vector<std::string>& names) {
    const Eigen::Index rank = qr.rank();
    const auto& perm = qr.colsPermutation().indices();
    const Eigen::MatrixXd r = qr.matrixR().topLeftCorner(rank, qr.cols()).template triangularView<Eigen::Upper>();
    std::vector<std::size_t> involved;
    for (Eigen::Index k = rank; k < perm.size(); ++k) {
        involved.push_back(static_cast<std::size_t>(perm[k]));
        if (rank == 0) continue;
        // Column k = R11·z in the pivoted basis: the columns with z ≠ 0 are the ones it repeats.
        const Eigen::VectorXd z =
            r.topLeftCorner(rank, rank).triangularView<Eigen::Upper>().solve(r.col(k).head(rank));
        const double biggest = z.cwiseAbs().maxCoeff();
        for (Eigen::Index i = 0; i < rank; ++i)
            if (std::abs(z[i]) > 1e-8 * biggest) involved.push_back(static_cast<std::size_t>(perm[i]));
    }
    std::sort(involved.begin(), involved.end());
    involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
    std::string out;
    for (std::size_t i = 0; i < involved.size(); ++i)
        out += (i == 0 ? "" : i + 1 == involved.size() ? " and " : ", ") + names[involved[i]];
    return out;
}

/// Thrown by the solver under hold_dependent: these columns are to be held at their prior.
struct DependentUnknowns {
    std::vector<std::size_t> columns;
};


}  // namespace

LinearFit fit_linear(std::span<const double> x, std::span<const double> y, const std::vector<std::string>& names,
                     const LinearFitOptions& o) {
    const std::size_t p = names.size(), n = y.size();
    if (p == 0) throw InputError("calibration: nothing to fit");
    if (x.size() != n * p) throw InputError("calibration: the design has " + std::to_string(x.size()) + " values, not n·p");
    if (n < p && !o.hold_dependent)
        throw InputError("calibration: too few samples: " + std::to_string(n) + " for " + std::to_string(p) +
                         " unknowns; give more measurements or fit fewer coefficients (--fit)");
    for (const double v : x)
        if (!std::isfinite(v)) throw InputError("calibration: a regressor is not finite");
    for (const double v : y)
        if (!std::isfinite(v)) throw InputError("calibration: a measured loss is not finite");
    if (!(o.ridge >= 0.0) || !std::isfinite(o.ridge)) throw InputError("--ridge must be ≥ 0");
    Eigen::VectorXd prior = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p));
    if (!o.prior.empty()) prior = Eigen::Map<const Eigen::VectorXd>(o.prior.data(), static_cast<Eigen::Index>(p));

    const auto ni = static_cast<Eigen::Index>(n), pi = static_cast<Eigen::Index>(p);
    const Eigen::Map<const Matrix> X(x.data(), ni, pi);
    const Eigen::Map<const Eigen::VectorXd> Y(y.data(), ni);
    Eigen::VectorXd w = Eigen::VectorXd::Ones(ni);
    const double sqrt_ridge = std::sqrt(o.ridge);

    // Weighted, ridge-augmented system [√W·X; √λ·I]·β = [√W·y; √λ·prior].
    auto solve = [&](const Eigen::VectorXd& weights) {
        const Eigen::Index rows = ni + (o.ridge > 0.0 ? pi : 0);
        Eigen::MatrixXd A(rows, pi);
        Eigen::VectorXd b(rows);
        const Eigen::VectorXd sw = weights.cwiseSqrt();
        A.topRows(ni) = sw.asDiagonal() * X;
        b.head(ni) = sw.cwiseProduct(Y);
        if (o.ridge > 0.0) {
            A.bottomRows(pi) = sqrt_ridge * Eigen::MatrixXd::Identity(pi, pi);
            b.tail(pi) = sqrt_ridge * prior;
        }
        // Columns scaled to unit length, so that the rank threshold does not depend on units: the
        // solution of the scaled system is β times the scales.
        Eigen::VectorXd scale = A.colwise().norm().transpose();
        for (Eigen::Index j = 0; j < pi; ++j)
            if (!(scale[j] > 0.0)) scale[j] = 1.0;
        A = A * scale.cwiseInverse().asDiagonal();
        Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(A);
        qr.setThreshold(1e-10);
        if (qr.rank() < pi) {
            if (o.hold_dependent) throw DependentUnknowns{dependent_columns(qr)};
            throw InputError("calibration: the design is singular: " + dependent_unknowns(qr, names) +
                             " cannot be told apart with these measurements "
                             "(fit fewer coefficients with --fit, or give --ridge)");
        }
        return Eigen::VectorXd(qr.solve(b).cwiseQuotient(scale));
    };

    LinearFit fit;
    Eigen::VectorXd beta;
    try {
        beta = solve(w);
    } catch (const DependentUnknowns& d) {
        return fit_linear_holding(x, y, names, o, d.columns);
    }
    if (o.loss == FitLoss::Huber) {
        for (fit.iterations = 1; fit.iterations < 100; ++fit.iterations) {
            const Eigen::VectorXd r = Y - X * beta;
            std::vector<double> abs_dev(n);
            const double centre = median(std::vector<double>(r.data(), r.data() + n));
            for (std::size_t i = 0; i < n; ++i) abs_dev[i] = std::abs(r[static_cast<Eigen::Index>(i)] - centre);
            const double scale = 1.4826 * median(abs_dev);
            if (!(scale > 0.0)) break;
            const double cut = o.huber_k * scale;
            for (Eigen::Index i = 0; i < ni; ++i) w[i] = std::abs(r[i]) <= cut ? 1.0 : cut / std::abs(r[i]);
            Eigen::VectorXd next;
            try {
                next = solve(w);
            } catch (const DependentUnknowns& d) {
                return fit_linear_holding(x, y, names, o, d.columns);
            }
            const double change = (next - beta).cwiseAbs().maxCoeff();
            beta = next;
            if (change < 1e-9) break;
        }
    }
    fit.beta.assign(beta.data(), beta.data() + p);
    fit.weights.assign(w.data(), w.data() + n);
    fit.standard_error.assign(p, kNaN);
    fit.residual_std = kNaN;
    if (n > p) {
        const Eigen::VectorXd r = Y - X * beta;
        const double sigma2 = (w.array() * r.array().square()).sum() / static_cast<double>(n - p);
        fit.residual_std = std::sqrt(sigma2);
        const Eigen::MatrixXd xtwx = X.transpose() * w.asDiagonal() * X;
        const Eigen::MatrixXd a = xtwx + o.ridge * Eigen::MatrixXd::Identity(pi, pi);
        const Eigen::MatrixXd a_inv = a.ldlt().solve(Eigen::MatrixXd::Identity(pi, pi));
        const Eigen::MatrixXd cov = sigma2 * a_inv * xtwx * a_inv;
        for (std::size_t j = 0; j < p; ++j) {
            const auto jj = static_cast<Eigen::Index>(j);
            fit.standard_error[j] = std::sqrt(std::max(0.0, cov(jj, jj)));
        }
    }
    return fit;
}

LinearFit fit_linear_holding(std::span<const double> x, std::span<const double> y, const std::vector<std::string>& names,
                             const LinearFitOptions& o, const std::vector<std::size_t>& held) {
    const std::size_t p = names.size(), n = y.size();
    std::vector<std::size_t> kept;
    for (std::size_t j = 0; j < p; ++j)
        if (std::find(held.begin(), held.end(), j) == held.end()) kept.push_back(j);
    std::vector<double> xs, ys(y.begin(), y.end()), prior;
    std::vector<std::string> kept_names;
    for (const std::size_t j : kept) {
        kept_names.push_back(names[j]);
        prior.push_back(o.prior.empty() ? 0.0 : o.prior[j]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        for (const std::size_t j : held) ys[i] -= (o.prior.empty() ? 0.0 : o.prior[j]) * x[i * p + j];
        for (const std::size_t j : kept) xs.push_back(x[i * p + j]);
    }
    LinearFitOptions sub = o;
    sub.prior = prior;
    const LinearFit part = fit_linear(xs, ys, kept_names, sub);
    LinearFit out;
    out.beta = o.prior.empty() ? std::vector<double>(p, 0.0) : o.prior;
    out.standard_error.assign(p, kNaN);
    for (std::size_t k = 0; k < kept.size(); ++k) {
        out.beta[kept[k]] = part.beta[k];
        out.standard_error[kept[k]] = part.standard_error[k];
    }
    out.residual_std = part.residual_std;
    out.weights = part.weights;
    out.iterations = part.iterations;
    out.held = held;
    for (const std::size_t h : part.held) out.held.push_back(kept[h]);
    std::sort(out.held.begin(), out.held.end());
    return out;
}

FitStatistics fit_statistics(std::span<const double> measured, std::span<const double> predicted) {
    FitStatistics s;
    s.n = measured.size();
    if (s.n == 0) {
        s.bias_db = s.std_db = s.rmse_db = s.r2 = kNaN;
        return s;
    }
    const auto n = static_cast<double>(s.n);
    double sum = 0.0, sum_sq = 0.0, mean_measured = 0.0;
    for (std::size_t i = 0; i < s.n; ++i) {
        const double r = measured[i] - predicted[i];
        sum += r;
        sum_sq += r * r;
        mean_measured += measured[i];
    }
    mean_measured /= n;
    s.bias_db = sum / n;
    s.rmse_db = std::sqrt(sum_sq / n);
    double spread = 0.0, total = 0.0;
    for (std::size_t i = 0; i < s.n; ++i) {
        const double r = measured[i] - predicted[i] - s.bias_db;
        spread += r * r;
        total += (measured[i] - mean_measured) * (measured[i] - mean_measured);
    }
    s.std_db = std::sqrt(spread / n);
    s.r2 = total > 0.0 ? 1.0 - sum_sq / total : kNaN;
    return s;
}

}  // namespace phusong
