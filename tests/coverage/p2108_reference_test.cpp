// ITU-R P.2108 against NTIA's reference test vectors (tests/data/ntia_p2108, copies of
// NTIA/p2108-test-data): every case's loss, rounded to the 0.1 dB the values are printed to,
// within 0.01 dB of the printed value (so within 0.05 dB unrounded), and every invalid input's
// return code; and hand-worked values to 0.001 dB.
#include "coverage/p2108.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <string>

#include "io/csv_table.hpp"
#include "tests/support/ntia_p2108.hpp"

namespace phusong {
namespace {

using test::kP2108TolDb;
using test::printed_to_tenth;

/// Runs `model` on every row of `file`, comparing the return code and, when 0, the loss in
/// column `loss_column`; returns the number of rows.
std::size_t check_all(const std::string& file, const std::string& loss_column,
                      const std::function<p2108::Result(const std::function<double(const std::string&)>&)>& model) {
    const CsvTable table = test::p2108_vectors(file);
    for (std::size_t i = 0; i < table.records.size(); ++i) {
        const auto field = [&](const std::string& name) { return std::stod(table.records[i].fields[*table.column(name)]); };
        const p2108::Result r = model(field);
        const int expected_code = static_cast<int>(field("rtn"));
        EXPECT_EQ(r.return_code, expected_code) << file << " row " << i + 2;
        if (expected_code == 0 && r.ok()) {
            EXPECT_NEAR(printed_to_tenth(r.loss__db), field(loss_column), kP2108TolDb) << file << " row " << i + 2 << ": " << r.loss__db;
        }
    }
    return table.records.size();
}

TEST(P2108Reference, HeightGainTerminalCorrection) {
    const std::size_t rows = check_all("HeightGainTerminalCorrectionModelTestData.csv", "A_h__db", [](const auto& f) {
        return p2108::height_gain_terminal_correction(f("f__ghz"), f("h__meter"), f("w_s__meter"), f("R__meter"),
                                                      static_cast<p2108::ClutterType>(static_cast<int>(f("clutter_type"))));
    });
    EXPECT_EQ(rows, 23u);
}

TEST(P2108Reference, TerrestrialStatistical) {
    const std::size_t rows = check_all("TerrestrialStatisticalModelTestData.csv", "L_ctt__db", [](const auto& f) {
        return p2108::terrestrial_statistical(f("f__ghz"), f("d__km"), f("p"));
    });
    EXPECT_EQ(rows, 12u);
}

TEST(P2108Reference, AeronauticalStatistical) {
    const std::size_t rows = check_all("AeronauticalStatisticalModelTestData.csv", "L_ces__db", [](const auto& f) {
        return p2108::aeronautical_statistical(f("f__ghz"), f("theta_deg"), f("p"));
    });
    EXPECT_EQ(rows, 13u);
}

TEST(P2108, TerrestrialLossNeverExceedsItsValueAt2Km) {
    // Eq. (6), worked at 3.5 GHz, 99.9 % of locations (Q⁻¹(0.999) = −3.0902), L_l = 30.396:
    // at 1 km L_s = 34.612, median −5·log10(10^(−0.2 L_l) + 10^(−0.2 L_s)) = 30.1051, σ_cb = 4.3023,
    // L = 30.1051 + 4.3023 × 3.0902 = 43.400 dB; at 2 km L_s = 41.807, median 30.3849,
    // σ_cb = 4.0130, L = 30.3849 + 4.0130 × 3.0902 = 42.786 dB, which caps it.
    const p2108::Result r = p2108::terrestrial_statistical(3.5, 1.0, 99.9);
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(r.loss__db, 42.786, 0.002);
}

TEST(P2108, HandWorkedSuburbanTerminal) {
    // §3.1, suburban, 1.5 GHz, terminal 2 m among 10 m clutter, 27 m streets:
    // h_dif = 8 m, θ_clut = atan(8/27) = 16.5046°, K_ν = 0.342·√1.5 = 0.418863,
    // ν = 0.418863·√(8 × 16.5046) = 4.81306, J(ν) = 6.9 + 20·log10(√(4.71306² + 1) + 4.71306)
    // = 6.9 + 20·log10(9.53104) = 26.4828, A_h = J − 6.03 = 20.4528 dB.
    const p2108::Result r = p2108::height_gain_terminal_correction(1.5, 2.0, 27.0, 10.0, p2108::ClutterType::Suburban);
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(r.loss__db, 20.4528, 0.0005);
}

}  // namespace
}  // namespace phusong
