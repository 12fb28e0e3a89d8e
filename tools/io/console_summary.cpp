#include "tools/io/console_summary.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include <fmt/format.h>

namespace flowsim::tools {

namespace {

class Lookup {
 public:
  explicit Lookup(const std::vector<MetricSummary>& summaries) {
    for (const auto& s : summaries) by_name_[s.name] = s.summary;
  }
  [[nodiscard]] const sim::Summary* find(const std::string& name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &it->second;
  }
  // "mean (low-high)" with the given precision and scale. Every quantity
  // printed here is a count, a time, a cost or a share, so the t-interval is
  // cut at 0 (a "-0.4" lower bound for delayed patients reads as nonsense to
  // a planner and would make "low-high" ambiguous), and a share is cut at
  // 100%. summary.csv and summary.json keep the uncut interval.
  [[nodiscard]] std::string cell(const std::string& name, int decimals, double scale = 1.0,
                                 double most = std::numeric_limits<double>::infinity()) const {
    const sim::Summary* s = find(name);
    if (!s) return "-";
    const auto shown = [&](double value) { return std::clamp(value * scale, 0.0, most); };
    return fmt::format("{:.{}f} ({:.{}f}-{:.{}f})", shown(s->mean), decimals, shown(s->low()),
                       decimals, shown(s->high()), decimals);
  }
  [[nodiscard]] std::string percent_cell(const std::string& name, int decimals) const {
    return cell(name, decimals, 100.0, 100.0);
  }
  [[nodiscard]] std::string mean(const std::string& name) const {
    const sim::Summary* s = find(name);
    return s ? fmt::format("{:.0f}", s->mean) : "-";
  }

 private:
  std::map<std::string, sim::Summary> by_name_;
};

}  // namespace

std::string format_console_summary(const models::ModelDefinition& model,
                                   const std::vector<MetricSummary>& summaries) {
  const Lookup lookup(summaries);
  const std::size_t reps = summaries.empty() ? 0 : summaries.front().summary.n;
  std::string out = fmt::format(
      "{}\n{} replications of {:.0f} days after a {:.0f}-day warm-up; mean (95% CI, cut at 0 and "
      "at 100%)\n\n",
      model.name, reps, model.run.horizon_days - model.run.warmup_days, model.run.warmup_days);
  out += fmt::format("{:<22} {:>8} {:>30} {:>24} {:>24}\n", "unit", "capacity",
                     "occupied beds", "occupancy %", "delayed patients");
  for (const auto& unit : model.units) {
    const std::string p = "unit." + unit.name + ".";
    // With a capacity calendar, the mean capacity in force (marked ~).
    const std::string capacity =
        unit.unlimited()                          ? "-"
        : unit.flow.capacity_schedule.empty()     ? fmt::format("{}", unit.capacity)
                                                  : "~" + lookup.mean(p + "capacity_mean");
    out += fmt::format("{:<22} {:>8} {:>30} {:>24} {:>24}\n", unit.name, capacity,
                       lookup.cell(p + "occupancy_mean", 1), lookup.cell(p + "utilisation", 1, 100),
                       lookup.cell(p + "delayed_mean", 1));
  }
  for (const auto& unit : model.units) {
    if (unit.kind != models::UnitKind::EmergencyDepartment) continue;
    const std::string p = "ae." + unit.name + ".";
    out += fmt::format("\nA&E {}: within 4 hours {} %, mean time in department {} h, over 12 hours "
                       "{} patients\n",
                       unit.name, lookup.percent_cell(p + "within_4h", 1),
                       lookup.cell(p + "time_in_department_mean_hours", 2),
                       lookup.cell(p + "over_12h", 0));
  }
  out += fmt::format("\nDelayed transfers of care: {} patients at any time, {} % of occupied "
                     "bed-days\n",
                     lookup.cell("system.delayed_mean", 1),
                     lookup.percent_cell("system.delayed_share_of_occupied_bed_days", 2));
  for (const auto& unit : model.units) {
    const std::string p = "pathway." + unit.name + ".";
    if (!lookup.find(p + "delayed_mean")) continue;
    out += fmt::format("  waiting for {:<16} {} patients, mean delay {} days\n", unit.name,
                       lookup.cell(p + "delayed_mean", 1),
                       lookup.cell(p + "delay_mean_days_all_referrals", 2));
  }
  out += fmt::format("\nCost: GBP {} million a year\n",
                     lookup.cell("cost.total_gbp_per_year", 2, 1e-6));
  return out;
}

}  // namespace flowsim::tools
