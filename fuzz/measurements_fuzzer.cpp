// libFuzzer target: the drive-test measurement reader of `phusong calibrate` (the first byte
// picks received_dbm or path_loss_db).
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/errors.hpp"
#include "io/measurement_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto kind = data[0] % 2 ? phusong::MeasurementKind::PathLossDb : phusong::MeasurementKind::ReceivedDbm;
    try {
        (void)phusong::parse_measurements(std::string(reinterpret_cast<const char*>(data + 1), size - 1), "fuzz.csv", kind);
    } catch (const phusong::Error&) {
    }
    return 0;
}
