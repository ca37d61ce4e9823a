// ITM input validation and warning flags: expected codes from NTIA's documentation of
// ITM 1.4 (README input limits and ERRORS_AND_WARNINGS.md), plus model properties.
#include "coverage/itm/itm.hpp"
#include "coverage/itm/itm_internals.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

namespace phusong {
namespace {

using namespace itm;

Environment uhf() {
    Environment e;
    e.climate = Climate::ContinentalTemperate;
    e.N_0 = 301;
    e.f__mhz = 900;
    e.pol = Polarization::Vertical;
    e.epsilon = 15;
    e.sigma = 0.005;
    e.mdvar = 12;
    return e;
}

/// 10 km of gently rolling ground, 100 m spacing.
std::vector<double> rolling_profile(std::size_t intervals = 100, double spacing = 100.0) {
    std::vector<double> pfl{static_cast<double>(intervals), spacing};
    for (std::size_t i = 0; i <= intervals; ++i) pfl.push_back(200.0 + 30.0 * std::sin(static_cast<double>(i) / 9.0));
    return pfl;
}

int p2p_code(double h_tx, double h_rx, Environment env, TimeLocationSituation v = {50, 50, 50}) {
    return p2p_tls(h_tx, h_rx, rolling_profile(), env, v).return_code;
}

TEST(ItmValidation, ErrorCodesForInvalidInputs) {
    Environment e = uhf();
    EXPECT_EQ(p2p_code(0.4, 2, e), kErrorTxTerminalHeight);       // 0.5 ≤ h ≤ 3000 m
    EXPECT_EQ(p2p_code(10, 3001, e), kErrorRxTerminalHeight);
    e.climate = static_cast<Climate>(8);
    EXPECT_EQ(p2p_code(10, 2, e), kErrorInvalidRadioClimate);
    e = uhf(); e.N_0 = 249;
    EXPECT_EQ(p2p_code(10, 2, e), kErrorRefractivity);            // 250 ≤ N_0 ≤ 400
    e = uhf(); e.f__mhz = 19.9;
    EXPECT_EQ(p2p_code(10, 2, e), kErrorFrequency);               // 20 ≤ f ≤ 20000 MHz
    e = uhf(); e.pol = static_cast<Polarization>(2);
    EXPECT_EQ(p2p_code(10, 2, e), kErrorPolarization);
    e = uhf(); e.epsilon = 0.9;
    EXPECT_EQ(p2p_code(10, 2, e), kErrorEpsilon);
    e = uhf(); e.sigma = 0;
    EXPECT_EQ(p2p_code(10, 2, e), kErrorSigma);
    e = uhf(); e.mdvar = 4;
    EXPECT_EQ(p2p_code(10, 2, e), kErrorMdvar);
    e.mdvar = 34;
    EXPECT_EQ(p2p_code(10, 2, e), kErrorMdvar);
    EXPECT_EQ(p2p_code(10, 2, uhf(), {0, 50, 50}), kErrorInvalidTime);        // 0 < time < 100
    EXPECT_EQ(p2p_code(10, 2, uhf(), {50, 100, 50}), kErrorInvalidLocation);
    EXPECT_EQ(p2p_code(10, 2, uhf(), {50, 50, -1}), kErrorInvalidSituation);
    EXPECT_EQ(p2p_code(10, 2, uhf(), {0, 100, -1}), kErrorInvalidSituation);  // situation is checked first
    EXPECT_EQ(p2p_cr(10, 2, rolling_profile(), uhf(), {0, 50}).return_code, kErrorInvalidConfidence);
    EXPECT_EQ(p2p_cr(10, 2, rolling_profile(), uhf(), {50, 100}).return_code, kErrorInvalidReliability);
}

TEST(ItmValidation, AreaModeErrors) {
    const auto area = [](double d, double dh, int tx = 0, int rx = 0) {
        return area_tls(10, 2, static_cast<SitingCriteria>(tx), static_cast<SitingCriteria>(rx), d, dh, uhf(), {50, 50, 50})
            .return_code;
    };
    EXPECT_EQ(area(0, 90), kErrorPathDistance);       // 0 < d
    EXPECT_EQ(area(10, -1), kErrorDeltaH);            // 0 ≤ Δh
    EXPECT_EQ(area(10, 90, 3), kErrorTxSitingCriteria);
    EXPECT_EQ(area(10, 90, 0, -1), kErrorRxSitingCriteria);
    EXPECT_EQ(area(10, 90), kSuccess);
}

TEST(ItmValidation, GroundImpedanceError) {
    // ε = 1 is allowed, but with horizontal polarisation Z_g = √(ε' − 1) is then purely
    // imaginary-led: its real part does not exceed its imaginary part.
    Environment e = uhf();
    e.epsilon = 1.0;
    e.pol = Polarization::Horizontal;
    EXPECT_EQ(p2p_code(10, 2, e), kErrorGroundImpedance);
}

TEST(ItmWarnings, NearTheLimitsIsAWarningNotAnError) {
    Environment e = uhf();
    Result r = p2p_tls(0.7, 2, rolling_profile(), e, {50, 50, 50});   // h_tx < 1 m
    EXPECT_EQ(r.return_code, kSuccessWithWarnings);
    EXPECT_TRUE(r.warnings & kWarnTxTerminalHeight);
    e.f__mhz = 30;                                                     // f < 40 MHz
    EXPECT_TRUE(p2p_tls(10, 2, rolling_profile(), e, {50, 50, 50}).warnings & kWarnFrequency);
    r = p2p_tls(10, 2, rolling_profile(), uhf(), {0.01, 50, 50});      // z far in the tail
    EXPECT_TRUE(r.warnings & kWarnExtremeVariabilities);
    r = p2p_tls(10, 2, rolling_profile(5, 100.0), uhf(), {50, 50, 50}); // 500 m path
    EXPECT_TRUE(r.warnings & kWarnPathDistanceTooSmall2);
    EXPECT_NE(describe_warnings(r.warnings).find("path distance small"), std::string::npos);
}

TEST(ItmProperties, LossGrowsWithDistanceAndFrequencyOnSmoothEarth) {
    double previous = 0.0;
    for (double km = 2.0; km <= 80.0; km += 2.0) {
        const Result r = area_tls(30, 1.5, SitingCriteria::Random, SitingCriteria::Random, km, 0.0, uhf(), {50, 50, 50});
        ASSERT_TRUE(r.ok());
        EXPECT_GT(r.A__db, previous) << km << " km";
        previous = r.A__db;
    }
    Environment low = uhf(), high = uhf();
    low.f__mhz = 700;
    high.f__mhz = 2100;
    for (double km : {5.0, 20.0, 60.0})
        EXPECT_LT(area_tls(30, 1.5, SitingCriteria::Random, SitingCriteria::Random, km, 0.0, low, {50, 50, 50}).A__db,
                  area_tls(30, 1.5, SitingCriteria::Random, SitingCriteria::Random, km, 0.0, high, {50, 50, 50}).A__db);
}

TEST(ItmProperties, SharedTerrainAnalysisGivesTheSameResultsAsSeparateCalls) {
    const std::vector<double> pfl = rolling_profile(300, 90.0);
    const std::vector<double> freqs{900.0, 1845.0, 2140.0, 30.0, 25000.0};
    std::vector<Result> shared(freqs.size());
    p2p_tls_frequencies(30, 1.5, pfl, uhf(), freqs, {50, 50, 50}, shared);
    for (std::size_t i = 0; i < freqs.size(); ++i) {
        Environment e = uhf();
        e.f__mhz = freqs[i];
        const Result alone = p2p_tls(30, 1.5, pfl, e, {50, 50, 50});
        EXPECT_EQ(shared[i].return_code, alone.return_code) << freqs[i];
        EXPECT_EQ(shared[i].warnings, alone.warnings) << freqs[i];
        if (alone.ok()) {
            EXPECT_EQ(shared[i].A__db, alone.A__db) << freqs[i];
        }
    }
    EXPECT_EQ(shared[4].return_code, kErrorFrequency);  // 25 GHz is out of range, alone too
}

TEST(ItmProperties, ConfidenceReliabilityIsTimeLocationSituationAtLocation50) {
    // NTIA 1.4 evaluates a CR request as TLS with time = reliability, location = 50 % and
    // situation = confidence. Broadcast mode (mdvar 3) is the one where the location deviate
    // stands alone, so a CR that reused the reliability deviate for location would differ by
    // σ_L·z_R there (several dB at 10 % or 90 %).
    for (const int mdvar : {0, 1, 2, 3, 13, 23}) {
        Environment e = uhf();
        e.mdvar = mdvar;
        for (const auto& [confidence, reliability] : {std::pair{50.0, 90.0}, {10.0, 10.0}, {95.0, 50.0}}) {
            const Result cr = p2p_cr(30, 1.5, rolling_profile(300, 90.0), e, {confidence, reliability});
            const Result tls = p2p_tls(30, 1.5, rolling_profile(300, 90.0), e, {reliability, 50.0, confidence});
            ASSERT_TRUE(cr.ok());
            EXPECT_EQ(cr.A__db, tls.A__db) << "mdvar " << mdvar << " conf " << confidence << " rel " << reliability;
            const Result area_cr_result =
                area_cr(30, 1.5, SitingCriteria::Random, SitingCriteria::Careful, 20.0, 90.0, e, {confidence, reliability});
            const Result area_tls_result =
                area_tls(30, 1.5, SitingCriteria::Random, SitingCriteria::Careful, 20.0, 90.0, e, {reliability, 50.0, confidence});
            EXPECT_EQ(area_cr_result.A__db, area_tls_result.A__db) << "area, mdvar " << mdvar;
        }
    }
}

TEST(ItmProperties, InverseNormalKnownQuantiles) {
    // Normal quantiles: Q⁻¹(0.5) = 0, Q⁻¹(0.1) = 1.281552, Q⁻¹(0.9) = −1.281552,
    // Q⁻¹(0.01) = 2.326348; A&S 26.2.23 is accurate to 4.5e-4.
    EXPECT_NEAR(inverse_complementary_normal(0.5), 0.0, 1e-6);
    EXPECT_NEAR(inverse_complementary_normal(0.1), 1.281552, 4.5e-4);
    EXPECT_NEAR(inverse_complementary_normal(0.9), -1.281552, 4.5e-4);
    EXPECT_NEAR(inverse_complementary_normal(0.01), 2.326348, 4.5e-4);
}

/// The deciles by the definition: sort everything, read the rank-th from each end.
std::pair<double, double> deciles_by_sorting(std::vector<double> values, std::size_t rank) {
    std::sort(values.begin(), values.end(), std::greater<>());
    return {values[rank - 1], values[values.size() - rank]};
}

TEST(ItmTerrain, DecileValuesEqualAFullSortWhateverTheData) {
    std::mt19937 rng(3);
    std::normal_distribution<double> noise(0.0, 40.0);
    for (const std::size_t rank : {4u, 13u, 14u, 25u}) {
        const std::size_t n = 10 * rank - 5;  // dlthx's sample count for `rank` per decile
        std::vector<std::vector<double>> cases;
        std::vector<double> random(n), ascending(n), ties(n, 7.0), outliers_sampled(n, 0.0);
        for (double& v : random) v = noise(rng);
        for (std::size_t i = 0; i < n; ++i) ascending[i] = static_cast<double>(i);
        for (std::size_t i = 0; i < n; i += 3) ties[i] = 9.0;
        // Large values exactly where an evenly spaced sample would look, and few of them:
        // the sampled thresholds are then too tight and the full selection must take over.
        for (std::size_t i = 0; i < 16; ++i) outliers_sampled[(2 * i + 1) * n / 32] = 1000.0 + static_cast<double>(i);
        for (std::size_t i = 0; i < 16; ++i) outliers_sampled[(2 * i + 1) * n / 32 + 1] = -1000.0 - static_cast<double>(i);
        for (const auto& values : {random, ascending, ties, outliers_sampled}) {
            std::vector<double> work = values;
            const auto [high, low] = detail::decile_values(work, rank);
            const auto [expected_high, expected_low] = deciles_by_sorting(values, rank);
            EXPECT_EQ(high, expected_high) << "rank " << rank;
            EXPECT_EQ(low, expected_low) << "rank " << rank;
        }
    }
}

}  // namespace
}  // namespace phusong
