// A coverage run remembers the settings its rasters depend on, in its GeoPackage's metadata, so
// that `gaps` and `rank` on those rasters use them without the user repeating every option.
//
// Each remembered setting is written as "run_<option>" = the text the option would take
// ("run_model" = "itm", "run_link-budget" = "3g.threshold_dbm=-100;…"); paths are absolute.
// Remembered: the model and its environment, the reach, the receiver height, the ITM
// parameters, the link budget and margin, the new cells' defaults, the land cover, its class
// table and the receiver clutter, and how places are judged (settlement radius, village and
// commune covered shares).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/run_config.hpp"

namespace phusong {

/// The metadata items recording `config`'s remembered settings.
std::vector<std::pair<std::string, std::string>> remembered_settings(const RunConfig& config);

/// Gaps/Rank: each remembered setting of the coverage run (`metadata` of its GeoPackage `source`)
/// replaces the config's unless the user gave that option (config.given_options). The link
/// budget and the cell defaults are merged: the run's, then the user's own settings
/// (config.budget_settings, config.tower_default_settings) over them. A land cover given anew
/// takes neither the run's class table nor its clutter model; a model or calibration given takes
/// neither the run's model nor its calibration. Returns one note per given option
/// whose value differs from the coverage run's; sets config.settings_from when the GeoPackage
/// remembered anything. InputError naming the source and item when a value cannot be used.
std::vector<std::string> inherit_settings(RunConfig& config, const std::map<std::string, std::string>& metadata,
                                          const std::string& source);

}  // namespace phusong
