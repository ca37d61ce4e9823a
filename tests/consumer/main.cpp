// Runs the bundled demo district through the installed library: phusong_consumer DEMO_DIR OUT_DIR.
// Prints the version and, per technology, the villages covered; exit 1 on any error.
#include <phusong/pipeline/run.hpp>
#include <phusong/version.hpp>

#include <exception>
#include <filesystem>
#include <iostream>

int main(int argc, char* argv[]) {
    if (argc != 3) {
        std::cerr << "usage: phusong_consumer DEMO_DIR OUT_DIR\n";
        return 2;
    }
    const std::filesystem::path demo = argv[1];
    phusong::RunConfig config;  // analyze, 3G + 4G, ITM
    config.inputs.towers = (demo / "towers.csv").string();
    config.inputs.dem = (demo / "terrain.tif").string();
    config.inputs.villages = (demo / "villages.geojson").string();
    config.inputs.communes = (demo / "communes.geojson").string();
    config.radio.resolution = phusong::Metres{90.0};  // quick
    config.radio.radius = phusong::Metres{12000.0};
    config.out = argv[2];
    try {
        const auto outcome = phusong::run(config);
        std::cout << "phusong " << phusong::version() << "\n";
        for (const phusong::TechnologyResult& t : outcome->result.technologies)
            std::cout << to_string(t.technology()) << ": " << t.summary.villages_covered << "/" << t.summary.villages
                      << " villages covered\n";
        std::cout << outcome->diagnostics.all().size() << " diagnostics\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
