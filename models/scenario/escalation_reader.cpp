#include "models/scenario/escalation_reader.hpp"

#include <algorithm>
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

std::optional<int> whole_number(const YamlReader& reader, const YAML::Node& node,
                                const std::string& path) {
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
      reader.error(node[i], item_path,
                   fmt::format("expected a time of day HH:MM (00:00 to 23:59), got '{}'", *text));
      continue;
    }
    if (!rules.review_hours.empty() && !(*hour > rules.review_hours.back())) {
      reader.error(node[i], item_path,
                   fmt::format("review times must increase through the day, and {} does not", *text));
      continue;
    }
    rules.review_hours.push_back(*hour);
  }
}

// The trigger keys and each one's measure (bounds: the schema's @trigger rows).
struct TriggerKey {
  const char* key;
  EscalationTrigger::Measure measure;
};
const std::vector<TriggerKey>& trigger_keys() {
  static const std::vector<TriggerKey> keys = {
      {"occupancy", EscalationTrigger::Measure::OccupancyShare},
      {"waiting", EscalationTrigger::Measure::Waiting},
      {"ed_over_4h", EscalationTrigger::Measure::EdOver4h},
      {"ed_over_12h", EscalationTrigger::Measure::EdOver12h},
  };
  return keys;
}

// {occupancy: SHARE}, {waiting: PATIENTS}, {ed_over_4h: PATIENTS} or {ed_over_12h: PATIENTS}.
std::optional<EscalationTrigger> read_trigger(const YamlReader& reader, const YAML::Node& node,
                                              const std::string& path) {
  if (!node.IsMap() || node.size() != 1) {
    reader.error(
        node, path,
        fmt::format("expected one trigger: {{occupancy: SHARE}} (occupied beds as a share of the "
                    "capacity without escalation beds), {{waiting: PATIENTS}} (at the door "
                    "and delayed elsewhere), or {{ed_over_4h: PATIENTS}} or {{ed_over_12h: PATIENTS}} "
                    "(A&E attendances under way for more than 4 or 12 hours), got {}",
                    describe_node(node)));
    return std::nullopt;
  }
  // An unknown measure is reported by check_map, with the nearest name.
  if (!check_keys(reader, node, path, "@trigger")) return std::nullopt;
  for (const auto& key : trigger_keys()) {
    if (!node[key.key]) continue;
    const auto value = reader.number(node[key.key], join_path(path, key.key),
                                     number_rule(std::string("@trigger.") + key.key));
    if (!value) return std::nullopt;
    return EscalationTrigger{key.measure, *value};
  }
  return std::nullopt;
}

bool watches_ed(EscalationTrigger::Measure measure) {
  return measure == EscalationTrigger::Measure::EdOver4h ||
         measure == EscalationTrigger::Measure::EdOver12h;
}

