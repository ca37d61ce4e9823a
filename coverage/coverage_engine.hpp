// Predicts received signal over the analysis grid for every transmitter and combines them
// into best-server rasters per technology.
//
// Transmitters are grouped by mast (same position and antenna height); each mast's cells
// share its terrain and path analysis. Two engines predict a mast (CoverageSettings::engine):
// - sweep (default, coverage/sweep_engine.hpp): ITM evaluated at the samples of radials
//   whose number doubles by range rings, with the terrain analysis kept incrementally along
//   each radial; each pixel takes the loss of the samples nearest it.
// - per-pixel (coverage/per_pixel_engine.hpp): the model over a profile built for each pixel,
//   the reference the sweep engine is measured against (bench/engine_accuracy.cpp).
// Only ITM has a sweep form; the other models always run per pixel.
//
// Parallelism: masts are processed one after another; the rays and pixels of each mast are
// shared among `threads` workers, so one mast alone keeps every core busy and memory holds
// one mast's tables at a time. Every ray and pixel writes its own slots, and merging uses
// "strongest signal wins, ties go to the lower cell index": results are bit-identical
// whatever the thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "coverage/antenna.hpp"
#include "coverage/hata.hpp"
#include "coverage/itm/itm.hpp"
#include "coverage/receiver_clutter.hpp"
#include "coverage/spm.hpp"
#include "geo/grid.hpp"
#include "geo/network.hpp"
#include "geo/units.hpp"

