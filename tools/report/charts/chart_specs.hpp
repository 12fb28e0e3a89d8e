#pragma once
// The chart layer: each function returns one complete Vega-Lite (v5)
// specification with its data inline, ready for vega-embed. Nothing here
// knows about HTML or result files, so the HTML report and the browser front
// end draw the same charts from the same builders. Every chart carries
// tooltips; legends sit below the plot, off the data; time series zoom and
// pan on the x axis (drag, wheel; double-click resets).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowsim::charts {

using Spec = nlohmann::json;

// How a measure's values read: the axis format and the scale applied to
// the stored value (a fraction shown as %, GBP shown as GBP m).
struct ValueStyle {
  std::string title;              // axis title with its unit, e.g. "beds occupied at midnight"
  double scale = 1.0;             // multiplies stored values
  std::string format = ",.1f";    // d3-format of axis labels and tooltips
  std::optional<double> floor;    // intervals are cut here (0 for counts)
  std::optional<double> ceiling;  // and here (100 for percentages)
};
[[nodiscard]] ValueStyle percent_style(const std::string& title);
[[nodiscard]] ValueStyle count_style(const std::string& title);
[[nodiscard]] ValueStyle money_style(const std::string& title);  // GBP m
// value x the style's scale, cut to its floor and ceiling.
[[nodiscard]] double styled_value(double value, const ValueStyle& style);

// One day of a band: mean with a lower and upper edge (percentiles or CI).
struct BandPoint {
  std::string series;  // legend entry, e.g. "baseline" (one series: its label)
  double day = 0;      // days since the run start
  double mean = 0;
  double low = 0;
  double high = 0;
};
struct StepPoint {
  double day = 0;
  double value = 0;
};

struct FanChart {
  std::string title;
  ValueStyle style;
  std::vector<BandPoint> points;
  std::string band_label = "5th-95th percentile";
  std::vector<StepPoint> capacity;  // capacity in force (a step line); empty: none drawn
  double warmup_days = 0;           // shaded, not measured
};
// Mean line with its band per series; capacity as a step line; zoomable.
[[nodiscard]] Spec fan_chart(const FanChart& chart);

// The share of replications at each level of a ladder (escalation levels)
// day by day.
struct LevelShare {
  double day = 0;
  std::string level;  // one of LevelShares::levels
  double share = 0;   // 0 to 1
};
struct LevelShares {
  std::string title;
  std::vector<std::string> levels;  // lowest first, drawn from the bottom, green to red
  std::vector<LevelShare> points;
  double warmup_days = 0;  // greyed, not measured
};
// Stacked steps (a level holds for the day) summing to 100%; zoomable.
[[nodiscard]] Spec level_shares(const LevelShares& chart);

struct SmallMultiples {
  std::string title;
  ValueStyle style;
  std::string panel_title;        // what the panels are, e.g. "pathway"
  std::vector<BandPoint> points;  // series = panel
  std::string band_label = "5th-95th percentile";
  double warmup_days = 0;
  int columns = 3;
};
// One small fan chart per series, each with its own y scale.
[[nodiscard]] Spec small_multiples(const SmallMultiples& chart);

// A value with its interval, on a category axis.
struct Estimate {
  std::string label;  // category, e.g. the unit
  std::string group;  // colour or panel, e.g. "fixed" / "variable", or the unit of a forest row
  double mean = 0;
  double low = 0;
  double high = 0;
  std::string note;    // tooltip line and colour, e.g. "paired 95% CI excludes zero"
  std::string detail;  // tooltip line, e.g. the difference in its own units
};

struct IntervalBars {
  std::string title;
  ValueStyle style;
  std::vector<Estimate> estimates;  // group ignored
  std::optional<double> reference;  // a vertical rule, e.g. the 95% standard
  std::string reference_label;
  std::string interval_label = "95% CI";
};
// Horizontal bars with their intervals cut at the style's floor and ceiling.
[[nodiscard]] Spec interval_bars(const IntervalBars& chart);

struct StackedBars {
  std::string title;
  ValueStyle style;
  std::vector<Estimate> parts;  // label = bar, group = part of the bar; low/high in the tooltip
};
[[nodiscard]] Spec stacked_bars(const StackedBars& chart);

struct ForestPlot {
  std::string title;
  std::string x_title;
  std::string format = "+,.1f";
  std::vector<Estimate> rows;  // label = measure, group = panel (the unit); in the order given
};
// Differences with intervals and a zero line, one panel per group.
[[nodiscard]] Spec forest_plot(const ForestPlot& chart);

// A measure at one value of a parameter (or one period).
struct ResponsePoint {
  std::string measure;  // panel
  double x = 0;
  std::string x_label;  // for ordinal x (periods); empty: x is quantitative
  double mean = 0;
  double low = 0;
  double high = 0;
};
struct ResponsePanels {
  std::string title;
  std::string x_title;
  std::vector<ResponsePoint> points;         // values already scaled and clipped by the caller
  std::vector<std::string> measure_titles;   // panel order
  std::vector<std::string> measure_formats;  // d3-format per panel, same order
  bool whole_numbers_on_x = false;
  int columns = 3;
};
// One panel per measure: mean with its 95% CI band against x, sorted by x.
[[nodiscard]] Spec response_panels(const ResponsePanels& chart);

struct HeatCell {
  std::string x;
  std::string y;
  double value = 0;
  std::string text;      // in the cell: the mean
  std::string interval;  // in the tooltip: the 95% CI
};
struct HeatMap {
  std::string title;
  std::string x_title;
  std::string y_title;
  std::string value_title;
  std::vector<std::string> x_order;
  std::vector<std::string> y_order;
  std::vector<HeatCell> cells;
};
[[nodiscard]] Spec heat_map(const HeatMap& chart);

struct CapacityPoint {
  int capacity = 0;
  double mean = 0;
  double low = 0;
  double high = 0;
  std::string verdict;  // "met", "undecided", "fails"
};
struct SizingCurve {
  std::string title;
  std::string x_title;
  ValueStyle style;
  std::vector<CapacityPoint> points;
  std::optional<double> target;  // scaled like the values
  std::string target_label;
  std::optional<int> answer;
  std::optional<std::pair<int, int>> undecided;  // the answer band
};
// Measure against capacity: points coloured by verdict, the target line, the
// undecided band and the answer; whole capacities on the x axis.
[[nodiscard]] Spec sizing_curve(const SizingCurve& chart);

struct FrontierPoint {
  int capacity_a = 0;
  std::optional<int> capacity_b;         // smallest met with confidence
  std::optional<int> fails_at_or_below;  // largest failing with confidence
};
struct Frontier {
  std::string title;
  std::string a_title;
  std::string b_title;
  std::vector<FrontierPoint> points;
};
// The smallest capacity of B against A as a step line with the undecided
// range; whole beds on both axes.
[[nodiscard]] Spec frontier_chart(const Frontier& chart);

}  // namespace flowsim::charts
