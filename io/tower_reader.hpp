// Reads the tower inventory into cells (one radio cell per record).
//
// Formats, chosen by content:
//  * phusong CSV: header with site_id, operator, lon, lat, height_m, tech, freq_mhz and either
//    eirp_dbm or tx_power_dbm + antenna_gain_dbi; optional azimuth_deg, beamwidth_deg,
//    downtilt_deg. Rows sharing a site_id are cells of one mast and must share lon/lat.
//  * OpenCellID CSV (radio,mcc,net,area,cell,unit,lon,lat,…), with or without its header:
//    radio GSM/UMTS/LTE/NR → 2G/3G/4G/5G; height, frequency and EIRP come from TowerDefaults.
//    CDMA rows are skipped (counted in the report).
//  * Any other file: an OGR point layer with the phusong CSV field names.
// Every problem is an InputError naming file, line (or feature) and field. Site ids and
// operator names are valid UTF-8: a source's declared encoding is transcoded, invalid bytes
// are replaced with U+FFFD and one warning for the file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "geo/network.hpp"

namespace phusong {

/// Values assumed for a technology when the input does not give them.
struct TechDefaults {
    Metres antenna_height;
    Megahertz frequency;
    Dbm eirp;
};

/// Per-technology defaults (documented in README.md), overridable by the user.
class TowerDefaults {
public:
    /// 2G: 900 MHz; 3G: 2100 MHz; 4G: 1800 MHz; 5G: 3500 MHz; all 30 m masts.
    /// EIRP 58 dBm (2G/3G/4G) and 60 dBm (5G): 20 W (40 W for 5G) into a 18 dBi sector
    /// with 3 dB feeder loss.
    TowerDefaults();
    [[nodiscard]] const TechDefaults& operator[](Technology t) const { return values_.at(t); }
    /// Applies "TECH.FIELD=VALUE", FIELD one of height_m, freq_mhz, eirp_dbm (e.g. "3g.freq_mhz=2100").
    /// InputError naming the setting when malformed.
    void apply(const std::string& setting);

private:
    std::map<Technology, TechDefaults> values_;
};

struct TowerInventory {
    std::string source;
    std::string format;            ///< "phusong-csv", "opencellid", "ogr"
    std::vector<Cell> cells;
    std::size_t skipped_records = 0;  ///< e.g. OpenCellID CDMA rows
    std::vector<InputWarning> warnings;
};

/// Reads towers from `path`. Throws InputError (exit status 2) on any malformed record and
/// when the file holds no cell.
TowerInventory read_towers(const std::string& path, const TowerDefaults& defaults = {});

/// The CSV formats (phusong's and OpenCellID's) from text; `source` names it in messages.
TowerInventory parse_tower_csv(const std::string& text, const std::string& source, const TowerDefaults& defaults = {});

}  // namespace phusong
