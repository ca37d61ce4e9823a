#include "coverage/least_squares.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "geo/errors.hpp"

namespace phusong {
namespace {

TEST(LeastSquares, ThreePointsGiveTheExactSolution) {
    // b0 + b2 = 4, b0 + b1 = 3, b0 + 2·b1 + 2·b2 = 9. From the first two, b2 = 4 − b0 and
    // b1 = 3 − b0; the third: b0 + 6 − 2·b0 + 8 − 2·b0 = 9, so b0 = 5/3, b1 = 4/3, b2 = 7/3.
    const std::vector<double> x{1, 0, 1, 1, 1, 0, 1, 2, 2};
    const std::vector<double> y{4, 3, 9};
    const LinearFit fit = fit_linear(x, y, {"b0", "b1", "b2"});
    EXPECT_NEAR(fit.beta[0], 5.0 / 3.0, 1e-12);
    EXPECT_NEAR(fit.beta[1], 4.0 / 3.0, 1e-12);
    EXPECT_NEAR(fit.beta[2], 7.0 / 3.0, 1e-12);
    EXPECT_TRUE(std::isnan(fit.standard_error[0]));  // nothing left to estimate the noise from
    EXPECT_TRUE(std::isnan(fit.residual_std));
}

TEST(LeastSquares, RecoversKnownCoefficientsWithinTheirStandardErrors) {
    // y = 130 + 35·log10(d) − 12·log10(h) + N(0, 2 dB) at 400 samples, d in 0.2–10 km, h in 10–60 m.
    std::mt19937_64 rng(15);
    std::uniform_real_distribution<double> log_d(std::log10(0.2), 1.0), log_h(1.0, std::log10(60.0));
    std::normal_distribution<double> noise(0.0, 2.0);
    const double truth[3] = {130.0, 35.0, -12.0};
    std::vector<double> x, y;
    for (int i = 0; i < 400; ++i) {
        const double a = log_d(rng), b = log_h(rng);
        x.insert(x.end(), {1.0, a, b});
        y.push_back(truth[0] + truth[1] * a + truth[2] * b + noise(rng));
    }
    const LinearFit fit = fit_linear(x, y, {"K1", "K2", "K3"});
    for (int j = 0; j < 3; ++j) {
        EXPECT_GT(fit.standard_error[j], 0.0);
        EXPECT_LT(std::abs(fit.beta[j] - truth[j]), 3.0 * fit.standard_error[j]) << "K" << j + 1;
    }
    // The noise's own standard deviation, 2 dB, within 10 %.
    EXPECT_NEAR(fit.residual_std, 2.0, 0.2);
}

TEST(LeastSquares, RidgeShrinksTowardThePrior) {
    // One unknown, x = 1 at four samples of y = 2: least squares gives 2. With ridge λ = 4 toward
    // 0: minimise Σ(2 − β)² + 4β², so 4·(2 − β) = 4β and β = 1; toward a prior of 2 it stays 2.
    const std::vector<double> x{1, 1, 1, 1}, y{2, 2, 2, 2};
    EXPECT_NEAR(fit_linear(x, y, {"b"}).beta[0], 2.0, 1e-12);
    LinearFitOptions o;
    o.ridge = 4.0;
    EXPECT_NEAR(fit_linear(x, y, {"b"}, o).beta[0], 1.0, 1e-12);
    o.prior = {2.0};
    EXPECT_NEAR(fit_linear(x, y, {"b"}, o).beta[0], 2.0, 1e-12);
    // A huge ridge holds the prior of 0.5 however the data pull.
    o.prior = {0.5};
    o.ridge = 1e12;
    EXPECT_NEAR(fit_linear(x, y, {"b"}, o).beta[0], 0.5, 1e-9);
}

TEST(LeastSquares, HuberDownWeightsAnOutlier) {
    // Nine samples spread −1, 0, 1 around 0 dB and one at 100 dB: least squares gives their
    // mean, 10 dB; Huber's weights cut the outlier to a few percent and leave the others whole.
    const std::vector<double> y{-1, 0, 1, -1, 0, 1, -1, 0, 1, 100};
    const std::vector<double> x(y.size(), 1.0);
    EXPECT_NEAR(fit_linear(x, y, {"b"}).beta[0], 10.0, 1e-12);
    LinearFitOptions o;
    o.loss = FitLoss::Huber;
    const LinearFit fit = fit_linear(x, y, {"b"}, o);
    EXPECT_LT(std::abs(fit.beta[0]), 1.0);
    EXPECT_LT(fit.weights[9], 0.05);
    EXPECT_EQ(fit.weights[0], 1.0);
}

TEST(LeastSquares, SingularDesignNamesTheUnknowns) {
    // K3 multiplies log10 of a constant height: the same column as K1 times 1.5.
    const std::vector<double> x{1, 0.1, 1.5, 1, 0.5, 1.5, 1, 0.9, 1.5, 1, 0.3, 1.5};
    const std::vector<double> y{100, 110, 120, 105};
    try {
        fit_linear(x, y, {"K1", "K2", "K3"});
        FAIL() << "expected a singular design";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("singular"), std::string::npos) << what;
        EXPECT_NE(what.find("K1 and K3"), std::string::npos) << what;  // the pair, not K2
    }
    // Held at the prior instead: one of K1 and K3 keeps its prior, the rest is fitted.
    LinearFitOptions hold;
    hold.hold_dependent = true;
    hold.prior = {100.0, 0.0, 2.0};
    const LinearFit held = fit_linear(x, y, {"K1", "K2", "K3"}, hold);
    ASSERT_EQ(held.held.size(), 1u);
    EXPECT_TRUE(held.held[0] == 0 || held.held[0] == 2);
    EXPECT_EQ(held.beta[held.held[0]], hold.prior[held.held[0]]);
    EXPECT_TRUE(std::isnan(held.standard_error[held.held[0]]));
    // A ridge makes it solvable.
    LinearFitOptions o;
    o.ridge = 1.0;
    EXPECT_NO_THROW(fit_linear(x, y, {"K1", "K2", "K3"}, o));
}

TEST(LeastSquares, TooFewSamplesIsAnError) {
    EXPECT_THROW(fit_linear(std::vector<double>{1, 2}, std::vector<double>{3}, {"a", "b"}), InputError);
    // Holding what cannot be told apart instead: one sample fits one unknown, the other keeps its prior.
    LinearFitOptions hold;
    hold.hold_dependent = true;
    hold.prior = {0.0, 1.0};
    const LinearFit fit = fit_linear(std::vector<double>{1, 2}, std::vector<double>{3}, {"a", "b"}, hold);
    ASSERT_EQ(fit.held.size(), 1u);
    EXPECT_NEAR(fit.beta[0] + 2.0 * fit.beta[1], 3.0, 1e-12);  // the sample is fitted exactly
}

TEST(FitStatistics, HandWorked) {
    // Residuals 1, −1, 3: bias 1, RMSE √(11/3) = 1.9149, std √(((0)² + (−2)² + 2²)/3) = 1.6330.
    // Measured 10, 20, 30 (mean 20, Σ(m − mean)² = 200): R² = 1 − 11/200 = 0.945.
    const std::vector<double> measured{10, 20, 30}, predicted{9, 21, 27};
    const FitStatistics s = fit_statistics(measured, predicted);
    EXPECT_EQ(s.n, 3u);
    EXPECT_NEAR(s.bias_db, 1.0, 1e-12);
    EXPECT_NEAR(s.rmse_db, 1.9149, 1e-4);
    EXPECT_NEAR(s.std_db, 1.6330, 1e-4);
    EXPECT_NEAR(s.r2, 0.945, 1e-12);
}

}  // namespace
}  // namespace phusong
