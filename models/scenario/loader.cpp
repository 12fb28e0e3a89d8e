#include "models/scenario/loader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "models/metrics_report.hpp"
#include "models/random_streams.hpp"
#include "models/scenario/arrival_data_reader.hpp"
#include "models/scenario/calibration_reader.hpp"
#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/escalation_reader.hpp"
#include "models/scenario/flow_rules_reader.hpp"
#include "models/scenario/graph_check.hpp"
#include "models/scenario/name_limits.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/seasonality_reader.hpp"
#include "models/scenario/services_reader.hpp"
#include "models/scenario/yaml_document.hpp"
#include "models/scenario/yaml_reader.hpp"
#include "models/unit_kinds.hpp"

namespace flowsim::scenario {

namespace {

using models::Destination;
using models::ModelDefinition;
using models::RouteTable;
using models::UnitDefinition;

constexpr double kProbabilityTolerance = 1e-9;
// A positive probability below this is never drawn in practice (one patient
// in 10^12) and, below 2^-53, cannot be drawn at all by a uniform of 53
// bits: a route of 1e-300 to an exit would pass the check that every unit
// leads to an exit while trapping every patient for ever.
constexpr double kSmallestProbability = 1e-12;
// Demand that grows more than this factor over the horizon is a typing error,
// and the arrival thinning's work grows with it.
constexpr double kLargestGrowthFactor = 1000.0;
// Replications are numbered with 32 bits in the random-number counters.
constexpr std::int64_t kMostReplications = std::int64_t{1} << 30;
constexpr double kPercentTolerance = 1e-6;

// Shares written as percentages (every value a number, some above 1, all
// together 100): one clear error for the map rather than one per share.
bool written_as_percentages(const YAML::Node& shares) {
  if (!shares.IsMap()) return false;
  double total = 0.0;
  bool above_one = false;
  for (const auto& entry : shares) {
    double value = 0.0;
    if (!entry.second.IsScalar() || !YAML::convert<double>::decode(entry.second, value) ||
        !(value >= 0.0))
      return false;
    total += value;
    above_one = above_one || value > 1.0;
  }
  return above_one && std::abs(total - 100.0) <= kPercentTolerance;
}

std::vector<std::string> keys_of(const YAML::Node& map) {
  std::vector<std::string> keys;
  if (map.IsMap())
    for (const auto& entry : map) keys.push_back(entry.first.as<std::string>(""));
  return keys;
}

class ScenarioReader {
 public:
  ScenarioReader(const YamlReader& reader, ModelDefinition& model)
      : reader_(reader),
        model_(model),
        services_{reader, model,
                  [this](const YAML::Node& node, const std::string& path, const GroupVisitor& f) {
                    for_each_group(node, path, f);
                  },
                  [this](const YAML::Node& key, const std::string& name, const std::string& path) {
                    return resolve_destination(key, name, path);
                  }} {}

