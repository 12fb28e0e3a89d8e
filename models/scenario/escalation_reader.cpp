#include "models/scenario/escalation_reader.hpp"

#include <cmath>
#include <optional>
#include <regex>

#include <fmt/format.h>

#include "models/scenario/scenario_schema.hpp"

namespace flowsim::scenario {

namespace {

using models::EscalationLevel;
using models::EscalationRules;
using models::EscalationTrigger;

constexpr std::size_t kMaxLevels = 8;

std::optional<int> whole_number(const YamlReader& reader, const YAML::Node& node, const std::string& path) {
  const auto value = reader.number(node, path, number_rule("units.*.escalation.normal_level"));
  if (!value) return std::nullopt;
  if (std::floor(*value) != *value) {
    reader.error(node, path, fmt::format("expected a whole level number, got {}", node.Scalar()));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

// "HH:MM" as hours of the day in [0, 24).
std::optional<double> hour_of_day(const std::string& text) {
  static const std::regex pattern(R"(([01][0-9]|2[0-3]):([0-5][0-9]))");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) return std::nullopt;
  return std::stod(match[1].str()) + std::stod(match[2].str()) / 60.0;
}

// at: continuous, or a list of bed-meeting times "HH:MM", increasing.
void read_review_times(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                       EscalationRules& rules) {
  if (node.IsScalar() && node.Scalar() == "continuous") {
    rules.continuous = true;
    return;
  }
  if (!node.IsSequence() || node.size() == 0) {
    reader.error(node, path,
                 fmt::format("expected 'continuous' or a list of review times such as [\"08:00\", "
                             "\"16:00\"], got {}",
                             describe_node(node)));
    return;
  }
  rules.continuous = false;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string item_path = fmt::format("{}[{}]", path, i);
    const auto text = reader.text(node[i], item_path);
    if (!text) continue;
    const auto hour = hour_of_day(*text);
    if (!hour) {
      reader.error(node[i], item_path, fmt::format("expected a time of day HH:MM (00:00 to 23:59), got '{}'", *text));
      continue;
    }
    if (!rules.review_hours.empty() && !(*hour > rules.review_hours.back())) {
      reader.error(node[i], item_path, fmt::format("review times must increase through the day, and {} does not", *text));
      continue;
    }
    rules.review_hours.push_back(*hour);
  }
}

// {occupancy: SHARE} or {waiting: PATIENTS}.
std::optional<EscalationTrigger> read_trigger(const YamlReader& reader, const YAML::Node& node,
                                              const std::string& path) {
  if (!node.IsMap() || node.size() != 1) {
    reader.error(node, path,
                 fmt::format("expected one trigger: {{occupancy: SHARE}} (occupied beds as a share of the "
                             "capacity without escalation beds) or {{waiting: PATIENTS}} (at the door "
                             "and delayed elsewhere), got {}",
                             describe_node(node)));
    return std::nullopt;
  }
  // An unknown measure is reported by check_map, with the nearest name.
  if (!check_keys(reader, node, path, "@trigger") || (!node["occupancy"] && !node["waiting"]))
    return std::nullopt;
  EscalationTrigger trigger;
  if (node["occupancy"]) {
    const auto share = reader.number(node["occupancy"], join_path(path, "occupancy"), number_rule("@trigger.occupancy"));
    if (!share) return std::nullopt;
    trigger.measure = EscalationTrigger::Measure::OccupancyShare;
    trigger.threshold = *share;
    return trigger;
  }
  const auto waiting = reader.number(node["waiting"], join_path(path, "waiting"), number_rule("@trigger.waiting"));
  if (!waiting) return std::nullopt;
  trigger.measure = EscalationTrigger::Measure::Waiting;
  trigger.threshold = *waiting;
  return trigger;
}

std::optional<EscalationLevel> read_level(const YamlReader& reader, const YAML::Node& node,
                                          const std::string& path, int below_label,
                                          std::int64_t beds_below) {
  if (!check_keys(reader, node, path, "units.*.escalation.levels[]")) return std::nullopt;
  EscalationLevel level;
  bool ok = true;
  if (const auto label = whole_number(reader, node["level"], join_path(path, "level"))) {
    level.label = *label;
    if (*label <= below_label) {
      reader.error(node["level"], join_path(path, "level"),
                   fmt::format("levels must increase, and {} follows {}", *label, below_label));
      ok = false;
    }
  } else {
    ok = false;
  }
  const auto rise = read_trigger(reader, node["rise"], join_path(path, "rise"));
  const auto fall = read_trigger(reader, node["fall"], join_path(path, "fall"));
  if (rise && fall) {
    if (rise->measure != fall->measure) {
      reader.error(node["fall"], join_path(path, "fall"),
                   "fall on the same measure as rise (occupancy or waiting), so that the level's "
                   "hysteresis is well defined");
      ok = false;
    } else if (!(fall->threshold < rise->threshold)) {
      reader.error(node["fall"], join_path(path, "fall"),
                   fmt::format("the fall threshold ({:g}) must be below the rise threshold ({:g}), or "
                               "the level would flap",
                               fall->threshold, rise->threshold));
      ok = false;
    }
  }
  if (!rise || !fall) ok = false;
  if (node["open_beds"]) {
    if (const auto beds = reader.count(node["open_beds"], join_path(path, "open_beds"), false)) {
      level.open_beds = *beds;
      if (*beds < beds_below) {
        reader.error(node["open_beds"], join_path(path, "open_beds"),
                     fmt::format("a higher level keeps at least the beds of the level below ({}); "
                                 "open_beds is the total in force at this level",
                                 beds_below));
        ok = false;
      }
    } else {
      ok = false;
    }
  } else {
    level.open_beds = beds_below;
  }
  if (!ok) return std::nullopt;
  level.rise = *rise;
  level.fall = *fall;
  return level;
}

void read_levels(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                 EscalationRules& rules) {
  if (!node.IsSequence() || node.size() == 0 || node.size() > kMaxLevels) {
    reader.error(node, path,
                 fmt::format("expected a list of one to {} levels, each {{level, rise, fall, open_beds}}, got {}",
                             kMaxLevels,
                             node.IsSequence() ? fmt::format("{} levels", node.size()) : describe_node(node)));
    return;
  }
  std::vector<EscalationLevel> levels;
  bool ok = true;
  int below = rules.base_label;
  std::int64_t beds_below = 0;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const auto level = read_level(reader, node[i], fmt::format("{}[{}]", path, i), below, beds_below);
    if (!level) {
      ok = false;
      continue;
    }
    below = level->label;
    beds_below = level->open_beds;
    levels.push_back(*level);
  }
  if (ok) rules.levels = std::move(levels);
}

// A key naming one of the levels: its state index (1 for the first level).
std::optional<std::size_t> level_index(const YamlReader& reader, const YAML::Node& block,
                                       const std::string& block_path, const std::string& key,
                                       const EscalationRules& rules) {
  if (!block[key] || rules.levels.empty()) return std::nullopt;
  const std::string path = join_path(block_path, key);
  const auto label = whole_number(reader, block[key], path);
  if (!label) return std::nullopt;
  for (std::size_t i = 0; i < rules.levels.size(); ++i)
    if (rules.levels[i].label == *label) return i + 1;
  reader.error(block[key], path, fmt::format("no escalation level {} among the levels listed", *label));
  return std::nullopt;
}

}  // namespace

