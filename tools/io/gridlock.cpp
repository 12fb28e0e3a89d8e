#include "tools/io/gridlock.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/runaway.hpp"

namespace flowsim::tools {

namespace {

constexpr double kShareOfBeds = 0.05;

std::vector<bool> units_with_arrivals(const models::ModelDefinition& model) {
  std::vector<bool> entry(model.units.size(), false);
  for (const auto& source : model.sources) {
    entry[source.unit] = true;
    if (source.referral.active()) entry[source.referral.unit] = true;
  }
  return entry;
}

}  // namespace

std::string gridlock_rule_text() {
  return "for each unit that patients arrive at from outside, the 7-day mean of its midnight waiting "
         "list (arrivals waiting plus patients elsewhere waiting for it) ends the run more than "
         "max(20 robust standard deviations, 1 patient, 5% of its beds) above its typical level "
         "(median over the first half of the measured period, all replications pooled) and has "
         "not been back to that level for at least 28 days; gridlocked from the day after it "
         "last was (the earliest such day over the units)";
}

std::vector<GridlockedReplication> find_gridlocked(
    const models::ModelDefinition& model, const std::vector<models::ReplicationResult>& results) {
  const auto entry = units_with_arrivals(model);
  const auto first_measured = static_cast<std::size_t>(std::ceil(model.run.warmup_days - 1e-9));
  std::vector<std::optional<GridlockedReplication>> earliest(results.size());
  for (const auto& result : results)
    if (result.daily_waiting_arrivals.size() != model.units.size()) return {};
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const auto& unit = model.units[u];
    if (!entry[u] || unit.unlimited()) continue;
    std::vector<std::vector<double>> lists;
    for (const auto& result : results) {
      const auto& waiting = result.daily_waiting_arrivals[u];
      const auto& delayed_for = result.daily_delayed_for[u];
      std::vector<double> list(waiting.size());
      for (std::size_t d = 0; d < list.size(); ++d) list[d] = waiting[d] + delayed_for[d];
      lists.push_back(std::move(list));
    }
    sim::RunawayRule rule;
    rule.min_excess = std::max(1.0, kShareOfBeds * static_cast<double>(unit.capacity));
    const auto days = sim::runaway_from(lists, first_measured, rule);
    for (std::size_t r = 0; r < results.size(); ++r)
      if (days[r] && (!earliest[r] || *days[r] < earliest[r]->day))
        earliest[r] = GridlockedReplication{results[r].replication, unit.name, *days[r]};
  }
  std::vector<GridlockedReplication> found;
  for (const auto& e : earliest)
    if (e) found.push_back(*e);
  return found;
}

nlohmann::ordered_json gridlock_json(const std::vector<GridlockedReplication>& found) {
  nlohmann::ordered_json json;
  json["rule"] = gridlock_rule_text();
  json["count"] = found.size();
  auto& list = json["replications"];
  list = nlohmann::ordered_json::array();
  for (const auto& g : found)
    list.push_back({{"replication", g.replication}, {"unit", g.unit}, {"from_day", g.day}});
  return json;
}

std::string gridlock_sentence(const std::vector<GridlockedReplication>& found,
                              std::size_t replications) {
  if (found.empty()) return {};
  auto by_day = found;
  std::stable_sort(by_day.begin(), by_day.end(),
                   [](const auto& a, const auto& b) { return a.day < b.day; });
  std::string which;
  for (const auto& g : by_day)
    which +=
        fmt::format("{}{} from day {} at {}", which.empty() ? "" : ", ", g.replication, g.day, g.unit);
  return fmt::format("{} of {} replication{} gridlocked from day {} (replication{} {})", found.size(),
                     replications, replications == 1 ? "" : "s", by_day.front().day,
                     found.size() == 1 ? "" : "s", which);
}

}  // namespace flowsim::tools
