#include "tests/support/test_support.hpp"

#include <csignal>
#include <chrono>
#include <thread>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace phusong::test {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("phusong-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path_, ignored);
}

void write_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_raster(const std::string& path, int epsg, double west, double north, double pixel_m, int width, int height,
                  const std::function<double(double, double)>& z, std::optional<double> nodata, const std::string& unit) {
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds{drv->Create(path.c_str(), width, height, 1, GDT_Float32, nullptr)};
    ASSERT_TRUE(ds) << path;
    double gt[6] = {west, pixel_m, 0, north, 0, -pixel_m};
    ds->SetGeoTransform(gt);
    if (epsg != 0) {
        OGRSpatialReference srs;
        srs.importFromEPSG(epsg);
        ds->SetSpatialRef(&srs);
    }
    std::vector<float> values(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (int r = 0; r < height; ++r)
        for (int c = 0; c < width; ++c)
            values[static_cast<std::size_t>(r) * static_cast<std::size_t>(width) + static_cast<std::size_t>(c)] =
                static_cast<float>(z(west + (c + 0.5) * pixel_m, north - (r + 0.5) * pixel_m));
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (nodata) band->SetNoDataValue(*nodata);
    band->SetUnitType(unit.c_str());
    ASSERT_EQ(band->RasterIO(GF_Write, 0, 0, width, height, values.data(), width, height, GDT_Float32, 0, 0), CE_None);
}

CommandResult run_phusong(const std::vector<std::string>& args, const std::string& working_dir,
                          std::optional<double> interrupt_after_s) {
    ScratchDir capture;
    const std::string out_path = capture.file("stdout"), err_path = capture.file("stderr");
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (!working_dir.empty() && ::chdir(working_dir.c_str()) != 0) ::_exit(127);
        FILE* out = std::freopen(out_path.c_str(), "w", stdout);
        FILE* err = std::freopen(err_path.c_str(), "w", stderr);
        (void)out;
        (void)err;
        std::vector<char*> argv;
        std::string binary = PHUSONG_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    if (interrupt_after_s) {
        std::this_thread::sleep_for(std::chrono::duration<double>(*interrupt_after_s));
        ::kill(pid, SIGINT);
    }
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    CommandResult r;
    r.max_rss_kb = usage.ru_maxrss;
    r.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out_path);
    r.err = read_file(err_path);
    return r;
}

fs::path shared_dir() {
    const fs::path p = fs::path(PHUSONG_SOURCE_DIR).parent_path() / "shared";
    return fs::exists(p / "datasets") ? p : fs::path();
}

}  // namespace phusong::test
