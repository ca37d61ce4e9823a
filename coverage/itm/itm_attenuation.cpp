// ITM reference attenuation (Hufford, "The Algorithm", lrprop with adiff, alos, ascat):
// the median loss relative to free space, from a line-of-sight curve, a diffraction line
// (blend of knife-edge and smooth-earth diffraction) and a troposcatter line.
#include <cmath>
#include <complex>
#include <limits>
#include <numbers>

#include "coverage/itm/itm_internals.hpp"

namespace phusong::itm::detail {
namespace {

constexpr double kPi = std::numbers::pi;

/// Actual earth radius of Vogler's smooth-earth diffraction fits (NTIA 1.4 a_0).
constexpr double kEarthRadius__meter = 6370e3;

double positive_difference(double x, double y) { return x > y ? x - y : 0.0; }

double square(double x) { return x * x; }

/// Terrain irregularity seen over a path of length d: Δh(d) = Δh·(1 − 0.8·e^(−d/50 km))
/// [ERL 79-ITS 67, eq. 3].
double irregularity_at(double d__meter, double delta_h__meter) {
    return delta_h__meter * (1.0 - 0.8 * std::exp(-d__meter / 50e3));
}

/// RMS terrain deviation within the first Fresnel zone, σ_h = 0.78·Δh·e^(−Δh^¼/2)
/// [ERL 79-ITS 67, eq. 3.6a].
double rms_roughness__meter(double delta_h__meter) {
    return 0.78 * delta_h__meter * std::exp(-0.5 * std::sqrt(std::sqrt(delta_h__meter)));
}

/// Knife-edge attenuation for ν²/2 = v2 (dB) [TN101 III.24]. 10·log10 rather than
/// 1.2.2's 4.343·ln: NTIA 1.4 uses the exact decibel factor.
double knife_edge(double v2) {
    return v2 < 5.76 ? 6.02 + 9.11 * std::sqrt(v2) - 1.27 * v2 : 12.953 + 10.0 * std::log10(v2);
}

/// Height-gain function F(x, K) of the smooth-earth diffraction (Vogler), with Hufford's fit.
double height_gain(double x, double K) {
    if (x < 200.0) {
        const double w = -std::log(K);
        if (K < 1e-5 || x * w * w * w > 5495.0) return x > 1.0 ? 17.372 * std::log(x) - 117.0 : -117.0;
        return 2.5e-5 * x * x / K - 8.686 * w - 15.0;
    }
    double f = 0.05751 * x - 4.343 * std::log(x);
    if (x < 2000.0) {
        const double w = 0.0134 * x * std::exp(-0.005 * x);
        f = (1.0 - w) * f + w * (17.372 * std::log(x) - 117.0);
    }
    return f;
}

/// Troposcatter frequency-gain function H_0(r, η_s) for r = 2kθh (TN101 ch. 9.2, curve fit of
/// [Algorithm, 6.13]); η_s is clamped to [1, 5] and the curves interpolated between integers.
double scatter_gain(double r, double eta_s) {
    static constexpr double a[5] = {25.0, 80.0, 177.0, 395.0, 705.0};
    static constexpr double b[5] = {24.0, 45.0, 68.0, 80.0, 105.0};
    eta_s = std::min(std::max(eta_s, 1.0), 5.0);
    const int i = static_cast<int>(eta_s);
    const double fraction = eta_s - i;
    const double x = (1.0 / r) * (1.0 / r);
    auto h_curve = [x](int j) { return 10.0 * std::log10((a[j] * x + b[j]) * x + 1.0); };
    double h = h_curve(i - 1);
    if (fraction != 0.0) h = (1.0 - fraction) * h + fraction * h_curve(i);
    return h;
}

/// The attenuation function F(θd) of troposcatter, θd in metres·radians [Algorithm, 6.9].
double scatter_distance_function(double td) {
    static constexpr double a[3] = {133.4, 104.6, 71.8};
    static constexpr double b[3] = {0.332e-3, 0.212e-3, 0.157e-3};
    static constexpr double c[3] = {-10.0, -2.5, 5.0};
    const int i = td <= 10e3 ? 0 : (td <= 70e3 ? 1 : 2);
    return a[i] + b[i] * td + c[i] * std::log10(td);
}

/// Evaluates the three propagation regimes for one path. Construction does the per-path
/// preparation ("initialisation calls" of adiff, alos, ascat in the paper).
class Regimes {
public:
    Regimes(const PathGeometry& p, const Medium& m, bool point_to_point) : p_(p), m_(m) {
        a_e__meter_ = 1.0 / m.gamma_e__per_meter;
        d_ls_ = {std::sqrt(2.0 * p.h_e__meter[0] * a_e__meter_), std::sqrt(2.0 * p.h_e__meter[1] * a_e__meter_)};
        d_sml_ = d_ls_[0] + d_ls_[1];
        d_l_ = p.d_hzn__meter[0] + p.d_hzn__meter[1];
        theta_e_ = std::max(p.theta_hzn[0] + p.theta_hzn[1], -d_l_ / a_e__meter_);
        prepare_diffraction(point_to_point);
    }

