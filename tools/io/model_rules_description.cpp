#include "tools/io/model_rules_description.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

namespace flowsim::tools {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
constexpr const char* kFirstComeFirstServed = "first come, first served";

std::string unit_or_exit(const models::ModelDefinition& model, bool is_exit, std::uint32_t index) {
  return is_exit ? model.exits[index] : model.units[index].name;
}

// Who waits at each priority level, first level first.
Json waiting_list(const models::ModelDefinition& model, const models::QueuePriority& priority) {
  if (priority.levels <= 1) return {{"order", kFirstComeFirstServed}};
  const bool by_source = priority.by == models::QueuePriority::By::Source;
  std::vector<std::vector<std::string>> levels(priority.levels);
  for (std::size_t i = 0; i < priority.level_of.size(); ++i) {
    std::string who;
    if (!by_source) who = model.groups[i].name;
    else if (i < model.sources.size()) who = model.sources[i].name;
    else who = "transfers from " + model.units[i - model.sources.size()].name;
    levels.at(priority.level_of[i]).push_back(std::move(who));
  }
  return {{"order", "priority"},
          {"by", by_source ? "source" : "group"},
          {"levels", levels},
          {"within_level", kFirstComeFirstServed}};
}

// The range of a seasonal multiplier, or null when there is none.
Json seasonal(const std::vector<double>& by_day) {
  if (by_day.empty()) return nullptr;
  const auto [low, high] = std::minmax_element(by_day.begin(), by_day.end());
  return {{"min_multiplier", *low}, {"max_multiplier", *high}};
}

Json by_group(const models::ModelDefinition& model, const std::vector<double>& values) {
  Json out = Json::object();
  for (std::size_t g = 0; g < values.size() && g < model.groups.size(); ++g)
    out[model.groups[g].name] = values[g];
  return out;
}

Json rounded_normal(const models::RoundedNormal& r) {
  return {{"mean", r.mean}, {"sd", r.sd}, {"min", r.min}, {"max", r.max}};
}

Json services(const models::ModelDefinition& model, const models::UnitServices& services) {
  Json out;
  out["visits"] = nullptr;
  if (const auto& visits = services.visits) {
    Json groups = Json::object();
    for (std::size_t g = 0; g < visits->by_group.size() && g < model.groups.size(); ++g)
      groups[model.groups[g].name] = {{"first_day", rounded_normal(visits->by_group[g].initial)},
                                      {"last_day", rounded_normal(visits->by_group[g].final_rate)}};
    out["visits"] = {
        {"visits_per_day",
         visits->visits_per_day == models::kUnlimited ? Json(nullptr) : Json(visits->visits_per_day)},
        {"by_group", groups}};
  }
  out["admission_avoidance"] = nullptr;
  if (const auto& avoidance = services.avoidance)
    out["admission_avoidance"] = {
        {"resolved_share_by_group", by_group(model, avoidance->resolved_by_group)},
        {"resolved_to", unit_or_exit(model, avoidance->resolved_to_exit, avoidance->resolved_to)},
        {"usual_route", model.units[avoidance->usual_route].name}};
  out["readmission"] = nullptr;
  if (const auto& readmission = services.readmission) {
    std::vector<std::string> after;
    for (std::size_t e = 0; e < readmission->after_exit.size(); ++e)
      if (readmission->after_exit[e]) after.push_back(model.exits[e]);
    out["readmission"] = {{"probability_by_group", by_group(model, readmission->probability_by_group)},
                          {"after_exits", after},
                          {"delay_days", readmission->delay_days.describe()},
                          {"to", model.units[readmission->to].name}};
  }
  return out;
}

}  // namespace

void describe_unit_rules(const models::ModelDefinition& model, std::size_t u, Json& unit) {
  const auto& definition = model.units[u];
  const auto& flow = definition.flow;
  unit["waiting_list"] = waiting_list(model, flow.priority);
  auto& calendar = unit["capacity_calendar"] = Json::array();
  for (const auto& step : flow.capacity_schedule)
    calendar.push_back({{"from_day", step.day}, {"capacity", step.capacity}});
  const auto& window = flow.discharge_window;
  unit["discharge_window"] = window.enabled ? Json{{"open_hour", window.open_hour},
                                                   {"close_hour", window.close_hour},
                                                   {"weekend_rate", window.weekend_rate}}
                                            : Json(nullptr);
  auto& delays = unit["transfer_delays"] = Json::array();
  for (const auto& delay : flow.transfer_delays)
    delays.push_back({{"to", unit_or_exit(model, delay.to_exit, delay.index)},
                      {"to_exit", delay.to_exit},
                      {"delay_days", delay.delay.describe()}});
  unit["seasonal_stays"] = seasonal(definition.los_by_day);
  unit["services"] = services(model, definition.services);
}

void describe_source_rules(const models::ModelDefinition& model, std::size_t s, Json& source) {
  const auto& definition = model.sources[s];
  source["seasonal"] = seasonal(definition.rate_by_day);
  source["referral"] =
      definition.referral.active()
          ? Json{{"unit", model.units[definition.referral.unit].name},
                 {"share_by_group", by_group(model, definition.referral.share_by_group)}}
          : Json(nullptr);
}

Json describe_calendar(const models::RunSettings& run) {
  Json out;
  out["start_weekday"] = kWeekdays[run.start_weekday % 7];
  out["start_date"] = nullptr;
  if (run.start_date_days) {
    const std::chrono::year_month_day date{
        std::chrono::sys_days{std::chrono::days{*run.start_date_days}}};
    out["start_date"] =
        fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                    static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  }
  return out;
}

Json describe_electives(const models::ModelDefinition& model) {
  Json out = Json::array();
  for (const auto& stream : model.electives)
    out.push_back({{"name", stream.name},
                   {"unit", model.units[stream.unit].name},
                   {"group", model.groups[stream.group].name},
                   {"per_weekday", stream.per_weekday},
                   {"per_week", stream.booked_per_week()},
                   {"at_hour", stream.at_hour},
                   {"rebook_after_days", stream.rebook_after_days},
                   {"max_rebookings", stream.max_rebookings}});
  return out;
}

}  // namespace flowsim::tools
