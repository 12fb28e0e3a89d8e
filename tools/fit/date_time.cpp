#include "tools/fit/date_time.hpp"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "models/scenario/calendar_text.hpp"

namespace flowsim::fit {

namespace {

// Two digits at text[at], within [0, limit].
std::optional<int> two_digits(const std::string& text, std::size_t at, int limit) {
  if (at + 2 > text.size() || !std::isdigit(static_cast<unsigned char>(text[at])) ||
      !std::isdigit(static_cast<unsigned char>(text[at + 1])))
    return std::nullopt;
  const int value = (text[at] - '0') * 10 + (text[at + 1] - '0');
  if (value > limit) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Moment> parse_moment(const std::string& text) {
  const auto date = scenario::parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  if (text.size() == 10) return Moment{static_cast<double>(*date), true};
  // A time of day: " HH:MM" or "THH:MM", then optionally ":SS".
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  if (text[10] != ' ' && text[10] != 'T') return std::nullopt;
  const auto hours = two_digits(text, 11, 23);
  const auto minutes = two_digits(text, 14, 59);
  if (!hours || !minutes || text[13] != ':') return std::nullopt;
  int seconds = 0;
  if (text.size() == 19) {
    const auto s = two_digits(text, 17, 59);
    if (!s || text[16] != ':') return std::nullopt;
    seconds = *s;
  }
  const double day_fraction = (*hours * 3600.0 + *minutes * 60.0 + seconds) / 86400.0;
  return Moment{static_cast<double>(*date) + day_fraction, false};
}

std::string format_moment(double days, bool date_only) {
  const double whole = std::floor(days);
  if (date_only) return scenario::format_date(static_cast<std::int64_t>(whole));
  auto seconds = static_cast<long long>(std::llround((days - whole) * 86400.0));
  auto day = static_cast<std::int64_t>(whole);
  if (seconds >= 86400) {
    seconds -= 86400;
    ++day;
  }
  return fmt::format("{} {:02}:{:02}:{:02}", scenario::format_date(day), seconds / 3600,
                     (seconds / 60) % 60, seconds % 60);
}

}  // namespace flowsim::fit
