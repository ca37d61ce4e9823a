// The pipeline called directly, without the binary: a whole run on the small CLI scenario
// (one 3G + 4G site, three villages, one commune), its diagnostics, its output folder and the
// checks that protect the inputs.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <numbers>
#include <set>

#include "geo/errors.hpp"
#include "pipeline/run.hpp"
#include "pipeline/steps.hpp"
#include "tests/cli/cli_fixture.hpp"
#include "tests/pipeline/pipeline_fixture.hpp"
#include "tests/io/hostile_files.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;
using test::CliFixture;

using test::fixture_config;

/// Makes `c` fail after prediction, when outputs are about to be written: a target for a
/// district that does not exist cannot be measured (InputError).
void fail_after_predicting(const CliFixture& f, RunConfig& c) {
    c.inputs.targets = f.dir.file("targets.ini");
    test::write_file(c.inputs.targets, "[villages_with_4g_share]\ndistrict = Nowhere\nmin = 0.9\n");
}

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
}

TEST(PipelineRun, AnalyzeThroughTheLibraryCountsEveryPersonOnce) {
    CliFixture f;
    const auto out = run(fixture_config(f));
    ASSERT_EQ(out->result.technologies.size(), 2u);
    EXPECT_EQ(out->result.technologies[0].technology(), Technology::G3);
    EXPECT_EQ(out->prepared.transmitters.size(), 2u);  // the 3G and the 4G cell of T1
    for (const TechnologyResult& t : out->result.technologies) {
        const TechnologySummary& s = t.summary;
        EXPECT_EQ(s.villages, 3u);
        // The three villages hold 120 + 340 + 75 people; covered ones count whole.
        EXPECT_DOUBLE_EQ(s.village_population, 535.0);
        EXPECT_LE(s.village_population_covered, 535.0);
        EXPECT_EQ(s.communes, 1u);
    }
    EXPECT_TRUE(fs::exists(fs::path(f.out) / "summary.json"));
    EXPECT_TRUE(out->targets_met());  // no targets
}

TEST(PipelineSteps, CalledOneByOneTheyGiveWhatRunGives) {
    CliFixture f;
    const RunConfig c = fixture_config(f);
    Diagnostics diagnostics;
    const LoadedInputs inputs = load_inputs(c, diagnostics);
    ASSERT_EQ(inputs.villages->layer.places.size(), 3u);
    const PreparedAnalysis prepared = prepare_analysis(inputs, c, diagnostics);
    ASSERT_EQ(prepared.transmitters.size(), 2u);
    EXPECT_EQ(prepared.transmitter_cells[1]->technology, prepared.transmitters[1].technology);
    EXPECT_EQ(prepared.grid.crs, "EPSG:32648");  // the UTM zone of 103.25° E
    CoverageResult coverage = predict(prepared, c, {}, diagnostics);
    std::vector<char> terrain(prepared.grid.size());
    for (std::size_t i = 0; i < terrain.size(); ++i) terrain[i] = !std::isnan(prepared.dem.elevation_m.values()[i]);
    const AnalysisResult stepped = assess(prepared, std::move(coverage), c, terrain);

    const auto whole = run(c);
    ASSERT_EQ(stepped.technologies.size(), whole->result.technologies.size());
    for (std::size_t t = 0; t < stepped.technologies.size(); ++t) {
        EXPECT_EQ(stepped.technologies[t].summary.villages_covered, whole->result.technologies[t].summary.villages_covered);
        EXPECT_EQ(stepped.technologies[t].gaps.analysis.zones.size(), whole->result.technologies[t].gaps.analysis.zones.size());
        const auto& a = stepped.technologies[t].coverage.signal_dbm.values();
        const auto& b = whole->result.technologies[t].coverage.signal_dbm.values();
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            ASSERT_TRUE(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))) << "pixel " << i;
    }
    EXPECT_EQ(stepped.metrics, whole->result.metrics);
}

