// Shared command-line plumbing for the subcommands.
#pragma once

#include <boost/program_options.hpp>

#include <string>
#include <type_traits>
#include <vector>

#include "geo/text_format.hpp"
#include "io/json_writer.hpp"

namespace phusong {

/// Parses `argv` (argv[0] is the subcommand) into `vm`. Prints the description and returns
/// false when --help was given; throws InputError ("command: reason") on bad usage.
bool parse_command_line(int argc, const char* const argv[], const boost::program_options::options_description& options,
                        const std::string& command, boost::program_options::variables_map& vm);

/// An option bound to `*v` whose default, shown by --help, is written as people write it
/// (0.005, not 0.0050000000000000001).
template <class T>
boost::program_options::typed_value<T>* with_default(T* v) {
    if constexpr (std::is_floating_point_v<T>) return boost::program_options::value(v)->default_value(*v, format_quantity(*v));
    else return boost::program_options::value(v)->default_value(*v);
}

/// "3g, 4G,,5g" → {"3g", "4g", "5g"}: comma-separated, spaces dropped, lower-cased.
std::vector<std::string> split_list(const std::string& text);

}  // namespace phusong