  void read(const YAML::Node& root) {
    // A sweep file ('sweep: NAME' with 'scenario: FILE') is not a scenario:
    // say so once, instead of a list of missing and unknown keys.
    if (root.IsMap() && root["sweep"] && !root["sweep"].IsMap()) {
      reader_.error(root["sweep"], "sweep",
                    "this is a sweep file, not a scenario: run it with 'flowsim sweep', or give "
                    "this command the scenario named by its 'scenario:' key");
      return;
    }
    // A 'sweep:' block inside a scenario belongs to 'flowsim sweep', which
    // reads and checks it; every other command runs the scenario as written.
    if (!check_keys(reader_, root, "", "")) return;
    if (root["name"])
      if (auto name = reader_.text(root["name"], "name")) model_.name = *name;
    if (root["description"])
      if (auto text = reader_.text(root["description"], "description")) model_.description = *text;
    check_names(reader_, root);
    if (root["run"]) read_run(root["run"]);
    read_groups(root["groups"]);
    if (root["exits"]) read_exits(root["exits"]);
    // Units and arrivals refer to each other by name: collect names first.
    if (root["units"] && reader_.check_named_map(root["units"], "units")) {
      for (const auto& name : keys_of(root["units"])) {
        model_.units.emplace_back();
        model_.units.back().name = name;
      }
      check_name_clashes(root["units"]);
      std::size_t i = 0;
      for (const auto& entry : root["units"]) read_unit(entry.second, model_.units[i++]);
      check_service_links(services_, root["units"]);
      check_escalation_watches(reader_, root["units"], model_);
    }
    if (root["arrivals"] && reader_.check_named_map(root["arrivals"], "arrivals"))
      for (const auto& entry : root["arrivals"])
        read_source(entry.first.as<std::string>(""), entry.second);
    if (root["electives"]) read_electives(services_, root["electives"]);
    if (root["calibration"]) read_calibration(reader_, root["calibration"], model_);
    read_queue_priorities(reader_, root["units"], model_);
    if (const auto problem = too_many_patient_sources(model_))
      reader_.error(root["arrivals"] ? root["arrivals"] : root, "arrivals", *problem);
  }

 private:
  void read_run(const YAML::Node& node) {
    if (!check_keys(reader_, node, "run", "run")) return;
    if (node["start_date"]) read_start_date(reader_, node["start_date"], model_.run);
    std::optional<double> horizon;
    if (node["horizon_days"])
      horizon =
          reader_.number(node["horizon_days"], "run.horizon_days", number_rule("run.horizon_days"));
    std::optional<double> warmup;
    if (node["warmup_days"])
      warmup = reader_.number(node["warmup_days"], "run.warmup_days", number_rule("run.warmup_days"));
    if (horizon) model_.run.horizon_days = *horizon;
    if (warmup) model_.run.warmup_days = *warmup;
    if (horizon && warmup && *warmup >= *horizon)
      reader_.error(node["warmup_days"], "run.warmup_days",
                    fmt::format("warm-up ({} days) must be shorter than the horizon ({} days)", *warmup,
                                *horizon));
    if (node["replications"])
      if (auto reps = reader_.count(node["replications"], "run.replications", false, 1)) {
        if (*reps > kMostReplications)
          reader_.error(
              node["replications"], "run.replications",
              fmt::format("expected at most {} replications, got {}", kMostReplications, *reps));
        else model_.run.replications = static_cast<std::uint32_t>(*reps);
      }
    if (node["seed"])
      if (auto seed = reader_.count(node["seed"], "run.seed", false, 0))
        model_.run.seed = static_cast<std::uint64_t>(*seed);
    if (node["occupancy_thresholds"])
      if (auto levels = reader_.numbers(node["occupancy_thresholds"], "run.occupancy_thresholds")) {
        if (const auto problem = models::check_occupancy_thresholds(*levels)) {
          const YAML::Node list = node["occupancy_thresholds"];
          if (problem->item)
            reader_.error(list[*problem->item],
                          fmt::format("run.occupancy_thresholds[{}]", *problem->item), problem->message);
          else reader_.error(list, "run.occupancy_thresholds", problem->message);
        } else model_.run.occupancy_thresholds = *levels;
      }
  }

  // A probability or share in [0, 1]; a positive one too small ever to be
  // drawn is an error rather than a silent zero.
  std::optional<double> probability(const YAML::Node& node, const std::string& path) {
    const auto p = reader_.number(node, path, {.min = 0.0, .max = 1.0});
    if (p && *p > 0.0 && *p < kSmallestProbability) {
      reader_.error(node, path,
                    fmt::format("probability {} is too small ever to be drawn; use 0, or at "
                                "least {}",
                                node.Scalar(), kSmallestProbability));
      return std::nullopt;
    }
    return p;
  }