    double d_sml() const { return d_sml_; }
    double d_l() const { return d_l_; }
    const std::array<double, 2>& d_ls() const { return d_ls_; }

    // --- diffraction -------------------------------------------------------------------
    void prepare_diffraction(bool point_to_point) {
        const auto& p = p_;
        const double f = m_.f__mhz;
        double q = p.h_g__meter[0] * p.h_g__meter[1];
        const double qk = p.h_e__meter[0] * p.h_e__meter[1] - q;
        if (point_to_point) q += 10.0;  // C ≈ 10 m² for low antennas on known paths [ERL 79-ITS 67, p. 3-8]
        wd1_ = std::sqrt(1.0 + qk / q);
        xd1_ = d_l_ + theta_e_ * a_e__meter_;
        // Clutter factor [ERL 79-ITS 67, eq. 3.38c], its roughness taken at d_sML (p. 3-13).
        const double sigma_h = rms_roughness__meter(irregularity_at(d_sml_, p.delta_h__meter));
        afo_ = std::min(15.0, 5.0 * std::log10(1.0 + 1e-5 * p.h_g__meter[0] * p.h_g__meter[1] * f * sigma_h));
        // Vogler's three-radii smooth-earth diffraction: the terminals' radii a_j = d_Lj²/(2h_ej)
        // are fixed per path, so their normalised distances and height gains are too.
        aht_ = 20.0;
        xht_ = 0.0;
        for (int j = 0; j < 2; ++j) {
            const double a = 0.5 * p.d_hzn__meter[j] * p.d_hzn__meter[j] / p.h_e__meter[j];
            const auto [x, K] = vogler_distance(a, p.d_hzn__meter[j] / 1000.0);
            xht_ += x;
            aht_ += height_gain(x, K);
        }
    }

    /// Vogler's normalised distance x (for a path of `d__km` over a sphere of radius `a`) and
    /// his K, with C_0 = (4a_0/3a)^⅓ [Vogler 1964, eqs. 2, 6a, 7a].
    std::pair<double, double> vogler_distance(double a__meter, double d__km) const {
        const double c0 = cube_root((4.0 / 3.0) * kEarthRadius__meter / a__meter);
        const double K = 0.017778 * c0 / m_.cbrt_f * m_.inverse_abs_Z_g;
        return {(1.607 - K) * c0 * c0 * m_.cbrt_f * d__km, K};
    }

    double diffraction(double d) const {
        const double f = m_.f__mhz;
        const double th = theta_e_ + d / a_e__meter_;
        const double ds = d - d_l_;
        const double q = 0.0795775 * (f / 47.7) * ds * th * th;
        const double knife = knife_edge(q * p_.d_hzn__meter[0] / (ds + p_.d_hzn__meter[0])) +
                             knife_edge(q * p_.d_hzn__meter[1] / (ds + p_.d_hzn__meter[1]));
        const double a = ds / th;
        const double x = vogler_distance(a, a * th / 1000.0).first + xht_;
        const double smooth = 0.05751 * x - 10.0 * std::log10(x) - aht_;
        const double rough = (wd1_ + xd1_ / d) * std::min(irregularity_at(d, p_.delta_h__meter) * f / 47.7, 6283.2);
        const double w = 25.1 / (25.1 + std::sqrt(rough));
        return smooth * w + (1.0 - w) * knife + afo_;
    }

