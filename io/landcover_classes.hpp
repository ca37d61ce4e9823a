// The land-cover class table: what each class code of a land-cover raster is for radio (its
// representative clutter height and the extra loss at a receiver among it). The raster itself
// is read by read_landcover (io/raster_reader.hpp).
#pragma once

#include <string>
#include <vector>

#include "geo/units.hpp"

namespace phusong {

struct LandCoverClass {
    int code = 0;            ///< the value in the raster
    std::string name;
    Metres height{0.0};      ///< representative clutter height; 0 = open ground (not clutter)
    Db loss{0.0};            ///< extra loss at a receiver among this class (the `table` clutter model)
};

struct LandCoverClasses {
    std::vector<LandCoverClass> classes;
    std::string source;      ///< the table's file, or where a built-in table comes from
};

/// Reads a class table: CSV with header `class,name,height_m,loss_db`; class an integer in
/// [0, 65535], name not empty, height_m in [0, 100] m, loss_db in [0, 60] dB, each class once.
/// InputError naming the file, line and field otherwise.
LandCoverClasses read_landcover_classes(const std::string& path);

/// The same from CSV text; `source` names it in messages.
LandCoverClasses parse_landcover_classes(const std::string& text, const std::string& source);

}  // namespace phusong
