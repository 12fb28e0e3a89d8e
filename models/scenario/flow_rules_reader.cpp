#include "models/scenario/flow_rules_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "models/random_streams.hpp"
#include "models/scenario/calendar_text.hpp"
#include "models/scenario/diagnostics.hpp"
#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/scenario_schema.hpp"

namespace flowsim::scenario {

namespace {

namespace chrono = std::chrono;
using models::UnitDefinition;

std::optional<std::int64_t> signed_integer(const YamlReader& reader, const YAML::Node& node,
                                           const std::string& path) {
  const auto value = reader.number(node, path, number_rule("units.*.capacity_pattern.seasonal[].add"));
  if (!value) return std::nullopt;
  if (std::floor(*value) != *value) {
    reader.error(node, path, fmt::format("expected an integer, got {}", node.Scalar()));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*value);
}

class CalendarReader {
 public:
  CalendarReader(const YamlReader& reader, const models::ModelDefinition& model, const std::string& path)
      : reader_(reader), model_(model), path_(path) {}

  // Fills 'daily' (capacity in force on each day of the run) from the steps.
  void read_changes(const YAML::Node& node, std::vector<std::int64_t>& daily) {
    const std::string path = join_path(path_, "capacity_changes");
    if (!node.IsSequence()) {
      reader_.error(node, path,
                    fmt::format("expected a list of {{day: N, capacity: C}} or {{date: YYYY-MM-DD, "
                                "capacity: C}}, got {}",
                                describe_node(node)));
      return;
    }
    std::map<std::int64_t, std::int64_t> steps;  // day -> capacity, sorted
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string item_path = fmt::format("{}[{}]", path, i);
      const YAML::Node item = node[i];
      if (!check_keys(reader_, item, item_path, "units.*.capacity_changes[]")) continue;
      const auto capacity =
          item["capacity"] ? reader_.count(item["capacity"], join_path(item_path, "capacity"), false)
                           : std::nullopt;
      const auto day = day_of(item, item_path);
      if (!capacity || !day) continue;
      if (!steps.emplace(*day, *capacity).second)
        reader_.error(item, item_path, fmt::format("a second capacity change on day {}", *day));
    }
    for (const auto& [day, capacity] : steps)
      for (auto d = static_cast<std::size_t>(day); d < daily.size(); ++d) daily[d] = capacity;
  }

  // Adds the seasonal and weekly changes of capacity_pattern to 'daily'.
  void read_pattern(const YAML::Node& node, std::vector<std::int64_t>& daily) {
    const std::string path = join_path(path_, "capacity_pattern");
    if (!check_keys(reader_, node, path, "units.*.capacity_pattern")) return;
    if (node["seasonal"]) read_seasonal(node["seasonal"], join_path(path, "seasonal"), daily);
    if (node["weekly"]) read_weekly(node["weekly"], join_path(path, "weekly"), daily);
  }

 private:
  std::optional<std::int64_t> day_of(const YAML::Node& item, const std::string& item_path) {
    if (item["day"] && item["date"]) {
      reader_.error(item, item_path, "give either 'day' or 'date', not both");
      return std::nullopt;
    }
    if (item["day"]) return reader_.count(item["day"], join_path(item_path, "day"), false);
    if (!item["date"]) {
      reader_.error(item, item_path, "missing 'day' (days since the run start) or 'date' (YYYY-MM-DD)");
      return std::nullopt;
    }
    const std::string date_path = join_path(item_path, "date");
    const auto text = reader_.text(item["date"], date_path);
    if (!text) return std::nullopt;
    const auto date = parse_date(*text);
    if (!date) {
      reader_.error(item["date"], date_path, fmt::format("expected a date YYYY-MM-DD, got '{}'", *text));
      return std::nullopt;
    }
    if (!model_.run.start_date_days) {
      reader_.error(item["date"], date_path, "a date needs a valid run.start_date (the date of day 0)");
      return std::nullopt;
    }
    if (*date < *model_.run.start_date_days) {
      reader_.error(item["date"], date_path,
                    fmt::format("{} is before run.start_date ({})", *text,
                                format_date(*model_.run.start_date_days)));
      return std::nullopt;
    }
    return *date - *model_.run.start_date_days;
  }

