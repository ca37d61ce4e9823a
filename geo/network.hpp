// Records shared by readers (io/) and models (coverage/): radio technologies, cells of the
// tower inventory, and places with population. Plain values; units in types.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/grid.hpp"
#include "geo/units.hpp"

namespace phusong {

enum class Technology { G2, G3, G4, G5 };

inline constexpr std::array<Technology, 4> kAllTechnologies{Technology::G2, Technology::G3,
                                                            Technology::G4, Technology::G5};

/// "2G", "3G", "4G", "5G".
std::string_view to_string(Technology t);
/// Lower-case key used in layer and file names: "2g", "3g", …
std::string_view to_key(Technology t);
/// Accepts 2G/3G/4G/5G in any case; nullopt otherwise.
std::optional<Technology> parse_technology(std::string_view text);

/// One "TECH.FIELD=VALUE" setting of a repeatable option (--link-budget, --tech-default).
struct TechSetting {
    Technology technology = Technology::G3;
    std::string field;  ///< lower case, spaces trimmed
    std::string value;  ///< as written, spaces trimmed
};
/// Splits `setting`; InputError located at `option` and the setting when it is not of the
/// form TECH.FIELD=VALUE (`example` shows one) or names an unknown technology.
TechSetting parse_tech_setting(const std::string& setting, const std::string& option, const std::string& example);

/// One radio cell: a transmitter of one technology on one antenna (sector or omni).
struct Cell {
    std::string site_id;        ///< cells with the same site_id share a mast position
    std::string operator_name;
    LonLat location;            ///< WGS 84, degrees
    Metres antenna_height{0};   ///< above ground
    Technology technology = Technology::G3;
    Megahertz frequency{0};
    Dbm eirp{0};                ///< total effective isotropic radiated power in the main beam
    std::optional<Degrees> azimuth;  ///< main beam bearing, clockwise from north; none = omni
    Degrees beamwidth{65};      ///< horizontal 3 dB beamwidth (sectors only)
    Degrees downtilt{0};        ///< positive = below the horizon
    std::string origin;         ///< "file: line N" — for messages about this cell
};

/// A place where a new site could be built (candidates for site ranking).
struct CandidateSite {
    std::string id;
    std::string name;
    LonLat location;                         ///< WGS 84, degrees
    std::optional<Metres> antenna_height;    ///< above ground; none = the technology's default
    std::optional<Technology> technology;    ///< none = the technology being ranked
    double cost = 1.0;                       ///< any unit (> 0), for --budget
    std::string origin;                      ///< "file: line N" / "file: feature N"
    bool upgrade = false;                    ///< an existing mast gaining the technology (--upgrade-existing)
};

/// Kind of geometry a place layer holds.
enum class PlaceGeometry { Point, Polygon };

/// A populated place: a village (point) or an area such as a commune (polygon).
struct Place {
    std::string id;
    std::string name;
    double population = 0.0;                 ///< people, ≥ 0
    std::vector<unsigned char> wkb_lonlat;   ///< geometry in WGS 84 (lon, lat), WKB
    std::vector<std::pair<std::string, std::string>> attributes;  ///< input fields as text
    std::string origin;                      ///< "file: feature N"

    /// The value of the attribute `field` ("" when the place has none).
    [[nodiscard]] std::string attribute(const std::string& field) const {
        for (const auto& [key, value] : attributes)
            if (key == field) return value;
        return {};
    }
};

struct PlaceLayer {
    std::string source;
    PlaceGeometry geometry = PlaceGeometry::Point;
    std::vector<Place> places;
    std::vector<std::string> field_names;    ///< attribute names in input order
};

}  // namespace phusong
