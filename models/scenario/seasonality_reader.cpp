#include "models/scenario/seasonality_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <variant>

#include <fmt/format.h>

#include "models/scenario/calendar_text.hpp"
#include "models/scenario/scenario_schema.hpp"

namespace flowsim::scenario {

namespace {

namespace chrono = std::chrono;

// Days in each month of a common year: the month profile is normalised over
// them, so that rate_per_day stays the mean daily rate over a year.
constexpr std::array<double, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// A day written as MM-DD recurs every year; YYYY-MM-DD happens once.
using DayText = std::variant<chrono::month_day, std::int64_t>;

class SeasonalityReader {
 public:
  SeasonalityReader(const YamlReader& reader, const models::RunSettings& run, std::size_t days)
      : reader_(reader), run_(run), daily_(days, 1.0) {}

  bool read(const YAML::Node& node, const std::string& path) {
    if (!check_keys(reader_, node, path, "@seasonal")) return false;
    // Without a start date the seasons cannot be placed; every entry is still
    // checked, so that each mistake shows in one pass.
    if (!run_.start_date_days) {
      reader_.error(node, path,
                    "seasonal multipliers need a valid run.start_date (the date of day 0) to know the "
                    "month and date of each day");
      ok_ = false;
    }
    if (node["month_of_year"]) read_months(node["month_of_year"], join_path(path, "month_of_year"));
    if (node["periods"]) read_list(node["periods"], join_path(path, "periods"), true);
    if (node["dates"]) read_list(node["dates"], join_path(path, "dates"), false);
    return ok_;
  }

  std::vector<double> take() { return std::move(daily_); }

 private:
  void read_months(const YAML::Node& node, const std::string& path) {
    const auto values = reader_.numbers(node, path, number_rule("@seasonal.month_of_year[]"));
    if (!values) return fail();
    if (values->size() != 12) {
      reader_.error(node, path,
                    fmt::format("expected 12 multipliers, January first, got {}", values->size()));
      return fail();
    }
    const double weighted =
        std::inner_product(values->begin(), values->end(), kDaysInMonth.begin(), 0.0) / 365.0;
    if (!(weighted > 0.0)) {
      reader_.error(node, path, "multipliers must not all be zero");
      return fail();
    }
    if (!ok_) return;
    for (std::size_t d = 0; d < daily_.size(); ++d) {
      const auto month = static_cast<unsigned>(month_day_of(date_of(d)).month());
      daily_[d] *= (*values)[month - 1] / weighted;
    }
  }

  // periods: [{from, to, multiplier}], dates: [{date, multiplier}].
  void read_list(const YAML::Node& node, const std::string& path, bool ranges) {
    const std::string shape = ranges ? "{from: MM-DD or YYYY-MM-DD, to: ..., multiplier: m}"
                                     : "{date: MM-DD or YYYY-MM-DD, multiplier: m}";
    if (!node.IsSequence()) {
      reader_.error(node, path,
                    fmt::format("expected a list of {}, got {}", shape, describe_node(node)));
      return fail();
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string item_path = fmt::format("{}[{}]", path, i);
      const YAML::Node item = node[i];
      const char* schema_path = ranges ? "@seasonal.periods[]" : "@seasonal.dates[]";
      const std::vector<std::string> required = required_keys(schema_path);
      const bool complete = check_keys(reader_, item, item_path, schema_path) &&
                            std::all_of(required.begin(), required.end(),
                                        [&item](const std::string& key) { return bool(item[key]); });
      if (!complete) {
        fail();
        continue;
      }
      const char* first_key = ranges ? "from" : "date";
      const auto from = day_text(item[first_key], join_path(item_path, first_key));
      const auto to = ranges ? day_text(item["to"], join_path(item_path, "to")) : from;
      if (item["name"] && !reader_.text(item["name"], join_path(item_path, "name"))) fail();
      const auto multiplier = reader_.number(
          item["multiplier"], join_path(item_path, "multiplier"),
          number_rule(ranges ? "@seasonal.periods[].multiplier" : "@seasonal.dates[].multiplier"));
      if (!from || !to || !multiplier) {
        fail();
        continue;
      }
      if (from->index() != to->index()) {
        reader_.error(item["to"], join_path(item_path, "to"),
                      "'from' and 'to' must both recur (MM-DD) or both be dates (YYYY-MM-DD)");
        fail();
        continue;
      }
      if (const auto* first = std::get_if<std::int64_t>(&*from);
          first && *first > std::get<std::int64_t>(*to)) {
        reader_.error(item["to"], join_path(item_path, "to"),
                      fmt::format("the period ends ({}) before it starts ({})",
                                  format_date(std::get<std::int64_t>(*to)), format_date(*first)));
        fail();
        continue;
      }
      if (!ok_) continue;
      for (std::size_t d = 0; d < daily_.size(); ++d)
        if (covers(*from, *to, date_of(d))) daily_[d] *= *multiplier;
    }
  }

  static bool covers(const DayText& from, const DayText& to, std::int64_t date) {
    if (const auto* first = std::get_if<std::int64_t>(&from))
      return date >= *first && date <= std::get<std::int64_t>(to);
    return in_season(month_day_of(date), std::get<chrono::month_day>(from),
                     std::get<chrono::month_day>(to));
  }

  std::optional<DayText> day_text(const YAML::Node& node, const std::string& path) {
    const auto text = reader_.text(node, path);
    if (!text) return std::nullopt;
    if (const auto md = parse_month_day(*text)) return DayText{*md};
    if (const auto date = parse_date(*text)) return DayText{*date};
    reader_.error(
        node, path,
        fmt::format(
            "expected a day of the year MM-DD (every year) or a date YYYY-MM-DD (once), got '{}'",
            *text));
    return std::nullopt;
  }

  [[nodiscard]] std::int64_t date_of(std::size_t day) const {
    return *run_.start_date_days + static_cast<std::int64_t>(day);
  }
  void fail() { ok_ = false; }

  const YamlReader& reader_;
  const models::RunSettings& run_;
  std::vector<double> daily_;
  bool ok_ = true;
};

}  // namespace

std::optional<std::vector<double>> read_daily_multipliers(const YamlReader& reader,
                                                          const YAML::Node& node,
                                                          const std::string& path,
                                                          const models::RunSettings& run) {
  SeasonalityReader seasons(reader, run, static_cast<std::size_t>(std::ceil(run.horizon_days)));
  if (!seasons.read(node, path)) return std::nullopt;
  return seasons.take();
}

}  // namespace flowsim::scenario
