#pragma once
// Dates as scenarios write them ("YYYY-MM-DD", and "MM-DD" for a day that
// recurs every year) and the few calendar questions the readers ask of them.
// Dates are held as days since 1970-01-01 (std::chrono::sys_days).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace flowsim::scenario {

// "YYYY-MM-DD" as days since 1970-01-01, if it is a real date.
[[nodiscard]] std::optional<std::int64_t> parse_date(const std::string& text);
[[nodiscard]] std::string format_date(std::int64_t days);
// "MM-DD"; 02-29 is accepted (it matches in leap years only).
[[nodiscard]] std::optional<std::chrono::month_day> parse_month_day(const std::string& text);
// The month and day of a date given as days since 1970-01-01.
[[nodiscard]] std::chrono::month_day month_day_of(std::int64_t days);
// Whether 'day' falls in the recurring season from 'from' to 'to', both
// included; a season whose 'from' comes after its 'to' runs over the new year.
[[nodiscard]] bool in_season(std::chrono::month_day day, std::chrono::month_day from,
                             std::chrono::month_day to);

}  // namespace flowsim::scenario