  void read_seasonal(const YAML::Node& node, const std::string& path, std::vector<std::int64_t>& daily) {
    if (!node.IsSequence()) {
      reader_.error(node, path,
                    fmt::format("expected a list of {{from: MM-DD, to: MM-DD, add: N}}, got {}",
                                describe_node(node)));
      return;
    }
    // Without a start date the seasons cannot be placed, but each entry is
    // still checked, so that every mistake is reported in one pass.
    const bool dated = model_.run.start_date_days.has_value();
    if (!dated)
      reader_.error(node, path, "a seasonal pattern needs a valid run.start_date (the date of day 0)");
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string item_path = fmt::format("{}[{}]", path, i);
      const YAML::Node item = node[i];
      if (!check_keys(reader_, item, item_path, "units.*.capacity_pattern.seasonal[]")) continue;
      const auto from = month_day(item["from"], join_path(item_path, "from"));
      const auto to = month_day(item["to"], join_path(item_path, "to"));
      const auto add = signed_integer(reader_, item["add"], join_path(item_path, "add"));
      if (!from || !to || !add || !dated) continue;
      // Both ends included; a season with from after to runs over the new year.
      for (std::size_t d = 0; d < daily.size(); ++d) {
        const auto md = month_day_of(*model_.run.start_date_days + static_cast<std::int64_t>(d));
        if (in_season(md, *from, *to)) daily[d] += *add;
      }
    }
  }

  void read_weekly(const YAML::Node& node, const std::string& path, std::vector<std::int64_t>& daily) {
    const auto values = reader_.numbers(node, path, number_rule("units.*.capacity_pattern.weekly[]"));
    if (!values) return;
    if (values->size() != 7) {
      reader_.error(node, path,
                    fmt::format("expected 7 capacity changes, Monday first, got {}", values->size()));
      return;
    }
    for (const double v : *values)
      if (std::floor(v) != v) {
        reader_.error(node, path, fmt::format("expected whole numbers of beds, got {}", v));
        return;
      }
    for (std::size_t d = 0; d < daily.size(); ++d)
      daily[d] += static_cast<std::int64_t>((*values)[(d + model_.run.start_weekday) % 7]);
  }

  std::optional<chrono::month_day> month_day(const YAML::Node& node, const std::string& path) {
    const auto text = reader_.text(node, path);
    if (!text) return std::nullopt;
    const auto md = parse_month_day(*text);
    if (!md) reader_.error(node, path, fmt::format("expected a day of the year MM-DD, got '{}'", *text));
    return md;
  }

  const YamlReader& reader_;
  const models::ModelDefinition& model_;
  std::string path_;
};

void read_capacity_calendar(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                            const models::ModelDefinition& model, UnitDefinition& unit) {
  const YAML::Node changes = node["capacity_changes"];
  const YAML::Node pattern = node["capacity_pattern"];
  if (!changes && !pattern) return;
  if (unit.unlimited()) {
    reader.error(changes ? changes : pattern,
                 join_path(path, changes ? "capacity_changes" : "capacity_pattern"),
                 "a capacity calendar needs a finite capacity; this unit's capacity is unlimited");
    return;
  }
  // The capacity in force on each day of the run; changes happen at midnight.
  std::vector<std::int64_t> daily(static_cast<std::size_t>(std::ceil(model.run.horizon_days)),
                                  unit.capacity);
  CalendarReader calendar(reader, model, path);
  if (changes) calendar.read_changes(changes, daily);
  if (pattern) calendar.read_pattern(pattern, daily);
  for (std::size_t d = 0; d < daily.size(); ++d)
    if (daily[d] < 0) {
      reader.error(
          pattern ? pattern : changes,
          join_path(path, pattern ? "capacity_pattern" : "capacity_changes"),
          fmt::format(
              "the capacity would be {} on day {}{}; it must be >= 0", daily[d], d,
              model.run.start_date_days
                  ? " (" + format_date(*model.run.start_date_days + static_cast<std::int64_t>(d)) + ")"
                  : std::string()));
      return;
    }
  if (daily.empty()) return;
  unit.capacity = daily[0];  // in force from time 0: the census starts against it
  for (std::size_t d = 1; d < daily.size(); ++d)
    if (daily[d] != daily[d - 1])
      unit.flow.capacity_schedule.push_back({static_cast<double>(d), daily[d]});
}

