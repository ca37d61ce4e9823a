#include "coverage/link_budget.hpp"

#include <charconv>
#include <cmath>

#include "geo/errors.hpp"

namespace phusong {

LinkBudget::LinkBudget() {
    budgets_[Technology::G2] = {"RxLev", Db{0.0}, Dbm{-95.0}};
    budgets_[Technology::G3] = {"RSCP", Db{-10.0}, Dbm{-100.0}};
    budgets_[Technology::G4] = {"RSRP", Db{-10.0 * std::log10(1200.0)}, Dbm{-110.0}};
    budgets_[Technology::G5] = {"SS-RSRP", Db{-10.0 * std::log10(3276.0)}, Dbm{-110.0}};
}

void LinkBudget::apply(const std::string& setting) {
    const TechSetting parsed = parse_tech_setting(setting, "--link-budget", "4g.threshold_dbm=-110");
    const InputLocation where{"--link-budget", "'" + setting + "'", ""};
    const std::string& text = parsed.value;
    double value = 0.0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value))
        throw InputError(where, "'" + text + "' is not a number");
    TechnologyBudget& b = budgets_[parsed.technology];
    if (parsed.field == "threshold_dbm") {
        if (value < -200.0 || value > 0.0) throw InputError(where, "threshold must be in [-200, 0] dBm");
        b.threshold = Dbm{value};
    } else if (parsed.field == "reference_share_db") {
        if (value < -60.0 || value > 0.0) throw InputError(where, "reference share must be in [-60, 0] dB");
        b.reference_share = Db{value};
    } else {
        throw InputError(where, "unknown field '" + parsed.field + "' (expected threshold_dbm or reference_share_db)");
    }
}

}  // namespace phusong
