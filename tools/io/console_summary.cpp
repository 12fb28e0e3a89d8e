#include "tools/io/console_summary.hpp"

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
  // "mean (low to high)" with the given printf-style precision and scale.
  [[nodiscard]] std::string cell(const std::string& name, int decimals, double scale = 1.0) const {
    const sim::Summary* s = find(name);
    if (!s) return "-";
    return fmt::format("{:.{}f} ({:.{}f}-{:.{}f})", s->mean * scale, decimals, s->low() * scale,
                       decimals, s->high() * scale, decimals);
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
      "{}\n{} replications of {:.0f} days after a {:.0f}-day warm-up; mean (95% CI)\n\n",
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
                       unit.name, lookup.cell(p + "within_4h", 1, 100),
                       lookup.cell(p + "time_in_department_mean_hours", 2),
                       lookup.cell(p + "over_12h", 0));
  }
  out += fmt::format("\nDelayed transfers of care: {} patients at any time, {} % of occupied "
                     "bed-days\n",
                     lookup.cell("system.delayed_mean", 1),
                     lookup.cell("system.delayed_share_of_occupied_bed_days", 2, 100));
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
