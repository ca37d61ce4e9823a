#include "pipeline/output_folder.hpp"

#include <fstream>
#include <stdexcept>
#include <set>
#include <string>

#include "geo/errors.hpp"

namespace fs = std::filesystem;

namespace phusong {
namespace {

/// The manifest's names; nothing when it is not a regular file of sane size (a FIFO would hang).
std::set<std::string> read_manifest(const fs::path& dir) {
    constexpr std::uintmax_t kMaxManifestBytes = 1 << 20;
    std::set<std::string> names;
    std::error_code ec;
    const fs::path path = dir / kOutputManifest;
    if (!fs::is_regular_file(fs::symlink_status(path, ec)) || fs::file_size(path, ec) > kMaxManifestBytes || ec) return names;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        // Only plain names in this folder: a tampered manifest cannot reach elsewhere.
        if (!line.empty() && line.find('/') == std::string::npos && line != "." && line != ".." && line != kOutputManifest)
            names.insert(line);
    return names;
}

}  // namespace

void OutputFolder::write(const std::function<void(AtomicOutputSet&)>& fill) {
    try {
        OutputDirectory directory(dir_);
        std::set<std::string> written;
        {
            AtomicOutputSet set;
            fill(set);
            for (const fs::path& target : set.targets()) {
                if (target.parent_path() != dir_) throw std::logic_error("output " + target.string() + " outside its folder");
                written.insert(target.filename().string());
            }
            set.commit_all();
        }
        directory.keep();
        if (!manifest_) return;
        std::error_code ec;
        for (const std::string& name : read_manifest(dir_))
            if (!written.count(name) && fs::is_regular_file(fs::symlink_status(dir_ / name, ec))) fs::remove(dir_ / name, ec);
        std::string manifest;
        for (const std::string& name : written) manifest += name + "\n";
        write_text_atomically(dir_ / kOutputManifest, manifest);
    } catch (const IoError& e) {
        // Whatever the library said, the output location could not take the results (a full disk…).
        throw OutputError("cannot write the results into " + dir_.string() + ": " + e.what());
    }
}

}  // namespace phusong