TEST(PipelineRun, DiagnosticsReachTheListenerOnceAndSummaryJson) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.radio.radius = Metres{1000.0};  // the villages 1-2 km away are out of reach: ITM and place warnings
    std::vector<std::string> heard;
    RunObserver observer;
    observer.on_diagnostic = [&](const Diagnostic& d) { heard.push_back(format(d)); };
    const auto out = run(c, observer);
    ASSERT_EQ(heard.size(), out->diagnostics.all().size());
    const nlohmann::json summary = nlohmann::json::parse(test::read_file(f.out + "/summary.json"));
    ASSERT_EQ(summary["warnings"].size(), heard.size());
    for (std::size_t i = 0; i < heard.size(); ++i) EXPECT_EQ(format(out->diagnostics.all()[i]), heard[i]);
}

TEST(PipelineRun, ProgressIsReportedUpToTheLastMast) {
    CliFixture f;
    std::size_t last_done = 0, last_total = 0;
    RunObserver observer;
    observer.progress = [&](std::string_view, std::size_t done, std::size_t total, std::string_view) {
        last_done = done;
        last_total = total;
    };
    run(fixture_config(f), observer);
    EXPECT_EQ(last_total, 1u);  // one mast (two cells)
    EXPECT_EQ(last_done, last_total);
}

TEST(PipelineRun, GapsOnTheRunsOwnRastersAgreesWithTheRun) {
    CliFixture f;
    const auto analysed = run(fixture_config(f));
    RunConfig gaps;
    gaps.kind = RunKind::Gaps;
    gaps.technologies.clear();
    gaps.inputs.coverage = f.out + "/phusong.gpkg";
    gaps.inputs.places = f.villages;
    gaps.inputs.communes = f.communes;
    gaps.out = f.dir.file("gaps");
    const auto again = run(gaps);
    ASSERT_EQ(again->result.technologies.size(), 2u);
    for (std::size_t t = 0; t < 2; ++t) {
        EXPECT_EQ(again->result.technologies[t].summary.villages_covered, analysed->result.technologies[t].summary.villages_covered);
        EXPECT_DOUBLE_EQ(again->result.technologies[t].summary.village_population_covered,
                         analysed->result.technologies[t].summary.village_population_covered);
    }
    EXPECT_FALSE(fs::exists(gaps.out / "signal_3g.tif"));  // gaps writes no rasters of its own
}

TEST(PipelineRun, CoverageWritesRastersAndNoPlaceResults) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.kind = RunKind::Coverage;
    c.inputs.villages.clear();
    c.inputs.communes.clear();
    c.out = f.dir.file("cov/run.gpkg");
    const auto out = run(c);
    EXPECT_TRUE(fs::exists(f.dir.file("cov/run.gpkg")));
    EXPECT_TRUE(fs::exists(f.dir.file("cov/run_signal_4g.tif")));
    ASSERT_EQ(out->result.technologies.size(), 2u);
    EXPECT_EQ(out->result.technologies[1].gaps.analysis.zones.size(), 0u);  // no gap analysis was made
}

TEST(PipelineOutputFolder, RerunRemovesItsOwnStaleFilesAndKeepsTheUsers) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.inputs.candidates = f.dir.file("candidates.csv");
    test::write_file(c.inputs.candidates, "candidate_id,name,lon,lat,height_m,tech,cost\nC1,Hill,103.26,22.36,30,4G,1\n");
    run(c);
    ASSERT_TRUE(fs::exists(fs::path(f.out) / "candidates.csv"));
    test::write_file(f.out + "/my_notes.txt", "mine");
    c.inputs.candidates.clear();
    run(c);
    const std::set<std::string> files = files_in(f.out);
    EXPECT_EQ(files.count("candidates.csv"), 0u) << "the first run's candidates.csv would be stale";
    EXPECT_EQ(files.count("my_notes.txt"), 1u);
    EXPECT_EQ(files.count("places.csv"), 1u);
}

TEST(PipelineOutputFolder, FailedRunLeavesAnExistingFolderAsItWas) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    run(c);
    const std::set<std::string> before = files_in(f.out);
    const std::string places_before = test::read_file(f.out + "/places.csv");
    fail_after_predicting(f, c);
    EXPECT_THROW(run(c), InputError);  // an unknown district cannot be measured
    EXPECT_EQ(files_in(f.out), before);
    EXPECT_EQ(test::read_file(f.out + "/places.csv"), places_before);
}