std::optional<EscalationLevel> read_level(const YamlReader& reader, const YAML::Node& node,
                                          const std::string& path, int below_label,
                                          std::int64_t beds_below, bool continuous) {
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
                   "fall on the same measure as rise (occupancy, waiting, ed_over_4h or ed_over_12h), "
                   "so that the level's "
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
  if (rise && watches_ed(rise->measure) && continuous) {
    // Waits grow between events, so "after every event" would miss the moment
    // a patient passes 4 hours; a bed meeting looks at a stated time.
    reader.error(node["rise"], join_path(path, "rise"),
                 "an A&E-waits trigger is reviewed at bed meetings: give the escalation block "
                 "'at: [\"08:00\", \"16:00\"]' (review times) rather than 'at: continuous'");
    ok = false;
  }
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
    reader.error(
        node, path,
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
    const auto level =
        read_level(reader, node[i], fmt::format("{}[{}]", path, i), below, beds_below, rules.continuous);
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

// discharge_push_from: LEVEL and discharge_push_factor: F in (0, 1), both or neither.
void read_discharge_push(const YamlReader& reader, const YAML::Node& block,
                         const std::string& block_path, EscalationRules& rules) {
  const bool from = static_cast<bool>(block["discharge_push_from"]);
  const bool factor = static_cast<bool>(block["discharge_push_factor"]);
  if (from != factor) {
    const char* given = from ? "discharge_push_from" : "discharge_push_factor";
    reader.error(block[given], join_path(block_path, given),
                 "a discharge push needs both discharge_push_from (the level) and discharge_push_factor "
                 "(what the rest of each stay under way is multiplied by, between 0 and 1)");
    return;
  }
  if (!from) return;
  rules.discharge_push_from = level_index(reader, block, block_path, "discharge_push_from", rules);
  const std::string path = join_path(block_path, "discharge_push_factor");
  const auto value = reader.number(block["discharge_push_factor"], path,
                                   number_rule("units.*.escalation.discharge_push_factor"));
  if (!value) return;
  if (!(*value > 0.0 && *value < 1.0)) {
    reader.error(
        block["discharge_push_factor"], path,
        fmt::format("expected a factor between 0 and 1 (0.8 leaves 80% of each remaining stay), "
                    "got {:g}: 0 would end every stay at once, 1 would change nothing",
                    *value));
    return;
  }
  rules.discharge_push_factor = *value;
}

}  // namespace

void read_unit_escalation(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                          models::UnitDefinition& unit) {
  if (!node.IsMap() || !node["escalation"]) return;
  const YAML::Node block = node["escalation"];
  const std::string block_path = join_path(path, "escalation");
  if (!check_keys(reader, block, block_path, "units.*.escalation")) return;
  if (unit.unlimited()) {
    reader.error(block, block_path,
                 "escalation needs a unit with a limited capacity (its beds are what escalate)");
    return;
  }
  EscalationRules rules;
  if (block["normal_level"])
    if (const auto label =
            whole_number(reader, block["normal_level"], join_path(block_path, "normal_level")))
      rules.base_label = *label;
  read_review_times(reader, block["at"], join_path(block_path, "at"), rules);
  read_levels(reader, block["levels"], join_path(block_path, "levels"), rules);
  if (block["bed_day_cost_gbp"])
    if (const auto cost =
            reader.number(block["bed_day_cost_gbp"], join_path(block_path, "bed_day_cost_gbp"),
                          number_rule("units.*.escalation.bed_day_cost_gbp")))
      rules.bed_day_cost_gbp = *cost;
  rules.cancel_electives_from = level_index(reader, block, block_path, "cancel_electives_from", rules);
  rules.divert_arrivals_from = level_index(reader, block, block_path, "divert_arrivals_from", rules);
  read_discharge_push(reader, block, block_path, rules);
  if (rules.discharge_push_from && unit.services.visits) {
    // Its stays are whole days of visits booked at admission (section 14).
    reader.error(
        block["discharge_push_from"], join_path(block_path, "discharge_push_from"),
        "a discharge push shortens bed stays, and this unit's stays are visits booked at admission");
    rules.discharge_push_from.reset();
  }
  unit.escalation = std::move(rules);
}

void check_escalation_watches(const YamlReader& reader, const YAML::Node& units,
                              const models::ModelDefinition& model) {
  const bool has_ed = std::any_of(
      model.units.begin(), model.units.end(),
      [](const models::UnitDefinition& u) { return u.kind == models::UnitKind::EmergencyDepartment; });
  if (has_ed || !units.IsMap()) return;
  for (const auto& unit : model.units) {
    if (!unit.escalation.watches_ed()) continue;
    const YAML::Node levels = units[unit.name]["escalation"]["levels"];
    reader.error(
        levels, join_path(join_path(join_path("units", unit.name), "escalation"), "levels"),
        "an A&E-waits trigger (ed_over_4h, ed_over_12h) needs a unit of kind emergency_department, "
        "and this scenario has none");
  }
}

}  // namespace flowsim::scenario
