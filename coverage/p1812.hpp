// ITU-R P.1812-6: a path-specific propagation prediction method for point-to-area terrestrial
// services in the frequency range 30 MHz to 6 000 MHz (Annex 1 and its Attachments 1 and 2).
//
// The basic transmission loss not exceeded for p % of time and pL % of locations, from:
// - the path profile analysis (Attachment 1: horizons, angular distance, smooth-Earth heights);
// - line of sight with multipath and focusing (§4.2, Eqs. 8–11);
// - diffraction by the delta-Bullington method (§4.3: Bullington over the profile with its
//   representative clutter heights, Bullington and the spherical-Earth first term over a
//   smooth path), at the median and the β0 effective Earth radius, interpolated to p;
// - tropospheric scatter (§4.4) and ducting / layer reflection (§4.5);
// - their combination (§4.6, Eqs. 57–63) and location variability (§4.8, Eqs. 67–69).
// Representative clutter heights R raise the profile for diffraction at every point but the
// terminals (§3.2); the terminals' antenna heights are above ground. Names follow the
// Recommendation (Lbfs, Lbulla, Ld50, …); distances are km, heights m, angles mrad as there.
// Checked against ITU-R WP 3K's validation data (63 cases, Lb and about 40 intermediate values).
#pragma once

#include <optional>
#include <vector>

namespace phusong::p1812 {

/// Radio-meteorological zone of a profile point (Table 1), coded as in the SG3 data bank.
enum class Zone { Sea = 1, CoastalLand = 3, Inland = 4 };

enum class Polarization { Horizontal = 1, Vertical = 2 };

/// A terrain profile from the transmitter (first point, distance 0) to the receiver.
struct Profile {
    std::vector<double> d_km;   ///< distance from the transmitter, ascending, first 0
    std::vector<double> h_m;    ///< terrain height above mean sea level
    std::vector<double> R_m;    ///< representative clutter height (0 = none)
    std::vector<Zone> zone;
};

struct Inputs {
    double f_ghz = 1.0;              ///< 0.03–6 GHz
    double p_percent = 50.0;         ///< time percentage, 1–50
    double pL_percent = 50.0;        ///< location percentage, 1–99
    double sigmaL_db = 0.0;          ///< location variability standard deviation (§4.8)
    double htg_m = 10.0;             ///< transmitter antenna centre above ground, 1–3000 m
    double hrg_m = 10.0;             ///< receiver antenna centre above ground, 1–3000 m
    Polarization polarization = Polarization::Vertical;
    double phi_t_deg = 0.0, lam_t_deg = 0.0;  ///< transmitter latitude, longitude
    double phi_r_deg = 0.0, lam_r_deg = 0.0;  ///< receiver latitude, longitude
    double DN = 45.0;                ///< average refractivity lapse rate over 1 km, N-units/km (positive)
    double N0 = 325.0;               ///< sea-level surface refractivity, N-units
    double dct_km = 500.0;           ///< transmitter's distance to the coast over land (0 when at sea)
    double dcr_km = 500.0;           ///< receiver's distance to the coast over land (0 when at sea)
    /// When set, the path-centre latitude (degrees) used for β0 instead of the great circle's
    /// midpoint between the terminals (a coverage run gives its area's centre).
    std::optional<double> path_centre_latitude_deg;
    /// Skip intermediate values the loss does not need (Ldb at p = 50 %, then reported as Ld50).
    bool only_the_loss = false;
};

/// Lb and the intermediate values of the Recommendation (those of the selected polarization
/// where it distinguishes them). Diffraction values named ...50 are for the median effective
/// Earth radius ae.
struct Result {
    double d = 0, dlt = 0, dlr = 0;                 ///< km
    double theta_t = 0, theta_r = 0, theta = 0;     ///< mrad
    double hts = 0, hrs = 0;                        ///< antenna heights above sea level, m
    double omega = 0;                               ///< fraction of the path over sea
    double dtm = 0, dlm = 0;                        ///< longest land and inland sections, km
    double phi = 0;                                 ///< path centre latitude, degrees
    double b0 = 0;                                  ///< β0, %
    double ae = 0;                                  ///< median effective Earth radius, km
    double hst_n = 0, hsr_n = 0;                    ///< smooth-Earth heights, Eqs. 85–88, m
    double hst = 0, hsr = 0;                        ///< the same limited to the terminal ground, Eq. 92, m
    double hstd = 0, hsrd = 0;                      ///< smooth-surface heights for diffraction, Eq. 91, m
    double hte = 0, hre = 0;                        ///< effective heights for ducting, Eq. 94, m
    double hm = 0;                                  ///< terrain roughness, Eq. 95, m
    double Fi = 0, Fj = 0, Fk = 0;
    double Lbfs = 0, Lb0p = 0, Lb0b = 0;
    double Lbulla50 = 0, Lbulls50 = 0, Ldsph50 = 0;
    double Ld50 = 0, Ldb = 0, Ldp = 0, Lbd50 = 0, Lbd = 0, Lminb0p = 0;
    double Lba = 0, Lminbap = 0, Lbda = 0, Lbam = 0, Lbs = 0, Lbc = 0;
    double Lloc = 0;
    double Lb = 0;                                  ///< basic transmission loss, dB
    double Ep = 0;                                  ///< field strength for 1 kW e.r.p., dBµV/m (Eq. 70)
};

/// Basic transmission loss (dB) not exceeded for p % of time and pL % of locations, with its
/// intermediate values. ModelDomainError naming the value for: frequency outside 0.03–6 GHz,
/// p outside 1–50 %, pL outside 1–99 %, antenna heights outside 1–3000 m, fewer than
/// 5 profile points (the Recommendation's reference implementation needs more than 4), a
/// profile not starting at 0 or not strictly ascending, non-finite values, columns of
/// different lengths, negative clutter heights or coast distances, σL outside 0–100 dB.
/// Paths outside the Recommendation's 0.25–3000 km are computed (callers warn).
Result basic_transmission_loss(const Profile& profile, const Inputs& inputs);

/// The inverse complementary cumulative normal distribution of Attachment 2 (Eqs. 96–97),
/// for 0 < x < 1 (clamped to [1e-6, 1 − 1e-6]).
double inverse_cumulative_normal(double x);

/// Standard deviation of location variability σL (dB, §4.8, Eqs. 64–66) for a receiver `hrg_m`
/// above ground among clutter `R_m` high, over squares `wa_m` wide: (0.52 + 0.024·f)·wa^0.28,
/// scaled by u_h = 1 below the clutter, falling linearly to 0 at 10 m above it.
double location_sigma_db(double f_ghz, double hrg_m, double R_m, double wa_m);

}  // namespace phusong::p1812
