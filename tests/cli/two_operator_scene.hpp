// A scene whose coverage is worked out by hand, for CLI tests of the indicators: flat ground, free
// space, operator A's mast SA beside village V1 and, optionally, operator B's SB beside V2.
#pragma once

#include <string>
#include <vector>

#include "tests/cli/cli_fixture.hpp"

namespace phusong::test {

/// Omni 4G masts at 1800 MHz, EIRP 58 dBm all as reference signal: RSRP = 58 − FSPL, which is
/// 97.56 dB at 1 km, so a −39.56 dBm threshold covers a 1 km disc. Villages V1 (100 people) at
/// mast SA (103.24, 22.35), V2 (150) at (103.27, 22.35) where SB stands `with_sb`, V3 (70) at
/// (103.255, 22.37), 2.7 km from both; V1 and V3 have grid power (`power`), V2 not. Writes the
/// inputs and `targets` (INI text) into the fixture and returns the `analyze` arguments, by
/// operator, into `out`.
inline std::vector<std::string> two_operator_analyze(CliFixture& f, bool with_sb, const std::string& out, const std::string& targets) {
    write_raster(f.dem, 32648, f.centre_x - 3000.0, f.centre_y + 3000.0, 30.0, 200, 200, [](double, double) { return 300.0; });
    write_file(f.towers, std::string(kTowerHeader) + "SA,A,103.24,22.35,30,4G,1800,58,,,\n" +
                             (with_sb ? "SB,B,103.27,22.35,30,4G,1800,58,,,\n" : ""));
    write_file(f.villages, R"({"type":"FeatureCollection","name":"villages","features":[
        {"type":"Feature","properties":{"name":"V1","population":100,"power":"yes"},"geometry":{"type":"Point","coordinates":[103.24,22.35]}},
        {"type":"Feature","properties":{"name":"V2","population":150,"power":"no"},"geometry":{"type":"Point","coordinates":[103.27,22.35]}},
        {"type":"Feature","properties":{"name":"V3","population":70,"power":"yes"},"geometry":{"type":"Point","coordinates":[103.255,22.37]}}]})");
    const std::string targets_file = f.dir.file("targets.ini");
    write_file(targets_file, targets);
    return {"analyze", "--towers", f.towers, "--dem", f.dem, "--villages", f.villages, "--village-power-field", "power",
            "--tech", "4g", "--model", "fspl", "--link-budget", "4g.reference_share_db=0", "--link-budget",
            "4g.threshold_dbm=-39.56", "--resolution-m", "30", "--radius-km", "3", "--by-operator", "--targets", targets_file,
            "--out", out, "--quiet"};
}

}  // namespace phusong::test
