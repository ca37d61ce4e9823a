// `phusong compare`: progress between two finished runs (`analyze`, `gaps` or `rank` output
// folders) — the places whose verdict changed per technology and operator, the villages and
// people newly covered or lost per technology, operator, district and commune, and the targets
// that changed state.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace phusong {

/// One place's verdict, for one technology and network, that differs between the runs.
struct VerdictChange {
    std::string kind;           ///< "village" or "commune"
    std::string id, name, commune, district;
    double population = 0.0;    ///< people of the place (the after run's figure)
    std::string operator_name;  ///< "" = any operator's cells (empty in compare.csv too)
    std::string technology;     ///< "3g", "4g", …
    bool covered_after = false; ///< true: newly covered; false: lost
};

/// A target measured by both runs whose pass/fail changed.
struct TargetChange {
    std::string metric, scope;  ///< scope as the report says it ("whole area", "district X, operator Y")
    double before = 0.0, after = 0.0;
    bool passed_after = false;
};

struct RunComparison {
    std::string before, after;              ///< the folders
    std::vector<std::string> technologies;  ///< in both runs, ascending ("3g", "4g")
    std::vector<std::string> operators;     ///< operators of both runs, by name
    std::vector<VerdictChange> changes;     ///< in the after run's place order
    std::vector<TargetChange> targets;
    std::vector<std::string> only_before, only_after;  ///< places (kind id name) in one run only
    /// Villages covered per network (any operator, then each of `operators`) and technology.
    std::vector<std::vector<std::size_t>> villages_before, villages_after;
    std::vector<std::vector<std::size_t>> communes_before, communes_after;  ///< the same for communes
    /// Verdict settings (covered levels, model, clutter) that differ between the runs, described.
    std::vector<std::string> settings_differ;
    std::size_t villages = 0;               ///< villages in both runs
    std::size_t communes = 0;               ///< communes in both runs
};

/// Compares the places.csv (and summary.json, for targets, settings and operator names) of two
/// run folders, matching places by kind and id. InputError naming the file, line and column when
/// one is missing or malformed, or when a matched id names another place (name) in each run.
RunComparison compare_runs(const std::filesystem::path& before, const std::filesystem::path& after);

/// compare.md (tables per technology, operator, district, commune, the places and the targets)
/// and compare.csv (one row per changed verdict) into `out`, all or nothing.
void write_comparison(const RunComparison& comparison, const std::filesystem::path& out);

}  // namespace phusong