void read_discharge_window(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                           UnitDefinition& unit) {
  if (!check_keys(reader, node, path, "units.*.discharge_window")) return;
  models::DischargeWindow window;
  const std::string hours_path = join_path(path, "hours");
  const auto hours = node["hours"] ? reader.numbers(node["hours"], hours_path,
                                                    number_rule("units.*.discharge_window.hours[]"))
                                   : std::nullopt;
  const bool hours_ok = hours && hours->size() == 2 && (*hours)[0] < (*hours)[1];
  if (hours && !hours_ok)
    reader.error(node["hours"], hours_path,
                 "expected [open, close]: two hours of the day with 0 <= open < close <= 24");
  const auto rate = node["weekend_rate"]
                        ? reader.number(node["weekend_rate"], join_path(path, "weekend_rate"),
                                        number_rule("units.*.discharge_window.weekend_rate"))
                        : std::optional<double>(1.0);
  if (!hours_ok || !rate) return;
  window.open_hour = (*hours)[0];
  window.close_hour = (*hours)[1];
  window.weekend_rate = *rate;
  window.purpose =
      models::streams::purpose_word(unit.name, models::streams::UnitPurpose::DischargeWindow);
  window.enabled = true;
  unit.flow.discharge_window = window;
}

void read_transfer_delays(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                          const models::ModelDefinition& model, UnitDefinition& unit) {
  if (!reader.check_named_map(node, path)) return;
  // Destinations this unit routes to, by name.
  std::map<std::string, models::Destination> reachable;
  for (const auto& table : unit.routes_by_group)
    for (const auto& d : table.destinations)
      reachable.emplace(d.is_exit ? model.exits[d.index] : model.units[d.index].name, d);
  std::vector<std::string> names;
  for (const auto& [name, d] : reachable) names.push_back(name);
  for (const auto& entry : node) {
    const std::string target = entry.first.as<std::string>("");
    const std::string p = join_path(path, target);
    const auto found = reachable.find(target);
    if (found == reachable.end()) {
      const std::string suggestion = closest_match(target, names);
      reader.error(
          entry.first, p,
          fmt::format("no route from '{}' leads to '{}'{}; its routes lead to: {}", unit.name, target,
                      suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion),
                      fmt::join(names, ", ")));
      continue;
    }
    if (found->second.index == model.find_unit(unit.name) && !found->second.is_exit) {
      reader.error(entry.first, p,
                   "a transfer delay needs another unit or an exit, not the unit itself");
      continue;
    }
    if (auto delay = read_distribution(reader, entry.second, p))
      unit.flow.transfer_delays.push_back({found->second.is_exit, found->second.index, *delay});
  }
  unit.flow.transfer_delay_purpose =
      models::streams::purpose_word(unit.name, models::streams::UnitPurpose::TransferDelay);
}

