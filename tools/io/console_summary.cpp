#include "tools/io/console_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/unit_kinds.hpp"
#include "tools/io/visit_units.hpp"

namespace flowsim::tools {

namespace {

constexpr double kNoLimit = std::numeric_limits<double>::infinity();

class Lookup {
 public:
  explicit Lookup(const std::vector<MetricSummary>& summaries) {
    for (const auto& s : summaries) by_name_[s.name] = &s;
  }
  [[nodiscard]] const MetricSummary* find(const std::string& name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
  }
  // "mean (low-high)" with the given precision and scale. Every quantity
  // printed here is a count, a time, a cost or a share, so the t-interval is
  // cut at 0 (a "-0.4" lower bound for delayed patients reads as nonsense to
  // a planner and would make "low-high" ambiguous), and a share is cut at
  // 100%. summary.csv and summary.json keep the uncut interval.
  [[nodiscard]] std::string cell(const std::string& name, int decimals, double scale = 1.0,
                                 double most = kNoLimit) const {
    const MetricSummary* m = find(name);
    if (!m) return "-";
    const auto shown = [&](double value) { return std::clamp(value * scale, 0.0, most); };
    const auto& s = m->summary;
    return fmt::format("{:.{}f} ({:.{}f}-{:.{}f})", shown(s.mean), decimals, shown(s.low()), decimals,
                       shown(s.high()), decimals);
  }
  // "median [p5-p95]", marked " !" when the replications are heavily skewed.
  // Percentiles of values that cannot be negative are never negative, so
  // only the scale applies.
  [[nodiscard]] std::string spread_cell(const std::string& name, int decimals,
                                        double scale = 1.0) const {
    const MetricSummary* m = find(name);
    if (!m) return "-";
    const auto& s = m->spread;
    marked_ = marked_ || s.skewed;
    return fmt::format("{:.{}f} [{:.{}f}-{:.{}f}]{}", s.median * scale, decimals, s.p5 * scale, decimals,
                       s.p95 * scale, decimals, s.skewed ? " !" : "  ");
  }
  // Whether any cell printed so far carries the mark (for the footnote).
  [[nodiscard]] bool marked() const { return marked_; }
  [[nodiscard]] std::string mean(const std::string& name) const {
    const MetricSummary* m = find(name);
    return m ? fmt::format("{:.0f}", m->summary.mean) : "-";
  }
  // A capacity: whole beds, or to a tenth when the mean is not whole (a
  // change within the period).
  [[nodiscard]] std::string beds(const std::string& name) const {
    const MetricSummary* m = find(name);
    if (!m) return "-";
    const double beds = m->summary.mean;
    return beds == std::round(beds) ? fmt::format("{:.0f}", beds) : fmt::format("{:.1f}", beds);
  }

