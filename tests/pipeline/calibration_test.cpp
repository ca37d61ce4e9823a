// `phusong calibrate` through the library: synthetic drive tests made from known SPM
// coefficients over flat terrain, where every regressor can be written out by hand.
#include "pipeline/calibration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "geo/crs.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

constexpr double kCentreX = 500000.0, kCentreY = 2400000.0;  // UTM 48N
constexpr double kMastM = 30.0;

struct Scene {
    test::ScratchDir dir;
    std::string dem = dir.file("dem.tif"), towers = dir.file("towers.csv"), measurements = dir.file("measurements.csv");
};

/// A flat 200 m plain, one omni 4G (1800 MHz) mast 30 m high at its centre, and `n` path-loss
/// measurements 0.3–3 km away (routes "r0" … "r3" by quadrant) of
///   L = K1 + K2·log10(d_km) + K3·log10(30) + K5·log10(d_km)·log10(30) + noise
/// with K3 = −13.82 and K5 = −6.55 (SPM's defaults, km form) and the given K1 and K2. Over flat
/// ground Heff_tx = 30 m and, within 3 km, nothing diffracts: the line from the 30 m mast to the
/// 1.5 m receiver clears the 4/3-earth bulge enough that ν < −0.78 (J(ν) = 0) all along; at 4 km
/// it does not near the receiver, as a noiseless fit showed.
void make_scene(const Scene& s, double k1, double k2, double noise_db, int n, unsigned seed) {
    test::write_raster(s.dem, 32648, kCentreX - 5000.0, kCentreY + 5000.0, 30.0, 334, 334, [](double, double) { return 200.0; });
    const Transformer to_lonlat("EPSG:32648", kWgs84);
    const XY mast = to_lonlat.forward({kCentreX, kCentreY});
    std::ostringstream towers;
    towers.precision(12);
    towers << "site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm\nS1,A," << mast.x << "," << mast.y << "," << kMastM
           << ",4G,1800,60\n";
    test::write_file(s.towers, towers.str());
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> range(300.0, 3000.0), bearing(0.0, 2.0 * M_PI);
    std::normal_distribution<double> noise(0.0, noise_db);
    std::ostringstream rows;
    rows.precision(12);
    rows << "lon,lat,path_loss_db,site_id,route\n";
    for (int i = 0; i < n; ++i) {
        const double d = range(rng), b = bearing(rng);
        const XY p = to_lonlat.forward({kCentreX + d * std::sin(b), kCentreY + d * std::cos(b)});
        const double log_d = std::log10(d / 1000.0), log_h = std::log10(kMastM);
        const double loss = k1 + k2 * log_d - 13.82 * log_h - 6.55 * log_d * log_h + (noise_db > 0 ? noise(rng) : 0.0);
        rows << p.x << "," << p.y << "," << loss << ",S1,r" << static_cast<int>(b / (M_PI / 2.0)) << "\n";
    }
    test::write_file(s.measurements, rows.str());
}

RunConfig config_for(const Scene& s) {
    RunConfig c;
    c.inputs.towers = s.towers;
    c.inputs.dem = s.dem;
    c.technologies = {Technology::G4};
    c.radio.model = PropagationModel::Spm;
    c.radio.reach = ReachRule::Fixed;
    c.radio.radius = Metres{5000.0};
    c.radio.resolution = Metres{30.0};
    c.threads = 2;
    return c;
}

CalibrationOptions path_losses(const Scene& s) {
    CalibrationOptions o;
    o.measurements = s.measurements;
    o.kind = MeasurementKind::PathLossDb;
    return o;
}

const CoefficientEstimate& estimate(const CalibrationResult& r, const std::string& name) {
    for (const CoefficientEstimate& e : r.coefficients)
        if (e.name == name) return e;
    throw std::runtime_error("no " + name);
}

