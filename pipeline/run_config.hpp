// The typed configuration of one run, built once — by cli/ from its options, or by any
// program using the library — and read by every step. Enums, not strings: a RunConfig that
// passes validate() names only models, technologies and objectives that exist.
//
// Messages about a RunConfig name the command-line option of each field (`--radius-km`),
// so that a user of the CLI reads the option as typed.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "coverage/calibrated_model.hpp"
#include "coverage/coverage_engine.hpp"
#include "coverage/dead_zones.hpp"
#include "coverage/hata.hpp"
#include "coverage/link_budget.hpp"
#include "coverage/site_ranking.hpp"
#include "geo/network.hpp"
#include "geo/units.hpp"
#include "io/tower_reader.hpp"

namespace phusong {

/// What a run does; decides which inputs it needs and which outputs it writes.
enum class RunKind {
    Analyze,   ///< towers + DEM → prediction → places, gaps, (ranking), every output
    Coverage,  ///< towers + DEM → prediction → one GeoPackage of rasters
    Gaps,      ///< existing signal rasters → places, gaps, every output but the rasters
    Rank,      ///< Gaps, then site ranking over a DEM
};
/// "analyze", "coverage", "gaps", "rank".
std::string_view to_string(RunKind kind);

/// Input files and their field names. Empty paths are absent inputs.
struct RunInputs {
    std::string config;              ///< the INI file the options came from, if any (reported only)
    std::string towers;
    std::string coverage;            ///< Gaps/Rank: GeoPackage with signal_<tech> rasters
    std::string dem;
    std::string villages;
    std::string village_population_field = "population";
    std::string communes;
    std::string commune_population_field = "population";
    /// Gaps/Rank: villages (points) or communes (polygons), told apart by their geometry.
    std::string places;
    std::string places_population_field = "population";
    std::string population_raster;
    /// District outlines (polygons) for the maps; their name is the --district-field when they
    /// have it, else the first of name/commune/village. Empty: the union of each district's communes.
    std::string districts;
    std::string landcover;           ///< categorical land-cover raster (optional)
    std::string landcover_classes;   ///< its class table CSV; empty: ESA WorldCover's built in
    std::string calibration;         ///< calibration.json applied (radio.calibration), reported only
    std::string targets;
    std::string candidates;
    /// District attribute of the communes (or villages). nullopt: "district" when the layer
    /// has it; a name given explicitly must exist.
    std::optional<std::string> district_field;
    /// Name attributes of the villages (or places) and of the communes; empty: the first of
    /// name/commune/village.
    std::string village_name_field, commune_name_field;
    /// Id attributes of the villages (or places) and of the communes; empty: the feature number.
    /// A stable id lets `compare` match the places of two runs.
    std::string village_id_field, commune_id_field;
    /// Villages' grid-power attribute (yes/no); empty: power unknown.
    std::string village_power_field;
};

/// The cap of `--radius-km auto` (metres). On the real Lai Chau terrain (bench/reach_check.py) ITM
/// without clutter carries 30 m masts' 3G and 4G past 50 km over valleys to far slopes: a 50 km
/// cap bound 23 of 36 masts and doubling it added 1.3 % covered pixels; at 100 km, 2 masts reach
/// it and doubling adds 0.03 %. A mast whose window would not fit in memory is shortened.
inline constexpr double kAutoReachCapM = 100000.0;

struct RadioConfig {
    PropagationModel model = PropagationModel::Itm;
    CoverageEngine engine = CoverageEngine::Sweep;        ///< ITM only; other models run per pixel
    HataEnvironment environment = HataEnvironment::Open;  ///< Hata and COST-231
    std::optional<ClutterModel> clutter;  ///< receiver clutter; nullopt: see clutter_model (pipeline/land_cover.hpp)
    double clutter_percent = 50.0;        ///< P.2108 location percentage
    ItmSettings itm;
    /// P.1812's time and location percentages, ΔN and N0 (its latitude and clutter heights are
    /// the run's: run_coverage_settings).
    P1812Settings p1812;
    Metres resolution{30.0};      ///< analysis grid pixel size
    /// ReachRule::Auto: each mast's reach from its link budget and the model, up to `radius`
    /// (coverage/mast_reach.hpp); Fixed: `radius` for every mast (`--radius-km KM`).
    ReachRule reach = ReachRule::Auto;
    Metres radius{kAutoReachCapM};  ///< prediction range per mast, or the cap of the automatic reach
    Metres rx_height{1.5};        ///< receiver above ground
    /// A calibrated model (`--calibration`): `model` is its model, its coefficients or correction
    /// apply, and its class losses are the receiver clutter (none when it has none).
    std::optional<CalibratedModel> calibration;
};

struct GapConfig {
    Metres settlement_radius{250.0};   ///< a village's disc around its point
    double village_covered_share = 0.5;  ///< share of a village's pixels that must be covered, 0–1
    double commune_covered_share = 0.5;  ///< share of a commune's people who must be covered, 0–1
    DeadZoneFilter dead_zones{0.01, Metres{0.0}};  ///< sliver filter
};

struct RankingConfig {
    std::size_t auto_candidates = 0;   ///< generate this many candidates (0: use inputs.candidates)
    std::size_t select = 10;           ///< sites to pick
    Objective objective = Objective::Population;
    std::optional<double> budget;      ///< total cost of the picks (candidates' cost unit)
    bool exact = false;                ///< also solve the maximal covering problem exactly
    double exact_time_limit_s = 60.0;
    std::optional<Technology> technology;  ///< ranked technology; nullopt = the highest analysed
    /// --upgrade-existing: every existing mast without this technology is also a candidate, at its
    /// own position and height with the technology's default cell, costing `upgrade_cost`.
    std::optional<Technology> upgrade_technology;
    double upgrade_cost = 1.0;
};

struct RunConfig {
    RunKind kind = RunKind::Analyze;
    RunInputs inputs;
    /// Sorted, without repeats. Gaps/Rank: empty means every signal raster of inputs.coverage.
    std::vector<Technology> technologies{Technology::G3, Technology::G4};
    TowerDefaults tower_defaults;      ///< OpenCellID cells and generated candidates
    LinkBudget budget;                 ///< thresholds, reference shares and margin
    RadioConfig radio;
    GapConfig gaps;
    RankingConfig ranking;
    std::string crs;                   ///< analysis CRS; empty = the UTM zone of the area
    /// --district: only these districts' communes and villages are analysed (every mast within
    /// reach still serves them); empty: every place. Each entry is a district's name, or names
    /// separated by commas (a name that itself holds a comma is taken whole when a place has it).
    std::vector<std::string> districts;
    /// Indicators per operator even with one operator (runs with several always have them).
    bool by_operator = false;
    bool operator_rasters = false;     ///< also write each operator's signal raster per technology
    std::filesystem::path out;         ///< output folder (Coverage: the .gpkg file)
    /// Gaps/Rank: take the coverage GeoPackage's remembered settings (pipeline/run_memory.hpp) for
    /// every option not in given_options. The CLI sets it; off, the config is used as it is.
    bool use_remembered_settings = false;
    /// Options the user chose ("model", "link-budget", … as on the command line).
    std::set<std::string> given_options;
    /// The user's own --link-budget and --tech-default settings ("4g.threshold_dbm=-105"), applied
    /// again over the coverage run's remembered ones.
    std::vector<std::string> budget_settings, tower_default_settings;
    /// Gaps/Rank: the coverage GeoPackage whose remembered settings were used ("" when none).
    std::string settings_from;
    unsigned threads = 1;              ///< worker threads, 1–256

