#pragma once
// Arrivals per source and unit: admissions to a fitted unit from outside the
// fitted units (no source, or a source that is not one of them), over the
// extract window. The daily rate with its 95% interval, hour-of-day,
// day-of-week and month-of-year profiles in the scenario's arrival keys, and
// growth per year (Poisson regression of daily counts on time) when the
// window spans a year or more.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tools/fit/fit_scope.hpp"

namespace flowsim::fit {

struct ArrivalFit {
  std::string name;    // the scenario's source name
  std::string source;  // as in the extract ("" when none was given)
  std::string unit;
  double count = 0.0;         // admissions in the window
  double window_start = 0.0;  // days since 1970: the window of its file
  double window_days = 0.0;
  double mean_rate = 0.0;                            // per day over the window
  double mean_rate_low = 0.0, mean_rate_high = 0.0;  // its 95% interval
  double rate_per_day = 0.0;                         // at the extract date (= mean_rate without growth)
  std::optional<double> growth_per_year;
  double growth_low = 0.0, growth_high = 0.0;  // its 95% interval
  std::vector<double> hour_of_day;             // 24, mean 1; empty when times are not known
  std::vector<double> day_of_week;             // 7, Monday first, mean 1
  std::vector<double> month_of_year;           // 12, empty under a year
  std::map<std::string, double> groups;        // counts by group (with --by group)
};

[[nodiscard]] std::vector<ArrivalFit> fit_arrivals(const Extract& extract, const FitScope& scope);

}  // namespace flowsim::fit