namespace phusong {

enum class PropagationModel { FreeSpace, Deygout, OkumuraHata, Cost231Hata, Itm, Spm, P1812 };

enum class CoverageEngine { Sweep, PerPixel };

/// How far each mast is predicted: a fixed radius, or the reach its link budget and the model
/// allow (coverage/mast_reach.hpp), up to the radius.
enum class ReachRule { Fixed, Auto };

/// "sweep", "per-pixel".
std::optional<CoverageEngine> parse_coverage_engine(const std::string& name);
std::string to_string(CoverageEngine engine);
/// The engine that runs `model` when `requested` is asked for: only ITM has a sweep form.
CoverageEngine effective_engine(PropagationModel model, CoverageEngine requested);

/// "fspl", "deygout", "hata", "cost231", "itm", "spm".
std::optional<PropagationModel> parse_propagation_model(const std::string& name);
std::string to_string(PropagationModel model);

/// One cell placed in the analysis CRS, ready for prediction.
struct Transmitter {
    std::int32_t cell_index = 0;   ///< written to the server raster; caller's numbering
    XY position;                   ///< analysis CRS, metres
    Metres antenna_height{30.0};   ///< above ground
    Technology technology = Technology::G3;
    Megahertz frequency{2100.0};
    Dbm reference_eirp{0.0};       ///< EIRP of the measured reference signal (see LinkBudget)
    AntennaPattern antenna;
    /// Group of the cell (an operator), < CoverageSettings::groups: each group also gets its own
    /// best level (TechnologyCoverage::group_signal_dbm).
    std::uint16_t group = 0;
};

/// Longley–Rice parameters for coverage (defaults: NTIA's usual continental temperate
/// values, median time/location/situation, mobile variability without location spread —
/// the setting SPLAT! uses).
struct ItmSettings {
    itm::Climate climate = itm::Climate::ContinentalTemperate;
    double N_0 = 301.0;          ///< N-units
    itm::Polarization polarization = itm::Polarization::Vertical;
    double epsilon = 15.0;       ///< relative permittivity
    double sigma = 0.005;        ///< conductivity, S/m
    int mdvar = 12;
    double time = 50.0, location = 50.0, situation = 50.0;  ///< percent
};

/// ITM's environment for these settings at `frequency` (MHz; 0 where each link sets its own).
inline itm::Environment itm_environment(const ItmSettings& s, double frequency_mhz) {
    return {s.climate, s.N_0, frequency_mhz, s.polarization, s.epsilon, s.sigma, s.mdvar};
}

/// The sweep engine's sampling (see coverage/sweep_engine.hpp).
struct SweepSettings {
    /// Radial samples per grid step: the profile spacing along each radial is step/this.
    std::size_t samples_per_step = 2;
    /// Largest gap between neighbouring radials, in grid steps: radials double at the range
    /// where the gap would exceed it.
    double max_ray_gap_steps = 0.5;
    /// ITM's Δh is computed exactly at every sample up to here, then at knots this fraction
    /// of their distance apart, and interpolated between knots.
    std::size_t exact_delta_h_samples = 16;
    double delta_h_knot_spacing = 1.0 / 8.0;
};

/// A calibrated correction added to every path loss (dB): offset + slope·log10(d_km), with d the
/// path length (at least 1 m). Zero by default; `phusong calibrate` fits it to measurements.
struct DistanceCorrection {
    double offset_db = 0.0;
    double slope_db_per_decade = 0.0;
    [[nodiscard]] bool is_zero() const { return offset_db == 0.0 && slope_db_per_decade == 0.0; }
    /// The correction (dB) at a path of `distance_m` metres.
    [[nodiscard]] double at(double distance_m) const;
};

/// ITU-R P.1812 in a coverage run (coverage/p1812.hpp). Every path is inland (zone A2), away
/// from the coast; its representative clutter heights come from the land cover.
struct P1812Settings {
    double time_percent = 50.0;      ///< p, 1–50 %
    double location_percent = 50.0;  ///< pL, 1–99 %
    double DN = 52.0;                ///< refractivity lapse rate, N-units/km (see README: Vietnam's defaults)
    double N0 = 350.0;               ///< sea-level surface refractivity, N-units
    /// Path-centre latitude (degrees) for β0: the analysis area's centre for every path (β0
    /// changes by under 1 % across a province).
    double latitude_deg = 22.0;
    /// Representative clutter height per pixel of the DEM's grid, metres (nullptr: none). It raises
    /// every profile point but the terminals, and sets σL at the receiver (§4.8).
    const Grid<float>* clutter_height_m = nullptr;
};

struct CoverageSettings {
    PropagationModel model = PropagationModel::Itm;
    CoverageEngine engine = CoverageEngine::Sweep;
    SweepSettings sweep;
    ItmSettings itm;
    Metres radius{20000.0};              ///< prediction range from each mast; ReachRule::Auto: its cap
    ReachRule reach = ReachRule::Fixed;
    Metres rx_height{1.5};               ///< receiver above ground
    double earth_radius_factor = 4.0 / 3.0;
    HataEnvironment hata_environment = HataEnvironment::Open;
    /// SPM only: its coefficients (calibrated); nullopt: default_spm_coefficients at each frequency.
    std::optional<SpmCoefficients> spm;
    /// Added to every path loss of the model (a calibration's correction of ITM).
    DistanceCorrection correction;
    /// Clutter loss at the receiver, subtracted from every level (its grids on the DEM's grid).
    ReceiverClutter clutter;
    P1812Settings p1812;
    std::size_t max_profile_points = 256;  ///< Deygout, SPM and P.1812 only: pixel profiles have at most this many intervals
    /// Per-pixel engine: rays per pixel of circumference at the edge of the radius (≥ 1); more rays bring each
    /// pixel's profile closer to the straight line to its centre, at the cost of terrain sampling.
    double ray_oversampling = 2.0;
    /// Per-pixel engine: terrain samples per grid step along each ray (≥ 1); profiles are interpolated from them.
    std::size_t ray_subsamples = 4;
    unsigned threads = 1;
    /// Transmitter groups (operators): above 1, each technology also keeps each group's best level.
    std::size_t groups = 1;
    /// Called after each mast is merged, with (masts done, masts total); from any thread,
    /// never concurrently.
    std::function<void(std::size_t, std::size_t)> on_mast_done;
};

struct TechnologyCoverage {
    Technology technology = Technology::G3;
    Dbm covered_level{0.0};
    Grid<float> signal_dbm;              ///< best received level, dBm; NaN = no cell reaches
    Grid<std::int32_t> server;           ///< cell_index of the best server; −1 = none
    Grid<std::uint16_t> servers_above;   ///< cells at or above covered_level
    /// With CoverageSettings::groups > 1: the best level of each group's cells, dBm (NaN = none
    /// reaches); the whole-network signal_dbm is the highest of them. Empty otherwise.
    std::vector<Grid<float>> group_signal_dbm;
};

/// How far the masts of a run were predicted.
struct MastReaches {
    std::vector<Metres> per_mast;          ///< range predicted per mast, in order of first appearance
    std::size_t at_cap = 0;                ///< ReachRule::Auto: masts whose reach the cap (settings.radius) cut
    std::size_t cut_for_memory = 0;        ///< ReachRule::Auto: masts whose reach was shortened to fit in memory
    std::size_t at_grid_edge = 0;          ///< ReachRule::Auto: masts still within reach of the covered level where the grid ends
};

struct CoverageResult {
    std::vector<TechnologyCoverage> technologies;  ///< in the order of the covered_levels keys
    std::uint32_t model_warnings = 0;              ///< ModelWarning flags seen anywhere (Hata models)
    std::uint32_t itm_warnings = 0;                ///< ITM warning flags seen anywhere
    std::size_t masts_off_dem = 0;                 ///< masts skipped: no terrain at their foot
    MastReaches reach;
};

/// The cells' frequencies (MHz), each once, ascending.
std::vector<double> distinct_frequencies_mhz(std::span<const Transmitter> cells);
std::vector<double> distinct_frequencies_mhz(std::span<const Transmitter* const> cells);

/// Memory the engine's per-mast tables take (bytes) for a radius and grid resolution, one
/// frequency — its largest allocation besides the result rasters.
std::size_t ray_table_bytes(Metres radius, Metres resolution, const CoverageSettings& settings);

/// Above this for one mast — its tables and a level per cell and pixel — predict_coverage refuses
/// to run (ModelDomainError) instead of exhausting memory.
inline constexpr std::size_t kMaxRayTableBytes = std::size_t{2} << 30;  // 2 GiB

/// Predicts coverage on the grid of `dem` (elevations in metres, analysis CRS).
/// `covered_levels` selects the technologies to produce (an empty technology yields an
/// all-NaN raster) and their covered thresholds (threshold + margin).
CoverageResult predict_coverage(const Grid<float>& dem, std::span<const Transmitter> transmitters,
                                const std::map<Technology, Dbm>& covered_levels, const CoverageSettings& settings);

}  // namespace phusong
