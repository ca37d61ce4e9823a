// Per-technology link budget: what part of the cell's total EIRP the coverage metric
// measures, and the level that counts as covered.
//
// Defaults (documented in README.md):
//   tech  metric              reference-signal share of total EIRP          threshold
//   2G    RxLev (BCCH)         0 dB (BCCH carrier at full power)           −95 dBm
//   3G    RSCP (CPICH)       −10 dB (CPICH = 10 % of carrier power)        −100 dBm
//   4G    RSRP               −30.8 dB (one of 1,200 subcarriers, 20 MHz)   −110 dBm
//   5G    SS-RSRP            −35.1 dB (one of 3,276 subcarriers, 100 MHz)  −110 dBm
// A margin (dB, default 0) is added to every threshold to plan for fading and body loss.
#pragma once

#include <map>
#include <string>

#include "geo/network.hpp"
#include "geo/units.hpp"

namespace phusong {

struct TechnologyBudget {
    std::string metric;        ///< "RSCP", "RSRP", …
    Db reference_share;        ///< reference-signal EIRP = total EIRP + reference_share
    Dbm threshold;             ///< minimum level counted as covered, before the margin
};

class LinkBudget {
public:
    LinkBudget();
    [[nodiscard]] const TechnologyBudget& operator[](Technology t) const { return budgets_.at(t); }
    [[nodiscard]] Db margin() const { return margin_; }
    void set_margin(Db margin) { margin_ = margin; }
    /// Level at or above which a pixel counts as covered: threshold + margin.
    [[nodiscard]] Dbm covered_level(Technology t) const { return budgets_.at(t).threshold + margin_; }
    /// Applies "TECH.threshold_dbm=VALUE" or "TECH.reference_share_db=VALUE";
    /// InputError naming the setting when malformed.
    void apply(const std::string& setting);

private:
    std::map<Technology, TechnologyBudget> budgets_;
    Db margin_{0.0};
};

}  // namespace phusong
