#include "pipeline/run_maps.hpp"

#include <optional>

#include "geo/errors.hpp"
#include "geo/geos_geometry.hpp"
#include "geo/hillshade.hpp"
#include "io/atomic_output.hpp"
#include "io/coverage_reader.hpp"
#include "io/raster_reader.hpp"
#include "io/vector_reader.hpp"
#include "pipeline/maps.hpp"
#include "pipeline/output_folder.hpp"
#include "pipeline/run.hpp"
#include "pipeline/steps.hpp"

namespace phusong {
namespace {

XY point_of(const std::vector<unsigned char>& wkb) { return point_on_surface(geometry_from_wkb(wkb).get()); }

}  // namespace

std::size_t draw_run_maps(const std::string& gpkg, const std::string& dem, const std::vector<Technology>& technologies,
                          const std::filesystem::path& out_dir) {
    std::vector<SignalRaster> rasters = read_signal_rasters(gpkg);
    keep_technologies(rasters, technologies, gpkg);
    const GridSpec grid = rasters.front().signal_dbm.spec();
    std::optional<Grid<float>> shade;
    if (!dem.empty()) shade = hillshade(read_dem(dem, grid).elevation_m);

    // Boundaries: the communes layer, else polygon places. Villages: point places.
    LayerContent communes = read_layer(gpkg, "communes", {});
    const LayerContent places = read_layer(gpkg, "places", {"kind"});
    const bool places_are_villages = places.found && !places.values.empty() && places.values.front()[0] == "village";
    if (!communes.found && places.found && !places_are_villages) communes = read_layer(gpkg, "places", {});
    const LayerContent towers = read_layer(gpkg, "towers", {"tech"});
    const LayerContent districts = read_layer(gpkg, "districts", {});

    std::vector<std::filesystem::path> maps;
    for (const SignalRaster& r : rasters) maps.push_back(out_dir / map_file_name(r.technology));
    check_outputs_apart(maps, {{"--gpkg", gpkg}, {"--dem", dem}}, false);
    check_output_location(out_dir);
    OutputFolder(out_dir, false).write([&](AtomicOutputSet& set) {
        for (const SignalRaster& r : rasters) {
            const std::string key(to_key(r.technology));
            TechnologyMapData data{r.technology, grid.extent(), shade ? &*shade : nullptr, &r.signal_dbm, {}, communes.wkb, districts.wkb, {}, {}, {}};
            const LayerContent zones = read_layer(gpkg, "dead_zones_" + key, {});
            if (!zones.found)
                throw InputError({gpkg, "", "dead_zones_" + key}, "no such layer: is this a GeoPackage written by `analyze` or `gaps`?");
            data.dead_zones = zones.wkb;
            if (places_are_villages) {
                const LayerContent villages = read_layer(gpkg, "places", {key + "_covered"});
                for (std::size_t i = 0; i < villages.wkb.size(); ++i)
                    data.villages.emplace_back(point_of(villages.wkb[i]), villages.values[i][0] == "yes");
            }
            for (std::size_t i = 0; i < towers.wkb.size(); ++i)
                if (parse_technology(towers.values[i][0]) == r.technology) data.towers.push_back(point_of(towers.wkb[i]));
            render_map_png(set.add(out_dir / map_file_name(r.technology)), technology_map(data), kMapWidthPx);
        }
    });
    return rasters.size();
}

}  // namespace phusong
