// report.html and compare.html: one self-contained page that works from file:// with no network.
// Leaflet (Debian's libjs-leaflet) and the page's own script and style are inlined at build
// time; the run's layers and tables travel as one JavaScript object (PHUSONG) in the page.
//
// The run's page: an interactive map (hillshade base, signal per technology as Web Mercator PNG
// overlays with a legend, dead zones, communes coloured by covered share, villages coloured by
// coverage with popups, existing sites, ranked candidates; layer switcher and scale bar), the
// inputs and model, and the totals, targets (PASS/FAIL), operators, districts, dead zones,
// villages and picks as tables that sort by column and filter by district; clicking a dead
// zone, village or pick zooms the map to it. Vector layers are simplified for display only
// (to about one grid pixel): every figure comes from the unsimplified analysis.
#pragma once

#include <string>

#include "pipeline/compare.hpp"
#include "pipeline/run_config.hpp"
#include "pipeline/run_state.hpp"

namespace phusong {

/// The HTML of a run's report.html (Analyze, Gaps, Rank), over `shade` (the terrain's
/// hillshade on the analysis grid, as the PNG maps use it; nullptr: no relief, e.g. without a
/// DEM). IoError when a layer cannot be projected or encoded.
std::string report_html(const LoadedInputs& inputs, const PreparedAnalysis& prepared, const AnalysisResult& result,
                        const RunConfig& config, const Grid<float>* shade);

/// The HTML of compare.html: the comparison's tables (no map: compare reads tables only).
std::string comparison_html(const RunComparison& comparison, const std::string& markdown_summary);

}  // namespace phusong