    /// Whether the run predicts coverage itself (else it reads signal rasters).
    [[nodiscard]] bool predicts() const { return kind == RunKind::Analyze || kind == RunKind::Coverage; }
    /// Whether the run ranks candidate sites.
    [[nodiscard]] bool ranks() const {
        return kind != RunKind::Coverage && (!inputs.candidates.empty() || ranking.auto_candidates > 0 || ranking.upgrade_technology);
    }
};

/// Checks every value against its range and the inputs the kind needs; InputError naming
/// the option (`--radius-km must be in [0.1, 200]`).
void validate(const RunConfig& config);

/// Checks ITM parameters with ITM's own rules (NTIA ITM 1.4) on a typical link; InputError
/// naming the option (`--n0: …`).
void validate_itm_settings(const ItmSettings& settings);

/// InputError naming --rx-height-m when `model` cannot take a receiver at `rx_height`: the
/// Hata models only mobiles of 1–10 m (their fitted range), ITM at least 0.5 m.
void check_rx_height_for_model(PropagationModel model, Metres rx_height);

/// The coverage engine's settings for this run's radio configuration and threads.
CoverageSettings coverage_settings(const RunConfig& config);

/// The district field to read: the one named, else "district".
inline std::string district_field_of(const RunInputs& inputs) { return inputs.district_field.value_or("district"); }

}  // namespace phusong
