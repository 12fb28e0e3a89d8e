// flowsim sweep --target's console table: the points meeting every target,
// each target's mean (95% CI) in the metric's own terms (a share as %).
#include <catch2/catch.hpp>

#include "tools/sweep/sweep_targets.hpp"

using flowsim::sweep::PointVerdict;
using flowsim::tools::Target;

TEST_CASE("Sweep targets: the console table prints shares as % and counts as they are",
          "[sweep][targets]") {
  const std::vector<Target> targets = {
      {.text = "unit.ward.p_wait <= 0.3", .metric = "unit.ward.p_wait", .value = 0.3},
      {.text = "unit.ward.queue_mean <= 2", .metric = "unit.ward.queue_mean", .value = 2}};
  const std::vector<PointVerdict> verdicts = {
      {.point = 0,
       .values = {"3"},
       .per_target = {{10, 0.45, 0.0, 0.05}, {10, 2.5, 0.0, 0.2}},
       .verdicts = {"fails", "fails"},
       .meets_all = false},
      {.point = 1,
       .values = {"5"},
       .per_target = {{10, 0.1234, 0.0, 0.0112}, {10, 0.61, 0.0, 0.05}},
       .verdicts = {"met", "met"},
       .meets_all = true}};
  const auto text =
      flowsim::sweep::format_points_meeting("ward beds", {"units.ward.capacity"}, targets, verdicts);
  INFO(text);
  CHECK(text ==
        "\nward beds: 1 of 2 points meet unit.ward.p_wait <= 0.3, unit.ward.queue_mean <= 2 (the whole "
        "95% CI on the "
        "good side of each)\n"
        "  point units.ward.capacity unit.ward.p_wait       unit.ward.queue_mean\n"
        "  1     5                   12.3% (11.2% to 13.5%) 0.61 (0.56 to 0.66)\n");
}
