#include "pipeline/output_folder.hpp"

#include <fstream>
#include <set>
#include <string>

#include "geo/errors.hpp"

namespace fs = std::filesystem;

namespace phusong {
namespace {

std::set<std::string> read_manifest(const fs::path& dir) {
    std::set<std::string> names;
    std::ifstream in(dir / kOutputManifest);
    for (std::string line; std::getline(in, line);)
        // Only plain names in this folder: a tampered manifest cannot reach elsewhere.
        if (!line.empty() && line.find('/') == std::string::npos && line != "." && line != ".." && line != kOutputManifest)
            names.insert(line);
    return names;
}

}  // namespace

void OutputFolder::write(const std::function<void(AtomicOutputSet&)>& fill) {
    std::error_code ec;
    const bool existed = fs::exists(dir_, ec);
    try {
        ensure_output_directory(dir_);
        std::set<std::string> written;
        {
            AtomicOutputSet set;
            fill(set);
            for (const fs::path& target : set.targets()) written.insert(target.filename().string());
            set.commit_all();
        }
        if (!manifest_) return;
        for (const std::string& name : read_manifest(dir_))
            if (!written.count(name) && fs::is_regular_file(fs::symlink_status(dir_ / name, ec))) fs::remove(dir_ / name, ec);
        std::string manifest;
        for (const std::string& name : written) manifest += name + "\n";
        write_text_atomically(dir_ / kOutputManifest, manifest);
    } catch (const IoError& e) {
        if (!existed) fs::remove(dir_, ec);  // only when empty
        // Whatever the library said, the output location could not take the results (a full disk…).
        throw OutputError("cannot write the results into " + dir_.string() + ": " + e.what());
    } catch (...) {
        if (!existed) fs::remove(dir_, ec);
        throw;
    }
}

}  // namespace phusong
