// Helpers for tests of hostile input files: FIFOs that would block a reader.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace phusong::test {

/// Creates a FIFO at `path` (the test fails if it cannot).
inline bool make_fifo(const std::string& path) { return ::mkfifo(path.c_str(), 0600) == 0; }

/// Opening a FIFO for reading blocks until a writer opens it. A reader that wrongly opens one
/// would hang a test for ever; with this "writer", every open after `delay` sees an empty file
/// instead (GDAL opens a file several times), so that the test fails with a message rather
/// than hangs. A correct reader never opens the FIFO; the writer stops when destroyed.
class FifoWriterAfter {
public:
    FifoWriterAfter(std::string path, std::chrono::milliseconds delay)
        : thread_([this, path = std::move(path), delay] {
              const auto start = std::chrono::steady_clock::now();
              while (!stop_) {
                  if (std::chrono::steady_clock::now() - start >= delay) {
                      // O_NONBLOCK: fails with ENXIO while no reader has it open, so never blocks.
                      const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK);
                      if (fd >= 0) ::close(fd);
                  }
                  std::this_thread::sleep_for(std::chrono::milliseconds(20));
              }
          }) {}
    ~FifoWriterAfter() {
        stop_ = true;
        thread_.join();
    }
    FifoWriterAfter(const FifoWriterAfter&) = delete;
    FifoWriterAfter& operator=(const FifoWriterAfter&) = delete;

private:
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace phusong::test