TEST(PipelineOutputFolder, FailedRunCreatesNoFolder) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.out = f.dir.file("new/results");
    fail_after_predicting(f, c);
    EXPECT_THROW(run(c), InputError);
    EXPECT_FALSE(fs::exists(f.dir.file("new/results")));
}

TEST(PipelineOutputFolder, FolderInTheWayRefusesTheCommitBeforeRenamingAnything) {
    // A folder where summary.json goes: before, the other files were renamed first and the
    // folder held new places.csv beside the old report.md.
    CliFixture f;
    RunConfig c = fixture_config(f);
    run(c);
    const std::string places_before = test::read_file(f.out + "/places.csv");
    fs::remove(fs::path(f.out) / "summary.json");
    fs::create_directory(fs::path(f.out) / "summary.json");
    c.technologies = {Technology::G3};
    EXPECT_THROW(run(c), OutputError);
    EXPECT_EQ(test::read_file(f.out + "/places.csv"), places_before);
    EXPECT_TRUE(fs::exists(fs::path(f.out) / "signal_4g.tif"));
}

TEST(PipelineOutputFolder, ManifestThatIsAFifoIsIgnoredNotRead) {
    CliFixture f;
    fs::create_directories(f.out);
    ASSERT_TRUE(test::make_fifo(f.out + "/.phusong-outputs"));
    test::FifoWriterAfter unblock(f.out + "/.phusong-outputs", std::chrono::milliseconds(3000));  // a regression fails, not hangs
    const auto start = std::chrono::steady_clock::now();
    run(fixture_config(f));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2900)) << "the run opened the FIFO";
    EXPECT_TRUE(fs::is_regular_file(f.out + "/.phusong-outputs"));  // replaced by a real manifest
}

TEST(PipelineOutputFolder, FailedRunRemovesEveryFolderItCreated) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.out = f.dir.file("a/b/c");
    fail_after_predicting(f, c);
    EXPECT_THROW(run(c), InputError);
    EXPECT_FALSE(fs::exists(f.dir.file("a")));
}

TEST(PipelineOutputFolder, CoverageRerunRemovesGeoTiffsOfTechnologiesNoLongerPredicted) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.kind = RunKind::Coverage;
    c.out = f.dir.file("cov/run.gpkg");
    run(c);
    ASSERT_TRUE(fs::exists(f.dir.file("cov/run_signal_3g.tif")));
    test::write_file(f.dir.file("cov/notes_3g.tif"), "not phusong's");
    c.technologies = {Technology::G4};
    run(c);
    EXPECT_FALSE(fs::exists(f.dir.file("cov/run_signal_3g.tif")));
    EXPECT_FALSE(fs::exists(f.dir.file("cov/run_servers_3g.tif")));
    EXPECT_TRUE(fs::exists(f.dir.file("cov/run_signal_4g.tif")));
    EXPECT_TRUE(fs::exists(f.dir.file("cov/notes_3g.tif")));
}

TEST(PipelineRun, HataNeverPredictsMoreThanFreeSpaceAllows) {
    // Hata at a 100 m "mobile" predicted +150 dBm and more; such heights are now refused, and
    // in range the received level never exceeds EIRP minus free-space loss.
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.radio.model = PropagationModel::OkumuraHata;
    c.radio.rx_height = Metres{100.0};
    EXPECT_THROW(validate(c), InputError);
    c.radio.rx_height = Metres{1.5};
    const auto out = run(c);
    for (const TechnologyResult& t : out->result.technologies)
        for (float v : t.coverage.signal_dbm.values())
            if (!std::isnan(v)) {
                ASSERT_LT(v, 58.0f);  // the fixture's EIRP: no pixel receives more than is sent
            }
}

TEST(PipelineInputs, GapsRefusesPlacesBeyondTheRasters) {
    CliFixture f;
    RunConfig cov = fixture_config(f);
    cov.kind = RunKind::Coverage;
    cov.out = f.dir.file("cov.gpkg");
    cov.inputs.villages.clear();
    cov.inputs.communes.clear();
    cov.radio.radius = Metres{500.0};  // rasters 1.1 km across: the villages 1 km east and west are beyond
    run(cov);
    RunConfig gaps;
    gaps.kind = RunKind::Gaps;
    gaps.technologies.clear();
    gaps.inputs.coverage = cov.out.string();
    gaps.inputs.places = f.villages;
    gaps.out = f.dir.file("gaps");
    try {
        run(gaps);
        FAIL() << "places beyond the rasters were counted as not covered";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("outside the signal rasters of --coverage"), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).rfind(f.villages + ": feature ", 0), 0u) << e.what();
    }
}

