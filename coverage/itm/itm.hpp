// The ITS Irregular Terrain Model (Longley–Rice) as NTIA's ITM 1.4 library computes it, with
// its input limits, return codes and warning flags (ERRORS_AND_WARNINGS.md). The structure and
// symbols follow G. A. Hufford's description of version 1.2.2 ("The ITS Irregular Terrain
// Model, version 1.2.2: The Algorithm", 1985) and NTIA Report 82-100; where 1.4 changed a
// formula or constant, phusong uses 1.4's, so its results agree with NTIA 1.4 to rounding:
//   * line-of-sight weighting 1/(1 + f[MHz]·Δh/max(10 km, d_sML)) (1.2.2: 0.021/(0.021 + k·Δh/…));
//   * two-ray phase folded with π: φ > π/2 → π − (π/2)²/φ (1.2.2: 1.57, 3.14 − 2.4649/φ), and
//     −10·log10 for the two-ray and knife-edge losses (1.2.2: 4.343·ln);
//   * log term of the line-of-sight curve kept for a diffraction intercept > 0 (1.2.2: ≥ 0);
//   * ground: ε_r = ε + j·18000·σ/f (1.2.2: 376.62·σ/k = 17964.8·σ/f);
//   * smooth-earth diffraction in Vogler's three-radii form (a_0 = 6370 km, K = 0.017778·C_0·
//     f^−⅓/|Z_g|, x = (1.607 − K)·C_0²·f^⅓·d[km], G = 0.05751x − 10·log10 x), and the clutter
//     factor 5·log10(1 + 1e-5·h_1·h_2·f·σ_h) (1.2.2: Hufford's rounded equivalents);
//   * diffraction line through d_3 = max(d_sML, d_ML + 5u) and d_3 + 10u, scatter onset
//     d_ML + 1.088·u·ln f, with u = (a_e²/f)^⅓ (1.2.2: 1.3787, 2.7574 and 0.3 times (k·γ_e²)^−⅓);
//   * confidence/reliability requests are TLS requests with location = 50 % (1.2.2: z_L = 0),
//     which matters in broadcast mode only.
//
// Units are in the names: __meter, __km, __mhz, __db; angles in radians; percentages 0–100.
// Invalid inputs give a return code ≥ 1000 and no loss; a valid result may carry warning
// flags (return code 1).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace phusong::itm {

enum class Polarization { Horizontal = 0, Vertical = 1 };

enum class Climate {
    Equatorial = 1,
    ContinentalSubtropical = 2,
    MaritimeSubtropical = 3,
    Desert = 4,
    ContinentalTemperate = 5,
    MaritimeTemperateOverLand = 6,
    MaritimeTemperateOverSea = 7,
};

enum class SitingCriteria { Random = 0, Careful = 1, VeryCareful = 2 };

enum class PropagationMode { NotSet = 0, LineOfSight = 1, Diffraction = 2, Troposcatter = 3 };

// Return codes (NTIA ITM 1.4).
inline constexpr int kSuccess = 0;
inline constexpr int kSuccessWithWarnings = 1;
inline constexpr int kErrorTxTerminalHeight = 1000;
inline constexpr int kErrorRxTerminalHeight = 1001;
inline constexpr int kErrorInvalidRadioClimate = 1002;
inline constexpr int kErrorInvalidTime = 1003;
inline constexpr int kErrorInvalidLocation = 1004;
inline constexpr int kErrorInvalidSituation = 1005;
inline constexpr int kErrorInvalidConfidence = 1006;
inline constexpr int kErrorInvalidReliability = 1007;
inline constexpr int kErrorRefractivity = 1008;
inline constexpr int kErrorFrequency = 1009;
inline constexpr int kErrorPolarization = 1010;
inline constexpr int kErrorEpsilon = 1011;
inline constexpr int kErrorSigma = 1012;
inline constexpr int kErrorGroundImpedance = 1013;
inline constexpr int kErrorMdvar = 1014;
inline constexpr int kErrorEffectiveEarth = 1016;
inline constexpr int kErrorPathDistance = 1017;
inline constexpr int kErrorDeltaH = 1018;
inline constexpr int kErrorTxSitingCriteria = 1019;
inline constexpr int kErrorRxSitingCriteria = 1020;
inline constexpr int kErrorSurfaceRefractivitySmall = 1021;
inline constexpr int kErrorSurfaceRefractivityLarge = 1022;

