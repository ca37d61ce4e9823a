// Shared command-line plumbing for the subcommands.
#pragma once

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace phusong {

/// Parses `argv` (argv[0] is the subcommand) into `vm`. Prints the description and returns
/// false when --help was given; throws InputError ("command: reason") on bad usage.
bool parse_command_line(int argc, const char* const argv[], const boost::program_options::options_description& options,
                        const std::string& command, boost::program_options::variables_map& vm);

/// "3g, 4G,,5g" → {"3g", "4g", "5g"}: comma-separated, spaces dropped, lower-cased.
std::vector<std::string> split_list(const std::string& text);

}  // namespace phusong
