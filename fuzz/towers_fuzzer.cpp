// libFuzzer target: the tower CSV readers (phusong's schema and OpenCellID, chosen by content).
// Any input must give towers or a phusong::Error — never a crash, a hang or another exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/errors.hpp"
#include "io/tower_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)phusong::parse_tower_csv(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    } catch (const phusong::Error&) {
    }
    return 0;
}
