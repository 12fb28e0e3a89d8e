#pragma once
// Pieces shared by the chart builders (chart_specs.hpp): the page-wide look,
// the zoom parameter, the legend placement and interval clipping.
#include <string>
#include <vector>

#include "tools/report/charts/chart_specs.hpp"

namespace flowsim::charts::detail {

// Readable text sizes, the title left-aligned, legends below the plot.
[[nodiscard]] Spec chart_config();
// A specification with the common config, title and subtitle.
[[nodiscard]] Spec titled(const std::string& title, const std::string& subtitle = "");
// Drag to pan, wheel to zoom on the x axis; double-click resets.
[[nodiscard]] Spec x_zoom();
// A legend below the plot.
[[nodiscard]] Spec legend_below(const std::string& title = "");
// A colour scale with named entries and their colours, so legends come from
// the data but keep fixed colours.
[[nodiscard]] Spec named_colours(const std::vector<std::string>& names,
                                 const std::vector<std::string>& colours);
// The qualitative palette used for series (baseline first).
[[nodiscard]] const std::vector<std::string>& series_palette();
// Quantitative encoding of a field with the style's title and format.
[[nodiscard]] Spec quantity(const std::string& field, const ValueStyle& style);
// A whole-number axis (capacities): integer labels, at least one apart.
// With 'values' (at most 30), a tick at each of them.
[[nodiscard]] Spec whole_number_axis(const std::string& title, const std::vector<int>& values = {});
[[nodiscard]] Spec tooltip_field(const std::string& field, const std::string& title,
                                 const std::string& format = "");
// The grey warm-up span of a time series (not measured), or null when none.
[[nodiscard]] Spec warmup_layer(double warmup_days);

}  // namespace flowsim::charts::detail
