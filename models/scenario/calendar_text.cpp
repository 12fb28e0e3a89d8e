#include "models/scenario/calendar_text.hpp"

#include <regex>

#include <fmt/format.h>

namespace flowsim::scenario {

namespace chrono = std::chrono;

std::optional<std::int64_t> parse_date(const std::string& text) {
  static const std::regex pattern(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  const chrono::year_month_day date{chrono::year{std::stoi(m[1])},
                                    chrono::month{static_cast<unsigned>(std::stoi(m[2]))},
                                    chrono::day{static_cast<unsigned>(std::stoi(m[3]))}};
  if (!date.ok()) return std::nullopt;
  return chrono::sys_days(date).time_since_epoch().count();
}

std::string format_date(std::int64_t days) {
  const chrono::year_month_day date{chrono::sys_days{chrono::days{days}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<chrono::month_day> parse_month_day(const std::string& text) {
  static const std::regex pattern(R"(^(\d{2})-(\d{2})$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  const chrono::month_day md{chrono::month{static_cast<unsigned>(std::stoi(m[1]))},
                             chrono::day{static_cast<unsigned>(std::stoi(m[2]))}};
  if (!md.ok()) return std::nullopt;
  return md;
}

chrono::month_day month_day_of(std::int64_t days) {
  const chrono::year_month_day date{chrono::sys_days{chrono::days{days}}};
  return {date.month(), date.day()};
}

bool in_season(chrono::month_day day, chrono::month_day from, chrono::month_day to) {
  return from <= to ? (day >= from && day <= to) : (day >= from || day <= to);
}

}  // namespace flowsim::scenario
