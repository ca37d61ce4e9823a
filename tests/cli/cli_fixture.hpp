// A small valid scenario for CLI tests: a 6 km square DEM in UTM 48N around
// (103.25° E, 22.35° N), one 3G+4G site in the middle, three villages and one commune.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace phusong::test {

struct CliFixture {
    ScratchDir dir;
    std::string towers, dem, villages, communes, out;
    double centre_x = 0, centre_y = 0;  ///< UTM 48N metres

    CliFixture();
    /// Arguments for `analyze` on this fixture (fast: 60 m pixels, 3 km radius, quiet).
    [[nodiscard]] std::vector<std::string> analyze_args() const;
};

/// A change to the fixture that the run must tolerate: it returns the warning expected on
/// stderr ("" = none needed). Shared by the catalogue's tolerated cases.
struct ToleratedCase {
    const char* name;
    std::function<std::string(CliFixture&, std::vector<std::string>&)> changes;
};
inline void PrintTo(const ToleratedCase& c, std::ostream* os) { *os << c.name; }

inline constexpr const char* kTowerHeader =
    "site_id,operator,lon,lat,height_m,tech,freq_mhz,eirp_dbm,azimuth_deg,beamwidth_deg,downtilt_deg\n";

/// GeoJSON FeatureCollection of points with a `population` property (text as given).
std::string village_collection(const std::vector<std::string>& populations);

}  // namespace phusong::test
