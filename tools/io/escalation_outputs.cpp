#include "tools/io/escalation_outputs.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/statistics.hpp"

namespace flowsim::tools {

namespace {
nlohmann::ordered_json describe_trigger(const models::EscalationTrigger& trigger) {
  using Measure = models::EscalationTrigger::Measure;
  const char* measure = "occupancy_share";
  if (trigger.measure == Measure::Waiting) measure = "waiting";
  if (trigger.measure == Measure::EdOver4h) measure = "ed_over_4h";
  if (trigger.measure == Measure::EdOver12h) measure = "ed_over_12h";
  return {{"measure", measure}, {"threshold", trigger.threshold}};
}
}  // namespace

std::optional<std::string> escalation_csv(const models::ModelDefinition& model,
                                          const std::vector<models::ReplicationResult>& results) {
  // Daily series are absent from results gathered without them (MPI runs).
  if (results.empty() || results.front().daily_escalation_level.size() != model.units.size())
    return std::nullopt;
  bool any = false;
  std::string csv = "unit,day,in_warmup,level_mean,level_p5,level_p50,level_p95";
  std::string header_levels;
  // One set of "at or above" columns per distinct level label, across units.
  std::vector<int> labels;
  for (const auto& unit : model.units)
    for (const auto& level : unit.escalation.levels)
      if (std::find(labels.begin(), labels.end(), level.label) == labels.end())
        labels.push_back(level.label);
  std::sort(labels.begin(), labels.end());
  for (const int label : labels) csv += fmt::format(",share_at_or_above_{}", label);
  csv += "\n";
  std::vector<double> scratch(results.size());
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    if (!model.units[u].escalation.enabled()) continue;
    any = true;
    const std::size_t days = results.front().daily_escalation_level[u].size();
    for (std::size_t day = 0; day < days; ++day) {
      for (std::size_t r = 0; r < results.size(); ++r)
        scratch[r] = results[r].daily_escalation_level[u][day];
      const double mean = sim::summarize(scratch).mean;
      std::string shares;
      for (const int label : labels) {
        const auto at_or_above = std::count_if(scratch.begin(), scratch.end(),
                                               [label](double level) { return level >= label; });
        shares +=
            fmt::format(",{}", static_cast<double>(at_or_above) / static_cast<double>(scratch.size()));
      }
      csv += fmt::format("{},{},{},{},{},{},{}{}\n", model.units[u].name, day,
                         static_cast<double>(day + 1) <= model.run.warmup_days ? 1 : 0, mean,
                         sim::sample_quantile(scratch, 0.05), sim::sample_quantile(scratch, 0.5),
                         sim::sample_quantile(scratch, 0.95), shares);
    }
  }
  if (!any) return std::nullopt;
  return csv;
}

nlohmann::ordered_json describe_escalation(const models::EscalationRules& rules) {
  nlohmann::ordered_json levels = nlohmann::ordered_json::array();
  for (const auto& level : rules.levels)
    levels.push_back({{"level", level.label},
                      {"rise", describe_trigger(level.rise)},
                      {"fall", describe_trigger(level.fall)},
                      {"open_beds", level.open_beds}});
  nlohmann::ordered_json review =
      rules.continuous ? nlohmann::ordered_json("continuous") : nlohmann::ordered_json::array();
  for (const double hour : rules.review_hours) {
    const auto minutes = static_cast<int>(std::lround(hour * 60.0));
    review.push_back(fmt::format("{:02}:{:02}", minutes / 60, minutes % 60));
  }
  const auto label_or_null = [&rules](const std::optional<std::size_t>& state) {
    return state ? nlohmann::ordered_json(rules.label_of(*state)) : nlohmann::ordered_json(nullptr);
  };
  nlohmann::ordered_json out = {{"normal_level", rules.base_label},
                                {"at", review},
                                {"levels", levels},
                                {"bed_day_cost_gbp", rules.bed_day_cost_gbp},
                                {"cancel_electives_from", label_or_null(rules.cancel_electives_from)},
                                {"divert_arrivals_from", label_or_null(rules.divert_arrivals_from)}};
  if (rules.discharge_push_from) {
    out["discharge_push_from"] = label_or_null(rules.discharge_push_from);
    out["discharge_push_factor"] = rules.discharge_push_factor;
  }
  return out;
}

}  // namespace flowsim::tools