TEST(Calibration, RecoversKnownCoefficientsWithinTheirStandardErrors) {
    // K1 = 140, K2 = 30 (the defaults are 156.7 and 44.9) with 2 dB of noise on 400 measurements.
    Scene s;
    make_scene(s, 140.0, 30.0, 2.0, 400, 7);
    Diagnostics diagnostics;
    const CalibrationResult r = calibrate(config_for(s), path_losses(s), diagnostics);
    EXPECT_EQ(r.measurements, 400u);
    const CoefficientEstimate& k1 = estimate(r, "K1");
    const CoefficientEstimate& k2 = estimate(r, "K2");
    ASSERT_TRUE(k1.fitted && k2.fitted);
    EXPECT_FALSE(estimate(r, "K3").fitted);
    EXPECT_NEAR(estimate(r, "K3").value, -13.82, 1e-9);
    EXPECT_GT(k1.standard_error, 0.0);
    EXPECT_LT(std::abs(k1.value - 140.0), 3.0 * k1.standard_error) << k1.value << " ± " << k1.standard_error;
    EXPECT_LT(std::abs(k2.value - 30.0), 3.0 * k2.standard_error) << k2.value << " ± " << k2.standard_error;
    // The residuals are the noise: about 2 dB, unbiased; the defaults were far off.
    EXPECT_NEAR(r.training.std_db, 2.0, 0.3);
    EXPECT_NEAR(r.training.bias_db, 0.0, 1e-9);
    EXPECT_GT(r.before.rmse_db, 10.0);
    // Four routes, four folds, each held out whole: still about the noise.
    EXPECT_EQ(r.folds, 4u);
    EXPECT_NEAR(r.held_out.rmse_db, 2.0, 0.4);
    EXPECT_EQ(r.routes.size(), 4u);
    EXPECT_EQ(r.model.model, PropagationModel::Spm);
    EXPECT_EQ(r.model.spm.K[0], k1.value);
}

TEST(Calibration, NoiselessMeasurementsAreFittedExactly) {
    Scene s;
    make_scene(s, 150.0, 38.0, 0.0, 50, 3);
    Diagnostics diagnostics;
    const CalibrationResult r = calibrate(config_for(s), path_losses(s), diagnostics);
    EXPECT_NEAR(estimate(r, "K1").value, 150.0, 1e-6);
    EXPECT_NEAR(estimate(r, "K2").value, 38.0, 1e-6);
    EXPECT_LT(r.training.rmse_db, 1e-6);
}

TEST(Calibration, RidgeShrinksTowardTheDefaults) {
    Scene s;
    make_scene(s, 140.0, 30.0, 2.0, 200, 11);
    Diagnostics diagnostics;
    CalibrationOptions o = path_losses(s);
    const CalibrationResult free_fit = calibrate(config_for(s), o, diagnostics);
    o.ridge = 50.0;
    const CalibrationResult some = calibrate(config_for(s), o, diagnostics);
    o.ridge = 1e12;
    const CalibrationResult all_the_way = calibrate(config_for(s), o, diagnostics);
    // Defaults at 1800 MHz (km form): K1 = 156.7, K2 = 44.9.
    const double k2_free = estimate(free_fit, "K2").value, k2_some = estimate(some, "K2").value;
    EXPECT_LT(std::abs(k2_some - 44.9), std::abs(k2_free - 44.9));
    EXPECT_NEAR(estimate(all_the_way, "K1").value, 156.7, 1e-3);
    EXPECT_NEAR(estimate(all_the_way, "K2").value, 44.9, 1e-3);
}

TEST(Calibration, EvaluatingTheFittedModelGivesItsTrainingStatistics) {
    Scene s;
    make_scene(s, 140.0, 30.0, 2.0, 120, 5);
    Diagnostics diagnostics;
    const CalibrationResult fit = calibrate(config_for(s), path_losses(s), diagnostics);
    const CalibrationResult evaluated = calibrate(config_for(s), path_losses(s), diagnostics, fit.model);
    EXPECT_NEAR(evaluated.training.rmse_db, fit.training.rmse_db, 1e-9);
    EXPECT_NEAR(evaluated.before.rmse_db, fit.before.rmse_db, 1e-12);
}

TEST(Calibration, MeasurementsInOnePixelAreOneBin) {
    // The same point three times and another point: two bins, of 3 and 1 measurements.
    Scene s;
    make_scene(s, 140.0, 30.0, 0.0, 2, 1);
    std::string text = test::read_file(s.measurements);
    const std::string first = text.substr(text.find('\n') + 1, text.find('\n', text.find('\n') + 1) - text.find('\n'));
    test::write_file(s.measurements, text + first + first);
    Diagnostics diagnostics;
    const CalibrationResult r = calibrate(config_for(s), path_losses(s), diagnostics);
    ASSERT_EQ(r.bins.size(), 2u);
    EXPECT_EQ(r.bins[0].samples + r.bins[1].samples, 4u);
    EXPECT_EQ(std::max(r.bins[0].samples, r.bins[1].samples), 3u);
}

TEST(Calibration, RoutesThroughOnePixelKeepTheirOwnBins) {
    // The same point driven on two routes: two bins, so that holding one route out leaves none of
    // its measurements in the training data.
    Scene s;
    make_scene(s, 140.0, 30.0, 0.0, 3, 1);
    const std::string text = test::read_file(s.measurements);
    std::string first = text.substr(text.find('\n') + 1);
    first = first.substr(0, first.find('\n'));
    test::write_file(s.measurements, text + first.substr(0, first.rfind(",r")) + ",other\n");
    Diagnostics diagnostics;
    const CalibrationResult r = calibrate(config_for(s), path_losses(s), diagnostics);
    ASSERT_EQ(r.bins.size(), 4u);
    EXPECT_EQ(r.bins[3].route, "other");
    EXPECT_EQ(r.bins[3].samples, 1u);
    EXPECT_EQ(r.bins[0].samples, 1u);
    EXPECT_NEAR(r.bins[3].distance_km, r.bins[0].distance_km, 1e-9);
}

