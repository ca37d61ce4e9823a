// Physical quantities as distinct types, so a unit mistake is a compile error.
//
// Only operations with a physical meaning exist:
//   Db ± Db → Db, Dbm ± Db → Dbm, Dbm − Dbm → Db; there is no Dbm + Dbm
//   (adding powers needs milliwatts: see sum_powers()).
//   Metres ± Metres → Metres, Metres × scalar, Metres / Metres → ratio.
// Values are SI at the edge of each name; conversions are explicit.
#pragma once

#include <cmath>
#include <compare>
#include <numbers>
#include <span>

namespace phusong {

/// A power ratio or gain/loss in decibels.
class Db {
public:
    constexpr Db() = default;
    constexpr explicit Db(double decibels) : value_(decibels) {}
    [[nodiscard]] constexpr double value() const { return value_; }

    constexpr Db operator-() const { return Db{-value_}; }
    constexpr Db operator+(Db o) const { return Db{value_ + o.value_}; }
    constexpr Db operator-(Db o) const { return Db{value_ - o.value_}; }
    constexpr Db operator*(double k) const { return Db{value_ * k}; }
    constexpr Db& operator+=(Db o) { value_ += o.value_; return *this; }
    constexpr Db& operator-=(Db o) { value_ -= o.value_; return *this; }
    constexpr auto operator<=>(const Db&) const = default;

private:
    double value_ = 0.0;
};

/// An absolute power level in decibels relative to one milliwatt.
class Dbm {
public:
    constexpr Dbm() = default;
    constexpr explicit Dbm(double dbm) : value_(dbm) {}
    [[nodiscard]] constexpr double value() const { return value_; }
    /// Power in milliwatts.
    [[nodiscard]] double milliwatts() const { return std::pow(10.0, value_ / 10.0); }
    static Dbm from_milliwatts(double mw) { return Dbm{10.0 * std::log10(mw)}; }

    constexpr Dbm operator+(Db gain) const { return Dbm{value_ + gain.value()}; }
    constexpr Dbm operator-(Db loss) const { return Dbm{value_ - loss.value()}; }
    constexpr Db operator-(Dbm o) const { return Db{value_ - o.value_}; }
    constexpr auto operator<=>(const Dbm&) const = default;

private:
    double value_ = 0.0;
};

/// Sum of incoherent powers (e.g. interference), done in milliwatts.
inline Dbm sum_powers(std::span<const Dbm> powers) {
    double mw = 0.0;
    for (Dbm p : powers) mw += p.milliwatts();
    return Dbm::from_milliwatts(mw);
}

/// A length in metres.
class Metres {
public:
    constexpr Metres() = default;
    constexpr explicit Metres(double metres) : value_(metres) {}
    [[nodiscard]] constexpr double value() const { return value_; }
    [[nodiscard]] constexpr double kilometres() const { return value_ / 1000.0; }
    static constexpr Metres from_kilometres(double km) { return Metres{km * 1000.0}; }

    constexpr Metres operator-() const { return Metres{-value_}; }
    constexpr Metres operator+(Metres o) const { return Metres{value_ + o.value_}; }
    constexpr Metres operator-(Metres o) const { return Metres{value_ - o.value_}; }
    constexpr Metres operator*(double k) const { return Metres{value_ * k}; }
    constexpr Metres operator/(double k) const { return Metres{value_ / k}; }
    constexpr double operator/(Metres o) const { return value_ / o.value_; }
    constexpr Metres& operator+=(Metres o) { value_ += o.value_; return *this; }
    constexpr auto operator<=>(const Metres&) const = default;

private:
    double value_ = 0.0;
};

/// A frequency in megahertz.
class Megahertz {
public:
    constexpr Megahertz() = default;
    constexpr explicit Megahertz(double mhz) : value_(mhz) {}
    [[nodiscard]] constexpr double value() const { return value_; }
    /// Free-space wavelength.
    [[nodiscard]] constexpr Metres wavelength() const { return Metres{299.792458 / value_}; }
    constexpr auto operator<=>(const Megahertz&) const = default;

private:
    double value_ = 0.0;
};

/// An angle in degrees (bearings: clockwise from north).
class Degrees {
public:
    constexpr Degrees() = default;
    constexpr explicit Degrees(double degrees) : value_(degrees) {}
    [[nodiscard]] constexpr double value() const { return value_; }
    [[nodiscard]] constexpr double radians() const { return value_ * std::numbers::pi / 180.0; }
    static constexpr Degrees from_radians(double rad) { return Degrees{rad * 180.0 / std::numbers::pi}; }

    constexpr Degrees operator-() const { return Degrees{-value_}; }
    constexpr Degrees operator+(Degrees o) const { return Degrees{value_ + o.value_}; }
    constexpr Degrees operator-(Degrees o) const { return Degrees{value_ - o.value_}; }
    constexpr auto operator<=>(const Degrees&) const = default;

private:
    double value_ = 0.0;
};

/// Smallest signed difference a − b folded into (−180°, 180°].
inline Degrees angle_difference(Degrees a, Degrees b) {
    double d = std::fmod(a.value() - b.value(), 360.0);
    if (d > 180.0) d -= 360.0;
    if (d <= -180.0) d += 360.0;
    return Degrees{d};
}

}  // namespace phusong
