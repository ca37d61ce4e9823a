// Recommendation ITU-R P.2108-1, "Prediction of clutter loss": the losses that buildings,
// trees and other ground cover add near a terminal, in its three methods:
//   §3.1 height gain terminal correction (one terminal below its clutter, 0.03–3 GHz);
//   §3.2 terrestrial statistical model (a terminal in urban or suburban clutter, 0.5–67 GHz,
//        paths ≥ 0.25 km), a loss not exceeded for p % of locations;
//   §3.3 earth–space and aeronautical statistical model (10–100 GHz).
// Written from the Recommendation's text; input limits and return codes as NTIA's reference
// implementation (github.com/NTIA/p2108), whose test vectors the tests use. Units are in the
// names: __ghz, __meter, __km, __deg, __db; percentages 0–100.
#pragma once

#include <string>

namespace phusong::p2108 {

/// Table 1 of P.2108: the clutter around a terminal.
enum class ClutterType { WaterSea = 1, OpenRural = 2, Suburban = 3, Urban = 4, TreesForest = 5, DenseUrban = 6 };

// Return codes (NTIA P.2108): 0 success, else the first input out of range.
inline constexpr int kSuccess = 0;
inline constexpr int kErrorHeightGainFrequency = 0x20;      ///< f outside [0.03, 3] GHz
inline constexpr int kErrorHeightGainTerminalHeight = 0x21; ///< h ≤ 0 m
inline constexpr int kErrorStreetWidth = 0x22;              ///< w_s ≤ 0 m
inline constexpr int kErrorClutterHeight = 0x23;            ///< R ≤ 0 m
inline constexpr int kErrorClutterType = 0x24;              ///< not one of Table 1's types
inline constexpr int kErrorTerrestrialFrequency = 0x30;     ///< f outside [0.5, 67] GHz
inline constexpr int kErrorTerrestrialDistance = 0x31;      ///< d < 0.25 km
inline constexpr int kErrorTerrestrialPercentage = 0x32;    ///< p outside (0, 100)
inline constexpr int kErrorAeronauticalFrequency = 0x40;    ///< f outside [10, 100] GHz
inline constexpr int kErrorElevationAngle = 0x41;           ///< θ outside [0, 90]°
inline constexpr int kErrorAeronauticalPercentage = 0x42;   ///< p outside (0, 100)

struct Result {
    int return_code = kSuccess;
    double loss__db = 0.0;  ///< undefined unless return_code == kSuccess

    [[nodiscard]] bool ok() const { return return_code == kSuccess; }
};

/// §3.1: the additional loss A_h of a terminal `h__meter` above ground among clutter of
/// representative height `R__meter` (0 when h ≥ R), with street width `w_s__meter` (27 m
/// nominally), at `f__ghz`.
Result height_gain_terminal_correction(double f__ghz, double h__meter, double w_s__meter, double R__meter,
                                       ClutterType clutter);

/// §3.2: the clutter loss L_ctt not exceeded for `p` % of locations, for a terrestrial path of
/// `d__km` with a terminal in urban or suburban clutter.
Result terrestrial_statistical(double f__ghz, double d__km, double p);

/// §3.3: the clutter loss L_ces not exceeded for `p` % of locations for a path at elevation
/// `theta__deg` from a terminal in clutter.
Result aeronautical_statistical(double f__ghz, double theta__deg, double p);

/// What a return code means, for messages ("frequency must be in [0.5, 67] GHz", …).
std::string describe_return_code(int code);

}  // namespace phusong::p2108