// One unit's queue_priority: levels by arrival source / unit transferred from, or by group.
void read_queue_priority(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                         const models::ModelDefinition& model, UnitDefinition& unit) {
  if (!check_keys(reader, node, path, "units.*.queue_priority")) return;
  models::QueuePriority priority;
  std::vector<std::string> keys;  // names in the order of level_of
  const auto by = node["by"] ? reader.text(node["by"], join_path(path, "by")) : std::nullopt;
  if (!by) return;
  if (*by == "source") {
    priority.by = models::QueuePriority::By::Source;
    for (const auto& s : model.sources) keys.push_back(s.name);
    for (const auto& u : model.units) keys.push_back(u.name);
  } else if (*by == "group") {
    priority.by = models::QueuePriority::By::Group;
    for (const auto& g : model.groups) keys.push_back(g.name);
  } else {
    reader.error(node["by"], join_path(path, "by"),
                 fmt::format("expected 'source' (arrival source or unit transferred from) or 'group', "
                             "got '{}'",
                             *by));
    return;
  }
  constexpr std::int64_t kMostLevels = 255;
  std::vector<std::int64_t> given(keys.size(), -1);
  const std::string levels_path = join_path(path, "levels");
  if (!reader.check_named_map(node["levels"], levels_path)) return;
  std::int64_t highest = 0;
  for (const auto& entry : node["levels"]) {
    const std::string key = entry.first.as<std::string>("");
    const std::string p = join_path(levels_path, key);
    const auto found = std::find(keys.begin(), keys.end(), key);
    if (found == keys.end()) {
      const std::string suggestion = closest_match(key, keys);
      reader.error(
          entry.first, p,
          fmt::format("'{}' is not {}{}", key,
                      priority.by == models::QueuePriority::By::Group ? "a patient group"
                                                                      : "an arrival source or a unit",
                      suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion)));
      continue;
    }
    const auto level = reader.count(entry.second, p, false);
    if (!level) continue;
    if (*level > kMostLevels) {
      reader.error(entry.second, p,
                   fmt::format("expected a priority from 0 to {}, got {}", kMostLevels, *level));
      continue;
    }
    given[static_cast<std::size_t>(found - keys.begin())] = *level;
    highest = std::max(highest, *level);
  }
  // Unlisted patients come last unless 'default' says otherwise.
  std::int64_t fallback = highest + 1;
  if (node["default"]) {
    const auto level = reader.count(node["default"], join_path(path, "default"), false);
    if (!level) return;
    fallback = *level;
  }
  for (auto& g : given)
    if (g < 0) g = fallback;
  // Dense levels: the distinct priorities in order.
  const std::set<std::int64_t> distinct(given.begin(), given.end());
  for (const auto g : given)
    priority.level_of.push_back(
        static_cast<std::uint8_t>(std::distance(distinct.begin(), distinct.find(g))));
  priority.levels = static_cast<std::uint32_t>(std::max<std::size_t>(1, distinct.size()));
  unit.flow.priority = std::move(priority);
}

}  // namespace

void read_start_date(const YamlReader& reader, const YAML::Node& node, models::RunSettings& run) {
  const std::string path = "run.start_date";
  const auto text = reader.text(node, path);
  if (!text) return;
  const auto date = parse_date(*text);
  if (!date) {
    reader.error(node, path, fmt::format("expected a date YYYY-MM-DD, got '{}'", *text));
    return;
  }
  run.start_date_days = *date;
  const chrono::weekday weekday{chrono::sys_days{chrono::days{*date}}};
  run.start_weekday = weekday.iso_encoding() - 1;  // Monday 0
}

void read_unit_flow_rules(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                          const models::ModelDefinition& model, UnitDefinition& unit) {
  if (!node.IsMap()) return;
  read_capacity_calendar(reader, node, path, model, unit);
  if (node["discharge_window"])
    read_discharge_window(reader, node["discharge_window"], join_path(path, "discharge_window"), unit);
  if (node["transfer_delay"])
    read_transfer_delays(reader, node["transfer_delay"], join_path(path, "transfer_delay"), model, unit);
}

void read_queue_priorities(const YamlReader& reader, const YAML::Node& units,
                           models::ModelDefinition& model) {
  if (!units || !units.IsMap()) return;
  for (const auto& entry : units) {
    const std::string name = entry.first.as<std::string>("");
    const auto u = model.find_unit(name);
    if (!u || !entry.second.IsMap() || !entry.second["queue_priority"]) continue;
    read_queue_priority(reader, entry.second["queue_priority"],
                        join_path(join_path("units", name), "queue_priority"), model, model.units[*u]);
  }
}

}  // namespace flowsim::scenario
