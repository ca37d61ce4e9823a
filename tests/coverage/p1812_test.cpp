// ITU-R P.1812-6 against ITU-R WP 3K's validation data (../shared/testdata/propagation/
// itu_p1812_sg3_validation: 19 SG3 profiles, 63 cases, each with its inputs, about 40
// intermediate values and Lb as the reference implementation logged them), and against
// values worked by hand.
#include "coverage/p1812.hpp"
#include "coverage/path_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;
constexpr double kTolDb = 0.001;  // the bound for Lb and the key intermediate values

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, ',');) out.push_back(cell);
    return out;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    return s;
}

/// The profile of an SG3 data-bank file: after "Number of Points:", lines of distance (km),
/// height (m), clutter code, representative clutter height (m), zone code.
p1812::Profile read_sg3_profile(const fs::path& path) {
    std::ifstream in(path);
    p1812::Profile p;
    for (std::string line; std::getline(in, line);) {
        const std::vector<std::string> cells = split(line);
        if (cells.size() < 2 || trimmed(cells[0]) != "Number of Points:") continue;
        const int count = std::stoi(cells[1]);
        for (int i = 0; i < count && std::getline(in, line); ++i) {
            const std::vector<std::string> c = split(line);
            p.d_km.push_back(std::stod(c[0]));
            p.h_m.push_back(std::stod(c[1]));
            p.R_m.push_back(std::stod(c[3]));
            p.zone.push_back(static_cast<p1812::Zone>(std::stoi(c[4])));
        }
        break;
    }
    return p;
}

/// A validation log: parameter name (first column, trimmed) → value (fourth column).
std::map<std::string, double> read_log(const fs::path& path) {
    std::ifstream in(path);
    std::map<std::string, double> out;
    for (std::string line; std::getline(in, line);) {
        const std::vector<std::string> c = split(line);
        if (c.size() >= 4 && !trimmed(c[0]).empty() && c[0][0] != '#' && !trimmed(c[3]).empty()) out[trimmed(c[0])] = std::stod(c[3]);
    }
    return out;
}

struct Case {
    std::string name;
    p1812::Profile profile;
    p1812::Inputs inputs;
    std::map<std::string, double> log;
};

std::vector<Case> validation_cases() {
    const fs::path root = test::shared_dir() / "testdata/propagation/itu_p1812_sg3_validation";
    std::vector<Case> out;
    for (const auto& entry : fs::directory_iterator(root / "validation_results")) {
        const std::string stem = entry.path().stem().string();
        const auto underscore = stem.rfind('_');
        if (underscore == std::string::npos || stem == "combined_results") continue;
        Case c;
        c.name = stem;
        c.profile = read_sg3_profile(root / "validation_profiles" / (stem.substr(0, underscore) + ".csv"));
        c.log = read_log(entry.path());
        p1812::Inputs& in = c.inputs;
        in.f_ghz = c.log.at("f (GHz)");
        in.p_percent = c.log.at("p (%)");
        in.pL_percent = c.log.at("pL (%)");
        in.sigmaL_db = c.log.at("sigmaL (dB)");
        in.phi_t_deg = c.log.at("phi_t (deg)");
        in.phi_r_deg = c.log.at("phi_r (deg)");
        in.lam_t_deg = c.log.at("lam_t (deg)");
        in.lam_r_deg = c.log.at("lam_r (deg)");
        in.htg_m = c.log.at("htg (m)");
        in.hrg_m = c.log.at("hrg (m)");
        in.polarization = static_cast<p1812::Polarization>(static_cast<int>(c.log.at("pol")));
        in.DN = c.log.at("DN");
        in.N0 = c.log.at("N0");
        in.dct_km = c.log.at("dct (km)");
        in.dcr_km = c.log.at("dcr (km)");
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
    return out;
}

TEST(P1812, AllItuValidationCasesMatchLbAndTheIntermediateValues) {
    PHUSONG_REQUIRE_SHARED();
    const std::vector<Case> cases = validation_cases();
    ASSERT_EQ(cases.size(), 63u);
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const p1812::Result r = p1812::basic_transmission_loss(c.profile, c.inputs);
        const std::vector<std::pair<const char*, double>> checks{
            {"d (km)", r.d}, {"dlt (km)", r.dlt}, {"dlr (km)", r.dlr}, {"th_t (mrad)", r.theta_t}, {"th_r (mrad)", r.theta_r},
            {"th (mrad)", r.theta}, {"hts (m)", r.hts}, {"hrs (m)", r.hrs}, {"w", r.omega}, {"dtm (km)", r.dtm}, {"dlm (km)", r.dlm},
            {"phi (deg)", r.phi}, {"b0 (%)", r.b0}, {"ae (km)", r.ae}, {"hstd (m)", r.hstd}, {"hsrd (m)", r.hsrd},
            {"hte (m)", r.hte}, {"hre (m)", r.hre}, {"hm (m)", r.hm}, {"Fi", r.Fi}, {"Fj", r.Fj}, {"Fk", r.Fk},
            {"Lbfs", r.Lbfs}, {"Lb0p", r.Lb0p}, {"Lb0b", r.Lb0b}, {"Lbulla (dB)", r.Lbulla50}, {"Lbulls (dB)", r.Lbulls50},
            {"Ldsph (dB)", r.Ldsph50}, {"Ld50 (dB)", r.Ld50}, {"Ldb (dB)", r.Ldb}, {"Ldp (dB)", r.Ldp}, {"Lbd50 (dB)", r.Lbd50},
            {"Lbd (dB)", r.Lbd}, {"Lminb0p (dB)", r.Lminb0p}, {"Lba (dB)", r.Lba}, {"Lminbap (dB)", r.Lminbap},
            {"Lbda (dB)", r.Lbda}, {"Lbam (dB)", r.Lbam}, {"Lbs (dB)", r.Lbs}, {"Lbc (dB)", r.Lbc}, {"Lb (dB)", r.Lb},
            {"Ep (dBuV/m)", r.Ep}};
        for (const auto& [name, value] : checks) {
            ASSERT_TRUE(c.log.contains(name)) << name;
            // Values logged with 10 significant digits: compare within 0.001 (dB, m, km, mrad) or
            // 1e-9 relative, whichever is larger.
            EXPECT_NEAR(value, c.log.at(name), std::max(kTolDb, 1e-9 * std::abs(c.log.at(name)))) << name;
        }
    }
}