 private:
  std::map<std::string, const MetricSummary*> by_name_;
  mutable bool marked_ = false;
};

// One measure of the lower sections: label, mean (CI), median [p5-p95].
std::string measure_row(const Lookup& lookup, const std::string& label, const std::string& name,
                        int decimals, double scale = 1.0, double most = kNoLimit) {
  return fmt::format("  {:<36} {:>26} {:>28}\n", label, lookup.cell(name, decimals, scale, most),
                     lookup.spread_cell(name, decimals, scale));
}

std::string section_header(const std::string& title) {
  return fmt::format("\n{:<38} {:>26} {:>26}\n", title, "mean (95% CI)", "median [5th-95th]");
}

// A unit with a visit limit: the visits made against those available, and
// the people waiting for a package (in a bed elsewhere, or new referrals).
std::string visits_section(const Lookup& lookup, const models::UnitDefinition& unit) {
  const auto visits = visit_limit(unit);
  if (!visits) return "";
  const std::string p = "unit." + unit.name + ".";
  const std::string pathway = "pathway." + unit.name + ".";
  std::string out = section_header(
      fmt::format("Visits {}, {} a day", unit.name, with_thousands(static_cast<double>(*visits))));
  out += measure_row(lookup, "visits made a day", p + "visits_mean_per_day", 1, 1.0,
                     static_cast<double>(*visits));
  out += measure_row(lookup, "% of the visits available", p + "visit_utilisation", 1, 100.0, 100.0);
  out += measure_row(lookup, "days with no visit to spare %", p + "visit_limit_days_share", 1, 100.0,
                     100.0);
  out += measure_row(lookup, "people receiving care", p + "occupancy_mean", 1);
  // A package can wait on a day with visits to spare (a start needs a run
  // of visits), so how often someone waits is counted directly.
  out += measure_row(lookup, "midnights with someone waiting %", p + "midnights_with_waiting_share", 1,
                     100.0, 100.0);
  if (lookup.find(pathway + "delayed_mean")) {
    out += measure_row(lookup, "waiting in a bed elsewhere", pathway + "delayed_mean", 1);
    out += measure_row(lookup, "  % of transfers who waited", pathway + "p_delayed", 1, 100.0, 100.0);
  }
  if (lookup.find(p + "queue_mean")) {
    out += measure_row(lookup, "waiting for a package at home", p + "queue_mean", 1);
    out += measure_row(lookup, "  % of referrals who waited", p + "p_wait", 1, 100.0, 100.0);
  }
  return out;
}

}  // namespace

std::string format_console_summary(const models::ModelDefinition& model,
                                   const std::vector<MetricSummary>& summaries,
                                   const std::vector<GridlockedReplication>& gridlocked) {
  const Lookup lookup(summaries);
  const std::size_t reps = summaries.empty() ? 0 : summaries.front().summary.n;
  std::string out = fmt::format(
      "{}\n{} replications of {:.0f} days after a {:.0f}-day warm-up; mean (95% CI, cut at 0 and "
      "at 100%),\nand below it the median [5th-95th percentile] across replications\n\n",
      model.name, reps, model.run.horizon_days - model.run.warmup_days, model.run.warmup_days);
  const std::string gridlock = gridlock_sentence(gridlocked, reps);
  if (!gridlock.empty())
    out += fmt::format("{}:\nmeans below include them; medians are robust.\n\n", gridlock);
  out += fmt::format("{:<22} {:>8} {:>30} {:>24} {:>24}\n", "unit", "capacity", "occupied beds",
                     "occupancy %", "delayed patients");
  std::vector<std::string> by_visits;  // units whose capacity is carer visits, not places
  for (const auto& unit : model.units) {
    const std::string p = "unit." + unit.name + ".";
    // With a capacity calendar or escalation beds, the mean capacity in force (marked ~).
    const bool varies = !unit.flow.capacity_schedule.empty() || unit.escalation.enabled();
    // A unit limited by visits, not places: its capacity is visits a day and
    // its occupancy the visits made as a share of them.
    const auto visits = visit_limit(unit);
    if (visits && unit.unlimited()) by_visits.push_back(unit.name);
    const std::string capacity = visits && unit.unlimited() ? visit_capacity_cell(*visits)
                                 : unit.unlimited()         ? "-"
                                 : !varies                  ? fmt::format("{}", unit.capacity)
                                                            : "~" + lookup.mean(p + "capacity_mean");
    const std::string occupancy = p + (visits && unit.unlimited() ? "visit_utilisation" : "utilisation");
    out += fmt::format("{:<22} {:>8} {:>30} {:>24} {:>24}\n", unit.name, capacity,
                       lookup.cell(p + "occupancy_mean", 1), lookup.cell(occupancy, 1, 100, 100),
                       lookup.cell(p + "delayed_mean", 1));
    out += fmt::format("{:<22} {:>8} {:>32} {:>24} {:>24}\n", "", "",
                       lookup.spread_cell(p + "occupancy_mean", 1),
                       lookup.spread_cell(occupancy, 1, 100), lookup.spread_cell(p + "delayed_mean", 1));
  }
  if (!by_visits.empty())
    out += fmt::format(
        "v/d: carer visits a day. {} {} limited by visits, not places: occupied beds are the people\n"
        "receiving care, and occupancy % is the visits made as a share of those available.\n",
        fmt::join(by_visits, ", "), by_visits.size() == 1 ? "is" : "are");
  for (const auto& unit : model.units) {
    if (!models::traits(unit.kind).emergency_department) continue;
    const std::string p = "ae." + unit.name + ".";
    out += section_header("A&E " + unit.name);
    out += measure_row(lookup, "within 4 hours %", p + "within_4h", 1, 100.0, 100.0);
    out += measure_row(lookup, "mean time in department, hours", p + "time_in_department_mean_hours", 2);
    out += measure_row(lookup, "over 12 hours, patients", p + "over_12h", 0);
  }
  // Elective activity next to A&E: what a bed cut costs in operations.
  for (const auto& stream : model.electives) {
    const std::string p = "elective." + stream.name + ".";
    out += section_header("Electives " + stream.name);
    out += measure_row(lookup, "operations admitted", p + "admitted", 0);
    out += measure_row(lookup, "operations cancelled", p + "cancelled", 0);
    out += measure_row(lookup, "  % of operations due", p + "cancellation_rate", 1, 100.0, 100.0);
    out += measure_row(lookup, "given up after rebookings", p + "given_up", 0);
  }
  for (const auto& unit : model.units) {
    const models::EscalationRules& rules = unit.escalation;
    if (!rules.enabled()) continue;
    const std::string p = "unit." + unit.name + ".";
    out += section_header("Escalation " + unit.name);
    for (std::size_t state = 0; state <= rules.levels.size(); ++state) {
      const int label = rules.label_of(state);
      out += measure_row(lookup, fmt::format("time at level {} %", label),
                         fmt::format("{}escalation_level_{}_time_share", p, label), 1, 100.0, 100.0);
    }
    out += measure_row(lookup, "escalation bed-days", p + "escalation_bed_days", 0);
    if (rules.cancel_electives_from)
      out += measure_row(lookup, "electives cancelled", p + "electives_cancelled", 0);
    if (rules.divert_arrivals_from)
      out += measure_row(lookup, "arrivals diverted", p + "escalation_diverted", 0);
    if (rules.discharge_push_from)
      out += measure_row(lookup, "stays pushed (shortened on escalation)", p + "escalation_stays_pushed",
                         0);
  }
  for (const auto& unit : model.units) out += visits_section(lookup, unit);
  out += section_header("Delayed transfers of care");
  out += measure_row(lookup, "patients at any time", "system.delayed_mean", 1);
  out += measure_row(lookup, "% of occupied bed-days", "system.delayed_share_of_occupied_bed_days", 2,
                     100.0, 100.0);
  for (const auto& unit : model.units) {
    const std::string p = "pathway." + unit.name + ".";
    if (!lookup.find(p + "delayed_mean")) continue;
    out += measure_row(lookup, "waiting for " + unit.name + ", patients", p + "delayed_mean", 1);
    out += measure_row(lookup, "  mean delay, days", p + "delay_mean_days_all_referrals", 2);
  }
  out += section_header("Cost");
  out += measure_row(lookup, "GBP million a year", "cost.total_gbp_per_year", 2, 1e-6);
  if (lookup.marked())
    out +=
        "\n! heavily skewed across replications (|skewness| > 1 and the mean pulled from the "
        "median by over half its CI):\n  a few replications far from the rest move the mean; "
        "read the median\n";
  return out;
}

std::string format_period_table(const models::ModelDefinition& model,
                                const std::vector<PeriodSummary>& periods) {
  if (periods.empty()) return "";
  // Enough for a planning horizon; a longer run's periods are all in the files.
  constexpr std::size_t kMostShown = 10;
  const std::size_t shown = std::min(periods.size(), kMostShown);
  std::vector<Lookup> lookups;
  for (std::size_t i = 0; i < shown; ++i) lookups.emplace_back(periods[i].metrics);
  std::string out = fmt::format("\nYear by year ({}): mean (95% CI, cut at 0 and at 100%)\n",
                                model.run.start_date_days ? "financial years, April to March"
                                                          : "365-day years from the end of the warm-up");
  out += fmt::format("{:<30} {:>8} {:>30} {:>24}\n", "unit and period", "capacity", "occupied beds",
                     "occupancy %");
  std::vector<std::string> by_visits;  // as in the run's table: capacity in carer visits a day
  for (const auto& unit : model.units) {
    const auto visits = visit_limit(unit);
    const bool limited_by_visits = visits && unit.unlimited();
    if (unit.unlimited() && !limited_by_visits) continue;
    if (limited_by_visits) by_visits.push_back(unit.name);
    const std::string p = "unit." + unit.name + ".";
    const std::string occupancy = p + (limited_by_visits ? "visit_utilisation" : "utilisation");
    out += unit.name + "\n";
    for (std::size_t i = 0; i < shown; ++i)
      out += fmt::format(
          "  {:<28} {:>8} {:>30} {:>24}\n", periods[i].period.label,
          limited_by_visits ? visit_capacity_cell(*visits) : lookups[i].beds(p + "capacity_mean"),
          lookups[i].cell(p + "occupancy_mean", 1), lookups[i].cell(occupancy, 1, 100, 100));
  }
  if (!by_visits.empty())
    out += fmt::format(
        "v/d: carer visits a day; for {}, occupied beds are the people receiving care and\n"
        "occupancy % the visits made as a share of those available.\n",
        fmt::join(by_visits, ", "));
  std::string header = fmt::format("{:<30}", "period");
  for (const auto& unit : model.units)
    if (models::traits(unit.kind).emergency_department)
      header += fmt::format(" {:>24}", "A&E " + unit.name + " in 4 h %");
  out += "\n" + header + fmt::format(" {:>24} {:>24}\n", "DTOC % of bed-days", "GBP million a year");
  for (std::size_t i = 0; i < shown; ++i) {
    std::string row = fmt::format("  {:<28}", periods[i].period.label);
    for (const auto& unit : model.units)
      if (models::traits(unit.kind).emergency_department)
        row +=
            fmt::format(" {:>24}", lookups[i].cell("ae." + unit.name + ".within_4h", 1, 100.0, 100.0));
    out +=
        row + fmt::format(" {:>24} {:>24}\n",
                          lookups[i].cell("system.delayed_share_of_occupied_bed_days", 2, 100.0, 100.0),
                          lookups[i].cell("cost.total_gbp_per_year", 2, 1e-6));
  }
  if (periods.size() > shown)
    out += fmt::format(
        "  ... and {} more periods in summary.csv (column period) and summary.json "
        "(periods)\n",
        periods.size() - shown);
  return out;
}

}  // namespace flowsim::tools
