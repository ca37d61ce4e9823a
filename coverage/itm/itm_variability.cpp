// ITM variability (Hufford, "The Algorithm", avar): the loss not exceeded for the given
// time, location and situation deviates, from climate-dependent curves of the effective
// distance (NTIA Report 82-100, Annex).
#include <array>
#include <cmath>

#include "coverage/itm/itm_internals.hpp"

namespace phusong::itm::detail {
namespace {

/// Climate constants, indexed by Climate − 1: median adjustment (bv, xv), time variability
/// below the median (bsm, xsm) and above it (bsp, xsp), and frequency factors (bfm, bfp).
struct ClimateCurves {
    std::array<double, 7> bv1, bv2, xv1, xv2, xv3;
    std::array<double, 7> bsm1, bsm2, xsm1, xsm2, xsm3;
    std::array<double, 7> bsp1, bsp2, xsp1, xsp2, xsp3;
    std::array<double, 7> bsd1, bzd1;
    std::array<double, 7> bfm1, bfm2, bfm3, bfp1, bfp2, bfp3;
};

constexpr ClimateCurves kClimate{
    {-9.67, -0.62, 1.26, -9.21, -0.62, -0.39, 3.15},
    {12.7, 9.19, 15.5, 9.05, 9.19, 2.86, 857.9},
    {144.9e3, 228.9e3, 262.6e3, 84.1e3, 228.9e3, 141.7e3, 2222.e3},
    {190.3e3, 205.2e3, 185.2e3, 101.1e3, 205.2e3, 315.9e3, 164.8e3},
    {133.8e3, 143.6e3, 99.8e3, 98.6e3, 143.6e3, 167.4e3, 116.3e3},
    {2.13, 2.66, 6.11, 1.98, 2.68, 6.86, 8.51},
    {159.5, 7.67, 6.65, 13.11, 7.16, 10.38, 169.8},
    {762.2e3, 100.4e3, 138.2e3, 139.1e3, 93.7e3, 187.8e3, 609.8e3},
    {123.6e3, 172.5e3, 242.2e3, 132.7e3, 186.8e3, 169.6e3, 119.9e3},
    {94.5e3, 136.4e3, 178.6e3, 193.5e3, 133.5e3, 108.9e3, 106.6e3},
    {2.11, 6.87, 10.08, 3.68, 4.75, 8.58, 8.43},
    {102.3, 15.53, 9.60, 159.3, 8.12, 13.97, 8.19},
    {636.9e3, 138.7e3, 165.3e3, 464.4e3, 93.2e3, 216.0e3, 136.2e3},
    {134.8e3, 143.7e3, 225.7e3, 93.1e3, 135.9e3, 152.0e3, 188.5e3},
    {95.6e3, 98.6e3, 129.7e3, 94.2e3, 113.4e3, 122.7e3, 122.9e3},
    {1.224, 0.801, 1.380, 1.000, 1.224, 1.518, 1.518},
    {1.282, 2.161, 1.282, 20., 1.282, 1.282, 1.282},
    {1., 1., 1., 1., 0.92, 1., 1.},
    {0., 0., 0., 0., 0.25, 0., 0.},
    {0., 0., 0., 0., 1.77, 0., 0.},
    {1., 0.93, 1., 0.93, 0.93, 1., 1.},
    {0., 0.31, 0., 0.19, 0.31, 0., 0.},
    {0., 2.00, 0., 1.79, 2.00, 0., 0.},
};

/// The curve shape used for every climate statistic of the effective distance d_e.
double curve(double c1, double c2, double x1, double x2, double x3, double de) {
    const double r = (de - x2) / x3;
    const double s = (de / x1) * (de / x1);
    return (c1 + c2 / (1.0 + r * r)) * s / (1.0 + s);
}

}  // namespace

double apply_variability(double A_ref__db, const PathGeometry& p, const Medium& m, Climate climate, int mdvar,
                         const Deviates& z, std::uint32_t& warnings) {
    const auto c = static_cast<std::size_t>(static_cast<int>(climate) - 1);
    const ClimateCurves& k = kClimate;

    // Mode of variability: +20 removes direct situation variability, +10 location variability.
    int kdv = mdvar;
    const bool no_situation = kdv >= 20;
    if (no_situation) kdv -= 20;
    const bool no_location = kdv >= 10;
    if (no_location) kdv -= 10;

    const double q_f = m.ln_0133k;
    const auto square = [](double x) { return x * x; };
    const double gm = k.bfm1[c] + k.bfm2[c] / (square(k.bfm3[c] * q_f) + 1.0);
    const double gp = k.bfp1[c] + k.bfp2[c] / (square(k.bfp3[c] * q_f) + 1.0);

    // Effective distance: 130 km at the sum of the smooth-earth horizons and scatter onset.
    const double dexa = std::sqrt(18e6 * p.h_e__meter[0]) + std::sqrt(18e6 * p.h_e__meter[1]) + m.scatter_distance__meter;
    const double de = p.d__meter < dexa ? 130e3 * p.d__meter / dexa : 130e3 + p.d__meter - dexa;

    const double vmd = curve(k.bv1[c], k.bv2[c], k.xv1[c], k.xv2[c], k.xv3[c], de);
    const double sgtm = curve(k.bsm1[c], k.bsm2[c], k.xsm1[c], k.xsm2[c], k.xsm3[c], de) * gm;
    const double sgtp = curve(k.bsp1[c], k.bsp2[c], k.xsp1[c], k.xsp2[c], k.xsp3[c], de) * gp;
    const double sgtd = sgtp * k.bsd1[c];
    const double tgtd = (sgtp - sgtd) * k.bzd1[c];
    double sgl = 0.0;
    if (!no_location) {
        const double q = (1.0 - 0.8 * std::exp(-p.d__meter / 50e3)) * p.delta_h__meter * m.k__per_meter;
        sgl = 10.0 * q / (q + 13.0);
    }
    const double vs0 = no_situation ? 0.0 : square(5.0 + 3.0 * std::exp(-de / 100e3));

    double zt = z.z_T, zl = z.z_L;
    const double zc = z.z_S;
    switch (kdv) {
        case 0: zt = zc; zl = zc; break;  // single message: one deviate for everything
        case 1: zl = zc; break;           // accidental
        case 2: zl = zt; break;           // mobile
        default: break;                   // broadcast
    }
    if (std::abs(zt) > 3.1 || std::abs(zl) > 3.1 || std::abs(zc) > 3.1) warnings |= kWarnExtremeVariabilities;

    double sgt;
    if (zt < 0.0) sgt = sgtm;
    else if (zt <= k.bzd1[c]) sgt = sgtp;
    else sgt = sgtd + tgtd / zt;
    constexpr double rt = 7.8, rl = 24.0;
    const double vs = vs0 + square(sgt * zt) / (rt + zc * zc) + square(sgl * zl) / (rl + zc * zc);
    double yr, sgc;
    switch (kdv) {
        case 0: yr = 0.0; sgc = std::sqrt(sgt * sgt + sgl * sgl + vs); break;
        case 1: yr = sgt * zt; sgc = std::sqrt(sgl * sgl + vs); break;
        case 2: yr = std::sqrt(sgt * sgt + sgl * sgl) * zt; sgc = std::sqrt(vs); break;
        default: yr = sgt * zt + sgl * zl; sgc = std::sqrt(vs); break;
    }
    double a = A_ref__db - vmd - yr - sgc * zc;
    // Soft floor: a negative loss relative to free space is compressed towards 0.
    if (a < 0.0) a = a * (29.0 - a) / (29.0 - 10.0 * a);
    return a;
}

}  // namespace phusong::itm::detail