TEST(P1812, InverseCumulativeNormalMatchesTheNormalTable) {
    // Standard normal quantiles (any statistics table): Q⁻¹(0.5) = 0, Q⁻¹(0.1) = 1.281552,
    // Q⁻¹(0.01) = 2.326348, Q⁻¹(0.9) = −1.281552; Attachment 2's rational approximation
    // (Abramowitz and Stegun 26.2.23) is within 4.5e-4 of them.
    EXPECT_NEAR(p1812::inverse_cumulative_normal(0.5), 0.0, 4.5e-4);
    EXPECT_NEAR(p1812::inverse_cumulative_normal(0.1), 1.281552, 4.5e-4);
    EXPECT_NEAR(p1812::inverse_cumulative_normal(0.01), 2.326348, 4.5e-4);
    EXPECT_NEAR(p1812::inverse_cumulative_normal(0.9), -1.281552, 4.5e-4);
}

p1812::Profile flat_profile(double length_km, int points) {
    p1812::Profile p;
    for (int i = 0; i < points; ++i) {
        p.d_km.push_back(length_km * i / (points - 1));
        p.h_m.push_back(100.0);
        p.R_m.push_back(0.0);
        p.zone.push_back(p1812::Zone::Inland);
    }
    return p;
}

TEST(P1812, FreeSpaceOnAShortClearPathWorkedByHand) {
    // 1 km over flat ground, 1 GHz, antennas 30 m and 10 m: the 20 m difference adds
    // (0.02 km)² to d² (Eq. 8a), so Lbfs = 92.4 + 20·log10(1) + 10·log10(1.0004) = 92.40174 dB.
    // At p = 50 % the multipath term is 0 (log10(50/50)); the path clears the ground, so
    // diffraction is 0 (Bullington's ν < −0.78 everywhere), and Lb = Lb0p = Lbfs.
    p1812::Inputs in;
    in.f_ghz = 1.0;
    in.p_percent = 50.0;
    in.htg_m = 30.0;
    in.hrg_m = 10.0;
    in.phi_t_deg = in.phi_r_deg = 22.0;
    in.lam_t_deg = 103.0;
    in.lam_r_deg = 103.0097;
    const p1812::Result r = p1812::basic_transmission_loss(flat_profile(1.0, 11), in);
    EXPECT_NEAR(r.Lbfs, 92.40174, 1e-5);
    EXPECT_NEAR(r.Lb0p, r.Lbfs, 1e-12);
    EXPECT_NEAR(r.Lbulla50, 0.0, 1e-12);
    EXPECT_NEAR(r.Lb, 92.40174, 1e-5);
}

TEST(P1812, LossIsContinuousThroughExactGrazing) {
    // A ridge in the middle of a 4 km path raised until the ray from the mast grazes it (Eq. 13's
    // slope equals Eq. 14's): there Eq. 18's Bullington point is 0/0. The loss must pass
    // smoothly from line of sight to trans-horizon (J(0) = 6.03 dB at grazing on both sides),
    // not drop by the knife-edge loss at one height; heights within 1e-12 m of grazing are tried.
    p1812::Inputs in;
    in.f_ghz = 0.9;
    in.htg_m = 30.0;
    in.hrg_m = 10.0;
    in.phi_t_deg = in.phi_r_deg = 21.0;
    in.lam_t_deg = 105.0;
    in.lam_r_deg = 105.04;
    p1812::Profile p = flat_profile(4.0, 5);
    p.h_m = {100.0, 0.0, 0.0, 0.0, 100.0};
    const double ae = 6371.0 * 157.0 / (157.0 - in.DN);
    const double hts = 130.0, hrs = 110.0, dtot = 4.0, di = 2.0;
    const double grazing = hts + di * (hrs - hts) / dtot - 500.0 / ae * di * (dtot - di);
    std::vector<double> losses;
    for (int k = -8; k <= 8; ++k) {
        p.h_m[2] = grazing + k * 1e-13;
        losses.push_back(p1812::basic_transmission_loss(p, in).Lb);
    }
    for (const double lb : losses) {
        EXPECT_TRUE(std::isfinite(lb));
        EXPECT_NEAR(lb, losses.front(), 0.01);
    }
}