TEST(PipelineInputsAreSafe, OutputNamingAnInputIsRefused) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.kind = RunKind::Coverage;
    c.out = f.dir.file("./towers.csv/../dem.gpkg");
    EXPECT_NO_THROW(check_outputs_apart_from_inputs(c));  // a different file
    c.inputs.dem = f.dir.file("dem.gpkg");
    try {
        check_outputs_apart_from_inputs(c);
        FAIL() << "an output replacing the DEM was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("is the --dem input"), std::string::npos) << e.what();
    }
}

TEST(PipelineInputsAreSafe, OutputFolderHoldingAnInputIsRefused) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.out = f.dir.file("");
    try {
        run(c);
        FAIL() << "an output folder holding the inputs was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("contains the --towers input"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(fs::exists(f.towers));
}

TEST(PipelineInputs, NamedDistrictFieldMustExist) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.inputs.district_field = "huyen";
    try {
        run(c);
        FAIL() << "a missing district field was ignored";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), f.communes + ": field 'huyen': no such field (--district-field); fields are: name, population");
    }
}

TEST(PipelineInputs, VillageOffTheDemIsNamed) {
    CliFixture f;
    // The third village has its latitude typed as 22.53 instead of 22.35: 20 km north, off the 6 km DEM.
    test::write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
        {"type":"Feature","properties":{"name":"A","population":10},"geometry":{"type":"Point","coordinates":[103.24,22.34]}},
        {"type":"Feature","properties":{"name":"B","population":10},"geometry":{"type":"Point","coordinates":[103.26,22.36]}},
        {"type":"Feature","properties":{"name":"C","population":10},"geometry":{"type":"Point","coordinates":[103.25,22.53]}}]})");
    RunConfig c = fixture_config(f);
    c.inputs.communes.clear();
    try {
        run(c);
        FAIL() << "a village off the DEM was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), f.villages + ": feature 2: 'C' at (103.25, 22.53) lies outside the DEM " + f.dem);
    }
}

TEST(PipelineInputs, FarAwayVillageIsNamedWhenTheGridWouldBeTooLarge) {
    CliFixture f;
    // Village C has its latitude typed as 2.35 instead of 22.35 (2,200 km south), E its
    // longitude as 93.25 (1,000 km west): 2.4 billion pixels at 30 m.
    test::write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
        {"type":"Feature","properties":{"name":"A","population":10},"geometry":{"type":"Point","coordinates":[103.24,22.34]}},
        {"type":"Feature","properties":{"name":"B","population":10},"geometry":{"type":"Point","coordinates":[103.26,22.36]}},
        {"type":"Feature","properties":{"name":"C","population":10},"geometry":{"type":"Point","coordinates":[103.25,2.35]}},
        {"type":"Feature","properties":{"name":"D","population":10},"geometry":{"type":"Point","coordinates":[103.25,22.35]}},
        {"type":"Feature","properties":{"name":"E","population":10},"geometry":{"type":"Point","coordinates":[93.25,22.35]}}]})");
    RunConfig c = fixture_config(f);
    c.inputs.communes.clear();
    c.radio.resolution = Metres{30.0};
    try {
        run(c);
        FAIL() << "a grid of 2,200 km was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(f.villages + ": feature 2 lies 22", 0), 0u) << e.what();
    }
}

