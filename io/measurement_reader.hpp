// Drive-test measurements for `phusong calibrate`: a CSV with header
//   lon,lat,value_dbm            (--measurements-kind received_dbm: received level, dBm)
//   lon,lat,path_loss_db,site_id (--measurements-kind path_loss_db: basic transmission loss, dB)
// and optional columns site_id (the serving cell's site), tech (2G … 5G: which of the site's
// cells), rx_height_m (the receiver's antenna above ground) and route (the drive or area a row
// belongs to: validation folds keep a route whole). Other columns are ignored.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "geo/network.hpp"

namespace phusong {

enum class MeasurementKind { ReceivedDbm, PathLossDb };

/// "received_dbm", "path_loss_db".
std::optional<MeasurementKind> parse_measurement_kind(const std::string& name);
std::string to_string(MeasurementKind kind);

struct Measurement {
    std::size_t line = 0;                 ///< CSV line, for messages
    LonLat location;                      ///< WGS 84, degrees
    double value = 0.0;                   ///< dBm (received) or dB (path loss)
    std::string site_id;                  ///< "" = the best predicted server
    std::optional<Technology> technology;
    std::optional<double> rx_height_m;    ///< nullopt: the run's receiver height
    std::string route;                    ///< "" when the file has no route column
};

struct MeasurementLoad {
    std::string source;
    MeasurementKind kind = MeasurementKind::ReceivedDbm;
    std::vector<Measurement> rows;
    std::size_t missing_values = 0;       ///< rows left out: empty or NaN value (one warning counts them)
    std::vector<InputWarning> warnings;
};

/// Reads `path`. InputError naming the file, line and field for a missing column, a value
/// that is not a number, a position outside WGS 84, a receiver height outside (0, 3000] m, an
/// unknown technology, or a file with no usable row. Rows whose value is empty or NaN are left
/// out and counted in one warning.
MeasurementLoad read_measurements(const std::string& path, MeasurementKind kind);
/// The same from the file's text (`path` names it in messages).
MeasurementLoad parse_measurements(const std::string& text, const std::string& path, MeasurementKind kind);

}  // namespace phusong