void read_unit_escalation(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                          models::UnitDefinition& unit) {
  if (!node.IsMap() || !node["escalation"]) return;
  const YAML::Node block = node["escalation"];
  const std::string block_path = join_path(path, "escalation");
  if (!check_keys(reader, block, block_path, "units.*.escalation")) return;
  if (unit.unlimited()) {
    reader.error(block, block_path, "escalation needs a unit with a limited capacity (its beds are what escalate)");
    return;
  }
  EscalationRules rules;
  if (block["normal_level"])
    if (const auto label = whole_number(reader, block["normal_level"], join_path(block_path, "normal_level")))
      rules.base_label = *label;
  read_review_times(reader, block["at"], join_path(block_path, "at"), rules);
  read_levels(reader, block["levels"], join_path(block_path, "levels"), rules);
  if (block["bed_day_cost_gbp"])
    if (const auto cost = reader.number(block["bed_day_cost_gbp"], join_path(block_path, "bed_day_cost_gbp"),
                                         number_rule("units.*.escalation.bed_day_cost_gbp")))
      rules.bed_day_cost_gbp = *cost;
  rules.cancel_electives_from = level_index(reader, block, block_path, "cancel_electives_from", rules);
  rules.divert_arrivals_from = level_index(reader, block, block_path, "divert_arrivals_from", rules);
  unit.escalation = std::move(rules);
}

}  // namespace flowsim::scenario
