// libFuzzer target: the land-cover class table reader.
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/errors.hpp"
#include "io/landcover_classes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)phusong::parse_landcover_classes(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    } catch (const phusong::Error&) {
    }
    return 0;
}