TEST(PipelineInputs, DemMuchCoarserThanTheGridIsWarnedAbout) {
    // A DEM of 300 m pixels (UTM 48N) read onto grids of 90 m and 100 m: 300 > 3 × 90 warns,
    // naming both sizes; 300 = 3 × 100 does not.
    test::ScratchDir dir;
    const std::string dem = dir.file("coarse.tif");
    test::write_raster(dem, 32648, 300000.0, 2480000.0, 300.0, 40, 40, [](double x, double) { return 500.0 + x / 1000.0; });
    for (const double resolution : {90.0, 100.0}) {
        const GridSpec grid = GridSpec::covering({303000.0, 2470000.0, 309000.0, 2476000.0}, Metres{resolution}, "EPSG:32648");
        Diagnostics diagnostics;
        const DemLoad load = read_run_dem(dem, grid, diagnostics);
        EXPECT_NEAR(load.native_pixel_m, 300.0, 1e-6);
        EXPECT_EQ(dem_coarser_than_grid(load, Metres{resolution}), resolution == 90.0);
        std::string said;
        for (const Diagnostic& d : diagnostics.all()) said += d.text + "\n";
        if (resolution == 90.0)
            EXPECT_NE(said.find("the DEM's pixels are about 300 m, more than 3 times the analysis grid's 90 m"), std::string::npos)
                << said;
        else
            EXPECT_EQ(said.find("the DEM's pixels"), std::string::npos) << said;
    }
}

/// The fixture on flat ground with one omni 3G cell and free space; `landcover` set to a raster
/// of one class (7) and a class table giving it `loss_db`.
RunConfig flat_free_space(CliFixture& f, double loss_db, bool with_landcover) {
    test::write_raster(f.dem, 32648, f.centre_x - 3000.0, f.centre_y + 3000.0, 30.0, 200, 200, [](double, double) { return 300.0; });
    test::write_file(f.towers, std::string(test::kTowerHeader) + "T1,Viettel,103.25,22.35,30,3G,2140,58,,,\n");
    RunConfig c = fixture_config(f);
    c.technologies = {Technology::G3};
    c.radio.model = PropagationModel::FreeSpace;
    c.radio.resolution = Metres{30.0};
    // RSCP = 58 − 10 (CPICH share) − FSPL: at 2140 MHz −51.06 − 20·log10(r/km) dBm, which
    // reaches −54.6 dBm at r = 1.50 km, well inside the area analysed.
    c.budget.apply("3g.threshold_dbm=-54.6");
    if (with_landcover) {
        c.inputs.landcover = f.dir.file("landcover.tif");
        test::write_raster(c.inputs.landcover, 32648, f.centre_x - 3000.0, f.centre_y + 3000.0, 10.0, 600, 600,
                           [](double, double) { return 7.0; });
        c.inputs.landcover_classes = f.dir.file("classes.csv");
        test::write_file(c.inputs.landcover_classes, "class,name,height_m,loss_db\n7,forest," + std::string("15,") +
                                                         std::to_string(loss_db) + "\n");
        c.radio.clutter = ClutterModel::Table;
    }
    return c;
}

TEST(PipelineClutter, TableLossLowersEveryLevelAndShrinksTheCoveredDisc) {
    // Flat ground, one omni cell, free space, one land-cover class with a 15 dB loss: every
    // level drops by exactly 15 dB, and the covered disc's radius (EIRP − FSPL(r) = threshold,
    // FSPL growing 20 dB per decade) shrinks by 10^(15/20) = 5.623.
    CliFixture bare_f, forest_f;
    const auto bare = run(flat_free_space(bare_f, 0.0, false));
    const auto forest = run(flat_free_space(forest_f, 15.0, true));
    const auto& a = bare->result.technologies[0].coverage.signal_dbm.values();
    const auto& b = forest->result.technologies[0].coverage.signal_dbm.values();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(std::isnan(a[i]), std::isnan(b[i]));
        if (!std::isnan(a[i])) {
            ASSERT_NEAR(a[i] - b[i], 15.0f, 1e-4f) << "pixel " << i;
        }
    }
    const auto radius_km = [](const RunOutcome& o) {
        const double pixels = static_cast<double>(o.result.technologies[0].summary.covered_pixels);
        return std::sqrt(pixels * 0.03 * 0.03 / std::numbers::pi);
    };
    EXPECT_NEAR(radius_km(*bare), 1.50, 0.02);
    EXPECT_NEAR(radius_km(*forest), 1.50 / std::pow(10.0, 15.0 / 20.0), 0.01);
}

