#include "io/atomic_output.hpp"

#include <unistd.h>

#include <fstream>

#include "geo/errors.hpp"

namespace phusong {

AtomicOutput::AtomicOutput(std::filesystem::path target) : target_(std::move(target)) {
    const auto dir = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
    temporary_ = dir / ("." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()));
}

AtomicOutput::~AtomicOutput() {
    if (!committed_) {
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
}

void AtomicOutput::commit() {
    std::error_code ec;
    std::filesystem::rename(temporary_, target_, ec);
    if (ec) throw IoError("cannot move " + temporary_.string() + " to " + target_.string() + ": " + ec.message());
    committed_ = true;
}

AtomicOutput& AtomicOutputSet::add(std::filesystem::path target) {
    outputs_.push_back(std::make_unique<AtomicOutput>(std::move(target)));
    return *outputs_.back();
}

void AtomicOutputSet::commit_all() {
    for (auto& out : outputs_) out->commit();
}

void write_text(const AtomicOutput& out, const std::string& content) {
    std::ofstream file(out.temporary(), std::ios::binary | std::ios::trunc);
    if (!file) throw IoError("cannot write " + out.target().string() + ": cannot create a file in its folder");
    file << content;
    file.flush();
    if (!file) throw IoError("cannot write " + out.target().string() + " (disk full?)");
}

void write_text_atomically(const std::filesystem::path& path, const std::string& content) {
    AtomicOutput out(path);
    write_text(out, content);
    out.commit();
}

void check_output_location(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::path existing = std::filesystem::absolute(dir, ec);
    while (!existing.empty() && !std::filesystem::exists(existing, ec)) existing = existing.parent_path();
    if (existing.empty() || !std::filesystem::is_directory(existing, ec))
        throw IoError("cannot write into " + dir.string() + ": " + existing.string() + " is not a folder");
    if (::access(existing.c_str(), W_OK) != 0) throw IoError("cannot write into " + dir.string() + ": " + existing.string() + " is not writable");
}

void ensure_output_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw IoError("cannot create output folder " + dir.string() + ": " + ec.message());
    if (::access(dir.c_str(), W_OK) != 0) throw IoError("output folder " + dir.string() + " is not writable");
}

}  // namespace phusong
