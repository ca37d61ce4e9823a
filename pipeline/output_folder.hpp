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

    /// Creates the folder if needed, lets `fill` add and write its files, commits them all,
    /// then removes stale files and writes the manifest. On any exception nothing of this run
    /// remains (and a folder it created is removed); IoError becomes OutputError naming the folder.
    void write(const std::function<void(AtomicOutputSet&)>& fill);

private:
    std::filesystem::path dir_;
    bool manifest_;
};

}  // namespace phusong