  void read_groups(const YAML::Node& node) {
    if (!node) {
      model_.groups.push_back({"all", 1.0});
    } else if (reader_.check_named_map(node, "groups")) {
      const bool percentages = written_as_percentages(node);
      if (percentages) report_percentages(node, "groups");
      for (const auto& entry : node) {
        const std::string name = entry.first.as<std::string>("");
        const auto share =
            percentages ? std::nullopt : probability(entry.second, join_path("groups", name));
        model_.groups.push_back({name, share.value_or(0.0)});
      }
      if (!percentages) check_sums_to_one(node, "groups", shares_of(model_.groups));
      if (const auto problem = too_many_groups(model_.groups.size()))
        reader_.error(node, "groups", *problem);
    }
    model_.group_cumulative = cumulative(shares_of(model_.groups));
  }

  void read_exits(const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0) {
      reader_.error(node, "exits",
                    fmt::format("expected a non-empty list of exit names such as [home, died], "
                                "got {}",
                                describe_node(node)));
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const auto name = reader_.text(node[i], fmt::format("exits[{}]", i));
      if (!name) continue;
      if (std::find(model_.exits.begin(), model_.exits.end(), *name) != model_.exits.end())
        reader_.error(node[i], fmt::format("exits[{}]", i), fmt::format("duplicate exit '{}'", *name));
      model_.exits.push_back(*name);
    }
    exits_node_ = node;
  }

  void check_name_clashes(const YAML::Node& units) {
    for (const auto& entry : units) {
      const std::string name = entry.first.as<std::string>("");
      if (std::find(model_.exits.begin(), model_.exits.end(), name) != model_.exits.end())
        reader_.error(entry.first, join_path("units", name),
                      fmt::format("'{}' is both a unit and an exit; names must be unique", name));
    }
  }

  void read_unit(const YAML::Node& node, UnitDefinition& unit) {
    const std::string path = join_path("units", unit.name);
    // An admission avoidance service builds its routes from its own block.
    const bool avoidance = node.IsMap() && node["avoidance"];
    const std::vector<std::string> routes_required =
        avoidance ? std::vector<std::string>{} : std::vector<std::string>{"routes"};
    if (!check_keys(reader_, node, path, "units.*", routes_required)) return;
    unit.stay_purpose = models::streams::purpose_word(unit.name, models::streams::UnitPurpose::Stay);
    if (node["kind"]) {
      if (const auto kind = reader_.text(node["kind"], join_path(path, "kind"))) {
        if (const auto found = models::unit_kind_named(*kind)) {
          unit.kind = *found;
        } else {
          std::vector<std::string_view> names;
          for (const auto& row : models::kUnitKinds) names.push_back(row.key);
          std::sort(names.begin(), names.end());
          reader_.error(
              node["kind"], join_path(path, "kind"),
              fmt::format("unknown unit kind '{}'; expected one of: {}", *kind, fmt::join(names, ", ")));
        }
      }
    }
    if (node["capacity"])
      if (auto capacity = reader_.count(node["capacity"], join_path(path, "capacity"), true))
        unit.capacity = *capacity;
    if (node["queue_limit"])
      if (auto limit = reader_.count(node["queue_limit"], join_path(path, "queue_limit"), true))
        unit.queue_limit = *limit;
    if (node["los"]) read_los(node["los"], join_path(path, "los"), unit);
    if (node["los_seasonal"])
      if (auto daily = read_daily_multipliers(reader_, node["los_seasonal"],
                                              join_path(path, "los_seasonal"), model_.run))
        unit.los_by_day = std::move(*daily);
    if (node["routes"] && !avoidance) read_routes(node["routes"], join_path(path, "routes"), unit);
    if (node["costs"]) read_costs(node["costs"], join_path(path, "costs"), unit.costs);
    if (node["initial"]) read_census(node["initial"], join_path(path, "initial"), unit);
    read_unit_services(services_, node, path, unit);
    read_unit_flow_rules(reader_, node, path, model_, unit);
    read_unit_escalation(reader_, node, path, unit);
  }

