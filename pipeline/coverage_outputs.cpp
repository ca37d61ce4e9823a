// The Coverage run's rasters: one GeoPackage and GeoTIFFs beside it.
#include <algorithm>
#include <functional>

#include "coverage/parallel.hpp"
#include "geo/errors.hpp"
#include "io/atomic_output.hpp"
#include "io/geopackage_writer.hpp"
#include "io/geotiff_writer.hpp"
#include "pipeline/operators.hpp"
#include "pipeline/run.hpp"
#include "pipeline/run_memory.hpp"
#include "pipeline/run_outputs.hpp"

namespace fs = std::filesystem;

namespace phusong {
namespace {

struct RasterNames {
    RasterDescription signal, server, servers;
};

RasterNames raster_names(Technology t) {
    const std::string key(to_key(t));
    return {{"signal_" + key, "dBm"}, {"server_" + key, "cell index"}, {"servers_" + key, "cells at or above the covered level"}};
}

fs::path folder_of(const fs::path& gpkg) { return gpkg.has_parent_path() ? gpkg.parent_path() : fs::path("."); }

std::string tif_path(const fs::path& gpkg, const std::string& raster) {
    return (folder_of(gpkg) / gpkg.stem()).string() + "_" + raster + ".tif";
}

}  // namespace

fs::path output_folder(const RunConfig& config) { return config.kind == RunKind::Coverage ? folder_of(config.out) : config.out; }

std::vector<fs::path> coverage_output_paths(const RunConfig& config) {
    std::vector<fs::path> out{config.out};
    for (Technology t : config.technologies) {
        const RasterNames n = raster_names(t);
        for (const RasterDescription* d : {&n.signal, &n.server, &n.servers}) out.emplace_back(tif_path(config.out, d->name));
    }
    return out;
}

std::vector<std::pair<std::string, const Grid<float>*>> operator_signal_rasters(const std::vector<const TechnologyCoverage*>& technologies,
                                                                                 const std::vector<std::string>& operators,
                                                                                 const RunConfig& config) {
    std::vector<std::pair<std::string, const Grid<float>*>> out;
    if (!config.operator_rasters) return out;
    const std::vector<std::string> keys = operator_keys(operators);
    for (const TechnologyCoverage* tc : technologies)
        for (std::size_t k = 0; k < keys.size(); ++k)
            // One operator runs ungrouped: its levels are the network's.
            out.emplace_back("signal_" + std::string(to_key(tc->technology)) + "_" + keys[k],
                             tc->group_signal_dbm.empty() ? &tc->signal_dbm : &tc->group_signal_dbm[k]);
    return out;
}

void write_coverage_outputs(const CoverageResult& coverage, const RunConfig& config, const LandCoverGrids* landcover,
                            const std::vector<std::string>& operators) {
    check_outputs_apart_from_inputs(config);  // also when the steps are called one by one
    const fs::path& gpkg = config.out;
    const fs::path dir = folder_of(gpkg);
    std::error_code ec;
    try {
        OutputDirectory directory(dir);
        // The GeoPackage and the GeoTIFFs are one set: all written before any is renamed into place.
        // Each file is written by its own job, the jobs spread over the run's threads: the files
        // are independent, so their bytes do not depend on the order.
        AtomicOutputSet outputs;
        AtomicOutput& gpkg_output = outputs.add(gpkg);
        std::vector<std::function<void()>> jobs;
        jobs.emplace_back([&] {
            GeoPackageWriter writer(gpkg_output);  // complete once the writer is closed
            for (const TechnologyCoverage& tc : coverage.technologies) {
                const RasterNames n = raster_names(tc.technology);
                writer.add_raster(n.signal.name, tc.signal_dbm, n.signal);
                // GeoPackage gridded coverage stores no 32-bit integers: Float32 holds them exactly.
                writer.add_raster(n.server.name, convert_grid<float>(tc.server), n.server);
                writer.add_raster(n.servers.name, convert_grid<float>(tc.servers_above), n.servers);
            }
            std::vector<const TechnologyCoverage*> techs;
            for (const TechnologyCoverage& tc : coverage.technologies) techs.push_back(&tc);
            for (const auto& [table, raster] : operator_signal_rasters(techs, operators, config))
                writer.add_raster(table, *raster, {table, "dBm"});
            if (landcover) add_landcover_table(writer, *landcover);
            std::vector<std::pair<std::string, std::string>> metadata{{"command", "coverage"}};
            for (auto& item : remembered_settings(config)) metadata.push_back(std::move(item));
            if (config.operator_rasters && !operators.empty()) metadata.emplace_back(kOperatorsMetadataItem, operators_metadata(operators));
            writer.set_metadata(metadata);
        });
        for (const TechnologyCoverage& tc : coverage.technologies) {
            const RasterNames n = raster_names(tc.technology);
            AtomicOutput& signal = outputs.add(tif_path(gpkg, n.signal.name));
            AtomicOutput& server = outputs.add(tif_path(gpkg, n.server.name));
            AtomicOutput& servers = outputs.add(tif_path(gpkg, n.servers.name));
            jobs.emplace_back([&tc, &signal, n] { write_geotiff(signal, tc.signal_dbm, n.signal); });
            jobs.emplace_back([&tc, &server, n] { write_geotiff(server, tc.server, n.server); });
            jobs.emplace_back([&tc, &servers, n] { write_geotiff(servers, tc.servers_above, n.servers); });
        }
        parallel_for(jobs.size(), config.threads, [&](std::size_t j) { jobs[j](); });
        outputs.commit_all();
        directory.keep();
    } catch (const IoError& e) {
        throw OutputError("cannot write the results into " + gpkg.string() + ": " + e.what());
    }
    // GeoTIFFs of technologies an earlier run into the same stem wrote, and this one did not,
    // would sit beside a GeoPackage without them: they are phusong's own names, removed.
    for (Technology t : kAllTechnologies) {
        if (std::any_of(coverage.technologies.begin(), coverage.technologies.end(),
                        [t](const TechnologyCoverage& tc) { return tc.technology == t; }))
            continue;
        const RasterNames n = raster_names(t);
        for (const RasterDescription* d : {&n.signal, &n.server, &n.servers})
            if (fs::is_regular_file(fs::symlink_status(tif_path(gpkg, d->name), ec))) fs::remove(tif_path(gpkg, d->name), ec);
    }
}

}  // namespace phusong