TEST(PipelineCommunes, CoveredWhenTheRequiredShareOfPeopleIs) {
    // The fixture's commune, 0.04° × 0.04° around the cell: 4.118 km × 4.430 km = 18.24 km² (102.96 and
    // 110.75 km per degree at 22.35° N), people spread evenly. The cell covers a disc of 1.50 km
    // (see above): π·1.5² = 7.07 km², 38.8 % of the commune's people. It has signal, but is covered
    // only when --commune-covered-share asks for no more than that.
    CliFixture f;
    RunConfig c = flat_free_space(f, 0.0, false);
    const auto half = run(c);
    const PlaceTechCoverage& commune = half->result.communes[0].per_tech[0].second;
    EXPECT_NEAR(commune.covered_population / half->prepared.communes[0].footprint.population, 0.388, 0.015);
    EXPECT_TRUE(commune.has_signal);
    EXPECT_FALSE(commune.covered);  // default 0.5
    const std::string places = test::read_file(f.out + "/places.csv");
    EXPECT_NE(places.find("3g_covered,3g_covered_share,3g_covered_population,3g_best_dbm,3g_any_signal"), std::string::npos);
    c.gaps.commune_covered_share = 0.35;
    EXPECT_TRUE(run(c)->result.communes[0].per_tech[0].second.covered);
}

TEST(PipelineReport, WorstServedCommunesRankedByTheTargetsTechnology) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    run(c);
    EXPECT_NE(test::read_file(f.out + "/report.md").find("Ranked by people without 4G (the highest technology analysed)"),
              std::string::npos);
    c.inputs.targets = f.dir.file("targets.ini");
    test::write_file(c.inputs.targets, "[population_3g_share]\nmin = 0.5\n");
    run(c);
    EXPECT_NE(test::read_file(f.out + "/report.md").find("Ranked by people without 3G (the highest technology the targets name)"),
              std::string::npos);
}

TEST(PipelineClutter, GeoPackageHoldsTheLandCoverWithItsPalette) {
    // One class, code 7 (not an ESA WorldCover code): stored as 7 with the first colour of the
    // sequence, hue 0 at value 0.9 and chroma 0.63: (0.9, 0.27, 0.27) × 255 = (230, 69, 69);
    // pixels without a class (none here) would be 0, transparent.
    CliFixture f;
    run(flat_free_space(f, 15.0, true));
    GDALDatasetUniquePtr gpkg{GDALDataset::Open(("GPKG:" + f.out + "/phusong.gpkg:landcover").c_str(), GDAL_OF_RASTER)};
    ASSERT_TRUE(gpkg);
    GDALRasterBand* band = gpkg->GetRasterBand(1);
    EXPECT_EQ(band->GetRasterDataType(), GDT_Byte);
    ASSERT_NE(band->GetColorTable(), nullptr);
    const GDALColorEntry* seven = band->GetColorTable()->GetColorEntry(7);
    ASSERT_NE(seven, nullptr);
    EXPECT_EQ((std::array<short, 3>{seven->c1, seven->c2, seven->c3}), (std::array<short, 3>{230, 69, 69}));
    std::vector<std::uint8_t> values(static_cast<std::size_t>(gpkg->GetRasterXSize()) * gpkg->GetRasterYSize());
    ASSERT_EQ(band->RasterIO(GF_Read, 0, 0, gpkg->GetRasterXSize(), gpkg->GetRasterYSize(), values.data(), gpkg->GetRasterXSize(),
                             gpkg->GetRasterYSize(), GDT_Byte, 0, 0),
              CE_None);
    for (const std::uint8_t v : values) ASSERT_EQ(v, 7);
    EXPECT_NE(std::string(gpkg->GetMetadataItem("DESCRIPTION") ? gpkg->GetMetadataItem("DESCRIPTION") : "")
                  .find("land cover classes; " + f.dir.file("classes.csv")),
              std::string::npos);
    // The report lists the class table, its source and each class's share of the grid.
    const std::string report = test::read_file(f.out + "/report.md");
    EXPECT_NE(report.find("From " + f.dir.file("classes.csv") + ". Each receiver loses its class's loss."), std::string::npos) << report;
    EXPECT_NE(report.find("| 7 | forest | 15 | 15.0 | 100.0 % |"), std::string::npos) << report;
    EXPECT_NE(report.find("![Land cover classes](map_landcover.png)"), std::string::npos);
    EXPECT_GT(fs::file_size(f.out + "/map_landcover.png"), 1000u);
}