// Warning flags (NTIA ITM 1.4), OR-ed together.
inline constexpr std::uint32_t kWarnTxTerminalHeight = 0x0001;
inline constexpr std::uint32_t kWarnRxTerminalHeight = 0x0002;
inline constexpr std::uint32_t kWarnFrequency = 0x0004;
inline constexpr std::uint32_t kWarnPathDistanceTooBig1 = 0x0008;
inline constexpr std::uint32_t kWarnPathDistanceTooBig2 = 0x0010;
inline constexpr std::uint32_t kWarnPathDistanceTooSmall1 = 0x0020;
inline constexpr std::uint32_t kWarnPathDistanceTooSmall2 = 0x0040;
inline constexpr std::uint32_t kWarnTxHorizonAngle = 0x0080;
inline constexpr std::uint32_t kWarnRxHorizonAngle = 0x0100;
inline constexpr std::uint32_t kWarnTxHorizonDistance1 = 0x0200;
inline constexpr std::uint32_t kWarnRxHorizonDistance1 = 0x0400;
inline constexpr std::uint32_t kWarnTxHorizonDistance2 = 0x0800;
inline constexpr std::uint32_t kWarnRxHorizonDistance2 = 0x1000;
inline constexpr std::uint32_t kWarnExtremeVariabilities = 0x2000;
inline constexpr std::uint32_t kWarnSurfaceRefractivity = 0x4000;

/// Radio environment common to both modes.
struct Environment {
    Climate climate = Climate::ContinentalTemperate;
    double N_0 = 301.0;          ///< sea-level surface refractivity, N-units [250, 400]
    double f__mhz = 0.0;         ///< frequency [20, 20000]
    Polarization pol = Polarization::Vertical;
    double epsilon = 15.0;       ///< relative permittivity of the ground (> 1)
    double sigma = 0.005;        ///< ground conductivity, S/m (> 0)
    int mdvar = 12;              ///< mode of variability 0–3, +10 no location, +20 no situation variability
};

/// Time/location/situation variability, percent in (0, 100).
struct TimeLocationSituation {
    double time = 50.0;
    double location = 50.0;
    double situation = 50.0;
};

/// Confidence/reliability variability, percent in (0, 100).
struct ConfidenceReliability {
    double confidence = 50.0;
    double reliability = 50.0;
};

/// Values computed on the way, as NTIA's *_Ex functions report them.
struct IntermediateValues {
    std::array<double, 2> theta_hzn{};      ///< horizon angles, radians (tx, rx)
    std::array<double, 2> d_hzn__meter{};   ///< horizon distances
    std::array<double, 2> h_e__meter{};     ///< effective heights
    double N_s = 0.0;                       ///< surface refractivity, N-units
    double delta_h__meter = 0.0;            ///< terrain irregularity
    double A_ref__db = 0.0;                 ///< reference attenuation
    double A_fs__db = 0.0;                  ///< free-space loss (32.45 + 20 log f + 20 log d)
    double d__km = 0.0;                     ///< path distance
    PropagationMode mode = PropagationMode::NotSet;
};

struct Result {
    int return_code = kSuccess;     ///< kSuccess, kSuccessWithWarnings or an error ≥ 1000
    std::uint32_t warnings = 0;     ///< warning flags
    double A__db = 0.0;             ///< basic transmission loss (undefined on error)
    IntermediateValues values;

    [[nodiscard]] bool ok() const { return return_code < 1000; }
};

/// Point-to-point mode over a terrain profile in NTIA PFL layout: pfl[0] = number of
/// intervals, pfl[1] = spacing (m), pfl[2…] = elevations (m) from transmitter to receiver.
/// Heights are structural heights above ground at each end.
Result p2p_tls(double h_tx__meter, double h_rx__meter, std::span<const double> pfl, const Environment& env,
               const TimeLocationSituation& variability);
Result p2p_cr(double h_tx__meter, double h_rx__meter, std::span<const double> pfl, const Environment& env,
              const ConfidenceReliability& variability);

/// p2p_tls at several frequencies over one profile. The terrain analysis (horizons, Δh,
/// effective heights) does not depend on frequency and is done once; `env.f__mhz` is
/// ignored and results[i] is the result at frequencies_mhz[i] (same size spans).
void p2p_tls_frequencies(double h_tx__meter, double h_rx__meter, std::span<const double> pfl, const Environment& env,
                         std::span<const double> frequencies_mhz, const TimeLocationSituation& variability,
                         std::span<Result> results);

/// Area mode: distance and terrain irregularity instead of a profile.
Result area_tls(double h_tx__meter, double h_rx__meter, SitingCriteria tx_siting, SitingCriteria rx_siting,
                double d__km, double delta_h__meter, const Environment& env, const TimeLocationSituation& variability);
Result area_cr(double h_tx__meter, double h_rx__meter, SitingCriteria tx_siting, SitingCriteria rx_siting,
               double d__km, double delta_h__meter, const Environment& env, const ConfidenceReliability& variability);

/// Short description of a return code ("TX terminal height is out of range", …).
std::string describe_return_code(int code);
/// Descriptions of the set warning flags, "; "-separated.
std::string describe_warnings(std::uint32_t flags);

/// Standard normal deviate exceeded with probability q (0 < q < 1), Abramowitz & Stegun
/// 26.2.23 (|error| < 4.5e-4): the Q⁻¹ that turns ITM's percentages into deviates.
double inverse_complementary_normal(double q);

}  // namespace phusong::itm
