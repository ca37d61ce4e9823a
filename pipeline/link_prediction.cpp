#include "pipeline/link_prediction.hpp"

#include "coverage/deygout.hpp"
#include "coverage/spm.hpp"
#include "coverage/fspl.hpp"
#include "coverage/hata.hpp"
#include "coverage/model_warnings.hpp"
#include "geo/errors.hpp"
#include "geo/text_format.hpp"
#include "io/json_writer.hpp"
#include "pipeline/run_config.hpp"

namespace phusong {
namespace {

constexpr double kSpeedOfLightMPerS = 299792458.0;

std::string mode_name(itm::PropagationMode m) {
    switch (m) {
        case itm::PropagationMode::LineOfSight: return "line_of_sight";
        case itm::PropagationMode::Diffraction: return "diffraction";
        case itm::PropagationMode::Troposcatter: return "troposcatter";
        default: return "unknown";
    }
}

}  // namespace

void check_link_request(const LinkRequest& r, const TerrainProfile& profile, const std::string& profile_source) {
    const double f = r.frequency.value();
    if (!(f >= kMinFrequencyMhz && f <= kMaxFrequencyMhz))
        throw InputError("--freq-mhz must be in [" + format_quantity(kMinFrequencyMhz) + ", " + format_quantity(kMaxFrequencyMhz) +
                         "] MHz, not " + format_quantity(f));
    for (const auto& [height, option] : {std::pair{r.tx_height, "--tx-height-m"}, std::pair{r.rx_height, "--rx-height-m"}})
        if (!(height.value() > 0.0 && height.value() <= kMaxAntennaHeightM))
            throw InputError(std::string(option) + " must be in (0, " + format_quantity(kMaxAntennaHeightM) + "] m, not " +
                             format_quantity(height.value()));
    if (r.model != PropagationModel::Itm) check_rx_height_for_model(r.model, r.rx_height);  // ITM reports its own limits
    const double wavelength_m = kSpeedOfLightMPerS / (f * 1e6);
    if (!(profile.length().value() >= wavelength_m))
        throw InputError({profile_source, "", "distance_m"},
                         "the path is " + format_quantity(profile.length().value()) + " m long, shorter than one wavelength (" +
                             format_fixed(wavelength_m, 3) + " m at " + format_quantity(f) +
                             " MHz): the receiver is in the near field, where no model gives a loss");
}

p1812::Result predict_p1812_link(const LinkRequest& r, const ClutterProfile& profile, const LinkEnds& ends,
                                 std::optional<double> sigma_l_db) {
    p1812::Profile p;
    for (std::size_t i = 0; i < profile.distance_m.size(); ++i) {
        p.d_km.push_back(profile.distance_m[i] / 1000.0);
        p.h_m.push_back(profile.elevation_m[i]);
        p.R_m.push_back(profile.clutter_height_m[i]);
        p.zone.push_back(static_cast<p1812::Zone>(profile.zone_code[i]));
    }
    p1812::Inputs in;
    in.f_ghz = r.frequency.value() / 1000.0;
    in.p_percent = r.p1812.time_percent;
    in.pL_percent = r.p1812.location_percent;
    in.htg_m = r.tx_height.value();
    in.hrg_m = r.rx_height.value();
    in.polarization = r.itm.polarization == itm::Polarization::Horizontal ? p1812::Polarization::Horizontal : p1812::Polarization::Vertical;
    in.phi_t_deg = ends.tx_lat;
    in.lam_t_deg = ends.tx_lon;
    in.phi_r_deg = ends.rx_lat;
    in.lam_r_deg = ends.rx_lon;
    in.DN = r.p1812.DN;
    in.N0 = r.p1812.N0;
    in.sigmaL_db = sigma_l_db ? *sigma_l_db
                              : p1812::location_sigma_db(in.f_ghz, in.hrg_m, p.R_m.empty() ? 0.0 : p.R_m.back(), 100.0);
    return p1812::basic_transmission_loss(p, in);
}

LinkPrediction predict_link(const LinkRequest& r, const TerrainProfile& profile) {
    LinkPrediction p;
    const Metres length = profile.length();
    switch (r.model) {
        case PropagationModel::Itm: {
            const ItmSettings& s = r.itm;
            std::vector<double> pfl{static_cast<double>(profile.elevations_m.size() - 1), profile.spacing.value()};
            pfl.insert(pfl.end(), profile.elevations_m.begin(), profile.elevations_m.end());
            const itm::Environment env = itm_environment(s, r.frequency.value());
            const itm::Result result =
                itm::p2p_tls(r.tx_height.value(), r.rx_height.value(), pfl, env, {s.time, s.location, s.situation});
            if (!result.ok())
                throw ModelDomainError("pathloss: ITM error " + std::to_string(result.return_code) + ": " +
                                       itm::describe_return_code(result.return_code));
            p.loss = Db{result.A__db};
            p.mode = mode_name(result.values.mode);
            p.warning_flags = result.warnings;
            if (result.warnings) p.warnings.push_back(itm::describe_warnings(result.warnings));
            p.itm = result;
            break;
        }
        case PropagationModel::OkumuraHata:
        case PropagationModel::Cost231Hata: {
            const bool hata = r.model == PropagationModel::OkumuraHata;
            const HataResult result = hata ? okumura_hata_loss(length, r.frequency, r.tx_height, r.rx_height, r.environment)
                                           : cost231_hata_loss(length, r.frequency, r.tx_height, r.rx_height, r.environment);
            p.loss = result.loss;
            p.mode = to_string(r.environment);
            p.warning_flags = result.warnings;
            p.warnings = describe_warnings(result.warnings, to_string(r.model));
            break;
        }
        case PropagationModel::FreeSpace:
            p.loss = free_space_loss(length, r.frequency);
            p.mode = "free_space";
            break;
        case PropagationModel::Deygout:
            p.loss = deygout_loss(profile.elevations_m, profile.spacing, r.tx_height, r.rx_height, r.frequency);
            p.mode = "deygout";
            break;
        case PropagationModel::P1812: {
            ClutterProfile plain;
            for (std::size_t i = 0; i < profile.elevations_m.size(); ++i) {
                plain.distance_m.push_back(static_cast<double>(i) * profile.spacing.value());
                plain.elevation_m.push_back(profile.elevations_m[i]);
                plain.clutter_height_m.push_back(0.0);
                plain.zone_code.push_back(4);
            }
            p.loss = Db{predict_p1812_link(r, plain, {}, std::nullopt).Lb};
            p.mode = "p1812";
            break;
        }
        case PropagationModel::Spm: {
            const SpmPath path = spm_path(profile.elevations_m, profile.spacing, r.tx_height, r.rx_height,
                                          kStandardEarthRadiusFactor);
            p.loss = spm_loss(r.spm ? spm_at(*r.spm, r.frequency) : default_spm_coefficients(r.frequency), spm_terms(path, r.frequency));
            p.mode = "spm";
            break;
        }
    }
    return p;
}

}  // namespace phusong
