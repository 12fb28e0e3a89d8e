#include "models/scenario/services_reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "models/random_streams.hpp"
#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/scenario_schema.hpp"

namespace flowsim::scenario {

namespace {

using models::kUnlimited;

constexpr std::int64_t kMaxVisitsPerPatientDay = 1000;

// A probability for every group: one number, or a map group -> number.
std::optional<std::vector<double>> read_group_probabilities(const ServicesContext& c,
                                                            const YAML::Node& node,
                                                            const std::string& path) {
  const std::size_t groups = c.model.groups.size();
  if (!node.IsMap()) {
    const auto p = c.reader.number(node, path, {.min = 0.0, .max = 1.0});
    if (!p) return std::nullopt;
    return std::vector<double>(groups, *p);
  }
  std::vector<double> values(groups, 0.0);
  bool ok = c.reader.check_named_map(node, path);
  if (!ok) return std::nullopt;
  c.for_each_group(node, path, [&](std::size_t g, const YAML::Node& value, const std::string& p) {
    const auto v = c.reader.number(value, p, {.min = 0.0, .max = 1.0});
    if (v) values[g] = *v;
    else ok = false;
  });
  if (!ok) return std::nullopt;
  return values;
}

std::optional<std::uint32_t> read_unit_name(const ServicesContext& c, const YAML::Node& node,
                                            const std::string& path) {
  const auto name = c.reader.text(node, path);
  if (!name) return std::nullopt;
  if (const auto unit = c.model.find_unit(*name)) return *unit;
  std::vector<std::string> names;
  for (const auto& u : c.model.units) names.push_back(u.name);
  const std::string suggestion = closest_match(*name, names);
  c.reader.error(node, path,
                 fmt::format("'{}' is not a unit{}", *name,
                             suggestion.empty() ? fmt::format("; units are: {}", fmt::join(names, ", "))
                                                : fmt::format("; did you mean '{}'?", suggestion)));
  return std::nullopt;
}

// ---- visits ----------------------------------------------------------------

std::optional<models::RoundedNormal> read_rounded_normal(const ServicesContext& c,
                                                         const YAML::Node& node, const std::string& path,
                                                         bool max_required) {
  const std::vector<std::string> max =
      max_required ? std::vector<std::string>{"max"} : std::vector<std::string>{};
  if (!check_keys(c.reader, node, path, "@rate", max)) return std::nullopt;
  const auto mean =
      node["mean"] ? c.reader.number(node["mean"], join_path(path, "mean"), number_rule("@rate.mean"))
                   : std::nullopt;
  const auto sd = node["sd"]
                      ? c.reader.number(node["sd"], join_path(path, "sd"), number_rule("@rate.sd"))
                      : std::nullopt;
  std::optional<std::int64_t> low;
  if (node["min"]) low = c.reader.count(node["min"], join_path(path, "min"), false, 0);
  std::optional<std::int64_t> high = kMaxVisitsPerPatientDay;
  if (node["max"]) high = c.reader.count(node["max"], join_path(path, "max"), false, 0);
  if (!mean || !sd || !low || !high) return std::nullopt;
  if (*high > kMaxVisitsPerPatientDay) {
    c.reader.error(node["max"], join_path(path, "max"),
                   fmt::format("at most {} visits a day, got {}", kMaxVisitsPerPatientDay, *high));
    return std::nullopt;
  }
  if (*low > *high) {
    c.reader.error(node, path, fmt::format("min ({}) must not exceed max ({})", *low, *high));
    return std::nullopt;
  }
  return models::RoundedNormal{*mean, *sd, *low, *high};
}

// initial/final: one rate for every group, or a map group -> rate.
template <class Assign>
void read_rate_by_group(const ServicesContext& c, const YAML::Node& node, const std::string& path,
                        bool max_required, Assign assign) {
  if (node.IsMap() && !node["mean"]) {
    if (!c.reader.check_named_map(node, path)) return;
    c.for_each_group(node, path, [&](std::size_t g, const YAML::Node& value, const std::string& p) {
      if (auto rate = read_rounded_normal(c, value, p, max_required)) assign(g, *rate);
    });
    return;
  }
  if (auto rate = read_rounded_normal(c, node, path, max_required))
    for (std::size_t g = 0; g < c.model.groups.size(); ++g) assign(g, *rate);
}

void read_visits(const ServicesContext& c, const YAML::Node& node, const std::string& path,
                 models::UnitDefinition& unit) {
  if (!check_keys(c.reader, node, path, "units.*.visits")) return;
  models::VisitCapacity visits;
  visits.purpose = models::streams::purpose_word(unit.name, models::streams::UnitPurpose::Visits);
  visits.by_group.assign(c.model.groups.size(), models::VisitProfile{});
  bool ok = true;
  if (node["per_day"]) {
    const auto per_day = c.reader.count(node["per_day"], join_path(path, "per_day"), true, 0);
    if (per_day) visits.visits_per_day = *per_day;
    else ok = false;
  }
  std::size_t read = 0;
  if (node["initial"])
    read_rate_by_group(c, node["initial"], join_path(path, "initial"), true,
                       [&](std::size_t g, const models::RoundedNormal& r) {
                         visits.by_group[g].initial = r;
                         ++read;
                       });
  if (node["final"])
    read_rate_by_group(c, node["final"], join_path(path, "final"), false,
                       [&](std::size_t g, const models::RoundedNormal& r) {
                         visits.by_group[g].final_rate = r;
                         ++read;
                       });
  if (!ok || read != 2 * c.model.groups.size()) return;
  // A patient whose first day needs more visits than the service has a day
  // could never start, and everyone behind them would wait for ever.
  for (std::size_t g = 0; g < visits.by_group.size(); ++g)
    if (visits.visits_per_day != kUnlimited && visits.by_group[g].initial.max > visits.visits_per_day) {
      c.reader.error(
          node["per_day"], join_path(path, "per_day"),
          fmt::format("{} visits a day is fewer than the {} a patient of group '{}' may "
                      "need on their first day (initial.max)",
                      visits.visits_per_day, visits.by_group[g].initial.max, c.model.groups[g].name));
      return;
    }
  unit.services.visits = std::move(visits);
}

// ---- admission avoidance -----------------------------------------------------

void read_avoidance(const ServicesContext& c, const YAML::Node& node, const std::string& path,
                    models::UnitDefinition& unit, std::uint32_t self) {
  if (!check_keys(c.reader, node, path, "units.*.avoidance")) return;
  const auto resolved = node["resolved"]
                            ? read_group_probabilities(c, node["resolved"], join_path(path, "resolved"))
                            : std::nullopt;
  std::optional<models::Destination> resolved_to;
  if (node["resolved_to"])
    if (const auto name = c.reader.text(node["resolved_to"], join_path(path, "resolved_to")))
      resolved_to = c.resolve_destination(node["resolved_to"], *name, join_path(path, "resolved_to"));
  std::optional<std::uint32_t> usual;
  if (node["usual_route"])
    usual = read_unit_name(c, node["usual_route"], join_path(path, "usual_route"));
  if (!resolved || !resolved_to || !usual) return;
  if (*usual == self) {
    c.reader.error(node["usual_route"], join_path(path, "usual_route"),
                   "the usual route must lead to another unit, not back to this service");
    return;
  }
  if (!resolved_to->is_exit && resolved_to->index == *usual) {
    c.reader.error(node["resolved_to"], join_path(path, "resolved_to"),
                   "patients resolved by the service must go somewhere other than the usual route");
    return;
  }
  models::AvoidanceService service;
  service.resolved_by_group = *resolved;
  service.resolved_to_exit = resolved_to->is_exit;
  service.resolved_to = resolved_to->index;
  service.usual_route = *usual;
  // The routes out of the service: resolved first (index 0), then passed on.
  unit.routes_by_group.clear();
  for (const double p : *resolved)
    unit.routes_by_group.push_back(
        models::RouteTable{{*resolved_to, models::Destination{false, *usual}}, {0.0, p, 1.0}});
  unit.services.avoidance = std::move(service);
}

// ---- readmission -------------------------------------------------------------

void read_readmission(const ServicesContext& c, const YAML::Node& node, const std::string& path,
                      models::UnitDefinition& unit) {
  if (!check_keys(c.reader, node, path, "units.*.readmission")) return;
  models::Readmission readmission;
  readmission.purpose =
      models::streams::purpose_word(unit.name, models::streams::UnitPurpose::Readmission);
  bool ok = true;
  if (node["probability"]) {
    auto p = read_group_probabilities(c, node["probability"], join_path(path, "probability"));
    if (p) readmission.probability_by_group = std::move(*p);
    else ok = false;
  }
  if (const YAML::Node within = node["within_days"]) {
    const std::string within_path = join_path(path, "within_days");
    if (is_distribution_node(within)) {
      if (auto d = read_distribution(c.reader, within, within_path)) readmission.delay_days = *d;
      else ok = false;
    } else if (within.IsScalar()) {
      // A number N: the return is equally likely at any time in the N days.
      const auto days =
          c.reader.number(within, within_path, number_rule("units.*.readmission.within_days"));
      if (days) readmission.delay_days = sim::Distribution(sim::Uniform{0.0, *days});
      else ok = false;
    } else {
      c.reader.error(
          within, within_path,
          fmt::format("expected a number of days or a distribution, got {}", describe_node(within)));
      ok = false;
    }
  }
  if (const YAML::Node exits = node["after_exits"]) {
    const std::string exits_path = join_path(path, "after_exits");
    readmission.after_exit.assign(c.model.exits.size(), false);
    if (!exits.IsSequence() || exits.size() == 0) {
      c.reader.error(
          exits, exits_path,
          fmt::format("expected a non-empty list of exit names, got {}", describe_node(exits)));
      ok = false;
    } else {
      for (std::size_t i = 0; i < exits.size(); ++i) {
        const std::string item_path = fmt::format("{}[{}]", exits_path, i);
        const auto name = c.reader.text(exits[i], item_path);
        const auto found =
            name ? std::find(c.model.exits.begin(), c.model.exits.end(), *name) : c.model.exits.end();
        if (found == c.model.exits.end()) {
          if (name)
            c.reader.error(exits[i], item_path,
                           fmt::format("'{}' is not an exit; exits are: {}", *name,
                                       fmt::join(c.model.exits, ", ")));
          ok = false;
          continue;
        }
        readmission.after_exit[static_cast<std::size_t>(found - c.model.exits.begin())] = true;
      }
    }
  }
  if (node["to"]) {
    if (const auto to = read_unit_name(c, node["to"], join_path(path, "to"))) readmission.to = *to;
    else ok = false;
  }
  if (ok && node["probability"] && node["within_days"] && node["after_exits"] && node["to"])
    unit.services.readmission = std::move(readmission);
}

// ---- electives ---------------------------------------------------------------

void read_elective(const ServicesContext& c, const std::string& name, const YAML::Node& node) {
  const std::string path = join_path("electives", name);
  if (!check_keys(c.reader, node, path, "electives.*")) return;
  models::ElectiveStream stream;
  stream.name = name;
  bool ok = node["to"] && node["group"] && node["per_weekday"];
  if (node["to"]) {
    if (const auto unit = read_unit_name(c, node["to"], join_path(path, "to"))) stream.unit = *unit;
    else ok = false;
  }
  if (node["group"]) {
    const auto group = c.reader.text(node["group"], join_path(path, "group"));
    const auto found = group ? std::find_if(c.model.groups.begin(), c.model.groups.end(),
                                            [&](const auto& g) { return g.name == *group; })
                             : c.model.groups.end();
    if (found == c.model.groups.end()) {
      if (group) {
        std::vector<std::string> names;
        for (const auto& g : c.model.groups) names.push_back(g.name);
        c.reader.error(
            node["group"], join_path(path, "group"),
            fmt::format("'{}' is not a patient group; groups are: {}", *group, fmt::join(names, ", ")));
      }
      ok = false;
    } else {
      stream.group = static_cast<models::GroupId>(found - c.model.groups.begin());
    }
  }
  if (node["per_weekday"]) {
    const std::string counts_path = join_path(path, "per_weekday");
    const YAML::Node counts = node["per_weekday"];
    if (!counts.IsSequence() || counts.size() != 7) {
      c.reader.error(counts, counts_path,
                     fmt::format("expected 7 whole numbers of operations, Monday first, got {}",
                                 describe_node(counts)));
      ok = false;
    } else {
      for (std::size_t d = 0; d < 7; ++d) {
        const auto n = c.reader.count(counts[d], fmt::format("{}[{}]", counts_path, d), false, 0);
        if (n && *n <= 100000) {
          stream.per_weekday[d] = *n;
        } else {
          if (n)
            c.reader.error(counts[d], fmt::format("{}[{}]", counts_path, d),
                           fmt::format("at most 100000 operations a day, got {}", *n));
          ok = false;
        }
      }
    }
  }
  if (node["at_hour"]) {
    const auto hour =
        c.reader.number(node["at_hour"], join_path(path, "at_hour"), number_rule("electives.*.at_hour"));
    if (hour) stream.at_hour = *hour;
    else ok = false;
  }
  if (node["rebook_after_days"]) {
    const auto days =
        c.reader.count(node["rebook_after_days"], join_path(path, "rebook_after_days"), false, 1);
    if (days) stream.rebook_after_days = std::min<std::int64_t>(*days, 36525);
    else ok = false;
  }
  if (node["max_rebookings"]) {
    const auto times =
        c.reader.count(node["max_rebookings"], join_path(path, "max_rebookings"), false, 0);
    if (times) stream.max_rebookings = std::min<std::int64_t>(*times, 1000);
    else ok = false;
  }
  if (ok) c.model.electives.push_back(stream);
}

}  // namespace

void read_unit_services(const ServicesContext& context, const YAML::Node& node, const std::string& path,
                        models::UnitDefinition& unit) {
  const auto self = static_cast<std::uint32_t>(&unit - context.model.units.data());
  if (node["visits"]) {
    read_visits(context, node["visits"], join_path(path, "visits"), unit);
    if (node["initial"])
      context.reader.error(node["initial"], join_path(path, "initial"),
                           "a unit limited by visits a day starts empty: remove 'initial' (the "
                           "warm-up fills it)");
  }
  if (node["avoidance"]) {
    if (node["routes"])
      context.reader.error(node["routes"], join_path(path, "routes"),
                           "an admission avoidance service takes its routes from 'avoidance' "
                           "(resolved_to and usual_route): remove 'routes'");
    read_avoidance(context, node["avoidance"], join_path(path, "avoidance"), unit, self);
  }
  if (node["readmission"])
    read_readmission(context, node["readmission"], join_path(path, "readmission"), unit);
}

void read_referral(const ServicesContext& context, const YAML::Node& node, const std::string& path,
                   models::ArrivalSource& source) {
  const auto& c = context;
  if (!check_keys(c.reader, node, path, "arrivals.*.referred")) return;
  std::optional<std::uint32_t> unit;
  if (node["to"]) unit = read_unit_name(c, node["to"], join_path(path, "to"));
  if (unit && *unit == source.unit)
    c.reader.error(node["to"], join_path(path, "to"),
                   "arrivals are referred to a unit other than the one they arrive at");
  if (!node["share"]) return;
  const std::string share_path = join_path(path, "share");
  // Only the referred groups are listed; the others are not referred.
  std::vector<double> shares(c.model.groups.size(), 0.0);
  bool ok = c.reader.check_named_map(node["share"], share_path);
  if (ok) {
    for (const auto& entry : node["share"]) {
      const std::string key = entry.first.as<std::string>("");
      const auto found = std::find_if(c.model.groups.begin(), c.model.groups.end(),
                                      [&](const auto& g) { return g.name == key; });
      if (found == c.model.groups.end()) {
        std::vector<std::string> names;
        for (const auto& g : c.model.groups) names.push_back(g.name);
        c.reader.error(
            entry.first, join_path(share_path, key),
            fmt::format("'{}' is not a patient group; groups are: {}", key, fmt::join(names, ", ")));
        ok = false;
        continue;
      }
      const auto v = c.reader.number(entry.second, join_path(share_path, key),
                                     number_rule("arrivals.*.referred.share.*"));
      if (v) shares[static_cast<std::size_t>(found - c.model.groups.begin())] = *v;
      else ok = false;
    }
  }
  if (ok && unit && *unit != source.unit) {
    source.referral.unit = *unit;
    source.referral.share_by_group = std::move(shares);
  }
}

void check_service_links(const ServicesContext& context, const YAML::Node& units) {
  for (const auto& unit : context.model.units) {
    const auto& service = unit.services.avoidance;
    if (!service || !context.model.units[service->usual_route].services.avoidance) continue;
    const std::string path =
        join_path(join_path(join_path("units", unit.name), "avoidance"), "usual_route");
    context.reader.error(units[unit.name]["avoidance"]["usual_route"], path,
                         fmt::format("the usual route '{}' is itself an admission avoidance "
                                     "service; it must be the unit patients go to without one",
                                     context.model.units[service->usual_route].name));
  }
}

void read_electives(const ServicesContext& context, const YAML::Node& node) {
  if (!context.reader.check_named_map(node, "electives")) return;
  for (const auto& entry : node) read_elective(context, entry.first.as<std::string>(""), entry.second);
}

}  // namespace flowsim::scenario
