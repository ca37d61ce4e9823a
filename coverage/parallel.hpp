// Deterministic parallel loop: each index is processed exactly once by one of `threads`
// workers. Callers write results into per-index slots, so results never depend on the
// thread count or scheduling. The first exception thrown by any index is rethrown.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace phusong {

template <class Body>
void parallel_for(std::size_t count, unsigned threads, Body&& body) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                body(i);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next = count;
            }
        }
    };
    const unsigned n = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(count, 1)));
    std::vector<std::thread> pool;
    try {
        pool.reserve(n - 1);
        for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
    } catch (...) {
        // Could not start a thread: stop the ones started, then report.
        next = count;
        for (auto& t : pool) t.join();
        throw;
    }
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace phusong
