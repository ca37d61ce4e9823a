// Outputs appear complete or not at all: write to a temporary name beside the target,
// rename over the target when done. An AtomicOutput that is destroyed without commit()
// (an exception, an early return) removes its temporary file.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

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
    /// Renames the temporary file onto the target; OutputError on failure.
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path temporary_;
    bool committed_ = false;
    void* pending_ = nullptr;  ///< its entry in the interrupt clean-up list
};

/// Several outputs that appear together: each is written to its temporary file, and
/// commit_all() renames them only once all are written. Destroyed uncommitted, it removes
/// every temporary file, so a failure part-way leaves none of the set behind.
class AtomicOutputSet {
public:
    /// Reserves the next output of the set.
    AtomicOutput& add(std::filesystem::path target);
    /// Renames every output onto its target. Refuses first, renaming none, when a target is
    /// taken by a folder: the set appears whole or not at all.
    void commit_all();
    /// The targets reserved so far, in order.
    [[nodiscard]] std::vector<std::filesystem::path> targets() const;

private:
    /// OutputError naming the first target a folder is in the way of.
    void check_targets() const;
    std::vector<std::unique_ptr<AtomicOutput>> outputs_;
};

/// Installs SIGINT/SIGTERM handlers that remove every temporary output not yet committed (and
/// output folders this run created, when empty), then let the signal end the process.
void remove_outputs_on_interrupt();

/// Writes `content` to `path` atomically; OutputError naming the path on failure.
void write_text_atomically(const std::filesystem::path& path, const std::string& content);
/// Writes `content` into the temporary file of `out` (the caller commits).
void write_text(const AtomicOutput& out, const std::string& content);

/// An output folder, created (with its parents) if needed for one run. Until keep(), the
/// folders it created are removed again when it is destroyed — deepest first, each only when
/// empty — and on SIGINT/SIGTERM; a failed run thus leaves no folder behind.
class OutputDirectory {
public:
    /// OutputError naming `dir` when it cannot be created or is not writable.
    explicit OutputDirectory(const std::filesystem::path& dir);
    ~OutputDirectory();
    OutputDirectory(const OutputDirectory&) = delete;
    OutputDirectory& operator=(const OutputDirectory&) = delete;
    /// The run succeeded: the folders stay.
    void keep();

private:
    void remove_created();
    std::vector<std::filesystem::path> created_;  ///< outermost first
    std::vector<void*> pending_;                  ///< their entries in the interrupt clean-up list
};

/// Checks, without creating anything, that `dir` could be created or written: its nearest
/// existing ancestor must be a writable folder. OutputError naming `dir` otherwise. Lets a long
/// run fail before it starts rather than after.
void check_output_location(const std::filesystem::path& dir);

}  // namespace phusong
