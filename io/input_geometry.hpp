// GEOS steps on geometries read from user files. GEOS's own errors (phusong::Error, exit
// status 1, e.g. "GEOS: cannot read WKB: IllegalArgumentException: Points of LinearRing do not
// form a closed linestring") say what is wrong but not where, and are not counted as bad
// input; here they become InputErrors naming the file and the feature.
#pragma once

#include <string>

#include "geo/errors.hpp"

namespace phusong {

/// GEOS's reason without the prefixes that name phusong's own step or GEOS's exception class:
/// "Points of LinearRing do not form a closed linestring".
std::string geos_reason(const std::string& message);

/// Runs `step` (GEOS work on a geometry read at `where`); a phusong::Error that is not already
/// an InputError becomes InputError "<where>: geometry: <reason>".
template <class Step>
auto with_geometry_context(const InputLocation& where, Step&& step) -> decltype(step()) {
    try {
        return step();
    } catch (const InputError&) {
        throw;
    } catch (const Error& e) {
        throw InputError(where, "geometry: " + geos_reason(e.what()));
    }
}

}  // namespace phusong
