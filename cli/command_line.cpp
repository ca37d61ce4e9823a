#include "cli/command_line.hpp"

#include <cctype>
#include <iostream>

#include "geo/errors.hpp"

namespace po = boost::program_options;

namespace phusong {

bool parse_command_line(int argc, const char* const argv[], const po::options_description& options,
                        const std::string& command, po::variables_map& vm) {
    try {
        po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
        if (vm.count("help")) {
            std::cout << options << "\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw InputError(command + ": " + e.what());
    }
    return true;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    for (char c : text + ",") {
        if (c == ',') {
            if (!item.empty()) out.push_back(item);
            item.clear();
        } else if (c != ' ') {
            item += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

}  // namespace phusong