TEST(PipelineClutter, EveryClassHasItsOwnColourAndValueInTheGeoPackage) {
    // GeoPackage PNG tiles store colours, which GDAL turns back into values through the palette:
    // two classes with one colour would read back as one. 16 classes coded 1000–1015 (stored by
    // position, 1–16) over the 200 × 200 grid in bands of 13 columns.
    CliFixture f;
    RunConfig c = flat_free_space(f, 15.0, true);
    test::write_raster(c.inputs.landcover, 32648, f.centre_x - 3000.0, f.centre_y + 3000.0, 10.0, 600, 600,
                       [&](double x, double) { return 1000.0 + std::min(15.0, std::floor((x - f.centre_x + 3000.0) / 390.0)); });
    std::string table = "class,name,height_m,loss_db\n";
    for (int k = 0; k < 16; ++k) table += std::to_string(1000 + k) + ",class " + std::to_string(k) + ",0,0\n";
    test::write_file(c.inputs.landcover_classes, table);
    const auto o = run(c);
    std::set<std::uint8_t> expected;  // the classes on the grid, by position
    for (const std::int32_t code : o->prepared.landcover->classes.values()) expected.insert(static_cast<std::uint8_t>(code - 999));
    ASSERT_GT(expected.size(), 8u);
    GDALDatasetUniquePtr gpkg{GDALDataset::Open(("GPKG:" + f.out + "/phusong.gpkg:landcover").c_str(), GDAL_OF_RASTER)};
    ASSERT_TRUE(gpkg);
    const int w = gpkg->GetRasterXSize(), h = gpkg->GetRasterYSize();
    std::vector<std::uint8_t> values(static_cast<std::size_t>(w) * h);
    ASSERT_EQ(gpkg->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, values.data(), w, h, GDT_Byte, 0, 0), CE_None);
    EXPECT_EQ(std::set<std::uint8_t>(values.begin(), values.end()), expected);
    // And 300 classes all get different colours.
    LandCoverClasses many;
    for (int k = 0; k < 300; ++k) many.classes.push_back({k, "c", Metres{0.0}, Db{0.0}});
    const auto colours = landcover_colours(many);
    EXPECT_EQ(std::set(colours.begin(), colours.end()).size(), 300u);
}

TEST(PipelineClutter, WorldCoverLossesAreP2108ForAReceiverAmongTheClutter) {
    // P.2108 §3.1 at 1.8 GHz, a 1.5 m receiver, 27 m streets (K_ν = 0.342·√1.8 = 0.45884):
    // tree cover, R = 15 m: h_dif = 13.5, θ = atan(13.5/27) = 26.565°, ν = 0.45884·√(13.5 × 26.565)
    // = 8.6893, J = 6.9 + 20·log10(√(8.5893² + 1) + 8.5893) = 31.629, A_h = 25.599 dB;
    // built-up, R = 10 m: θ = 17.475°, ν = 5.5921, A_h = 21.757 dB; shrubland, R = 4 m: 11.573 dB.
    std::map<int, double> loss;
    for (const LandCoverClass& k : worldcover_classes().classes) loss[k.code] = k.loss.value();
    EXPECT_NEAR(loss.at(10), 25.599, 0.001);
    EXPECT_NEAR(loss.at(50), 21.757, 0.001);
    EXPECT_NEAR(loss.at(20), 11.573, 0.001);
    for (const int open : {30, 40, 60, 70, 80, 90, 100}) EXPECT_EQ(loss.at(open), 0.0) << open;
    EXPECT_EQ(loss.size(), 11u);
}

