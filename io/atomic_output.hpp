// Outputs appear complete or not at all: write to a temporary name beside the target,
// rename over the target when done. An AtomicOutput that is destroyed without commit()
// (an exception, an early return) removes its temporary file.
#pragma once

#include <filesystem>
#include <string>

namespace phusong {

class AtomicOutput {
public:
    /// Reserves a temporary path "<dir>/.<name>.tmp-<pid>" beside `target`.
    explicit AtomicOutput(std::filesystem::path target);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    /// Where to write.
    [[nodiscard]] const std::filesystem::path& temporary() const { return temporary_; }
    [[nodiscard]] const std::filesystem::path& target() const { return target_; }
    /// Renames the temporary file onto the target; IoError on failure.
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path temporary_;
    bool committed_ = false;
};

/// Writes `content` to `path` atomically; IoError naming the path on failure.
void write_text_atomically(const std::filesystem::path& path, const std::string& content);

/// Creates `dir` (and parents) if needed; IoError naming it when that fails or it is not writable.
void ensure_output_directory(const std::filesystem::path& dir);

/// Checks, without creating anything, that `dir` could be created or written: its nearest
/// existing ancestor must be a writable folder. IoError naming `dir` otherwise. Lets a long
/// run fail before it starts rather than after.
void check_output_location(const std::filesystem::path& dir);

}  // namespace phusong