    // --- line of sight ----------------------------------------------------------------
    void prepare_line_of_sight() {
        // NTIA 1.4 weighting: 1/(1 + f[MHz]·Δh/max(10 km, d_sML)). ITM 1.2.2 had
        // 0.021/(0.021 + k·Δh/…) with k = f/47.7 per metre, i.e. f/1.0017: close, not equal.
        wls_ = 1.0 / (1.0 + m_.f__mhz * p_.delta_h__meter / std::max(10e3, d_sml_));
    }

    double line_of_sight(double d, double emd, double aed) const {
        const double k = m_.f__mhz / 47.7;
        const double s = rms_roughness__meter(irregularity_at(d, p_.delta_h__meter));
        double q = p_.h_e__meter[0] + p_.h_e__meter[1];
        const double sps = q / std::sqrt(d * d + q * q);
        std::complex<double> r = (sps - m_.Z_g) / (sps + m_.Z_g) * std::exp(-std::min(10.0, k * s * sps));
        q = std::norm(r);
        if (q < 0.25 || q < sps) r *= std::sqrt(sps / q);
        const double extrapolated = emd * d + aed;
        // Phase difference of the two rays, folded back above π/2 [Algorithm, 4.49–4.50]; NTIA 1.4
        // uses π itself where 1.2.2 had 1.57, 3.14 and 2.4649.
        double phase = k * 2.0 * p_.h_e__meter[0] * p_.h_e__meter[1] / d;
        if (phase > kPi / 2.0) phase = kPi - (kPi / 2.0) * (kPi / 2.0) / phase;
        const double two_ray = -10.0 * std::log10(std::norm(std::complex<double>(std::cos(phase), -std::sin(phase)) + r));
        return wls_ * two_ray + (1.0 - wls_) * extrapolated;
    }

    // --- troposcatter -----------------------------------------------------------------
    void prepare_scatter() {
        ad_ = p_.d_hzn__meter[0] - p_.d_hzn__meter[1];
        rr_ = p_.h_e__meter[1] / p_.h_e__meter[0];
        if (ad_ < 0.0) {
            ad_ = -ad_;
            rr_ = 1.0 / rr_;
        }
        etq_ = (5.67e-6 * m_.N_s - 2.32e-3) * m_.N_s + 0.031;
        h0s_ = -1.0;
    }

