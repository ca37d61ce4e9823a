// The settings a coverage run remembers come back as they were written, and merge as documented.
#include <gtest/gtest.h>

#include <map>

#include "geo/errors.hpp"
#include "pipeline/land_cover.hpp"
#include "pipeline/run_memory.hpp"
#include "tests/support/test_support.hpp"

namespace phusong {
namespace {

/// Files the remembered land cover and class table name (a run's files must still exist).
const test::ScratchDir& files() {
    static const test::ScratchDir dir;
    static const bool written = [] {
        test::write_file(dir.file("worldcover.tif"), "");
        test::write_file(dir.file("classes.csv"), "");
        return true;
    }();
    (void)written;
    return dir;
}

/// Every remembered setting away from its default.
RunConfig unusual() {
    RunConfig c;
    c.radio.model = PropagationModel::Cost231Hata;
    c.radio.environment = HataEnvironment::Suburban;
    c.radio.reach = ReachRule::Fixed;
    c.radio.radius = Metres{12500.0};
    c.radio.rx_height = Metres{2.5};
    c.radio.itm.climate = itm::Climate::MaritimeSubtropical;
    c.radio.itm.N_0 = 320.0;
    c.radio.itm.polarization = itm::Polarization::Horizontal;
    c.radio.itm.epsilon = 25.0;
    c.radio.itm.sigma = 0.02;
    c.radio.itm.mdvar = 2;
    c.radio.itm.time = 90.0;
    c.radio.itm.location = 70.0;
    c.radio.itm.situation = 60.0;
    c.budget.set_margin(Db{3.5});
    c.budget.apply("4g.threshold_dbm=-104.5");
    c.budget.apply("3g.reference_share_db=-7");
    c.tower_defaults.apply("4g.freq_mhz=2600");
    c.inputs.landcover = files().file("worldcover.tif");
    c.inputs.landcover_classes = files().file("classes.csv");
    c.radio.clutter = ClutterModel::Table;
    c.radio.clutter_percent = 80.0;
    c.gaps.settlement_radius = Metres{400.0};
    c.gaps.village_covered_share = 0.3;
    c.gaps.commune_covered_share = 0.7;
    return c;
}

std::map<std::string, std::string> as_metadata(const RunConfig& c) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : remembered_settings(c)) out[k] = v;
    return out;
}

TEST(RememberedSettings, EverySettingComesBackAsWritten) {
    const RunConfig original = unusual();
    RunConfig later;
    const auto notes = inherit_settings(later, as_metadata(original), "run.gpkg");
    EXPECT_TRUE(notes.empty());
    EXPECT_EQ(later.settings_from, "run.gpkg");
    EXPECT_EQ(remembered_settings(later), remembered_settings(original));
    EXPECT_EQ(later.radio.model, PropagationModel::Cost231Hata);
    EXPECT_EQ(later.budget.covered_level(Technology::G4).value(), -101.0);  // -104.5 + 3.5
    EXPECT_EQ(later.tower_defaults[Technology::G4].frequency.value(), 2600.0);
    EXPECT_EQ(later.radio.itm.polarization, itm::Polarization::Horizontal);
}

TEST(RememberedSettings, GivenOptionsWinAndBudgetsMerge) {
    RunConfig later;
    later.radio.model = PropagationModel::FreeSpace;
    later.given_options = {"model", "link-budget"};
    later.budget_settings = {"3g.threshold_dbm=-95"};
    const auto notes = inherit_settings(later, as_metadata(unusual()), "run.gpkg");
    EXPECT_EQ(later.radio.model, PropagationModel::FreeSpace);
    // The run's 4G threshold and margin stay; the user's 3G threshold goes over them.
    EXPECT_EQ(later.budget.covered_level(Technology::G4).value(), -101.0);
    EXPECT_EQ(later.budget.covered_level(Technology::G3).value(), -91.5);
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0], "--model fspl differs from the coverage run's cost231, recorded in run.gpkg; this run uses the value given");
    EXPECT_EQ(notes[1].rfind("--link-budget changes the coverage run's settings", 0), 0u) << notes[1];
}

TEST(RememberedSettings, ANewLandCoverKeepsItsOwnClassesAndClutter) {
    RunConfig later;
    later.inputs.landcover = "/elsewhere/lc.tif";
    later.given_options = {"landcover"};
    inherit_settings(later, as_metadata(unusual()), "run.gpkg");
    EXPECT_EQ(later.inputs.landcover, "/elsewhere/lc.tif");
    EXPECT_EQ(later.inputs.landcover_classes, "");           // the built-in table, not the run's
    EXPECT_EQ(clutter_model(later), ClutterModel::P2108);   // the default with land cover
}

TEST(RememberedSettings, AValueThatCannotBeUsedNamesTheItem) {
    RunConfig later;
    try {
        inherit_settings(later, {{"run_landcover", "/moved/away.tif"}}, "run.gpkg");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "run.gpkg: metadata: field 'run_landcover': /moved/away.tif no longer exists: give --landcover (the coverage run used it)");
    }
    try {
        inherit_settings(later, {{"run_model", "telepathy"}}, "run.gpkg");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "run.gpkg: metadata: field 'run_model': unknown model 'telepathy'");
    }
}

}  // namespace
}  // namespace phusong