  // Either one distribution for every group, or a map from group to distribution.
  void read_los(const YAML::Node& node, const std::string& path, UnitDefinition& unit) {
    if (is_distribution_node(node)) {
      if (auto d = read_distribution(reader_, node, path))
        unit.los_by_group.assign(model_.groups.size(), *d);
      return;
    }
    if (!node.IsMap()) {
      (void)read_distribution(reader_, node, path);  // reports the expected shape
      return;
    }
    unit.los_by_group.assign(model_.groups.size(), sim::Distribution{});
    for_each_group(node, path, [&](std::size_t g, const YAML::Node& value, const std::string& p) {
      if (auto d = read_distribution(reader_, value, p)) unit.los_by_group[g] = *d;
    });
  }

  void read_routes(const YAML::Node& node, const std::string& path, UnitDefinition& unit) {
    if (!reader_.check_named_map(node, path)) return;
    const bool per_group = node.begin()->second.IsMap();
    if (!per_group) {
      const RouteTable table = read_route_table(node, path);
      unit.routes_by_group.assign(model_.groups.size(), table);
      return;
    }
    unit.routes_by_group.assign(model_.groups.size(), RouteTable{});
    for_each_group(node, path, [&](std::size_t g, const YAML::Node& value, const std::string& p) {
      if (reader_.check_named_map(value, p)) unit.routes_by_group[g] = read_route_table(value, p);
    });
  }

  RouteTable read_route_table(const YAML::Node& node, const std::string& path) {
    RouteTable table;
    std::vector<double> probabilities;
    // The sum is checked over every valid probability, an unknown destination
    // included, so that a misspelt name is not also reported as a bad sum.
    std::vector<double> all_probabilities;
    for (const auto& entry : node) {
      const std::string target = entry.first.as<std::string>("");
      const std::string p_path = join_path(path, target);
      const auto p = probability(entry.second, p_path);
      const auto destination = resolve_destination(entry.first, target, p_path);
      if (p) all_probabilities.push_back(*p);
      if (!p || !destination) continue;
      table.destinations.push_back(*destination);
      probabilities.push_back(*p);
    }
    check_sums_to_one(node, path, all_probabilities);
    table.cumulative = cumulative(probabilities);
    return table;
  }

  std::optional<Destination> resolve_destination(const YAML::Node& key_node, const std::string& target,
                                                 const std::string& path) {
    if (const auto unit = model_.find_unit(target)) return Destination{false, *unit};
    const auto exit = std::find(model_.exits.begin(), model_.exits.end(), target);
    if (exit != model_.exits.end())
      return Destination{true, static_cast<std::uint32_t>(exit - model_.exits.begin())};
    std::vector<std::string> names = model_.exits;
    for (const auto& u : model_.units) names.push_back(u.name);
    const std::string suggestion = closest_match(target, names);
    reader_.error(
        key_node, path,
        fmt::format("route to '{}', which is neither a unit nor an exit{}", target,
                    suggestion.empty() ? fmt::format("; units and exits are: {}", fmt::join(names, ", "))
                                       : fmt::format("; did you mean '{}'?", suggestion)));
    return std::nullopt;
  }

  void read_costs(const YAML::Node& node, const std::string& path, models::UnitCosts& costs) {
    if (!check_keys(reader_, node, path, "units.*.costs")) return;
    const auto read = [&](const char* key, double& target) {
      if (node[key])
        if (auto v = reader_.number(node[key], join_path(path, key),
                                    number_rule(join_path("units.*.costs", key))))
          target = *v;
    };
    read("per_occupied_bed_day", costs.per_occupied_bed_day_gbp);
    read("per_available_bed_day", costs.per_available_bed_day_gbp);
    read("per_delayed_bed_day", costs.per_delayed_bed_day_gbp);
    read("per_admission", costs.per_admission_gbp);
    read("per_visit", costs.per_visit_gbp);
    read("per_waiting_day", costs.per_waiting_day_gbp);
    read("per_diverted", costs.per_diverted_gbp);
    read("per_left_waiting", costs.per_left_waiting_gbp);
  }

