#include "coverage/receiver_clutter.hpp"

#include <algorithm>
#include <cmath>

#include "coverage/p2108.hpp"
#include "geo/errors.hpp"

namespace phusong {

std::optional<ClutterModel> parse_clutter_model(const std::string& name) {
    if (name == "none") return ClutterModel::None;
    if (name == "table") return ClutterModel::Table;
    if (name == "p2108") return ClutterModel::P2108;
    return std::nullopt;
}

std::string to_string(ClutterModel model) {
    switch (model) {
        case ClutterModel::None: return "none";
        case ClutterModel::Table: return "table";
        case ClutterModel::P2108: return "p2108";
    }
    return "?";
}

ClutterAtReceivers::ClutterAtReceivers(const ReceiverClutter& clutter, std::span<const double> frequencies_mhz,
                                       double radius_m)
    : clutter_(clutter), frequencies_mhz_(frequencies_mhz.begin(), frequencies_mhz.end()) {
    if (clutter.model != ClutterModel::P2108) return;
    const auto metres = static_cast<std::size_t>(std::ceil(radius_m)) + 2;
    for (const double f : frequencies_mhz_) {
        std::vector<double>& table = p2108_by_metre_.emplace_back(metres);
        for (std::size_t m = 0; m < metres; ++m) {
            const double d_km = std::max(0.25, static_cast<double>(m) / 1000.0);
            const p2108::Result r = p2108::terrestrial_statistical(f / 1000.0, d_km, clutter.location_percent);
            if (!r.ok())
                throw ModelDomainError("P.2108 clutter loss at " + std::to_string(f) + " MHz: " + p2108::describe_return_code(r.return_code));
            table[m] = std::max(0.0, r.loss__db);
        }
    }
}

std::size_t ClutterAtReceivers::index_of(double frequency_mhz) const {
    const auto it = std::find(frequencies_mhz_.begin(), frequencies_mhz_.end(), frequency_mhz);
    if (it == frequencies_mhz_.end())
        throw ModelDomainError("clutter: no loss prepared at " + std::to_string(frequency_mhz) + " MHz");
    return static_cast<std::size_t>(it - frequencies_mhz_.begin());
}

double ClutterAtReceivers::loss_db(std::size_t col, std::size_t row, std::size_t f, double distance_m) const {
    switch (clutter_.model) {
        case ClutterModel::None: return 0.0;
        case ClutterModel::Table: return clutter_.loss_db->at(col, row);
        case ClutterModel::P2108: {
            if (!clutter_.in_clutter->at(col, row)) return 0.0;
            const std::vector<double>& table = p2108_by_metre_[f];
            const double x = std::clamp(distance_m, 0.0, static_cast<double>(table.size() - 2));
            const auto i = static_cast<std::size_t>(x);
            return table[i] + (table[i + 1] - table[i]) * (x - static_cast<double>(i));
        }
    }
    return 0.0;
}

}  // namespace phusong
