// The one place where the command line's strings become a typed RunConfig.
#pragma once

#include "cli/analysis_options.hpp"
#include "pipeline/run_config.hpp"

namespace phusong {

/// Parses names (model, environment, technologies, objective, …), applies the link-budget and
/// tower-default settings and validates the result. InputError naming the option as typed —
/// and, for an option read from the config file, the file and line.
RunConfig make_run_config(const AnalysisOptions& options, RunKind kind);

/// --model and --environment by name; InputError naming the option and the names it takes.
PropagationModel parse_model_option(const std::string& name);
HataEnvironment parse_environment_option(const std::string& name);

/// "3g, 4G" → {G3, G4}: sorted, without repeats; InputError naming --tech for an unknown name.
std::vector<Technology> parse_technology_list(const std::string& list);

}  // namespace phusong
