// HospitalModel: escalation levels of models/escalation.hpp. A unit's state
// changes at its reviews (bed meetings, or after every event); a rise opens
// the level's escalation beds and admits waiting patients at once, a fall
// closes them as they empty, as a capacity-calendar cut does.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "models/hospital_model.hpp"

namespace flowsim::models {

namespace {
// The first bed meeting at or after (inclusive) or after 'from'.
double next_review_time(const std::vector<double>& hours, double from, bool inclusive) {
  const double today = std::floor(from);
  for (const double day : {today, today + 1.0})
    for (const double hour : hours) {
      const double t = day + hour / 24.0;
      if (inclusive ? t >= from : t > from) return t;
    }
  throw std::logic_error("escalation review hours outside [0, 24)");
}

Metric* find_metric(std::vector<Metric>& metrics, const std::string& name) {
  const auto found =
      std::find_if(metrics.begin(), metrics.end(), [&name](const Metric& m) { return m.name == name; });
  return found == metrics.end() ? nullptr : &*found;
}
}  // namespace

void HospitalModel::start_escalation() {
  const auto& def = *model_;
  escalation_stats_.resize(def.units.size());
  result_.daily_escalation_level.assign(def.units.size(), {});
  const std::size_t days = result_.daily_census.empty() ? 0 : result_.daily_census[0].size();
  for (std::uint32_t u = 0; u < def.units.size(); ++u) {
    const EscalationRules& rules = def.units[u].escalation;
    if (!rules.enabled()) continue;
    escalation_stats_[u].reset(0.0, rules.levels.size() + 1);
    result_.daily_escalation_level[u].assign(days, static_cast<double>(rules.base_label));
    if (rules.continuous) continuous_escalation_.push_back(u);
    else if (def.run.horizon_days > 0.0)
      events_.schedule(next_review_time(rules.review_hours, 0.0, true), sim::Phase::Sample,
                       kEscalationReview, u);
  }
  // Days in each state by period (a multi-year run): [period][unit][state].
  for (std::size_t i = 0; i < stats_.periods().size(); ++i) {
    auto& period_days = escalation_period_days_.emplace_back(def.units.size());
    for (std::uint32_t u = 0; u < def.units.size(); ++u)
      if (def.units[u].escalation.enabled())
        period_days[u].assign(def.units[u].escalation.levels.size() + 1, 0.0);
  }
  // Today's census may already be above a threshold.
  if (!continuous_escalation_.empty()) review_continuous_escalation();
}

void HospitalModel::schedule_escalation_review(std::uint32_t u) {
  const double next = next_review_time(model_->units[u].escalation.review_hours, now_, false);
  if (next < model_->run.horizon_days) events_.schedule(next, sim::Phase::Sample, kEscalationReview, u);
}

void HospitalModel::on_escalation_review(std::uint32_t u) {
  (void)review_escalation(u);
  schedule_escalation_review(u);
}

void HospitalModel::review_continuous_escalation() {
  // A rise admits patients, which may free beds elsewhere (delayed patients
  // move): review again until no unit changes. Each unit settles within a
  // review, so this ends (review_escalation guards against a cycle).
  for (bool changed = true; changed;) {
    changed = false;
    for (const std::uint32_t u : continuous_escalation_) changed = review_escalation(u) || changed;
  }
}

bool HospitalModel::review_escalation(std::uint32_t u) {
  const EscalationRules& rules = model_->units[u].escalation;
  bool changed = false;
  // Admissions after a rise only raise occupancy and shorten the waiting
  // list, so with a level's rise and fall on one measure (the loader's rule)
  // a review settles within one pass up and one down.
  for (std::size_t step = 0; step <= 2 * rules.levels.size() + 1; ++step) {
    const std::size_t current = units_[u].escalation_state;
    const std::size_t next = next_escalation_state(rules, current, observe_escalation(u));
    if (next == current) return changed;
    set_escalation_state(u, next);
    changed = true;
  }
  throw std::logic_error(
      fmt::format("the escalation levels of unit '{}' do not settle", model_->units[u].name));
}

void HospitalModel::set_escalation_state(std::uint32_t u, std::size_t next) {
  UnitState& s = units_[u];
  const EscalationRules& rules = model_->units[u].escalation;
  escalation_stats_[u].advance(now_, s.escalation_state, s.escalation_open);
  advance_stats(u);
  stats_[u].close_capacity_segment(now_, s.beds_open(), false);
  const bool rise = next > s.escalation_state;
  if (rise && measuring()) ++escalation_stats_[u].rises;
  const std::int64_t base = s.capacity - s.escalation_beds;
  s.escalation_beds = rules.open_beds_at(next);
  s.capacity = base + s.escalation_beds;
  s.escalation_state = next;
  s.escalation_day_peak = std::max(s.escalation_day_peak, next);
  // Beds of a lower level's count stay open while occupied.
  s.escalation_open = std::max(s.escalation_beds, std::min(s.escalation_open, s.occupied - base));
  // Pushed before the new beds fill: the stays under way at the rise.
  if (rise && rules.discharge_push_from && next >= *rules.discharge_push_from) push_discharges(u);
  if (rise) fill_freed_beds(u);
}

EscalationObservation HospitalModel::observe_escalation(std::uint32_t u) const {
  const UnitState& s = units_[u];
  EscalationObservation seen{s.occupied, s.capacity - s.escalation_beds,
                             s.waiting_arrivals + s.delayed_for};
  if (!model_->units[u].escalation.watches_ed()) return seen;
  // Every attendance under way: in an A&E cubicle, or waiting for one. A
  // scan of the patients present, done only at bed meetings (the loader
  // refuses these triggers under continuous review).
  constexpr double kFourHours = 4.0 / 24.0;
  constexpr double kTwelveHours = 12.0 / 24.0;
  const auto count = [&](const Patient& patient) {
    const double waited = now_ - patient.ed_arrival;
    if (waited > kFourHours) ++seen.ed_over_4h;
    if (waited > kTwelveHours) ++seen.ed_over_12h;
  };
  std::vector<bool> is_ed(units_.size(), false);
  for (std::uint32_t v = 0; v < units_.size(); ++v) {
    if (model_->units[v].kind != UnitKind::EmergencyDepartment) continue;
    is_ed[v] = true;
    units_[v].waiting.for_each([&](std::uint32_t slot) { count(patients_[slot]); });
  }
  // A released slot holds no bed (kNoUnit), so the whole pool can be scanned.
  for (std::uint32_t slot = 0; slot < patients_.capacity(); ++slot) {
    const Patient& patient = patients_[slot];
    if (patient.unit != kNoUnit && is_ed[static_cast<std::size_t>(patient.unit)]) count(patient);
  }
  return seen;
}

// Each patient in the unit whose treatment is still running leaves sooner:
// the rest of the stay is multiplied by the factor. The pending end of
// treatment is cancelled by a new generation (events of the old one are
// skipped) and scheduled again. Patients already fit to leave (in a
// discharge window, a transfer delay or waiting for a bed elsewhere) are
// not changed.
void HospitalModel::push_discharges(std::uint32_t u) {
  const EscalationRules& rules = model_->units[u].escalation;
  EscalationStatistics& stats = escalation_stats_[u];
  const std::size_t state = units_[u].escalation_state;
  for (std::uint32_t slot = 0; slot < patients_.capacity(); ++slot) {
    Patient& patient = patients_[slot];
    if (patient.unit != static_cast<std::int32_t>(u) || !(patient.clinical_end > now_)) continue;
    const double rest = patient.clinical_end - now_;
    const double pushed_end = now_ + rest * rules.discharge_push_factor;
    if (measuring()) {
      ++stats.stays_pushed[state];
      stats.days_saved_by_push += patient.clinical_end - pushed_end;
    }
    patient.clinical_end = pushed_end;
    ++patient.generation;
    events_.schedule(pushed_end, sim::Phase::Release, kTreatmentEnd, slot, patient.generation);
  }
}

void HospitalModel::close_emptied_escalation_beds(std::uint32_t u) {
  UnitState& s = units_[u];
  const std::int64_t base = s.capacity - s.escalation_beds;
  const std::int64_t open = std::max(s.escalation_beds, std::min(s.escalation_open, s.occupied - base));
  if (open == s.escalation_open) return;
  escalation_stats_[u].advance(now_, s.escalation_state, s.escalation_open);
  // A bed closed is no longer in the capacity measured against.
  advance_stats(u);
  stats_[u].close_capacity_segment(now_, s.beds_open(), false);
  s.escalation_open = open;
}

void HospitalModel::record_escalation_day(std::size_t index) {
  const bool measured = static_cast<double>(index) >= model_->run.warmup_days - 1e-9;
  for (std::uint32_t u = 0; u < units_.size(); ++u) {
    const EscalationRules& rules = model_->units[u].escalation;
    if (!rules.enabled()) continue;
    UnitState& s = units_[u];
    result_.daily_escalation_level[u][index] =
        static_cast<double>(rules.label_of(s.escalation_day_peak));
    if (measured) escalation_stats_[u].days_in_state[s.escalation_day_peak] += 1.0;
    // The period the day starts in, as the warm-up's test above.
    const auto& periods = stats_.periods();
    for (std::size_t i = 0; i < periods.size(); ++i)
      if (static_cast<double>(index) >= periods[i].start_day - 1e-9 &&
          static_cast<double>(index) < periods[i].end_day - 1e-9)
        escalation_period_days_[i][u][s.escalation_day_peak] += 1.0;
    s.escalation_day_peak = s.escalation_state;
  }
}

bool HospitalModel::escalation_cancels_electives(std::uint32_t u) const {
  const auto& from = model_->units[u].escalation.cancel_electives_from;
  return from && units_[u].escalation_state >= *from;
}

bool HospitalModel::escalation_diverts(std::uint32_t slot, std::uint32_t u) {
  const auto& from = model_->units[u].escalation.divert_arrivals_from;
  if (!from || units_[u].escalation_state < *from) return false;
  if (measuring()) ++escalation_stats_[u].arrivals_diverted[units_[u].escalation_state];
  log(slot, EventLogKind::Divert, static_cast<std::int32_t>(u));
  patients_.release(slot);
  return true;
}

bool HospitalModel::escalation_may_open_beds(std::uint32_t u) const {
  const EscalationRules& rules = model_->units[u].escalation;
  return rules.enabled() && rules.open_beds_at(rules.levels.size()) > units_[u].escalation_beds;
}

void HospitalModel::reset_escalation_statistics() {
  for (std::uint32_t u = 0; u < units_.size(); ++u) {
    const EscalationRules& rules = model_->units[u].escalation;
    if (rules.enabled()) escalation_stats_[u].reset(now_, rules.levels.size() + 1);
  }
}

void HospitalModel::end_escalation_period() {
  // A closed copy: advancing the running statistics here would round the
  // whole run's figures differently from a run without periods.
  auto& ends = escalation_period_ends_.emplace_back(escalation_stats_);
  for (std::uint32_t u = 0; u < units_.size(); ++u)
    if (model_->units[u].escalation.enabled())
      ends[u].advance(now_, units_[u].escalation_state, units_[u].escalation_open);
}

namespace {

// Per unit with levels: the share of time and the days in each state, rises,
// escalation bed-days and their cost, which the unit's and the total cost
// include, electives cancelled, arrivals diverted and stays pushed by
// escalation, in all and by the level that caused them; over
// 'measured_days' (the whole measured run, or one period of it).
void add_escalation_metrics(const ModelDefinition& def,
                            const std::vector<EscalationStatistics>& all_stats, double measured_days,
                            std::vector<Metric>& metrics) {
  double total_cost = 0.0;
  const auto sum = [](const std::vector<std::uint64_t>& counts) {
    std::uint64_t total = 0;
    for (const auto count : counts) total += count;
    return static_cast<double>(total);
  };
  for (std::uint32_t u = 0; u < def.units.size(); ++u) {
    const EscalationRules& rules = def.units[u].escalation;
    if (!rules.enabled()) continue;
    const EscalationStatistics& stats = all_stats[u];
    const std::string p = "unit." + def.units[u].name + ".";
    const auto share = [measured_days](double days) {
      return measured_days > 0.0 ? days / measured_days : 0.0;
    };
    for (std::size_t state = 0; state <= rules.levels.size(); ++state) {
      const std::string level = fmt::format("{}escalation_level_{}_", p, rules.label_of(state));
      metrics.push_back({level + "time_share", share(stats.time_in_state[state])});
      metrics.push_back({level + "days", stats.days_in_state[state]});
    }
    const double cost = stats.open_bed_days * rules.bed_day_cost_gbp;
    metrics.push_back({p + "escalation_rises", static_cast<double>(stats.rises)});
    metrics.push_back({p + "escalation_bed_days", stats.open_bed_days});
    metrics.push_back({p + "escalation_cost_gbp", cost});
    metrics.push_back({p + "electives_cancelled", sum(stats.electives_cancelled)});
    metrics.push_back({p + "escalation_diverted", sum(stats.arrivals_diverted)});
    // By cause: the level in force, for the levels whose action it is.
    const auto by_level = [&](const std::optional<std::size_t>& from,
                              const std::vector<std::uint64_t>& counts, const char* what) {
      if (!from) return;
      for (std::size_t state = *from; state <= rules.levels.size(); ++state)
        metrics.push_back({fmt::format("{}escalation_level_{}_{}", p, rules.label_of(state), what),
                           static_cast<double>(counts[state])});
    };
    by_level(rules.cancel_electives_from, stats.electives_cancelled, "electives_cancelled");
    by_level(rules.divert_arrivals_from, stats.arrivals_diverted, "diverted");
    if (rules.discharge_push_from) {
      metrics.push_back({p + "escalation_stays_pushed", sum(stats.stays_pushed)});
      metrics.push_back({p + "escalation_push_days_saved", stats.days_saved_by_push});
      by_level(rules.discharge_push_from, stats.stays_pushed, "stays_pushed");
    }
    // An escalation bed is staffed while open: a fixed cost, in the unit's
    // fixed cost, its total and the system's (cost_report.cpp).
    for (const char* name : {".gbp", ".fixed_gbp"})
      if (Metric* unit_cost = find_metric(metrics, "cost." + def.units[u].name + name))
        unit_cost->value += cost;
    total_cost += cost;
  }
  if (total_cost == 0.0) return;
  const double per_year = measured_days > 0.0 ? total_cost / measured_days * 365.0 : 0.0;
  for (const char* name : {"cost.total_gbp", "cost.fixed_gbp"})
    if (Metric* total = find_metric(metrics, name)) total->value += total_cost;
  for (const char* name : {"cost.total_gbp_per_year", "cost.fixed_gbp_per_year"})
    if (Metric* total = find_metric(metrics, name)) total->value += per_year;
}

}  // namespace

void HospitalModel::report_escalation(std::vector<Metric>& metrics) {
  const auto& def = *model_;
  for (std::uint32_t u = 0; u < units_.size(); ++u)
    if (def.units[u].escalation.enabled())
      escalation_stats_[u].advance(now_, units_[u].escalation_state, units_[u].escalation_open);
  add_escalation_metrics(def, escalation_stats_, def.run.horizon_days - def.run.warmup_days, metrics);
}

// After report_escalation: the last period ends with the run, at the
// running statistics.
void HospitalModel::report_escalation_period(std::size_t index, std::vector<Metric>& metrics) {
  const auto& def = *model_;
  const auto& period = stats_.periods().at(index);
  std::vector<EscalationStatistics> stats(units_.size());
  for (std::uint32_t u = 0; u < units_.size(); ++u) {
    if (!def.units[u].escalation.enabled()) continue;
    const EscalationStatistics& end = index < escalation_period_ends_.size()
                                          ? escalation_period_ends_[index][u]
                                          : escalation_stats_[u];
    stats[u] = index == 0 ? end : escalation_between(escalation_period_ends_[index - 1][u], end);
    stats[u].days_in_state = escalation_period_days_.at(index)[u];
  }
  add_escalation_metrics(def, stats, period.days(), metrics);
}

}  // namespace flowsim::models