TEST(PipelineClutter, LandCoverClassNotInTheTableIsNamedWithItsPixels) {
    CliFixture f;
    RunConfig c = flat_free_space(f, 15.0, true);
    test::write_file(c.inputs.landcover_classes, "class,name,height_m,loss_db\n8,rice,0,0\n");
    try {
        run(c);
        FAIL() << "an unknown class was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("class 7 ("), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("is not in the class table " + c.inputs.landcover_classes), std::string::npos) << e.what();
    }
}

/// Flat ground 130 km square around one omni 3G cell (58 dBm EIRP, 2140 MHz), free space, 250 m
/// pixels, no places: the grid is the cell's surroundings.
RunConfig lone_free_space_cell(CliFixture& f) {
    test::write_raster(f.dem, 32648, f.centre_x - 65000.0, f.centre_y + 65000.0, 250.0, 520, 520, [](double, double) { return 300.0; });
    test::write_file(f.towers, std::string(test::kTowerHeader) + "T1,Viettel,103.25,22.35,30,3G,2140,58,,,\n");
    RunConfig c = fixture_config(f);
    c.inputs.villages.clear();
    c.inputs.communes.clear();
    c.technologies = {Technology::G3};
    c.radio.model = PropagationModel::FreeSpace;
    c.radio.resolution = Metres{250.0};
    c.radio.reach = ReachRule::Auto;
    c.radio.radius = Metres{kAutoReachCapM};
    // RSCP = 58 − 10 (CPICH share) − FSPL(d), FSPL(30 km, 2140 MHz) = 20·log10(4π · 30000 m ·
    // 2140e6 Hz / 299792458 m/s) = 20·log10(2 691 046) = 128.598 dB: the budget ends at 30 km
    // for a threshold of 48 − 128.598 = −80.598 dBm.
    c.budget.apply("3g.threshold_dbm=-80.598");
    return c;
}

double covered_km2(const RunOutcome& o) {
    return static_cast<double>(o.result.technologies[0].summary.covered_pixels) * 0.25 * 0.25;
}

TEST(PipelineReach, AutomaticReachEndsWhereTheLinkBudgetDoes) {
    CliFixture f;
    const auto o = run(lone_free_space_cell(f));
    EXPECT_NEAR(covered_km2(*o), std::numbers::pi * 30.0 * 30.0, 0.02 * std::numbers::pi * 30.0 * 30.0);
    ASSERT_EQ(o->result.reach.per_mast.size(), 1u);
    EXPECT_GE(o->result.reach.per_mast[0].value(), 30000.0 - 1.0);
    EXPECT_LE(o->result.reach.per_mast[0].value(), 30500.0);
    EXPECT_EQ(o->result.reach.at_cap, 0u);
}

TEST(PipelineReach, AFixedRadiusCutsTheBudgetsReach) {
    CliFixture f;
    RunConfig c = lone_free_space_cell(f);
    c.radio.reach = ReachRule::Fixed;
    c.radio.radius = Metres{20000.0};
    const auto o = run(c);
    EXPECT_NEAR(covered_km2(*o), std::numbers::pi * 20.0 * 20.0, 0.02 * std::numbers::pi * 20.0 * 20.0);
    EXPECT_EQ(o->result.reach.per_mast[0].value(), 20000.0);
}

TEST(PipelineCrs, WebMercatorIsRefusedForItsScaleError) {
    CliFixture f;
    RunConfig c = fixture_config(f);
    c.crs = "EPSG:3857";
    try {
        run(c);
        FAIL() << "Web Mercator was accepted";
    } catch (const CrsError& e) {
        // Web Mercator puts geodetic latitude φ into the spherical formula y = a·ln tan(π/4 + φ/2), so
        // along the meridian it scales by h = sec φ · (1 − e²sin²φ)^1.5 / (1 − e²). At the commune's
        // south edge, φ = 22.33°, e² = 0.0066944: sec φ = 1.08093, (0.999034)^1.5 / 0.993306 = 1.00529,
        // h = 1.0866: distances 8.7 % too long.
        EXPECT_NE(std::string(e.what()).find("--crs: EPSG:3857 distorts distances by 8.7% at 103.23, 22.33"), std::string::npos)
            << e.what();
    }
}

TEST(PipelineConfig, ValidationNamesTheOption) {
    RunConfig c;
    c.inputs.towers = "t.csv";
    c.inputs.dem = "d.tif";
    c.out = "out";
    c.radio.radius = Metres{500000.0};
    try {
        validate(c);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "--radius-km must be in [0.1, 200], not 500");
    }
    c = RunConfig{};
    c.kind = RunKind::Rank;
    c.inputs.coverage = "c.gpkg";
    c.inputs.dem = "d.tif";
    c.out = "out";
    EXPECT_THROW(validate(c), InputError);  // neither candidates nor --auto
    c.ranking.auto_candidates = 10;
    EXPECT_NO_THROW(validate(c));
}

}  // namespace
}  // namespace phusong