  void read_census(const YAML::Node& node, const std::string& path, UnitDefinition& unit) {
    if (!check_keys(reader_, node, path, "units.*.initial")) return;
    const auto patients = node["patients"]
                              ? reader_.count(node["patients"], join_path(path, "patients"), false)
                              : std::nullopt;
    if (!patients) return;
    unit.census.patients = *patients;
    if (!unit.unlimited() && *patients > unit.capacity)
      reader_.error(
          node["patients"], join_path(path, "patients"),
          fmt::format("census of {} patients exceeds the capacity of {}", *patients, unit.capacity));
    const YAML::Node elapsed = node["elapsed_days"];
    if (!elapsed) return;
    if (elapsed.IsScalar() && elapsed.Scalar() == "unknown") return;
    const auto values = reader_.numbers(elapsed, join_path(path, "elapsed_days"),
                                        number_rule("units.*.initial.elapsed_days[]"));
    if (!values) return;
    if (static_cast<std::int64_t>(values->size()) != *patients) {
      reader_.error(elapsed, join_path(path, "elapsed_days"),
                    fmt::format("expected 'unknown' or one elapsed stay per patient ({}), got {}",
                                *patients, values->size()));
      return;
    }
    unit.census.elapsed_days = *values;
  }

  void read_source(const std::string& name, const YAML::Node& node) {
    const std::string path = join_path("arrivals", name);
    if (!check_keys(reader_, node, path, "arrivals.*")) return;
    models::ArrivalSource source;
    source.name = name;
    source.hour_of_day.fill(1.0);
    source.day_of_week.fill(1.0);
    bool ok = rate_or_data(node, path);
    if (node["to"]) {
      const auto to = reader_.text(node["to"], join_path(path, "to"));
      const auto unit = to ? model_.find_unit(*to) : std::nullopt;
      if (to && !unit) {
        std::vector<std::string> names;
        for (const auto& u : model_.units) names.push_back(u.name);
        const std::string suggestion = closest_match(*to, names);
        reader_.error(
            node["to"], join_path(path, "to"),
            fmt::format("arrivals go to '{}', which is not a unit{}", *to,
                        suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion)));
      }
      if (unit) source.unit = *unit;
      else ok = false;
    }
    if (node["rate_per_day"]) {
      const auto rate = reader_.number(node["rate_per_day"], join_path(path, "rate_per_day"),
                                       number_rule("arrivals.*.rate_per_day"));
      if (rate) source.rate_per_day = *rate;
      else ok = false;
    }
    if (node["hour_of_day"])
      ok &= read_profile(node["hour_of_day"], join_path(path, "hour_of_day"), source.hour_of_day);
    if (node["day_of_week"])
      ok &= read_profile(node["day_of_week"], join_path(path, "day_of_week"), source.day_of_week);
    if (node["seasonal"]) {
      auto daily =
          read_daily_multipliers(reader_, node["seasonal"], join_path(path, "seasonal"), model_.run);
      if (daily) source.rate_by_day = std::move(*daily);
      else ok = false;
    }
    if (node["data"])
      ok &= read_arrival_data(reader_, node["data"], join_path(path, "data"), model_.run, source);
    if (node["growth_per_year"]) {
      const auto growth = reader_.number(node["growth_per_year"], join_path(path, "growth_per_year"),
                                         number_rule("arrivals.*.growth_per_year"));
      const double factor = growth ? std::pow(1.0 + *growth, model_.run.horizon_days / 365.0) : 1.0;
      if (growth && factor > kLargestGrowthFactor) {
        reader_.error(node["growth_per_year"], join_path(path, "growth_per_year"),
                      fmt::format("growth of {} a year multiplies demand by {:.3g} over the "
                                  "{}-day horizon; at most {} is supported",
                                  *growth, factor, model_.run.horizon_days, kLargestGrowthFactor));
        ok = false;
      } else if (growth) {
        source.growth_per_year = *growth;
      } else {
        ok = false;
      }
    }
    source.group_cumulative = model_.group_cumulative;
    if (node["groups"]) {
      std::vector<double> shares(model_.groups.size(), 0.0);
      const std::string groups_path = join_path(path, "groups");
      if (reader_.check_named_map(node["groups"], groups_path)) {
        const bool percentages = written_as_percentages(node["groups"]);
        if (percentages) report_percentages(node["groups"], groups_path);
        for_each_group(node["groups"], groups_path,
                       [&](std::size_t g, const YAML::Node& value, const std::string& p) {
                         if (!percentages) shares[g] = probability(value, p).value_or(0.0);
                       });
        if (!percentages) check_sums_to_one(node["groups"], groups_path, shares);
        source.group_cumulative = cumulative(shares);
      }
    }
    if (node["referred"] && ok)
      read_referral(services_, node["referred"], join_path(path, "referred"), source);
    if (ok) model_.sources.push_back(std::move(source));
  }

