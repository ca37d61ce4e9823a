#include "coverage/model_warnings.hpp"

namespace phusong {

std::vector<std::string> describe_warnings(std::uint32_t flags, const std::string& model) {
    std::vector<std::string> out;
    if (flags & kWarnFrequencyOutOfRange) out.push_back(model + ": frequency outside the model's validity range");
    if (flags & kWarnDistanceOutOfRange) out.push_back(model + ": distance outside the model's validity range");
    if (flags & kWarnTxHeightOutOfRange) out.push_back(model + ": transmitter height outside the model's validity range");
    if (flags & kWarnRxHeightOutOfRange) out.push_back(model + ": receiver height outside the model's validity range");
    if (flags & kWarnBelowFreeSpace)
        out.push_back(model + ": loss below free space (far outside the model's range); free-space loss used");
    return out;
}

}  // namespace phusong