    /// Troposcatter attenuation, or 1001 dB when both terminals are too low for it.
    /// Keeps the last frequency-gain value H_0 as the algorithm does between calls.
    double scatter(double d) {
        const double k = m_.f__mhz / 47.7;
        double h0;
        if (h0s_ > 15.0) {
            h0 = h0s_;
        } else {
            const double th = p_.theta_hzn[0] + p_.theta_hzn[1] + d / a_e__meter_;
            double r2 = 2.0 * k * th;
            const double r1 = r2 * p_.h_e__meter[0];
            r2 *= p_.h_e__meter[1];
            if (r1 < 0.2 && r2 < 0.2) return 1001.0;
            double ss = (d - ad_) / (d + ad_);
            double q = rr_ / ss;
            ss = std::max(0.1, ss);
            q = std::min(std::max(0.1, q), 10.0);
            // Cross-over height and scattering efficiency η_s (TN101 eq. 9.3).
            const double z0 = (d - ad_) * (d + ad_) * th * 0.25 / d;
            const double z = std::min(1.7, z0 / 8.0e3), z2 = z * z;
            const double et = (etq_ * std::exp(-(z2 * z2 * z2)) + 1.0) * z0 / 1.7556e3;
            // H_0 with the asymmetry correction of TN101 eq. 9.5, never negative.
            h0 = (scatter_gain(r1, et) + scatter_gain(r2, et)) * 0.5;
            h0 += std::min(h0, 6.0 * (0.6 - std::log10(std::max(et, 1.0))) * std::log10(ss) * std::log10(q));
            h0 = std::max(h0, 0.0);
            if (et < 1.0) {
                constexpr double sqrt2 = std::numbers::sqrt2;
                h0 = et * h0 + (1.0 - et) * 10.0 *
                                   std::log10(square((1.0 + sqrt2 / r1) * (1.0 + sqrt2 / r2)) * (r1 + r2) /
                                              (r1 + r2 + 2.0 * sqrt2));
            }
            if (h0 > 15.0 && h0s_ >= 0.0) h0 = h0s_;
        }
        h0s_ = h0;
        const double th = theta_e_ + d / a_e__meter_;
        return scatter_distance_function(th * d) + 10.0 * std::log10(47.7 * k * square(square(th))) -
               0.1 * (m_.N_s - 301.0) * std::exp(-th * d / 40e3) + h0;
    }

private:
    const PathGeometry& p_;
    const Medium& m_;
    double a_e__meter_ = 0;
    std::array<double, 2> d_ls_{};
    double d_sml_ = 0, d_l_ = 0, theta_e_ = 0;
    double wd1_ = 0, xd1_ = 0, afo_ = 0, aht_ = 0, xht_ = 0;
    double wls_ = 0;
    double ad_ = 0, rr_ = 0, etq_ = 0, h0s_ = 0;
};

}  // namespace

ReferenceAttenuation reference_attenuation(const PathGeometry& p, const Medium& m, bool point_to_point) {
    ReferenceAttenuation out;
    Regimes r(p, m, point_to_point);
    // Validity checks (NTIA ITM 1.4 codes). Errors stop; warnings flag the result.
    if (m.N_s < 150.0) { out.error = kErrorSurfaceRefractivitySmall; return out; }
    if (m.N_s > 400.0) { out.error = kErrorSurfaceRefractivityLarge; return out; }
    if (m.N_s < 250.0) out.warnings |= kWarnSurfaceRefractivity;
    const double a_e = 1.0 / m.gamma_e__per_meter;
    if (a_e < 4'000'000.0 || a_e > 13'333'333.0) { out.error = kErrorEffectiveEarth; return out; }
    if (m.Z_g.real() <= std::abs(m.Z_g.imag())) { out.error = kErrorGroundImpedance; return out; }
    const std::uint32_t angle_flag[2] = {kWarnTxHorizonAngle, kWarnRxHorizonAngle};
    const std::uint32_t near_flag[2] = {kWarnTxHorizonDistance1, kWarnRxHorizonDistance1};
    const std::uint32_t far_flag[2] = {kWarnTxHorizonDistance2, kWarnRxHorizonDistance2};
    for (int j = 0; j < 2; ++j) {
        if (std::abs(p.theta_hzn[j]) > 200e-3) out.warnings |= angle_flag[j];
        if (p.d_hzn__meter[j] < 0.1 * r.d_ls()[j]) out.warnings |= near_flag[j];
        if (p.d_hzn__meter[j] > 3.0 * r.d_ls()[j]) out.warnings |= far_flag[j];
    }
    const double d = p.d__meter;
    const double d_min = std::abs(p.h_e__meter[0] - p.h_e__meter[1]) / 200e-3;
    if (d > 1000e3) out.warnings |= kWarnPathDistanceTooBig1;
    if (d > 2000e3) out.warnings |= kWarnPathDistanceTooBig2;
    if (d < d_min) out.warnings |= kWarnPathDistanceTooSmall1;
    if (d < 1e3) out.warnings |= kWarnPathDistanceTooSmall2;

    // Diffraction line through two points far beyond the horizon, spaced in units of
    // (a_e²/f)^⅓ as NTIA 1.4 does (1.2.2 wrote 1.3787 and 2.7574 times (k·γ_e²)^−⅓, which is
    // 5.001 and 10.002 of the same unit).
    const double f = m.f__mhz;
    const double diffraction_unit__meter = cube_root(a_e * a_e / f);
    const double d3 = std::max(r.d_sml(), r.d_l() + 5.0 * diffraction_unit__meter);
    const double d4 = d3 + 10.0 * diffraction_unit__meter;
    const double a3 = r.diffraction(d3), a4 = r.diffraction(d4);
    const double emd = (a4 - a3) / (d4 - d3);
    const double aed = a3 - emd * d3;

    double a_ref = 0.0;
    if (d < r.d_sml()) {
        // Line of sight: a curve a0 + k1·d + k2·ln d fitted through the two-ray model at
        // d0 and d1 and the diffraction line at the smooth-earth horizon distance d2.
        r.prepare_line_of_sight();
        const double d2 = r.d_sml();
        const double a2 = aed + d2 * emd;
        // [ERL 79-ITS 67, eq. 3.16a] in metres: 0.04·f·h_e1·h_e2 (1.2.2: 1.908·k·…, the same).
        double d0 = 0.04 * f * p.h_e__meter[0] * p.h_e__meter[1];
        double d1;
        if (aed >= 0.0) {
            d0 = std::min(d0, 0.5 * r.d_l());
            d1 = d0 + 0.25 * (r.d_l() - d0);
        } else {
            d1 = std::max(-aed / emd, 0.25 * r.d_l());
        }
        const double a1 = r.line_of_sight(d1, emd, aed);
        bool log_term = false;
        double ak1 = 0.0, ak2 = 0.0;
        if (d0 < d1) {
            const double a0 = r.line_of_sight(d0, emd, aed);
            const double q = std::log(d2 / d0);
            ak2 = std::max(0.0, ((d2 - d0) * (a1 - a0) - (d1 - d0) * (a2 - a0)) /
                                    ((d2 - d0) * std::log(d1 / d0) - (d1 - d0) * q));
            // NTIA 1.4 keeps the log term for a strictly positive intercept (1.2.2: ≥ 0); the
            // choice of d0 and d1 above still uses ≥ 0 in both.
            log_term = aed > 0.0 || ak2 > 0.0;
            if (log_term) {
                ak1 = (a2 - a0 - ak2 * q) / (d2 - d0);
                if (ak1 < 0.0) {
                    ak1 = 0.0;
                    ak2 = positive_difference(a2, a0) / q;
                    if (ak2 == 0.0) ak1 = emd;
                }
            }
        }
        if (!log_term) {
            ak1 = positive_difference(a2, a1) / (d2 - d1);
            ak2 = 0.0;
            if (ak1 == 0.0) ak1 = emd;
        }
        const double ael = a2 - ak1 * d2 - ak2 * std::log(d2);
        a_ref = ael + ak1 * d + ak2 * std::log(d);
        out.mode = PropagationMode::LineOfSight;
    } else if (d <= r.d_l() + 1.088 * diffraction_unit__meter * std::log(f)) {
        // Beyond the horizon but short of where troposcatter may take over: d_x below is never
        // less than this distance, so the path is diffraction whatever the scatter line, and
        // its two evaluations (the costliest part of ITM here) are skipped.
        a_ref = aed + emd * d;
        out.mode = PropagationMode::Diffraction;
    } else {
        // Beyond the horizon: diffraction until the scatter line takes over at d_x.
        r.prepare_scatter();
        const double d5 = r.d_l() + 200e3;
        const double d6 = d5 + 200e3;
        const double a6 = r.scatter(d6);
        const double a5 = r.scatter(d5);
        double ems, aes, dx;
        if (a5 < 1000.0) {
            ems = (a6 - a5) / 200e3;
            dx = std::max(r.d_sml(), std::max(r.d_l() + 1.088 * diffraction_unit__meter * std::log(f),
                                               (a5 - aed - ems * d5) / (emd - ems)));
            aes = (emd - ems) * dx + aed;
        } else {
            ems = emd;
            aes = aed;
            dx = 10e6;
        }
        if (d > dx) {
            a_ref = aes + ems * d;
            out.mode = PropagationMode::Troposcatter;
        } else {
            a_ref = aed + emd * d;
            out.mode = PropagationMode::Diffraction;
        }
    }
    out.A_ref__db = std::max(a_ref, 0.0);
    return out;
}

}  // namespace phusong::itm::detail