  // A source's rate comes from rate_per_day or from a data file, which
  // carries its own weekly and seasonal pattern and level: the keys that
  // would set them again are refused next to it.
  bool rate_or_data(const YAML::Node& node, const std::string& path) {
    if (!node["data"]) {
      if (node["rate_per_day"]) return true;
      reader_.error(node, join_path(path, "rate_per_day"), "missing key 'rate_per_day'");
      return false;
    }
    bool ok = true;
    for (const char* key : {"rate_per_day", "day_of_week", "growth_per_year", "seasonal"})
      if (node[key]) {
        reader_.error(
            node[key], join_path(path, key),
            fmt::format("'{}' cannot be given with 'data': the file sets the arrivals' level and "
                        "pattern (use data.scale to change the level)",
                        key));
        ok = false;
      }
    return ok;
  }

  // Multipliers for each hour (24) or weekday (7), normalised so that their
  // mean is 1 and the daily rate keeps its meaning.
  template <std::size_t N>
  bool read_profile(const YAML::Node& node, const std::string& path, std::array<double, N>& out) {
    const auto values = reader_.numbers(node, path, {.min = 0.0});
    if (!values) return false;
    if (values->size() != N) {
      reader_.error(node, path, fmt::format("expected {} multipliers, got {}", N, values->size()));
      return false;
    }
    const double total = std::accumulate(values->begin(), values->end(), 0.0);
    if (!(total > 0.0)) {
      reader_.error(node, path, "multipliers must not all be zero");
      return false;
    }
    for (std::size_t i = 0; i < N; ++i) out[i] = (*values)[i] * static_cast<double>(N) / total;
    return true;
  }

