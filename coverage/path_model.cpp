#include "coverage/path_model.hpp"

#include <algorithm>
#include <vector>

#include "coverage/deygout.hpp"
#include "coverage/fspl.hpp"
#include "coverage/p1812.hpp"
#include "coverage/spm.hpp"
#include "geo/errors.hpp"

namespace phusong {
namespace {

Db distance_loss(const CoverageSettings& s, Metres d, Megahertz f, Metres tx_height, std::uint32_t& warnings) {
    switch (s.model) {
        case PropagationModel::OkumuraHata: {
            const HataResult h = okumura_hata_loss(d, f, tx_height, s.rx_height, s.hata_environment);
            warnings |= h.warnings;
            return h.loss;
        }
        case PropagationModel::Cost231Hata: {
            const HataResult h = cost231_hata_loss(d, f, tx_height, s.rx_height, s.hata_environment);
            warnings |= h.warnings;
            return h.loss;
        }
        default: return free_space_loss(d, f);
    }
}

}  // namespace

std::size_t PathModel::profile_intervals(std::size_t grid_intervals) const {
    switch (settings_.model) {
        case PropagationModel::Itm: return grid_intervals;
        case PropagationModel::Deygout:
        case PropagationModel::Spm: return std::min(grid_intervals, std::max<std::size_t>(2, settings_.max_profile_points));
        case PropagationModel::P1812: return std::max<std::size_t>(4, std::min(grid_intervals, settings_.max_profile_points));
        default: return std::min<std::size_t>(grid_intervals, 1);
    }
}

void PathModel::losses(std::span<const double> pfl, PathEnds ends, Metres tx_height, std::span<const double> frequencies_mhz,
                       std::span<double> loss_db, std::uint32_t& warnings, std::uint32_t& itm_warnings) const {
    model_losses(pfl, ends, tx_height, frequencies_mhz, loss_db, warnings, itm_warnings);
    if (settings_.correction.is_zero()) return;
    const double correction = settings_.correction.at(pfl[0] * pfl[1]);
    for (std::size_t f = 0; f < frequencies_mhz.size(); ++f) loss_db[f] += correction;
}

void PathModel::p1812_losses(std::span<const double> pfl, PathEnds ends, Metres tx_height, std::span<const double> frequencies_mhz,
                             std::span<double> loss_db) const {
    const P1812Settings& s = settings_.p1812;
    const auto k = static_cast<std::size_t>(pfl[0]);
    const double spacing = pfl[1];
    thread_local p1812::Profile profile;
    profile.d_km.resize(k + 1);
    profile.h_m.resize(k + 1);
    profile.R_m.assign(k + 1, 0.0);
    profile.zone.assign(k + 1, p1812::Zone::Inland);
    for (std::size_t i = 0; i <= k; ++i) {
        profile.d_km[i] = static_cast<double>(i) * spacing / 1000.0;
        profile.h_m[i] = pfl[2 + i];
        if (s.clutter_height_m) {
            // The class height of the pixel under each profile point (nearest pixel).
            const double t = static_cast<double>(i) / static_cast<double>(k);
            const XY at{ends.from.x + (ends.to.x - ends.from.x) * t, ends.from.y + (ends.to.y - ends.from.y) * t};
            if (const auto pixel = s.clutter_height_m->spec().pixel_of(at)) profile.R_m[i] = s.clutter_height_m->at(pixel->first, pixel->second);
        }
    }
    p1812::Inputs in;
    in.p_percent = s.time_percent;
    in.pL_percent = s.location_percent;
    in.htg_m = tx_height.value();
    in.hrg_m = settings_.rx_height.value();
    in.polarization = settings_.itm.polarization == itm::Polarization::Horizontal ? p1812::Polarization::Horizontal : p1812::Polarization::Vertical;
    in.DN = s.DN;
    in.N0 = s.N0;
    in.path_centre_latitude_deg = s.latitude_deg;
    in.only_the_loss = true;
    const double wa_m = s.clutter_height_m ? s.clutter_height_m->spec().transform.dx : spacing;
    for (std::size_t f = 0; f < frequencies_mhz.size(); ++f) {
        in.f_ghz = frequencies_mhz[f] / 1000.0;
        in.sigmaL_db = p1812::location_sigma_db(in.f_ghz, in.hrg_m, profile.R_m[k], wa_m);
        loss_db[f] = p1812::basic_transmission_loss(profile, in).Lb;
    }
}

void PathModel::model_losses(std::span<const double> pfl, PathEnds ends, Metres tx_height, std::span<const double> frequencies_mhz,
                             std::span<double> loss_db, std::uint32_t& warnings, std::uint32_t& itm_warnings) const {
    const std::size_t nf = frequencies_mhz.size();
    const auto k = static_cast<std::size_t>(pfl[0]);
    const double spacing = pfl[1];
    const double* z = pfl.data() + 2;
    const Metres d{spacing * static_cast<double>(k)};
    switch (settings_.model) {
        case PropagationModel::Itm: {
            const ItmSettings& s = settings_.itm;
            const itm::Environment env = itm_environment(s, 0.0);
            thread_local std::vector<itm::Result> results;
            results.resize(nf);
            itm::p2p_tls_frequencies(tx_height.value(), settings_.rx_height.value(), pfl, env, frequencies_mhz,
                                     {s.time, s.location, s.situation}, results);
            for (std::size_t f = 0; f < nf; ++f) {
                if (!results[f].ok()) throw ModelDomainError("ITM: " + itm::describe_return_code(results[f].return_code));
                itm_warnings |= results[f].warnings;
                loss_db[f] = results[f].A__db;
            }
            return;
        }
        case PropagationModel::Deygout: {
            const DeygoutGeometry g = deygout_geometry(std::span<const double>(z, k + 1), Metres{spacing}, tx_height,
                                                       settings_.rx_height, settings_.earth_radius_factor);
            for (std::size_t f = 0; f < nf; ++f) {
                const Megahertz freq{frequencies_mhz[f]};
                loss_db[f] = (free_space_loss(d, freq) + deygout_diffraction_loss(g, freq)).value();
            }
            return;
        }
        case PropagationModel::Spm: {
            const SpmPath path = spm_path(std::span<const double>(z, k + 1), Metres{spacing}, tx_height,
                                          settings_.rx_height, settings_.earth_radius_factor);
            for (std::size_t f = 0; f < nf; ++f) {
                const Megahertz freq{frequencies_mhz[f]};
                const SpmCoefficients k_values = settings_.spm ? spm_at(*settings_.spm, freq) : default_spm_coefficients(freq);
                loss_db[f] = spm_loss(k_values, spm_terms(path, freq)).value();
            }
            return;
        }
        case PropagationModel::P1812:
            p1812_losses(pfl, ends, tx_height, frequencies_mhz, loss_db);
            return;
        default:
            for (std::size_t f = 0; f < nf; ++f)
                loss_db[f] = distance_loss(settings_, d, Megahertz{frequencies_mhz[f]}, tx_height, warnings).value();
    }
}

}  // namespace phusong
