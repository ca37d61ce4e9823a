// libFuzzer target: the coverage-targets INI reader.
#include <cstddef>
#include <cstdint>
#include <string>

#include "coverage/targets.hpp"
#include "geo/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)phusong::parse_targets(std::string(reinterpret_cast<const char*>(data), size), "fuzz.ini");
    } catch (const phusong::Error&) {
    }
    return 0;
}