TEST(Calibration, AnUnknownNothingInformsKeepsItsDefault) {
    // Over flat ground within 3 km nothing diffracts: K4 multiplies 0 in every bin.
    Scene s;
    make_scene(s, 140.0, 30.0, 1.0, 60, 13);
    CalibrationOptions o = path_losses(s);
    o.fit = {"K1", "K2", "K4"};
    Diagnostics diagnostics;
    const CalibrationResult r = calibrate(config_for(s), o, diagnostics);
    EXPECT_FALSE(estimate(r, "K4").fitted);
    EXPECT_EQ(estimate(r, "K4").value, 0.5);
    EXPECT_TRUE(estimate(r, "K1").fitted);
    bool warned = false;
    for (const Diagnostic& d : diagnostics.all()) warned |= d.text.find("K4 has no effect") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST(Calibration, ClassOffsetsAreFittedRelativeToTheMostMeasuredClass) {
    // Tree cover (10) west of the mast adds 20 dB, cropland (40) east of it 5 dB: with K1
    // fitted, the offsets are relative, so the fitted tree-cover loss exceeds cropland's by 15 dB.
    Scene s;
    make_scene(s, 140.0, 30.0, 0.0, 120, 21);
    const std::string landcover = s.dir.file("landcover.tif");
    test::write_raster(landcover, 32648, kCentreX - 5000.0, kCentreY + 5000.0, 30.0, 334, 334,
                       [](double x, double) { return x < kCentreX ? 10.0 : 40.0; });
    const Transformer to_utm(kWgs84, "EPSG:32648");
    std::istringstream in(test::read_file(s.measurements));
    std::string line, rows;
    std::getline(in, line);
    rows = line + "\n";
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string lon, lat, loss, rest;
        std::getline(fields, lon, ',');
        std::getline(fields, lat, ',');
        std::getline(fields, loss, ',');
        std::getline(fields, rest);
        const XY p = to_utm.forward({std::stod(lon), std::stod(lat)});
        if (std::abs(p.x - kCentreX) < 60.0) continue;  // keep clear of the class boundary
        std::ostringstream value;
        value.precision(12);
        value << std::stod(loss) + (p.x < kCentreX ? 20.0 : 5.0);
        rows += lon + "," + lat + "," + value.str() + "," + rest + "\n";
    }
    test::write_file(s.measurements, rows);
    RunConfig c = config_for(s);
    c.inputs.landcover = landcover;
    Diagnostics diagnostics;
    const CalibrationResult r = calibrate(c, path_losses(s), diagnostics);
    const CoefficientEstimate& trees = estimate(r, "clutter_10");
    const CoefficientEstimate& crops = estimate(r, "clutter_40");
    EXPECT_NE(trees.fitted, crops.fitted);  // one is the reference, held at its table loss
    EXPECT_NEAR(trees.value - crops.value, 15.0, 1e-6);
    EXPECT_LT(r.training.rmse_db, 1e-6);
    EXPECT_EQ(r.model.clutter_db.at(10), trees.value);
}

TEST(Calibration, ItmCorrectionFitsAnOffset) {
    // Measured = ITM + 12 dB (from an evaluation of ITM itself with a = 12, b = 0): fitting a
    // alone gives 12.
    Scene s;
    make_scene(s, 140.0, 30.0, 0.0, 60, 9);
    RunConfig c = config_for(s);
    c.radio.model = PropagationModel::Itm;
    Diagnostics diagnostics;
    CalibratedModel shifted;
    shifted.model = PropagationModel::Itm;
    shifted.correction = {12.0, 0.0};
    const CalibrationResult itm = calibrate(c, path_losses(s), diagnostics, shifted);
    std::ostringstream rows;
    rows.precision(12);
    rows << "lon,lat,path_loss_db,site_id\n";
    for (const CalibrationBin& b : itm.bins) rows << b.location.lon << "," << b.location.lat << "," << b.after_db << ",S1\n";
    test::write_file(s.measurements, rows.str());
    CalibrationOptions o = path_losses(s);
    o.fit = {"a"};
    const CalibrationResult r = calibrate(c, o, diagnostics);
    EXPECT_NEAR(estimate(r, "a").value, 12.0, 1e-3);
    EXPECT_FALSE(estimate(r, "b").fitted);
}

}  // namespace
}  // namespace phusong
