#include "models/measured_periods.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

namespace flowsim::models {

namespace {

namespace chrono = std::chrono;

constexpr double kDaysPerYear = 365.0;
constexpr double kTolerance = 1e-9;

// Days since 1970-01-01 of 1 April of 'year': the start of financial year
// year/year+1.
std::int64_t april_first(int year) {
  return chrono::sys_days{chrono::year{year} / chrono::April / chrono::day{1}}
      .time_since_epoch()
      .count();
}

// The financial year that a date (days since 1970-01-01) falls in, named by
// the calendar year it starts in.
int financial_year_of(std::int64_t days) {
  const chrono::year_month_day date{chrono::sys_days{chrono::days{days}}};
  const int year = static_cast<int>(date.year());
  return days >= april_first(year) ? year : year - 1;
}

std::string partial_label(const std::string& label, double days) {
  return fmt::format("{} (partial: {:g} days)", label, days);
}

std::vector<MeasuredPeriod> financial_years(const RunSettings& run, std::int64_t start_date) {
  std::vector<MeasuredPeriod> periods;
  const double first_day = std::floor(run.warmup_days + kTolerance);
  for (int year = financial_year_of(start_date + static_cast<std::int64_t>(first_day));; ++year) {
    const auto year_start = static_cast<double>(april_first(year) - start_date);
    const auto year_end = static_cast<double>(april_first(year + 1) - start_date);
    MeasuredPeriod period;
    period.start_day = std::max(run.warmup_days, year_start);
    period.end_day = std::min(run.horizon_days, year_end);
    if (period.start_day >= run.horizon_days - kTolerance) break;
    period.partial =
        period.start_day > year_start + kTolerance || period.end_day < year_end - kTolerance;
    period.label = fmt::format("{}/{:02}", year, (year + 1) % 100);
    if (period.partial) period.label = partial_label(period.label, period.days());
    period.start_date_days =
        start_date + static_cast<std::int64_t>(std::floor(period.start_day + kTolerance));
    periods.push_back(std::move(period));
  }
  return periods;
}

std::vector<MeasuredPeriod> years_after_warmup(const RunSettings& run) {
  std::vector<MeasuredPeriod> periods;
  for (int year = 1;; ++year) {
    MeasuredPeriod period;
    period.start_day = run.warmup_days + kDaysPerYear * (year - 1);
    if (period.start_day >= run.horizon_days - kTolerance) break;
    period.end_day = std::min(run.horizon_days, run.warmup_days + kDaysPerYear * year);
    period.partial = period.days() < kDaysPerYear - kTolerance;
    period.label = fmt::format("year {}", year);
    if (period.partial) period.label = partial_label(period.label, period.days());
    periods.push_back(std::move(period));
  }
  return periods;
}

}  // namespace

std::vector<MeasuredPeriod> measured_periods(const RunSettings& run) {
  if (run.start_date_days) return financial_years(run, *run.start_date_days);
  return years_after_warmup(run);
}

}  // namespace flowsim::models
