// libFuzzer target: the terrain-profile CSV reader of `phusong pathloss`.
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/errors.hpp"
#include "io/profile_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)phusong::parse_profile_csv(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    } catch (const phusong::Error&) {
    }
    return 0;
}
