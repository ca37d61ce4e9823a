// Empirical median path loss for macro cells (COST 231 final report, ch. 4.4):
//   Okumura–Hata, 150–1500 MHz, base 30–200 m, mobile 1–10 m, 1–20 km;
//   COST-231 Hata, 1500–2000 MHz, same heights and distances.
// Outside those ranges the formula is still evaluated and a ModelWarning flag is set.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "geo/units.hpp"

namespace phusong {

enum class HataEnvironment {
    Urban,        ///< small/medium city
    LargeCity,    ///< metropolitan (COST-231: C_m = 3 dB)
    Suburban,
    Open,         ///< rural open area
};

/// Mobile heights the Hata formulas were fitted to, metres; far above them the mobile-height
/// correction grows without bound (a 100 m "mobile" gains over 100 dB).
inline constexpr double kHataMinMobileHeightM = 1.0;
inline constexpr double kHataMaxMobileHeightM = 10.0;

/// "urban", "large-city", "suburban", "open".
std::optional<HataEnvironment> parse_hata_environment(const std::string& name);
/// The name parse_hata_environment accepts.
std::string to_string(HataEnvironment environment);

struct HataResult {
    Db loss;
    std::uint32_t warnings = 0;  ///< ModelWarning flags
};

/// Okumura–Hata loss. Base/mobile heights above ground. Throws ModelDomainError for
/// non-positive distance, frequency or heights.
HataResult okumura_hata_loss(Metres distance, Megahertz frequency, Metres base_height, Metres mobile_height,
                             HataEnvironment environment);

/// COST-231 Hata loss (Urban/LargeCity; Suburban and Open use the Hata corrections on top).
HataResult cost231_hata_loss(Metres distance, Megahertz frequency, Metres base_height, Metres mobile_height,
                             HataEnvironment environment);

}  // namespace phusong
