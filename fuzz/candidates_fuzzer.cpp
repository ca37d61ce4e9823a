// libFuzzer target: the candidate-sites CSV reader.
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/errors.hpp"
#include "io/candidate_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)phusong::parse_candidates_csv(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    } catch (const phusong::Error&) {
    }
    return 0;
}
