#include "pipeline/run.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "geo/errors.hpp"
#include "io/atomic_output.hpp"
#include "io/coverage_reader.hpp"
#include "io/raster_reader.hpp"
#include "pipeline/operators.hpp"
#include "pipeline/run_memory.hpp"
#include "pipeline/run_outputs.hpp"
#include "pipeline/steps.hpp"

namespace fs = std::filesystem;

namespace phusong {
namespace {

/// The signal rasters as coverage results at this run's covered levels (no serving cells), with
/// the operators' levels when read.
CoverageResult coverage_from(std::vector<SignalRaster> rasters, const LinkBudget& budget) {
    CoverageResult out;
    for (SignalRaster& r : rasters) {
        const GridSpec spec = r.signal_dbm.spec();
        out.technologies.push_back({r.technology, budget.covered_level(r.technology), std::move(r.signal_dbm),
                                    Grid<std::int32_t>(spec, -1, -1), Grid<std::uint16_t>(spec, 0), std::move(r.operator_dbm)});
    }
    return out;
}

/// The operators whose rasters the coverage GeoPackage holds (--operator-rasters), by name.
std::vector<std::string> recorded_operators(const std::string& gpkg) {
    const auto metadata = read_geopackage_metadata(gpkg);
    const auto item = metadata.find(kOperatorsMetadataItem);
    return item == metadata.end() ? std::vector<std::string>{} : parse_operators_metadata(item->second, gpkg);
}

/// An absolute, normalised path that exists or not (symlinks resolved where they exist).
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path out = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::absolute(p).lexically_normal() : out;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (o->empty()) continue;  // a trailing separator
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

void predict_and_assess(RunOutcome& out, const RunConfig& config, const RunObserver& observer) {
    out.prepared = prepare_analysis(out.inputs, config, out.diagnostics);
    check_output_location(output_folder(config));
    CoverageResult coverage = predict(out.prepared, config, observer.progress, out.diagnostics);
    if (config.kind == RunKind::Coverage) {
        write_coverage_outputs(coverage, config, out.prepared.landcover ? &*out.prepared.landcover : nullptr, out.prepared.operators);
        for (TechnologyCoverage& tc : coverage.technologies) out.result.technologies.push_back({std::move(tc), {}, {}});
        out.result.model_warnings = coverage.model_warnings;
        out.result.itm_warnings = coverage.itm_warnings;
        out.result.reach = coverage.reach;
        return;
    }
    std::vector<char> terrain(out.prepared.grid.size());
    const auto& dem = out.prepared.dem.elevation_m.values();
    for (std::size_t i = 0; i < terrain.size(); ++i) terrain[i] = !std::isnan(dem[i]);
    out.result = assess(out.prepared, std::move(coverage), config, terrain);
}

void assess_given_rasters(RunOutcome& out, const RunConfig& config) {
    const std::vector<std::string> operators = recorded_operators(config.inputs.coverage);
    std::vector<SignalRaster> rasters = read_signal_rasters(config.inputs.coverage, operator_keys(operators));
    keep_technologies(rasters, config.technologies, config.inputs.coverage);
    const GridSpec grid = rasters.front().signal_dbm.spec();
    out.prepared = prepare_places(out.inputs, config, grid, out.diagnostics);
    out.prepared.operators = operators;
    check_output_location(config.out);
    // Every pixel of the rasters is analysed: where no cell reaches, the signal is NaN (not covered).
    out.result = assess(out.prepared, coverage_from(std::move(rasters), config.budget), config, std::vector<char>(grid.size(), 1));
    if (config.kind == RunKind::Rank) {
        out.prepared.dem = read_run_dem(config.inputs.dem, grid, out.diagnostics);
        out.prepared.landcover = read_run_landcover(config, grid);
    }
}

}  // namespace

void keep_technologies(std::vector<SignalRaster>& rasters, const std::vector<Technology>& wanted, const std::string& source) {
    if (wanted.empty()) return;
    for (Technology t : wanted)
        if (std::none_of(rasters.begin(), rasters.end(), [t](const SignalRaster& r) { return r.technology == t; }))
            throw InputError({source, "", "signal_" + std::string(to_key(t))}, "no such raster table (--tech)");
    std::erase_if(rasters, [&](const SignalRaster& r) { return std::find(wanted.begin(), wanted.end(), r.technology) == wanted.end(); });
}

bool RunOutcome::targets_met() const {
    return std::all_of(result.targets.begin(), result.targets.end(), [](const TargetOutcome& t) { return t.passed; });
}

void check_outputs_apart(const std::vector<fs::path>& outputs, const std::vector<std::pair<std::string, std::string>>& inputs,
                         bool outputs_are_folders) {
    for (const fs::path& output : outputs) {
        const fs::path out = resolved(output);
        for (const auto& [option, path] : inputs) {
            if (path.empty()) continue;
            const fs::path input = resolved(path);
            if (input == out)
                throw InputError("--out " + output.string() + " is the " + option + " input " + path +
                                 ": choose another output, inputs are never overwritten");
            if (outputs_are_folders && is_within(input, out))
                throw InputError("--out " + output.string() + " contains the " + option + " input " + path +
                                 ": choose an output folder apart from the inputs (a run replaces its folder's outputs)");
        }
    }
}

void check_outputs_apart_from_inputs(const RunConfig& config) {
    const RunInputs& in = config.inputs;
    const bool coverage = config.kind == RunKind::Coverage;
    check_outputs_apart(coverage ? coverage_output_paths(config) : std::vector<fs::path>{config.out},
                        {{"--towers", in.towers},
                         {"--dem", in.dem},
                         {"--coverage", in.coverage},
                         {"--villages", in.villages},
                         {"--communes", in.communes},
                         {"--places", in.places},
                         {"--population-raster", in.population_raster},
                         {"--districts", in.districts},
                         {"--landcover", in.landcover},
                         {"--landcover-classes", in.landcover_classes},
                         {"--targets", in.targets},
                         {"--candidates", in.candidates},
                         {"--config", in.config}},
                        !coverage);
}

std::unique_ptr<RunOutcome> run(const RunConfig& given, const RunObserver& observer) {
    auto out = std::make_unique<RunOutcome>();
    out->diagnostics.set_listener(observer.on_diagnostic);
    out->config = given;
    const RunConfig& config = out->config;
    if (!config.predicts() && config.use_remembered_settings) {
        check_outputs_apart_from_inputs(config);  // before reading the coverage, as for every input
        for (const std::string& note : inherit_settings(out->config, read_geopackage_metadata(config.inputs.coverage), config.inputs.coverage))
            out->diagnostics.warn(Step::Load, {config.inputs.coverage, "", ""}, note);
        try {
            validate(config);
        } catch (const InputError& e) {
            if (config.settings_from.empty()) throw;
            throw InputError(std::string(e.what()) + " (settings not given were taken from the coverage run's, recorded in " +
                             config.settings_from + ")");
        }
    }
    check_outputs_apart_from_inputs(config);
    out->inputs = load_inputs(config, out->diagnostics);
    if (config.predicts()) predict_and_assess(*out, config, observer);
    else assess_given_rasters(*out, config);
    if (config.kind == RunKind::Coverage) return out;

    if (config.ranks()) {
        const ProgressFn& progress = observer.progress;
        out->result.ranking = rank_candidates(
            out->inputs, out->prepared, out->result, config, out->prepared.dem.elevation_m,
            [&progress](std::size_t done, std::size_t total) {
                if (progress) progress("scoring candidate sites", done, total, "sites");
            },
            out->diagnostics);
    }
    // Checked before anything is written: an unmeasurable target is bad input.
    check_run_targets(out->inputs, config, out->result);
    write_run_outputs(out->inputs, out->prepared, out->result, config, out->diagnostics);
    return out;
}

}  // namespace phusong
