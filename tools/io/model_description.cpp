#include "tools/io/model_description.hpp"

#include <sys/utsname.h>

#include <fstream>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <boost/version.hpp>

#include "models/erlang.hpp"
#include "models/traffic.hpp"
#include "models/unit_kinds.hpp"
#include "tools/io/escalation_outputs.hpp"
#include "tools/io/model_rules_description.hpp"

namespace flowsim::tools {

namespace {

nlohmann::ordered_json limit_or_null(std::int64_t value) {
  return value == models::kUnlimited ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

std::string processor_name() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  return "unknown";
}

}  // namespace

nlohmann::ordered_json describe_model(const models::ModelDefinition& model) {
  nlohmann::ordered_json json;
  json["name"] = model.name;
  json["description"] = model.description;
  json["run"] = {{"horizon_days", model.run.horizon_days},
                 {"warmup_days", model.run.warmup_days},
                 {"measured_days", model.run.horizon_days - model.run.warmup_days},
                 {"replications", model.run.replications},
                 {"seed", model.run.seed}};
  json["calendar"] = describe_calendar(model.run);
  auto& groups = json["groups"] = nlohmann::ordered_json::array();
  for (const auto& g : model.groups) groups.push_back({{"name", g.name}, {"share", g.share}});
  const auto loads = models::solve_traffic(model);
  auto& units = json["units"] = nlohmann::ordered_json::array();
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const auto& unit = model.units[u];
    nlohmann::ordered_json stays = nlohmann::ordered_json::object();
    for (std::size_t g = 0; g < model.groups.size(); ++g)
      stays[model.groups[g].name] = unit.los_by_group[g].describe();
    units.push_back({{"name", unit.name},
                     {"kind", models::traits(unit.kind).key},
                     {"capacity", limit_or_null(unit.capacity)},
                     {"queue_limit", limit_or_null(unit.queue_limit)},
                     {"census_at_start", unit.census.patients},
                     {"arrivals_per_day", loads[u].arrivals_per_day},
                     {"offered_load", loads[u].offered_load},
                     {"minimum_stable_capacity", models::minimum_stable_capacity(loads[u].offered_load)},
                     {"length_of_stay", stays}});
    describe_unit_rules(model, u, units.back());
    if (unit.escalation.enabled()) units.back()["escalation"] = describe_escalation(unit.escalation);
  }
  auto& sources = json["sources"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < model.sources.size(); ++i) {
    const auto& s = model.sources[i];
    sources.push_back({{"name", s.name},
                       {"unit", model.units[s.unit].name},
                       {"rate_per_day", s.rate_per_day},
                       {"growth_per_year", s.growth_per_year},
                       {"time_varying", !s.homogeneous()}});
    describe_source_rules(model, i, sources.back());
  }
  json["electives"] = describe_electives(model);
  json["exits"] = model.exits;
  auto& routes = json["routes"] = nlohmann::ordered_json::array();
  for (const auto& flow : models::solve_route_flows(model))
    routes.push_back(
        {{"from", model.units[flow.from].name},
         {"to", flow.to.is_exit ? model.exits[flow.to.index] : model.units[flow.to.index].name},
         {"to_exit", flow.to.is_exit},
         {"readmission", flow.readmission},
         {"patients_per_day", flow.per_day}});
  return json;
}

nlohmann::ordered_json describe_machine() {
  nlohmann::ordered_json json;
#if defined(__clang__)
  json["compiler"] = fmt::format("clang {}", __clang_version__);
#elif defined(__GNUC__)
  json["compiler"] = fmt::format("g++ {}", __VERSION__);
#else
  json["compiler"] = "unknown";
#endif
  json["boost"] =
      fmt::format("{}.{}.{}", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100);
  json["fmt"] = fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
  utsname names{};
  if (uname(&names) == 0)
    json["operating_system"] = fmt::format("{} {} {}", names.sysname, names.release, names.machine);
  json["processor"] = processor_name();
  json["hardware_threads"] = std::thread::hardware_concurrency();
  return json;
}

}  // namespace flowsim::tools
