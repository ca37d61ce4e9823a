#include "io/atomic_output.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <fstream>
#include <mutex>

#include "geo/errors.hpp"

namespace phusong {
namespace {

/// Paths to remove if the process is interrupted: temporary files, and folders this run
/// created (removed only when empty). Fixed storage, so the signal handler needs no allocation.
struct PendingPath {
    std::atomic<bool> used{false};
    bool is_folder = false;
    char path[4096] = {};
};
std::array<PendingPath, 512> g_pending;
std::mutex g_pending_mutex;

PendingPath* register_pending(const std::filesystem::path& p, bool is_folder) {
    const std::string text = p.string();
    if (text.size() >= sizeof(PendingPath::path)) return nullptr;
    std::lock_guard lock(g_pending_mutex);
    for (PendingPath& slot : g_pending)
        if (!slot.used.load()) {
            std::memcpy(slot.path, text.c_str(), text.size() + 1);
            slot.is_folder = is_folder;
            slot.used.store(true);
            return &slot;
        }
    return nullptr;  // beyond 512 pending outputs an interrupt leaves the extra ones behind
}

void release_pending(PendingPath* slot) {
    if (slot) slot->used.store(false);
}

extern "C" void remove_pending_and_die(int signal_number) {
    for (const PendingPath& slot : g_pending)  // files first, then the folders they were in
        if (slot.used.load() && !slot.is_folder) ::unlink(slot.path);
    for (auto it = g_pending.rbegin(); it != g_pending.rend(); ++it)
        if (it->used.load() && it->is_folder) ::rmdir(it->path);
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

}  // namespace

void remove_outputs_on_interrupt() {
    struct sigaction action {};
    action.sa_handler = remove_pending_and_die;
    sigemptyset(&action.sa_mask);
    for (int signal_number : {SIGINT, SIGTERM}) {
        struct sigaction previous {};
        sigaction(signal_number, nullptr, &previous);
        if (previous.sa_handler != SIG_IGN) sigaction(signal_number, &action, nullptr);  // keep "ignore" (background jobs)
    }
}

AtomicOutput::AtomicOutput(std::filesystem::path target) : target_(std::move(target)) {
    const auto dir = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
    temporary_ = dir / ("." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()));
    pending_ = register_pending(temporary_, false);
}

AtomicOutput::~AtomicOutput() {
    if (!committed_) {
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
    release_pending(static_cast<PendingPath*>(pending_));
}

void AtomicOutput::commit() {
    std::error_code ec;
    std::filesystem::rename(temporary_, target_, ec);
    if (ec) throw OutputError("cannot move " + temporary_.string() + " to " + target_.string() + ": " + ec.message());
    committed_ = true;
    release_pending(static_cast<PendingPath*>(pending_));
    pending_ = nullptr;
}

AtomicOutput& AtomicOutputSet::add(std::filesystem::path target) {
    outputs_.push_back(std::make_unique<AtomicOutput>(std::move(target)));
    return *outputs_.back();
}

void AtomicOutputSet::check_targets() const {
    for (const auto& out : outputs_) {
        std::error_code ec;
        if (std::filesystem::is_directory(std::filesystem::symlink_status(out->target(), ec)))
            throw OutputError("cannot write " + out->target().string() + ": a folder is in the way");
    }
}

void AtomicOutputSet::commit_all() {
    check_targets();
    for (auto& out : outputs_) out->commit();
}

std::vector<std::filesystem::path> AtomicOutputSet::targets() const {
    std::vector<std::filesystem::path> out;
    for (const auto& o : outputs_) out.push_back(o->target());
    return out;
}

void write_text(const AtomicOutput& out, const std::string& content) {
    std::ofstream file(out.temporary(), std::ios::binary | std::ios::trunc);
    if (!file) throw OutputError("cannot write " + out.target().string() + ": cannot create a file in its folder");
    file << content;
    file.flush();
    if (!file) throw OutputError("cannot write " + out.target().string() + ": no space left or write error");
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
        throw OutputError("cannot write into " + dir.string() + ": " + existing.string() + " is not a folder");
    if (::access(existing.c_str(), W_OK) != 0)
        throw OutputError("cannot write into " + dir.string() + ": " + existing.string() + " is not writable");
}

OutputDirectory::OutputDirectory(const std::filesystem::path& dir) {
    std::error_code ec;
    for (std::filesystem::path p = std::filesystem::absolute(dir, ec); !p.empty() && !std::filesystem::exists(p, ec);
         p = p.parent_path())
        created_.insert(created_.begin(), p);
    std::filesystem::create_directories(dir, ec);
    for (const std::filesystem::path& p : created_) pending_.push_back(register_pending(p, true));
    if (ec || ::access(dir.c_str(), W_OK) != 0) {
        remove_created();  // a destructor does not run for a constructor that throws
        throw OutputError(ec ? "cannot create output folder " + dir.string() + ": " + ec.message()
                             : "output folder " + dir.string() + " is not writable");
    }
}

OutputDirectory::~OutputDirectory() { remove_created(); }

void OutputDirectory::remove_created() {
    std::error_code ec;
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) std::filesystem::remove(*it, ec);  // only when empty
    keep();
}

void OutputDirectory::keep() {
    for (void* slot : pending_) release_pending(static_cast<PendingPath*>(slot));
    pending_.clear();
    created_.clear();
}

}  // namespace phusong
