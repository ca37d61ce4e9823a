#include "coverage/pixel_regions.hpp"

#include <stdexcept>

namespace phusong {

PixelRegions label_regions(std::span<const char> mask, std::size_t width, std::size_t height) {
    if (mask.size() != width * height) throw std::invalid_argument("label_regions: mask size is not width x height");
    PixelRegions out;
    out.labels.assign(mask.size(), 0);
    std::vector<std::size_t> stack;
    for (std::size_t start = 0; start < mask.size(); ++start) {
        if (!mask[start] || out.labels[start] != 0) continue;
        // Flood fill from the first unlabelled pixel met in raster order.
        const auto label = static_cast<std::int32_t>(out.pixel_counts.size() + 1);
        std::size_t count = 0;
        out.labels[start] = label;
        stack.push_back(start);
        while (!stack.empty()) {
            const std::size_t i = stack.back();
            stack.pop_back();
            ++count;
            const std::size_t col = i % width, row = i / width;
            auto visit = [&](std::size_t j) {
                if (mask[j] && out.labels[j] == 0) {
                    out.labels[j] = label;
                    stack.push_back(j);
                }
            };
            if (col > 0) visit(i - 1);
            if (col + 1 < width) visit(i + 1);
            if (row > 0) visit(i - width);
            if (row + 1 < height) visit(i + width);
        }
        out.pixel_counts.push_back(count);
    }
    return out;
}

}  // namespace phusong
