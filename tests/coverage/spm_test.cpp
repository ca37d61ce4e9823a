#include "coverage/spm.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "coverage/path_model.hpp"
#include "geo/errors.hpp"

namespace phusong {
namespace {

constexpr double kFlatEarth = 1e9;  // effective-radius factor making the earth flat

TEST(Spm, DefaultsAreForsksTypicalValuesInKilometres) {
    // Forsk's values with d in metres at 1800 MHz: K1 22, K2 44.9, K3 5.83, K4 0.5, K5 −6.55.
    // In km: K1 = 22 + 3·44.9 = 156.7, K3 = 5.83 + 3·(−6.55) = −13.82.
    const SpmCoefficients k = default_spm_coefficients(Megahertz{1800.0});
    EXPECT_NEAR(k.K[0], 156.7, 1e-9);
    EXPECT_NEAR(k.K[1], 44.9, 1e-12);
    EXPECT_NEAR(k.K[2], -13.82, 1e-9);
    EXPECT_NEAR(k.K[3], 0.5, 1e-12);
    EXPECT_NEAR(k.K[4], -6.55, 1e-12);
    EXPECT_EQ(k.K[5], 0.0);
    EXPECT_EQ(k.K[6], 0.0);
    // 900 MHz: K1 = 12.5 + 134.7 = 147.2; 3600 MHz is one octave above 1800: 22 + 9.5 + 134.7.
    EXPECT_NEAR(default_spm_coefficients(Megahertz{900.0}).K[0], 147.2, 1e-9);
    EXPECT_NEAR(default_spm_coefficients(Megahertz{3600.0}).K[0], 166.2, 1e-9);
}

TEST(Spm, HandWorkedLossInMetreForm) {
    // Flat ground, mast 40 m, receiver 1.5 m, 2 km, no obstacle (Diffraction 0):
    // in Forsk's metre form at 1800 MHz,
    //   L = 22 + 44.9·log10(2000) + 5.83·log10(40) + 0.5·0 − 6.55·log10(2000)·log10(40)
    //     = 22 + 44.9·3.301030 + 5.83·1.602060 − 6.55·3.301030·1.602060
    //     = 22 + 148.216 + 9.340 − 34.640 = 144.916 dB.
    std::vector<double> z(21, 100.0);
    const SpmPath path = spm_path(z, Metres{100.0}, Metres{40.0}, Metres{1.5}, kFlatEarth);
    EXPECT_NEAR(path.distance_km, 2.0, 1e-12);
    EXPECT_NEAR(path.heff_tx_m, 40.0, 1e-12);
    const SpmTerms t = spm_terms(path, Megahertz{1800.0});
    EXPECT_EQ(t.x[3], 0.0);
    EXPECT_NEAR(spm_loss(default_spm_coefficients(Megahertz{1800.0}), t).value(), 144.916, 0.001);
}

TEST(Spm, EffectiveHeightIsAboveTheReceiversGround) {
    // Mast foot at 300 m, receiver ground at 250 m, mast 30 m: Heff_tx = 30 + 300 − 250 = 80 m.
    // A receiver 50 m above the mast's top gets the 1 m floor.
    std::vector<double> down{300.0, 290.0, 280.0, 250.0};
    EXPECT_NEAR(spm_path(down, Metres{100.0}, Metres{30.0}, Metres{1.5}, kFlatEarth).heff_tx_m, 80.0, 1e-12);
    std::vector<double> up{300.0, 320.0, 350.0, 380.0};
    EXPECT_EQ(spm_path(up, Metres{100.0}, Metres{30.0}, Metres{1.5}, kFlatEarth).heff_tx_m, 1.0);
}

TEST(Spm, DiffractionTermIsDeygoutTimesK4) {
    // A 10 m spike mid-path touching the line between two 10 m antennas over a deep valley:
    // Deygout gives J(0) = 6.033 dB (see deygout_test), so K4 = 0.5 adds 3.017 dB.
    std::vector<double> z(11, -200.0);
    z.front() = 0.0;
    z.back() = 0.0;
    z[5] = 10.0;
    const SpmPath path = spm_path(z, Metres{1000.0}, Metres{10.0}, Metres{10.0}, kFlatEarth);
    const SpmTerms t = spm_terms(path, Megahertz{300.0});
    EXPECT_NEAR(t.x[3], 6.033, 0.001);
    SpmCoefficients only_k4{};
    only_k4.K[3] = 0.5;
    EXPECT_NEAR(spm_loss(only_k4, t).value(), 3.017, 0.001);
}

TEST(Spm, PathModelUsesCalibratedCoefficientsAndCorrection) {
    // K1 = 100, K2 = 20 and nothing else, over 1 km: 100 dB; a correction of 3 + 10·log10(d_km)
    // at 10 km adds 13 dB to 100 + 20 = 120.
    CoverageSettings s;
    s.model = PropagationModel::Spm;
    s.spm = SpmCoefficients{{100.0, 20.0, 0, 0, 0, 0, 0}};
    const PathModel model(s);
    std::vector<double> pfl{10, 100.0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
    std::vector<double> f{1800.0}, loss(1);
    std::uint32_t w = 0, iw = 0;
    model.losses(pfl, {}, Metres{30.0}, f, loss, w, iw);
    EXPECT_NEAR(loss[0], 100.0, 1e-9);
    s.correction = {3.0, 10.0};
    pfl[1] = 1000.0;
    model.losses(pfl, {}, Metres{30.0}, f, loss, w, iw);
    EXPECT_NEAR(loss[0], 133.0, 1e-9);
}

TEST(Spm, CalibratedK1MovesWithFrequencyAsThePublishedValuesDo) {
    // K1 = 130 fitted at 1800 MHz: at 3600 MHz, an octave up, the published K1 rises 22 − 12.5 =
    // 9.5 dB per octave, so 139.5; at 1800 MHz itself it stays 130; K2 never moves.
    SpmCoefficients k{{130.0, 35.0, 0, 0, 0, 0, 0}, 1800.0};
    EXPECT_NEAR(spm_at(k, Megahertz{3600.0}).K[0], 139.5, 1e-9);
    EXPECT_NEAR(spm_at(k, Megahertz{1800.0}).K[0], 130.0, 1e-12);
    EXPECT_EQ(spm_at(k, Megahertz{900.0}).K[1], 35.0);
    k.reference_mhz = 0.0;  // no reference: as it is
    EXPECT_EQ(spm_at(k, Megahertz{3600.0}).K[0], 130.0);
}

TEST(Spm, ModelNameParses) {
    EXPECT_EQ(parse_propagation_model("spm"), PropagationModel::Spm);
    EXPECT_EQ(to_string(PropagationModel::Spm), "spm");
}

}  // namespace
}  // namespace phusong
