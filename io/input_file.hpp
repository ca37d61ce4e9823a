// Checks on the paths users give as inputs, made before anything opens them. Opening a FIFO
// blocks until someone writes to it, and reading a device such as /dev/zero never ends: both
// hung phusong. So inputs must be regular files (symbolic links to them are fine), and text
// inputs, which are read whole into memory, must also be of a reasonable size.
#pragma once

#include <cstdint>
#include <string>

namespace phusong {

/// Largest text input read (towers and candidates CSV, targets INI, terrain profiles, VRT XML):
/// 512 MiB. Text inputs are read whole and parsed in memory, which takes several times the
/// file's size; 512 MiB is far above the tower or candidate list of a province and still
/// parses within the memory of a small machine.
inline constexpr std::uintmax_t kMaxTextFileBytes = std::uintmax_t{512} << 20;

/// InputError naming `path` unless it is a regular file: "file not found", or
/// "not a regular file (a FIFO)" (a directory, a character device, a block device, a socket).
void require_regular_file(const std::string& path);

/// require_regular_file, then InputError naming the path and its size when it is larger than
/// `max_bytes`. Returns the size in bytes.
std::uintmax_t require_text_file(const std::string& path, std::uintmax_t max_bytes = kMaxTextFileBytes);

/// InputError naming `path` unless it is a regular file or a folder (for files that GDAL reads
/// as parts of another dataset, such as the tiles of a VRT mosaic).
void require_file_or_folder(const std::string& path);

/// What a GDAL/OGR dataset name may be.
enum class DatasetPath {
    File,          ///< a regular file (rasters, GeoPackages)
    FileOrFolder,  ///< also a folder: a File Geodatabase (.gdb) or a folder of Shapefiles
};

/// Checks a dataset name before GDAL opens it: a regular file (or folder, with FileOrFolder,
/// whose entries must themselves be regular files or folders), and no FIFO or device beside
/// it that GDAL would read as a side-car (`dem.tif.aux.xml`, `villages.dbf`). GDAL virtual
/// paths: /vsizip/, /vsitar/ and /vsigzip/ must lead to a regular archive; /vsistdin/ is
/// refused (it would wait for input); network and in-memory paths are left to GDAL.
void require_dataset_path(const std::string& path, DatasetPath kind);

}  // namespace phusong