  // Calls f(group index, value, path) for each key of a by-group map, and
  // reports unknown and missing groups.
  template <class F>
  void for_each_group(const YAML::Node& node, const std::string& path, F f) {
    std::vector<std::string> names;
    for (const auto& g : model_.groups) names.push_back(g.name);
    std::vector<bool> seen(names.size(), false);
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>("");
      const auto found = std::find(names.begin(), names.end(), key);
      if (found == names.end()) {
        const std::string suggestion = closest_match(key, names);
        reader_.error(
            entry.first, join_path(path, key),
            fmt::format("'{}' is not a patient group{}; groups are: {}", key,
                        suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion),
                        fmt::join(names, ", ")));
        continue;
      }
      const auto g = static_cast<std::size_t>(found - names.begin());
      if (seen[g]) continue;  // duplicate, reported by check_named_map
      seen[g] = true;
      f(g, entry.second, join_path(path, key));
    }
    for (std::size_t g = 0; g < names.size(); ++g)
      if (!seen[g])
        reader_.error(node, join_path(path, names[g]),
                      fmt::format("missing patient group '{}': give every group a value, or one "
                                  "value for all groups",
                                  names[g]));
  }

  void check_sums_to_one(const YAML::Node& node, const std::string& path,
                         const std::vector<double>& probabilities) {
    const double total = std::accumulate(probabilities.begin(), probabilities.end(), 0.0);
    if (std::abs(total - 1.0) > kProbabilityTolerance)
      reader_.error(node, path, fmt::format("probabilities must sum to 1, got {:.10g}", total));
  }

  void report_percentages(const YAML::Node& node, const std::string& path) {
    reader_.error(node, path,
                  "group shares are fractions, not percentages: they sum to 100: write shares "
                  "that sum to 1 (0.7 for 70%)");
  }

  static std::vector<double> shares_of(const std::vector<models::GroupDefinition>& groups) {
    std::vector<double> shares;
    for (const auto& g : groups) shares.push_back(g.share);
    return shares;
  }

  static std::vector<double> cumulative(const std::vector<double>& probabilities) {
    std::vector<double> c(probabilities.size() + 1, 0.0);
    const double total = std::accumulate(probabilities.begin(), probabilities.end(), 0.0);
    for (std::size_t i = 0; i < probabilities.size(); ++i)
      c[i + 1] = c[i] + (total > 0 ? probabilities[i] / total : 0.0);
    c.back() = 1.0;
    return c;
  }

  const YamlReader& reader_;
  ModelDefinition& model_;
  ServicesContext services_;
  YAML::Node exits_node_;
};

void check_structure(const YAML::Node& root, const YamlReader& reader, const ModelDefinition& model) {
  const GraphFindings findings = check_pathway_graph(model);
  const YAML::Node units = root["units"];
  for (const auto u : findings.unreachable_units) {
    const std::string& name = model.units[u].name;
    reader.error(units[name], join_path("units", name),
                 fmt::format("unit '{}' cannot be reached: no arrival source, census or route "
                             "leads to it",
                             name));
  }
  for (const auto u : findings.trapped_units) {
    const std::string& name = model.units[u].name;
    reader.error(units[name], join_path("units", name),
                 fmt::format("patients in unit '{}' can never leave: no route from it leads to an "
                             "exit",
                             name));
  }
  for (const auto& [u, g] : findings.trapped_groups) {
    const std::string& name = model.units[u].name;
    reader.error(units[name], join_path("units", name),
                 fmt::format("patients of group '{}' in unit '{}' can never leave: no route of "
                             "that group from it leads to an exit",
                             model.groups[g].name, name));
  }
}

}  // namespace

LoadResult load_scenario_text(const std::string& yaml_text, const std::string& file_name) {
  LoadResult result;
  const YamlReader reader(file_name, result.diagnostics);
  const auto document = read_yaml_document(yaml_text, file_name, result.diagnostics);
  if (!document) return result;
  const YAML::Node& root = *document;
  auto model = std::make_shared<ModelDefinition>();
  try {
    ScenarioReader(reader, *model).read(root);
    if (!result.diagnostics.has_errors()) check_structure(root, reader, *model);
    if (!result.diagnostics.has_errors() && root["calibration"])
      check_calibration_metrics(reader, root["calibration"], *model);
  } catch (const VisitBudgetExceeded& e) {
    result.diagnostics.error(e.location, e.key_path, e.what());
  } catch (const YAML::Exception& e) {
    // yaml-cpp throws on some malformed trees (for example a key that is a map);
    // report rather than crash.
    result.diagnostics.error(SourceLocation{file_name, e.mark.line + 1, e.mark.column + 1}, "",
                             fmt::format("unreadable scenario: {}", e.msg));
  }
  if (!result.diagnostics.has_errors()) result.model = std::move(model);
  return result;
}

LoadResult load_scenario_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.diagnostics.error(SourceLocation{path, 0, 0}, "", "cannot open the scenario file");
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), path);
}

}  // namespace flowsim::scenario
