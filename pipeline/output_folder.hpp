// An output folder that a run fills completely or leaves as it was.
//
// Every file is written to a temporary name and renamed into place only when all are written
// (io/atomic_output). A folder the run had to create is removed again when the run fails.
// Stale files: the folder keeps a manifest (`.phusong-outputs`, one file name per line) of what
// the last successful run wrote; after a new run commits, the files of the old manifest that
// the new run did not write are removed. Files phusong did not write are never touched.
#pragma once

#include <filesystem>
#include <functional>

#include "io/atomic_output.hpp"

namespace phusong {

inline constexpr const char* kOutputManifest = ".phusong-outputs";

class OutputFolder {
public:
    /// Without `manifest`, files are added to the folder (e.g. maps beside a run's results)
    /// and stale ones are left alone.
    explicit OutputFolder(std::filesystem::path dir, bool manifest = true) : dir_(std::move(dir)), manifest_(manifest) {}

    /// Creates the folder if needed, lets `fill` add and write its files (in this folder),
    /// commits them all, then removes stale files and writes the manifest. When `fill` or the
    /// commit fails, nothing of this run remains and folders it created are removed (a commit
    /// refuses before renaming anything when a folder is in the way of a file; a rename failing
    /// part-way, which needs the folder's permissions to change mid-run, would leave the files
    /// renamed so far). IoError becomes OutputError naming the folder.
    void write(const std::function<void(AtomicOutputSet&)>& fill);

private:
    std::filesystem::path dir_;
    bool manifest_;
};

}  // namespace phusong
