// The progress line: counts, rate and time left.
#include <catch2/catch.hpp>

#include "tools/io/progress.hpp"

using flowsim::tools::ProgressBar;

TEST_CASE("The progress line shows counts, rate and time left", "[progress]") {
  CHECK(ProgressBar::format_line("replications", 25, 100, 25, 5.0, "3/10 points") ==
        "[######..................] 25/100 replications  3/10 points  5.0/s  0m15s left");
  // Work resumed from an earlier run does not count towards the rate.
  CHECK(ProgressBar::format_line("replications", 60, 100, 10, 2.0, "") ==
        "[##############..........] 60/100 replications  5.0/s  0m08s left");
  CHECK(ProgressBar::format_line("replications", 0, 100, 0, 1.0, "") ==
        "[........................] 0/100 replications");
  CHECK(ProgressBar::format_line("x", 1, 7300, 1, 1.0, "") ==
        "[........................] 1/7300 x  1.0/s  2h01m left");
}
