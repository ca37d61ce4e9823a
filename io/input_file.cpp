#include "io/input_file.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "geo/errors.hpp"

namespace phusong {
namespace fs = std::filesystem;
namespace {

/// "a FIFO", "a directory", … for messages.
std::string kind_of(fs::file_type type) {
    switch (type) {
        case fs::file_type::directory: return "a directory";
        case fs::file_type::fifo: return "a FIFO";
        case fs::file_type::character: return "a character device";
        case fs::file_type::block: return "a block device";
        case fs::file_type::socket: return "a socket";
        default: return "not a file, a directory or a device";
    }
}

fs::file_status status_of(const std::string& path) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);  // follows symbolic links
    if (st.type() == fs::file_type::not_found) throw InputError({path, "", ""}, "file not found");
    if (ec) throw InputError({path, "", ""}, "cannot read: " + ec.message());
    return st;
}

/// "513 MiB", or "1000 bytes" below a MiB.
std::string size_text(std::uintmax_t bytes) {
    constexpr std::uintmax_t kMiB = std::uintmax_t{1} << 20;
    if (bytes < kMiB) return std::to_string(bytes) + " bytes";
    return std::to_string((bytes + kMiB - 1) / kMiB) + " MiB";
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// GDAL reads side-cars named after the dataset (dem.tif.aux.xml, dem.tfw, villages.dbf,
/// villages.cpg): any of them that is a FIFO or a device would hang GDAL's open just the same.
void require_regular_side_cars(const fs::path& dataset) {
    const std::string name = lower(dataset.filename().string());
    const std::string stem = name.substr(0, name.find('.')) + ".";
    std::error_code ec;
    const fs::path folder = dataset.has_parent_path() ? dataset.parent_path() : fs::path(".");
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string other = lower(it->path().filename().string());
        if (other == name || other.rfind(stem, 0) != 0) continue;
        const fs::file_type type = fs::status(it->path(), ec).type();
        if (type != fs::file_type::regular && type != fs::file_type::directory && type != fs::file_type::not_found)
            throw InputError({it->path().string(), "", ""},
                             "not a regular file (" + kind_of(type) + "), yet GDAL would read it beside " + dataset.string());
    }
}

/// Entries of a dataset folder (File Geodatabase, folder of Shapefiles) that GDAL may open.
void require_regular_entries(const fs::path& folder) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::file_type type = fs::status(it->path(), ec).type();
        if (type != fs::file_type::regular && type != fs::file_type::directory && type != fs::file_type::not_found)
            throw InputError({it->path().string(), "", ""}, "not a regular file (" + kind_of(type) + ")");
    }
}

/// For GDAL virtual paths over a local file (/vsizip/, /vsitar/, /vsigzip/, /vsisubfile/),
/// the local part; nullopt for the others (network, memory), which never block on a FIFO.
std::optional<std::string> local_part_of_virtual_path(const std::string& path) {
    for (const char* prefix : {"/vsizip/", "/vsitar/", "/vsigzip/", "/vsisubfile/"}) {
        const std::string p = prefix;
        if (path.rfind(p, 0) != 0) continue;
        std::string rest = path.substr(p.size());
        if (p == "/vsisubfile/") rest = rest.substr(std::min(rest.size(), rest.find(',') + 1));  // "offset_size,file"
        if (!rest.empty() && rest.front() == '{') return rest.substr(1, rest.find('}') - 1);  // "{archive}/inner"
        return rest;
    }
    return std::nullopt;
}

void require_virtual_path(const std::string& path) {
    if (path.rfind("/vsistdin", 0) == 0)
        throw InputError({path, "", ""}, "reads standard input, which may never end: give a file instead");
    const std::optional<std::string> local = local_part_of_virtual_path(path);
    if (!local) return;
    if (local->rfind("/vsi", 0) == 0) return require_virtual_path(*local);
    // The archive is the longest existing prefix of the local part ("/data/a.zip" of
    // "/data/a.zip/dem.tif"); when none exists GDAL reports the missing file itself.
    std::error_code ec;
    for (fs::path p(*local); !p.empty(); p = p.parent_path()) {
        const fs::file_type type = fs::status(p, ec).type();
        if (type == fs::file_type::directory) return;
        if (type != fs::file_type::not_found) {
            if (type != fs::file_type::regular)
                throw InputError({path, "", ""}, "not a regular file (" + p.string() + " is " + kind_of(type) + ")");
            return;
        }
        if (p == p.parent_path()) return;
    }
}

}  // namespace

void require_regular_file(const std::string& path) {
    const fs::file_status st = status_of(path);
    if (st.type() != fs::file_type::regular)
        throw InputError({path, "", ""}, "not a regular file (" + kind_of(st.type()) + ")");
}

void require_file_or_folder(const std::string& path) {
    const fs::file_type type = status_of(path).type();
    if (type != fs::file_type::regular && type != fs::file_type::directory)
        throw InputError({path, "", ""}, "not a regular file (" + kind_of(type) + ")");
}

std::uintmax_t require_text_file(const std::string& path, std::uintmax_t max_bytes) {
    require_regular_file(path);
    std::error_code ec;
    const std::uintmax_t bytes = fs::file_size(path, ec);
    if (ec) throw InputError({path, "", ""}, "cannot read: " + ec.message());
    if (bytes > max_bytes)
        throw InputError({path, "", ""}, "file is " + size_text(bytes) + ", over the " + size_text(max_bytes) +
                                             " limit for text inputs");
    return bytes;
}

void require_dataset_path(const std::string& path, DatasetPath kind) {
    if (path.rfind("/vsi", 0) == 0) return require_virtual_path(path);
    const fs::file_status st = status_of(path);
    if (st.type() == fs::file_type::directory && kind == DatasetPath::FileOrFolder) return require_regular_entries(path);
    if (st.type() != fs::file_type::regular)
        throw InputError({path, "", ""}, "not a regular file (" + kind_of(st.type()) + ")");
    require_regular_side_cars(path);
}

}  // namespace phusong
