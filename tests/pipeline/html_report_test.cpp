// report.html of a run through the pipeline: a place name cannot end the page's script, the
// page carries every village and the targets, and it loads nothing from the network.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "pipeline/run.hpp"
#include "tests/cli/cli_fixture.hpp"
#include "tests/pipeline/pipeline_fixture.hpp"

namespace phusong {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST(HtmlReport, APlaceNameCannotEndThePagesScript) {
    test::CliFixture f;
    // A village named like markup, and one with Vietnamese diacritics.
    test::write_file(f.villages, R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"</script><script>alert(1)</script>","population":10},
         "geometry":{"type":"Point","coordinates":[103.24,22.345]}},
        {"type":"Feature","properties":{"name":"Bản Nậm Lò","population":20},
         "geometry":{"type":"Point","coordinates":[103.26,22.355]}}]})");
    RunConfig c = test::fixture_config(f);
    c.inputs.targets = f.dir.file("targets.ini");
    test::write_file(c.inputs.targets, "[villages_with_4g_share]\nmin = 0.75\n");
    const auto out = run(c);
    ASSERT_EQ(out->result.targets.size(), 1u);
    const std::string html = read(fs::path(f.out) / "report.html");
    // The page's own three scripts (Leaflet, the data, the page's code) and no fourth.
    EXPECT_EQ(count(html, "<script>"), 3u);
    EXPECT_EQ(count(html, "</script>"), 3u);
    EXPECT_NE(html.find(R"(\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e)"), std::string::npos);
    EXPECT_NE(html.find("Bản Nậm Lò"), std::string::npos);  // UTF-8 as given, not escaped away
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    // The targets table: the target as written, and PASS/FAIL as the run measured it.
    EXPECT_NE(html.find(R"("id":"targets")"), std::string::npos);
    EXPECT_NE(html.find(R"(["villages_with_4g_share",null],["whole area",null],["≥ 0.75",null])"), std::string::npos);
    EXPECT_NE(html.find(out->result.targets[0].passed ? R"(["PASS",null]]])" : R"(["FAIL",null]]])"), std::string::npos);
    // Nothing from the network: no script, image, style sheet or CSS url() from http(s) (Leaflet's
    // attribution names its site in a link, which loads nothing).
    const std::regex loads(R"(src\s*=\s*["']https?:|<link[^>]+href\s*=\s*["']https?:|url\(\s*["']?https?:)");
    EXPECT_FALSE(std::regex_search(html, loads));
}

}  // namespace
}  // namespace phusong
