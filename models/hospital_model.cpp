#include "models/hospital_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/metrics_report.hpp"

namespace flowsim::models {

namespace {
// Stream purposes that are not tied to a unit.
const std::uint32_t kGroupPurpose = static_cast<std::uint32_t>(sim::fnv1a64("group"));
const std::uint32_t kResidualPurpose = static_cast<std::uint32_t>(sim::fnv1a64("census/residual"));

bool has_free_bed(const UnitDefinition& unit, std::int64_t occupied) {
  return unit.unlimited() || occupied < unit.capacity;
}

std::size_t pick(const std::vector<double>& cumulative, double u) {
  const auto it = std::upper_bound(cumulative.begin() + 1, cumulative.end() - 1, u);
  return static_cast<std::size_t>(it - cumulative.begin()) - 1;
}
}  // namespace

HospitalModel::HospitalModel(std::shared_ptr<const ModelDefinition> model,
                             ReplicationOptions options)
    : model_(std::move(model)), options_(options) {
  const auto& def = *model_;
  units_.resize(def.units.size());
  stats_.resize(def.units.size());
  for (const auto& source : def.sources) {
    patient_keys_.emplace_back(def.run.seed, "patient/" + source.name);
    arrival_streams_.emplace_back(sim::StreamKey(def.run.seed, "arrivals/" + source.name),
                                  options_.replication);
    double peak_hour = *std::max_element(source.hour_of_day.begin(), source.hour_of_day.end());
    double peak_day = *std::max_element(source.day_of_week.begin(), source.day_of_week.end());
    const double peak_growth =
        std::max(1.0, std::pow(1.0 + source.growth_per_year, def.run.horizon_days / 365.0));
    thinning_bound_.push_back(source.rate_per_day * peak_hour * peak_day * peak_growth);
    homogeneous_.push_back(source.homogeneous());
  }
  for (const auto& unit : def.units) patient_keys_.emplace_back(def.run.seed, "census/" + unit.name);
  next_arrival_.assign(def.sources.size(), 0.0);
  arrivals_so_far_.assign(def.sources.size(), 0);
  const auto days = static_cast<std::size_t>(std::floor(def.run.horizon_days + 1e-9));
  result_.daily_census.assign(def.units.size(), std::vector<double>(days, 0.0));
  result_.daily_peak.assign(def.units.size(), std::vector<double>(days, 0.0));
  result_.daily_delayed_for.assign(def.units.size(), std::vector<double>(days, 0.0));
  result_.replication = options_.replication;
}

ReplicationResult HospitalModel::run() {
  const auto& def = *model_;
  start_census();
  for (std::uint32_t s = 0; s < def.sources.size(); ++s) schedule_next_arrival(s);
  if (!result_.daily_census.empty() && !result_.daily_census[0].empty())
    events_.schedule(1.0, sim::Phase::Sample, kMidnight, 1);
  if (def.run.warmup_days > 0.0)
    events_.schedule(def.run.warmup_days, sim::Phase::Sample, kWarmupEnd, 0);

  const double horizon = def.run.horizon_days;
  std::uint64_t processed = 0;
  while (!events_.empty() && events_.top().time < horizon) {
    const sim::Event event = events_.pop();
    now_ = event.time;
    ++processed;
    switch (event.kind) {
      case kArrival: on_arrival(event.subject); break;
      case kTreatmentEnd:
        if (patients_[event.subject].generation == event.tag) on_treatment_end(event.subject);
        break;
      case kMidnight: on_midnight(event.subject); break;
      case kWarmupEnd: on_warmup_end(); break;
      default: throw std::logic_error("unknown event kind");
    }
  }
  now_ = horizon;
  result_.events = processed;
  return finish();
}

// ---- arrivals -------------------------------------------------------------

void HospitalModel::schedule_next_arrival(std::uint32_t s) {
  const ArrivalSource& source = model_->sources[s];
  auto& stream = arrival_streams_[s];
  double t = next_arrival_[s];
  const double horizon = model_->run.horizon_days;
  if (homogeneous_[s]) {
    t -= std::log(stream.next()) / source.rate_per_day;
  } else {
    // Thinning (Lewis and Shedler): candidates at the peak rate, each kept
    // with probability rate(t) / peak. Exact for a piecewise-constant rate.
    const double bound = thinning_bound_[s];
    while (true) {
      t -= std::log(stream.next()) / bound;
      if (t >= horizon) break;
      const double day = std::floor(t);
      const auto hour = std::min(23, static_cast<int>((t - day) * 24.0));
      const auto weekday = static_cast<std::size_t>(static_cast<std::int64_t>(day) % 7);
      const double rate = source.rate_per_day * source.hour_of_day[static_cast<std::size_t>(hour)] *
                          source.day_of_week[weekday] *
                          std::pow(1.0 + source.growth_per_year, t / 365.0);
      if (stream.next() * bound <= rate) break;
    }
  }
  next_arrival_[s] = t;
  if (t < horizon) events_.schedule(t, sim::Phase::Arrival, kArrival, s);
}

void HospitalModel::on_arrival(std::uint32_t s) {
  const std::uint32_t slot = patients_.acquire();
  Patient& patient = patients_[slot];
  patient.source = static_cast<std::uint16_t>(s);
  patient.entity = arrivals_so_far_[s]++;
  const auto& source = model_->sources[s];
  const double u = sim::uniform_at(patient_keys_[s], kGroupPurpose, 0, options_.replication,
                                   patient.entity);
  patient.group = static_cast<std::uint8_t>(pick(source.group_cumulative, u));
  ++result_.patients_created;
  log(slot, EventLogKind::Arrive, static_cast<std::int32_t>(source.unit));
  if (measuring()) ++stats_[source.unit].arrivals;
  arrive_at(slot, source.unit);
  schedule_next_arrival(s);
}

void HospitalModel::arrive_at(std::uint32_t slot, std::uint32_t u) {
  const UnitDefinition& unit = model_->units[u];
  UnitState& state = units_[u];
  Patient& patient = patients_[slot];
  if (unit.kind == UnitKind::EmergencyDepartment) patient.ed_arrival = now_;
  if (has_free_bed(unit, state.occupied) && state.waiting.empty()) {
    if (measuring()) ++stats_[u].arrivals_admitted;
    admit(slot, u, -1.0, AdmissionKind::Admitted);
    return;
  }
  if (state.waiting_arrivals >= unit.queue_limit) {
    if (measuring()) ++stats_[u].diverted;
    log(slot, EventLogKind::Divert, static_cast<std::int32_t>(u));
    patients_.release(slot);
    return;
  }
  stats_[u].advance(now_, state.occupied, state.delayed, state.waiting_arrivals, state.delayed_for);
  ++state.waiting_arrivals;
  patient.waiting_since = now_;
  state.waiting.push_back(slot);
}

// ---- beds -----------------------------------------------------------------

sim::UniformPair HospitalModel::draw_stay(std::uint32_t slot, std::uint32_t purpose) const {
  const Patient& p = patients_[slot];
  // The draw index is 0 on a patient's first visit to a unit and
  // (hops + 1) on a return, so that the first visit's stay and route do not
  // depend on what happened earlier in the journey.
  const bool first_visit = p.unit < 64 && !((p.visited_units >> p.unit) & 1U);
  return sim::uniform_pair_at(patient_keys_[p.source], purpose, first_visit ? 0U : p.hops + 1U,
                              options_.replication, p.entity);
}

void HospitalModel::admit(std::uint32_t slot, std::uint32_t u, double los_days,
                          AdmissionKind kind) {
  Patient& patient = patients_[slot];
  const UnitDefinition& unit = model_->units[u];
  patient.unit = static_cast<std::int32_t>(u);
  patient.bed_since = now_;
  // One block gives the length of stay and, kept for later, the next route.
  const sim::UniformPair draws = draw_stay(slot, unit.stay_purpose);
  patient.route_draw = draws.second;
  if (los_days < 0.0) los_days = unit.los_by_group[patient.group].quantile(draws.first);
  patient.clinical_end = now_ + los_days;
  change_occupied(u, +1);
  ++units_[u].admitted_total;
  // Census patients were admitted before time 0: not admissions of the
  // measured period (admissions per day, cost per admission), though the flow
  // balance above still counts the bed they take.
  if (measuring() && kind == AdmissionKind::Admitted) ++stats_[u].admissions;
  log(slot, EventLogKind::Admit, static_cast<std::int32_t>(u));
  events_.schedule(patient.clinical_end, sim::Phase::Release, kTreatmentEnd, slot,
                   patient.generation);
}

void HospitalModel::on_treatment_end(std::uint32_t slot) {
  Patient& patient = patients_[slot];
  const auto u = static_cast<std::uint32_t>(patient.unit);
  const UnitDefinition& unit = model_->units[u];
  if (measuring()) {
    ++stats_[u].treatments_ended;
    stats_[u].clinical_los_days += now_ - patient.bed_since;
  }
  const RouteTable& routes = unit.routes_by_group[patient.group];
  const Destination next = routes.destinations[pick(routes.cumulative, patient.route_draw)];
  // Route draws are taken; now mark the visit for any later return.
  if (u < 64) patient.visited_units |= std::uint64_t{1} << u;
  ++patient.hops;
  log(slot, EventLogKind::Fit, static_cast<std::int32_t>(u));

  if (next.is_exit) {
    log(slot, EventLogKind::Exit, static_cast<std::int32_t>(u), static_cast<std::int32_t>(next.index));
    leave_bed(slot);
    patients_.release(slot);
    fill_freed_beds(u);
    return;
  }
  const std::uint32_t target = next.index;
  if (measuring()) ++stats_[target].referrals_in;
  UnitState& target_state = units_[target];
  // A route back to the same unit is a new stay in the bed already held;
  // waiting for a free bed there would wait for this patient's own bed.
  if (target == u ||
      (has_free_bed(model_->units[target], target_state.occupied) && target_state.waiting.empty())) {
    log(slot, EventLogKind::Move, static_cast<std::int32_t>(u), static_cast<std::int32_t>(target));
    leave_bed(slot);
    admit(slot, target, -1.0, AdmissionKind::Admitted);
    fill_freed_beds(u);
    return;
  }
  // Delayed transfer of care: keep the bed, wait in the target's list.
  log(slot, EventLogKind::Blocked, static_cast<std::int32_t>(u), static_cast<std::int32_t>(target));
  patient.waiting_since = now_;
  patient.blocked_from = static_cast<std::int32_t>(u);
  change_delayed(u, target, +1);
  target_state.waiting.push_back(slot);
}

void HospitalModel::leave_bed(std::uint32_t slot) {
  Patient& patient = patients_[slot];
  const auto u = static_cast<std::uint32_t>(patient.unit);
  if (measuring()) {
    ++stats_[u].departures;
    stats_[u].bed_days_of_departures += now_ - patient.bed_since;
  }
  if (model_->units[u].kind == UnitKind::EmergencyDepartment) record_ed_departure(patient, u);
  change_occupied(u, -1);
  ++units_[u].departed_total;
  patient.unit = kNoUnit;
}

void HospitalModel::fill_freed_beds(std::uint32_t first) {
  // A worklist rather than recursion: each blocked patient who moves frees a
  // bed upstream, which may unblock another, along chains of any length.
  freed_.push_back(first);
  while (!freed_.empty()) {
    const std::uint32_t u = freed_.back();
    freed_.pop_back();
    UnitState& state = units_[u];
    const UnitDefinition& unit = model_->units[u];
    while (!state.waiting.empty() && has_free_bed(unit, state.occupied)) {
      const std::uint32_t slot = state.waiting.front();
      state.waiting.pop_front();
      Patient& patient = patients_[slot];
      const double waited = now_ - patient.waiting_since;
      if (patient.blocked_from == kNoUnit) {
        stats_[u].advance(now_, state.occupied, state.delayed, state.waiting_arrivals,
                          state.delayed_for);
        --state.waiting_arrivals;
        if (measuring()) {
          ++stats_[u].arrivals_admitted;
          stats_[u].arrival_wait_days += waited;
          if (waited > 0.0) ++stats_[u].arrivals_waited;
        }
        admit(slot, u, -1.0, AdmissionKind::Admitted);
        continue;
      }
      const auto from = static_cast<std::uint32_t>(patient.blocked_from);
      change_delayed(from, u, -1);
      patient.blocked_from = kNoUnit;
      if (measuring()) {
        ++stats_[from].delayed_patients;
        stats_[from].delay_days += waited;
        ++stats_[u].delayed_in;
        stats_[u].delay_in_days += waited;
      }
      log(slot, EventLogKind::Move, static_cast<std::int32_t>(from), static_cast<std::int32_t>(u));
      leave_bed(slot);
      admit(slot, u, -1.0, AdmissionKind::Admitted);
      freed_.push_back(from);
    }
  }
}

void HospitalModel::change_occupied(std::uint32_t u, std::int64_t delta) {
  UnitState& state = units_[u];
  UnitStatistics& stats = stats_[u];
  stats.advance(now_, state.occupied, state.delayed, state.waiting_arrivals, state.delayed_for);
  state.occupied += delta;
  stats.peak_occupied = std::max(stats.peak_occupied, state.occupied);
  state.day_peak = std::max(state.day_peak, state.occupied);
}

void HospitalModel::change_delayed(std::uint32_t from, std::uint32_t target, std::int64_t delta) {
  for (const std::uint32_t u : {from, target})
    stats_[u].advance(now_, units_[u].occupied, units_[u].delayed, units_[u].waiting_arrivals,
                      units_[u].delayed_for);
  units_[from].delayed += delta;
  units_[target].delayed_for += delta;
}

void HospitalModel::record_ed_departure(const Patient& patient, std::uint32_t u) {
  if (!measuring()) return;
  const double hours = (now_ - patient.ed_arrival) * 24.0;
  UnitStatistics& stats = stats_[u];
  ++stats.ed_attendances;
  stats.ed_hours += hours;
  if (hours <= 4.0) ++stats.ed_within_4h;
  if (hours > 12.0) ++stats.ed_over_12h;
}

// ---- census, clock events, results -----------------------------------------

void HospitalModel::start_census() {
  const auto& def = *model_;
  const auto n_sources = static_cast<std::uint32_t>(def.sources.size());
  for (std::uint32_t u = 0; u < def.units.size(); ++u) {
    const auto& unit = def.units[u];
    if (unit.census.patients == 0) continue;
    // The stationary excess distribution is tabulated only for units that
    // start with patients whose elapsed stay is unknown.
    std::vector<std::unique_ptr<sim::ExcessDistribution>> excess(def.groups.size());
    for (std::int64_t i = 0; i < unit.census.patients; ++i) {
      const std::uint32_t slot = patients_.acquire();
      Patient& patient = patients_[slot];
      patient.source = static_cast<std::uint16_t>(n_sources + u);
      patient.entity = static_cast<std::uint32_t>(i);
      const auto& key = patient_keys_[patient.source];
      patient.group = static_cast<std::uint8_t>(
          pick(def.group_cumulative,
               sim::uniform_at(key, kGroupPurpose, 0, options_.replication, patient.entity)));
      const double v = sim::uniform_at(key, kResidualPurpose, 0, options_.replication, patient.entity);
      const auto& los = unit.los_by_group[patient.group];
      double residual = 0.0;
      if (!unit.census.elapsed_days.empty()) {
        residual = sim::sample_residual(los, unit.census.elapsed_days[static_cast<std::size_t>(i)], v);
      } else {
        auto& table = excess[patient.group];
        if (!table) table = std::make_unique<sim::ExcessDistribution>(los);
        residual = table->quantile(v);
      }
      ++result_.patients_created;
      admit(slot, u, residual, AdmissionKind::AlreadyInBed);
      if (!unit.census.elapsed_days.empty()) {
        patient.bed_since = -unit.census.elapsed_days[static_cast<std::size_t>(i)];
        // The A&E clock started with the stay, not at time 0.
        if (unit.kind == UnitKind::EmergencyDepartment) patient.ed_arrival = patient.bed_since;
      }
    }
  }
}

void HospitalModel::on_midnight(std::uint32_t day) {
  const std::size_t index = day - 1;
  for (std::size_t u = 0; u < units_.size(); ++u) {
    result_.daily_census[u][index] = static_cast<double>(units_[u].occupied);
    result_.daily_peak[u][index] = static_cast<double>(units_[u].day_peak);
    result_.daily_delayed_for[u][index] = static_cast<double>(units_[u].delayed_for);
    units_[u].day_peak = units_[u].occupied;
  }
  if (index + 1 < result_.daily_census[0].size())
    events_.schedule(static_cast<double>(day + 1), sim::Phase::Sample, kMidnight, day + 1);
}

void HospitalModel::on_warmup_end() {
  for (std::size_t u = 0; u < units_.size(); ++u) {
    const UnitState& state = units_[u];
    stats_[u].advance(now_, state.occupied, state.delayed, state.waiting_arrivals, state.delayed_for);
    stats_[u].reset(now_, state.occupied);
  }
}

void HospitalModel::log(std::uint32_t slot, EventLogKind what, std::int32_t unit, std::int32_t other) {
  if (!options_.log_events) return;
  const Patient& p = patients_[slot];
  result_.event_log.push_back(LoggedEvent{now_, p.source, p.entity, static_cast<std::uint8_t>(what),
                                          unit, other});
}

ReplicationResult HospitalModel::finish() {
  const auto& def = *model_;
  for (std::size_t u = 0; u < units_.size(); ++u) {
    const UnitState& state = units_[u];
    stats_[u].advance(now_, state.occupied, state.delayed, state.waiting_arrivals, state.delayed_for);
    result_.flow_balanced =
        result_.flow_balanced && state.admitted_total == state.departed_total +
                                                             static_cast<std::uint64_t>(state.occupied);
  }
  // A horizon that ends exactly at midnight records its last census here,
  // since events at the horizon itself are outside the run.
  if (!result_.daily_census.empty()) {
    const std::size_t days = result_.daily_census[0].size();
    if (days > 0 && static_cast<double>(days) >= def.run.horizon_days - 1e-9)
      for (std::size_t u = 0; u < units_.size(); ++u) {
        result_.daily_census[u][days - 1] = static_cast<double>(units_[u].occupied);
        result_.daily_peak[u][days - 1] = static_cast<double>(units_[u].day_peak);
        result_.daily_delayed_for[u][days - 1] = static_cast<double>(units_[u].delayed_for);
      }
  }
  result_.patients_present_at_end = patients_.in_use();
  result_.metrics = report_metrics(def, stats_, def.run.horizon_days - def.run.warmup_days);
  return std::move(result_);
}

}  // namespace flowsim::models