TEST(P1812, DuctingLossCannotOverflowTheBlend) {
    // A 9 km high ridge between 1 m antennas at 6 GHz: Lba is over 1700 dB, and e^(Lba/2.5) in
    // Eq. 60 would overflow; the blend must stay finite (it is then Lba itself).
    p1812::Inputs in;
    in.f_ghz = 6.0;
    in.htg_m = in.hrg_m = 1.0;
    in.phi_t_deg = in.phi_r_deg = 21.0;
    in.lam_t_deg = 105.0;
    in.lam_r_deg = 105.0004;
    p1812::Profile p = flat_profile(0.04, 5);
    p.h_m = {0.0, 9000.0, 9000.0, 9000.0, 0.0};
    const p1812::Result r = p1812::basic_transmission_loss(p, in);
    ASSERT_GT(r.Lba, 1000.0);
    EXPECT_TRUE(std::isfinite(r.Lminbap));
    EXPECT_NEAR(r.Lminbap, std::max(r.Lba, r.Lb0p), 1e-9);
    EXPECT_TRUE(std::isfinite(r.Lb));
}

TEST(P1812, InputsOutsideTheRecommendationAreRefusedWithTheReason) {
    p1812::Inputs in;
    const p1812::Profile p = flat_profile(10.0, 11);
    const auto message = [&](p1812::Inputs changed, const p1812::Profile& profile) {
        try {
            p1812::basic_transmission_loss(profile, changed);
        } catch (const ModelDomainError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    in.f_ghz = 6.5;
    EXPECT_NE(message(in, p).find("outside 30–6000 MHz"), std::string::npos);
    in.f_ghz = 1.0;
    in.p_percent = 60.0;
    EXPECT_NE(message(in, p).find("time percentage"), std::string::npos);
    in.p_percent = 10.0;
    in.pL_percent = 99.5;
    EXPECT_NE(message(in, p).find("location percentage"), std::string::npos);
    in.pL_percent = 50.0;
    EXPECT_NE(message(in, flat_profile(10.0, 2)).find("at least 5"), std::string::npos);
    EXPECT_EQ(message(in, p), "accepted");
}

}  // namespace
}  // namespace phusong

namespace phusong {
namespace {

/// A 100 × 100 grid of 20 m pixels in UTM 48N, every pixel's clutter height `metres`.
Grid<float> clutter_grid(float metres) {
    GridSpec spec{100, 100, {500000.0, 2500000.0, 20.0, 20.0}, "EPSG:32648"};
    return Grid<float>(spec, metres);
}

std::vector<double> flat_pfl(int intervals, double spacing) {
    std::vector<double> pfl{static_cast<double>(intervals), spacing};
    for (int i = 0; i <= intervals; ++i) pfl.push_back(100.0);
    return pfl;
}

TEST(P1812PathModel, ClutterAlongThePathRaisesTheLossButNotAtTheTerminals) {
    // 1 km east along row 50 of the grid, 1 GHz, mast 30 m, receiver 10 m: without clutter the
    // worked free-space value 92.40174 dB (see FreeSpaceOnAShortClearPathWorkedByHand).
    CoverageSettings s;
    s.model = PropagationModel::P1812;
    s.rx_height = Metres{10.0};
    const PathEnds ends{{500010.0, 2499010.0}, {501010.0, 2499010.0}};
    const std::vector<double> pfl = flat_pfl(50, 20.0);
    std::vector<double> f{1000.0}, loss(1);
    std::uint32_t w = 0, iw = 0;
    PathModel(s).losses(pfl, ends, Metres{30.0}, f, loss, w, iw);
    EXPECT_NEAR(loss[0], 92.40174, 1e-4);
    // 25 m of clutter everywhere stands above the 10 m receiver's line: diffraction over it.
    const Grid<float> tall = clutter_grid(25.0f);
    s.p1812.clutter_height_m = &tall;
    PathModel(s).losses(pfl, ends, Metres{30.0}, f, loss, w, iw);
    EXPECT_GT(loss[0], 92.40174 + 6.0);
    // Clutter under the receiver alone: P.1812 leaves the terminals' own points out (§3.2), and
    // at pL = 50 % location variability adds nothing.
    Grid<float> at_receiver = clutter_grid(0.0f);
    const auto pixel = at_receiver.spec().pixel_of(ends.to);
    ASSERT_TRUE(pixel);
    at_receiver.at(pixel->first, pixel->second) = 25.0f;
    s.p1812.clutter_height_m = &at_receiver;
    PathModel(s).losses(pfl, ends, Metres{30.0}, f, loss, w, iw);
    EXPECT_NEAR(loss[0], 92.40174, 1e-4);
}

}  // namespace
}  // namespace phusong
