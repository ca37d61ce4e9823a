// The CLI scenario (tests/cli/cli_fixture.hpp) as a RunConfig, for tests calling the pipeline.
#pragma once

#include "pipeline/run_config.hpp"
#include "tests/cli/cli_fixture.hpp"

namespace phusong::test {

/// The fixture's towers, DEM, villages and communes, 60 m pixels, a fixed 3 km reach, into f.out.
inline RunConfig fixture_config(const CliFixture& f) {
    RunConfig c;
    c.inputs.towers = f.towers;
    c.inputs.dem = f.dem;
    c.inputs.villages = f.villages;
    c.inputs.communes = f.communes;
    c.radio.resolution = Metres{60.0};
    c.radio.reach = ReachRule::Fixed;
    c.radio.radius = Metres{3000.0};
    c.out = f.out;
    return c;
}

}  // namespace phusong::test
