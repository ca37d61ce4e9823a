#include "io/landcover_classes.hpp"

#include <map>

#include "io/csv_table.hpp"

namespace phusong {

LandCoverClasses read_landcover_classes(const std::string& path) {
    return parse_landcover_classes(read_text_file(path), path);
}

LandCoverClasses parse_landcover_classes(const std::string& text, const std::string& path) {
    if (text.empty()) throw InputError({path, "", ""}, "file is empty");
    const CsvTable table = parse_csv(text, path);
    LandCoverClasses out;
    out.source = path;
    const std::vector<std::string> columns{"class", "name", "height_m", "loss_db"};
    std::vector<std::size_t> at;
    for (const std::string& c : columns) {
        const auto i = table.column(c);
        if (!i) throw InputError({path, "line 1", c}, "missing column (the header must be class,name,height_m,loss_db)");
        at.push_back(*i);
    }
    std::map<int, std::size_t> line_of;
    for (const CsvRecord& r : table.records) {
        LandCoverClass k;
        const double code = parse_number(r.fields[at[0]], table.at(r, "class"), 0.0, 65535.0);
        if (code != static_cast<double>(static_cast<int>(code)))
            throw InputError(table.at(r, "class"), "'" + r.fields[at[0]] + "' is not an integer class code");
        k.code = static_cast<int>(code);
        k.name = trim(r.fields[at[1]]);
        if (k.name.empty()) throw InputError(table.at(r, "name"), "empty class name");
        k.height = Metres{parse_number(r.fields[at[2]], table.at(r, "height_m"), 0.0, 100.0)};
        k.loss = Db{parse_number(r.fields[at[3]], table.at(r, "loss_db"), 0.0, 60.0)};
        const auto [it, added] = line_of.emplace(k.code, r.line);
        if (!added)
            throw InputError(table.at(r, "class"), "class " + std::to_string(k.code) + " is already given on line " +
                                                       std::to_string(it->second));
        out.classes.push_back(k);
    }
    if (out.classes.empty()) throw InputError({path, "", ""}, "the class table lists no class");
    return out;
}

}  // namespace phusong
