#include "models/hospital_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "models/metrics_report.hpp"
#include "models/random_streams.hpp"
#include "models/unit_kinds.hpp"
#include "sim/discrete_choice.hpp"

namespace flowsim::models {

namespace {
// Stream purposes that are not tied to a unit.
const std::uint32_t kGroupPurpose = streams::purpose_word(streams::SharedPurpose::Group);
// Poll for a stop request every 4,096 events: cheap, and well under a
// millisecond between polls.
constexpr std::uint64_t kStopPollMask = 0xFFF;
const std::uint32_t kResidualPurpose = streams::purpose_word(streams::SharedPurpose::CensusResidual);
const std::uint32_t kReferralPurpose = streams::purpose_word(streams::SharedPurpose::Referral);

// The group every draw picks when one group has the whole share, so that
// the draw can be skipped (it could not change the outcome); -1 otherwise.
std::int32_t certain_group(const std::vector<double>& cumulative) {
  for (std::size_t i = 0; i + 1 < cumulative.size(); ++i)
    if (cumulative[i] == 0.0 && cumulative[i + 1] == 1.0) return static_cast<std::int32_t>(i);
  return -1;
}
// A patient found in bed at a random moment has a length-biased stay L split
// into elapsed A and residual R, with joint density f(a + r) / E[L]. Given
// R = r, the whole stay is distributed as L conditioned on L > r, so
// A = F^-1(F(r) + w (1 - F(r))) - r, by inversion of that conditional.
double elapsed_given_residual(const sim::Distribution& los, double residual, double w) {
  const double below = los.cdf(residual);
  const double whole = los.quantile(std::min(below + w * (1.0 - below), std::nextafter(1.0, 0.0)));
  const double elapsed = whole - residual;
  return std::isfinite(elapsed) ? std::max(0.0, elapsed) : 0.0;
}
}  // namespace

HospitalModel::HospitalModel(std::shared_ptr<const ModelDefinition> model, ReplicationOptions options)
    : model_(std::move(model)), options_(std::move(options)), stats_(*model_) {
  const auto& def = *model_;
  // One lane per arrival source: each always has exactly one next arrival.
  // Where every other event waits, the queue decides from its time
  // (sim/event_queue.hpp).
  events_ = sim::EventQueue(def.sources.size());
  events_.record_trace(options_.event_trace);
  units_.resize(def.units.size());
  for (std::size_t u = 0; u < def.units.size(); ++u) {
    units_[u].capacity = def.units[u].capacity;
    units_[u].waiting = WaitingList(def.units[u].flow.priority.levels);
    const UnitFlowRules& flow = def.units[u].flow;
    units_[u].timed_departure = flow.discharge_window.enabled || !flow.transfer_delays.empty();
  }
  for (const auto& source : def.sources) {
    patient_keys_.emplace_back(def.run.seed, streams::source_patients(source.name));
    arrival_streams_.emplace_back(sim::StreamKey(def.run.seed, streams::arrival_times(source.name)),
                                  options_.replication);
    double peak_hour = *std::max_element(source.hour_of_day.begin(), source.hour_of_day.end());
    double peak_day = *std::max_element(source.day_of_week.begin(), source.day_of_week.end());
    const double peak_growth =
        std::max(1.0, std::pow(1.0 + source.growth_per_year, def.run.horizon_days / 365.0));
    const double peak_season = source.rate_by_day.empty() ? 1.0
                                                          : *std::max_element(source.rate_by_day.begin(),
                                                                              source.rate_by_day.end());
    const double peak_data = source.rate_by_hour.empty() ? 1.0
                                                         : *std::max_element(source.rate_by_hour.begin(),
                                                                             source.rate_by_hour.end());
    thinning_bound_.push_back(source.rate_per_day * peak_hour * peak_day * peak_growth * peak_season *
                              peak_data);
    homogeneous_.push_back(source.homogeneous());
    certain_group_.push_back(certain_group(source.group_cumulative));
  }
  for (const auto& unit : def.units)
    patient_keys_.emplace_back(def.run.seed, streams::census_patients(unit.name));
  first_elective_source_ = static_cast<std::uint32_t>(patient_keys_.size());
  for (const auto& stream : def.electives)
    patient_keys_.emplace_back(def.run.seed, streams::elective_patients(stream.name));
  elective_books_.resize(def.electives.size());
  next_arrival_.assign(def.sources.size(), 0.0);
  arrivals_so_far_.assign(def.sources.size(), 0);
  const auto days = static_cast<std::size_t>(std::floor(def.run.horizon_days + 1e-9));
  result_.daily_census.assign(def.units.size(), std::vector<double>(days, 0.0));
  result_.daily_peak.assign(def.units.size(), std::vector<double>(days, 0.0));
  result_.daily_delayed_for.assign(def.units.size(), std::vector<double>(days, 0.0));
  result_.daily_waiting_arrivals.assign(def.units.size(), std::vector<double>(days, 0.0));
  result_.daily_capacity.resize(def.units.size());
  for (std::size_t u = 0; u < def.units.size(); ++u)
    if (!def.units[u].unlimited()) result_.daily_capacity[u].assign(days, 0.0);
  result_.replication = options_.replication;
}

// Inlined into the run loop: one call per event would cost measurably.
[[gnu::always_inline]] inline void HospitalModel::handle(const sim::Event& event) {
  switch (event.kind) {
    case kArrival: on_arrival(event.subject); break;
    case kTreatmentEnd:
      if (patients_[event.subject].generation == event.tag) on_treatment_end(event.subject);
      break;
    case kMidnight: on_midnight(event.subject); break;
    case kWarmupEnd: on_warmup_end(); break;
    case kElectiveDay: on_elective_day(event.subject); break;
    case kReadmission:
      if (patients_[event.subject].generation == event.tag) on_readmission(event.subject);
      break;
    case kCapacityChange: on_capacity_change(event.subject); break;
    case kEscalationReview: on_escalation_review(event.subject); break;
    case kDepartureStep:
      if (patients_[event.subject].generation == event.tag) continue_departure(event.subject);
      break;
    case kPeriodEnd: on_period_end(event.subject); break;
    default: throw std::logic_error("unknown event kind");
  }
}

ReplicationResult HospitalModel::run() {
  const auto& def = *model_;
  start_census();
  for (std::uint32_t s = 0; s < def.sources.size(); ++s) schedule_next_arrival(s);
  schedule_services();
  for (std::uint32_t u = 0; u < def.units.size(); ++u) schedule_capacity_change(u);
  start_escalation();
  if (!result_.daily_census.empty() && !result_.daily_census[0].empty())
    events_.schedule(1.0, sim::Phase::Sample, kMidnight, 1);
  if (def.run.warmup_days > 0.0)
    events_.schedule(def.run.warmup_days, sim::Phase::PeriodStart, kWarmupEnd, 0);
  if (!stats_.periods().empty())
    events_.schedule(stats_.periods().front().end_day, sim::Phase::PeriodStart, kPeriodEnd, 0);

  const double horizon = def.run.horizon_days;
  std::uint64_t processed = 0;
  sim::Event event;
  while (events_.pop_before(horizon, event)) {
    now_ = event.time;
    ++processed;
    prefetch_next_patients();
    if ((processed & kStopPollMask) == 0 && options_.stop.stop_requested())
      throw ReplicationInterrupted{};
    try {
      handle(event);
      if (!continuous_escalation_.empty()) review_continuous_escalation();
    } catch (const std::exception& cause) {
      fail_during(event, cause);
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
  if (source.replay) {
    // A replayed file: the next recorded time, drawing no random number.
    const std::uint32_t next = arrivals_so_far_[s];
    t = next < source.replay_days.size() ? source.replay_days[next] : horizon;
  } else if (homogeneous_[s]) {
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
      const auto weekday =
          static_cast<std::size_t>((static_cast<std::int64_t>(day) + model_->run.start_weekday) % 7);
      double rate = source.rate_per_day * source.hour_of_day[static_cast<std::size_t>(hour)] *
                    source.day_of_week[weekday] * std::pow(1.0 + source.growth_per_year, t / 365.0);
      if (!source.rate_by_day.empty()) rate *= seasonal_factor(source.rate_by_day, day);
      if (!source.rate_by_hour.empty())
        rate *= seasonal_factor(source.rate_by_hour, std::floor(t * 24.0));
      if (stream.next() * bound <= rate) break;
    }
  }
  next_arrival_[s] = t;
  if (t < horizon) events_.schedule_in_lane(s, t, sim::Phase::Arrival, kArrival, s);
}

void HospitalModel::on_arrival(std::uint32_t s) {
  const std::uint32_t slot = patients_.acquire();
  Patient& patient = patients_[slot];
  patient.source = static_cast<SourceId>(s);
  patient.entity = arrivals_so_far_[s]++;
  const auto& source = model_->sources[s];
  if (certain_group_[s] >= 0) {
    patient.group = static_cast<GroupId>(certain_group_[s]);
  } else {
    const double u =
        sim::uniform_at(patient_keys_[s], kGroupPurpose, 0, options_.replication, patient.entity);
    patient.group = static_cast<GroupId>(sim::choose_index(source.group_cumulative, u));
  }
  std::uint32_t first_unit = source.unit;
  if (source.referral.active() &&
      sim::uniform_at(patient_keys_[s], kReferralPurpose, 0, options_.replication, patient.entity) <
          source.referral.share_by_group[patient.group])
    first_unit = source.referral.unit;
  ++result_.patients_created;
  ++stats_[first_unit].arrivals;
  if (!escalation_diverts(slot, first_unit)) arrive_at(slot, first_unit);
  schedule_next_arrival(s);
}

void HospitalModel::arrive_at(std::uint32_t slot, std::uint32_t u) {
  const UnitDefinition& unit = model_->units[u];
  UnitState& state = units_[u];
  if (unit.services.avoidance) {
    const std::uint32_t next = past_full_service(slot, u);
    if (next != u) {
      arrive_at(slot, next);
      return;
    }
  }
  // Logged where the patient really arrives: past a full service, at the
  // unit of the usual route.
  log(slot, EventLogKind::Arrive, static_cast<std::int32_t>(u));
  start_ed_clock(slot, u);
  if (can_admit(slot, u) && state.waiting.empty()) {
    ++stats_[u].arrivals_admitted;
    admit(slot, u, -1.0, AdmissionKind::Admitted);
    return;
  }
  if (state.waiting_arrivals >= unit.queue_limit) {
    ++stats_[u].diverted;
    log(slot, EventLogKind::Divert, static_cast<std::int32_t>(u));
    patients_.release(slot);
    return;
  }
  advance_stats(u);
  ++state.waiting_arrivals;
  ++stats_[u].door_queue_growth;
  patients_.wait(slot).since = now_;
  state.waiting.push_back(slot, priority_level(u, slot));
}

// ---- beds -----------------------------------------------------------------

sim::UniformPair HospitalModel::draw_stay(std::uint32_t slot, std::uint32_t unit,
                                          std::uint32_t purpose) const {
  const Patient& p = patients_[slot];
  // The draw index is 0 on a patient's first visit to a unit and
  // (hops + 1) on a return, so that the first visit's stay and route do not
  // depend on what happened earlier in the journey.
  const bool first_visit = unit < 64 && !((p.visited_units >> unit) & 1U);
  return sim::uniform_pair_at(patient_keys_[p.source], purpose, first_visit ? 0U : p.hops + 1U,
                              options_.replication, p.entity);
}

void HospitalModel::admit(std::uint32_t slot, std::uint32_t u, double los_days, AdmissionKind kind) {
  Patient& patient = patients_[slot];
  const UnitDefinition& unit = model_->units[u];
  patient.unit = static_cast<std::int32_t>(u);
  patient.bed_since = now_;
  // One block gives the length of stay and, kept for later, the next route.
  const sim::UniformPair draws = draw_stay(slot, u, unit.stay_purpose);
  patient.route_draw = draws.second;
  if (los_days < 0.0) los_days = stay_days(u, patient.group, draws.first);
  los_days = start_services(slot, u, los_days, kind);
  patient.clinical_end = now_ + los_days;
  change_occupied(u, +1);
  ++units_[u].admitted_total;
  // Census patients were admitted before time 0: not admissions of the
  // measured period (admissions per day, cost per admission), though the flow
  // balance above still counts the bed they take.
  if (kind == AdmissionKind::Admitted) ++stats_[u].admissions;
  log(slot, EventLogKind::Admit, static_cast<std::int32_t>(u));
  events_.schedule(patient.clinical_end, sim::Phase::Release, kTreatmentEnd, slot, patient.generation);
}

void HospitalModel::on_treatment_end(std::uint32_t slot) {
  Patient& patient = patients_[slot];
  const auto u = static_cast<std::uint32_t>(patient.unit);
  ++stats_[u].treatments_ended;
  stats_[u].clinical_los_days += now_ - patient.bed_since;
  const UnitDefinition& unit = model_->units[u];
  const RouteTable& routes = unit.routes_by_group[patient.group];
  const std::size_t route_index = sim::choose_index(routes.cumulative, patient.route_draw);
  const Destination next = routes.destinations[route_index];
  if (unit.services.avoidance) count_avoidance_outcome(u, route_index);
  // Route draws are taken; now mark the visit for any later return.
  if (u < 64) patient.visited_units |= std::uint64_t{1} << u;
  ++patient.hops;
  log(slot, EventLogKind::Fit, static_cast<std::int32_t>(u));
  patient.departure_stage = kFit;
  // A route back to the same unit is a new stay in the same bed, not a discharge.
  if ((!next.is_exit && next.index == u) || !units_[u].timed_departure) depart(slot, next);
  else continue_departure(slot);
}

Destination HospitalModel::next_destination(const Patient& patient) const {
  const RouteTable& routes =
      model_->units[static_cast<std::size_t>(patient.unit)].routes_by_group[patient.group];
  return routes.destinations[sim::choose_index(routes.cumulative, patient.route_draw)];
}

void HospitalModel::continue_departure(std::uint32_t slot) {
  Patient& patient = patients_[slot];
  const auto u = static_cast<std::uint32_t>(patient.unit);
  const UnitFlowRules& flow = model_->units[u].flow;
  if (patient.departure_stage == kTransferDelay) {
    change_transfer_delayed(u, -1);
    depart(slot, next_destination(patient));
    return;
  }
  if (patient.departure_stage == kFit && flow.discharge_window.enabled) {
    const double release = next_discharge_time(slot);
    if (release > now_) {
      change_awaiting_discharge(u, +1);
      patient.departure_stage = kAwaitingDischarge;
      events_.schedule(release, sim::Phase::Release, kDepartureStep, slot, patient.generation);
      return;
    }
  }
  if (patient.departure_stage == kAwaitingDischarge) change_awaiting_discharge(u, -1);
  if (flow.discharge_window.enabled) {
    ++stats_[u].discharges_timed;
    stats_[u].discharge_wait_days += now_ - patient.clinical_end;
  }
  patient.clinical_end = now_;  // ready to leave: delays count from here
  const Destination next = next_destination(patient);
  const double delay = transfer_delay_days(slot, next);
  if (delay > 0.0) {
    // Waiting for a care package or transport: the bed is held and counts as
    // delayed whether or not the next unit has room.
    change_transfer_delayed(u, +1);
    patient.departure_stage = kTransferDelay;
    events_.schedule(now_ + delay, sim::Phase::Release, kDepartureStep, slot, patient.generation);
    return;
  }
  depart(slot, next);
}

// Inlined into its callers: on the hot path of every treatment end.
[[gnu::always_inline]] inline void HospitalModel::depart(std::uint32_t slot, Destination next) {
  Patient& patient = patients_[slot];
  const auto u = static_cast<std::uint32_t>(patient.unit);
  // A patient leaving after a transfer delay was delayed since ready to leave.
  const auto record_delay = [&] {
    if (!(now_ > patient.clinical_end)) return;
    ++stats_[u].delayed_patients;
    stats_[u].delay_days += now_ - patient.clinical_end;
  };
  if (next.is_exit) {
    record_delay();
    log(slot, EventLogKind::Exit, static_cast<std::int32_t>(u), static_cast<std::int32_t>(next.index));
    leave_bed(slot);
    if (!leave_by_exit(slot, u, next.index)) patients_.release(slot);
    fill_freed_beds(u);
    return;
  }
  const std::uint32_t target = past_full_service(slot, next.index);
  ++stats_[target].referrals_in;
  UnitState& target_state = units_[target];
  // A route back to the same unit is a new stay in the bed already held;
  // waiting for a free bed there would wait for this patient's own bed.
  // Arriving at an A&E from another unit starts its clock now, whether a
  // cubicle is free or the patient waits for one; a route back to the same
  // A&E continues the attendance already under way.
  const bool same_unit = target == u;
  if (!same_unit) start_ed_clock(slot, target);
  if (same_unit || (can_admit(slot, target) && target_state.waiting.empty())) {
    record_delay();
    log(slot, EventLogKind::Move, static_cast<std::int32_t>(u), static_cast<std::int32_t>(target));
    leave_bed(slot, same_unit ? BedExit::SameUnit : BedExit::Leaves);
    admit(slot, target, -1.0, AdmissionKind::Admitted);
    fill_freed_beds(u);
    return;
  }
  // Delayed transfer of care: keep the bed, wait in the target's list.
  log(slot, EventLogKind::Blocked, static_cast<std::int32_t>(u), static_cast<std::int32_t>(target));
  PatientWait& wait = patients_.wait(slot);
  wait.since = now_;
  wait.blocked_from = static_cast<std::int32_t>(u);
  change_delayed(u, target, +1);
  target_state.waiting.push_back(slot, priority_level(target, slot));
  if (all_beds_blocked(u)) check_deadlock(u);
}

bool HospitalModel::all_beds_blocked(std::uint32_t u) const {
  const UnitState& state = units_[u];
  return !model_->units[u].unlimited() && state.occupied > 0 && state.occupied >= state.capacity &&
         state.delayed == state.occupied;
}

void HospitalModel::check_deadlock(std::uint32_t u) const {
  // A bed in a unit whose beds are all held by delayed patients is freed only
  // when one of them moves on, which needs a free bed in the unit it waits
  // for. Start from every such unit and drop, until nothing changes, each
  // unit with a patient waiting for a unit outside the set: whatever is left
  // can never free a bed (stays ended, so no release is pending), whatever
  // happens elsewhere.
  std::vector<bool> stuck(units_.size());
  for (std::uint32_t v = 0; v < units_.size(); ++v) stuck[v] = all_beds_blocked(v);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::uint32_t v = 0; v < units_.size(); ++v) {
      if (!stuck[v]) continue;
      for (const auto& [target, count] : units_[v].delayed_to)
        if (count > 0 && !stuck[target]) {
          stuck[v] = false;
          changed = true;
          break;
        }
    }
  }
  if (!stuck[u]) return;
  // A capacity rise still to come in the calendar, or escalation beds still
  // to open, could free a bed.
  for (std::uint32_t v = 0; v < units_.size(); ++v)
    if (stuck[v] && (units_[v].next_capacity_step < model_->units[v].flow.capacity_schedule.size() ||
                     escalation_may_open_beds(v)))
      return;
  std::string names;
  for (std::uint32_t v = 0; v < units_.size(); ++v) {
    if (!stuck[v]) continue;
    if (!names.empty()) names += ", ";
    names += "'" + model_->units[v].name + "' (" + std::to_string(units_[v].occupied) + " beds)";
  }
  throw DeadlockError(fmt::format(
      "deadlock in the blocking chain: every bed of {} is held by a "
      "patient waiting for a bed in another of these units, so no patient can ever move; give "
      "one of them more capacity or a route that does not wait on the others",
      names));
}

void HospitalModel::leave_bed(std::uint32_t slot, BedExit how) {
  Patient& patient = patients_[slot];
  const auto u = static_cast<std::uint32_t>(patient.unit);
  ++stats_[u].departures;
  stats_[u].bed_days_of_departures += now_ - patient.bed_since;
  if (how == BedExit::Leaves && traits(model_->units[u].kind).emergency_department)
    record_ed_departure(patient, u);
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
    while (!state.waiting.empty() && can_admit(state.waiting.front(), u)) {
      const std::uint32_t slot = state.waiting.front();
      state.waiting.pop_front();
      const Patient& patient = patients_[slot];
      PatientWait& wait = patients_.wait(slot);
      const double waited = now_ - wait.since;
      if (wait.blocked_from == kNoUnit) {
        advance_stats(u);
        --state.waiting_arrivals;
        ++stats_[u].arrivals_admitted;
        --stats_[u].door_queue_growth;
        stats_[u].arrival_wait_days += waited;
        if (waited > 0.0) ++stats_[u].arrivals_waited;
        admit(slot, u, -1.0, AdmissionKind::Admitted);
        continue;
      }
      const auto from = static_cast<std::uint32_t>(wait.blocked_from);
      change_delayed(from, u, -1);
      wait.blocked_from = kNoUnit;
      ++stats_[from].delayed_patients;
      stats_[from].delay_days += now_ - patient.clinical_end;
      ++stats_[u].delayed_in;
      stats_[u].delay_in_days += waited;
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
  advance_stats(u);
  state.occupied += delta;
  stats.peak_occupied = std::max(stats.peak_occupied, state.occupied);
  state.day_peak = std::max(state.day_peak, state.occupied);
  if (state.escalation_open > state.escalation_beds) close_emptied_escalation_beds(u);
}

void HospitalModel::change_delayed(std::uint32_t from, std::uint32_t target, std::int64_t delta) {
  for (const std::uint32_t u : {from, target}) advance_stats(u);
  units_[from].delayed += delta;
  units_[target].delayed_for += delta;
  auto& to = units_[from].delayed_to;
  const auto entry =
      std::find_if(to.begin(), to.end(), [target](const auto& e) { return e.first == target; });
  if (entry == to.end()) to.emplace_back(target, delta);
  else entry->second += delta;
}

void HospitalModel::record_ed_departure(const Patient& patient, std::uint32_t u) {
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
      patient.source = static_cast<SourceId>(n_sources + u);
      patient.entity = static_cast<std::uint32_t>(i);
      const auto& key = patient_keys_[patient.source];
      patient.group = static_cast<GroupId>(sim::choose_index(
          def.group_cumulative,
          sim::uniform_at(key, kGroupPurpose, 0, options_.replication, patient.entity)));
      // One block: the residual stay, and (when the elapsed stay is unknown)
      // the elapsed part given that residual.
      const sim::UniformPair draws =
          sim::uniform_pair_at(key, kResidualPurpose, 0, options_.replication, patient.entity);
      const auto& los = unit.los_by_group[patient.group];
      double residual = 0.0;
      double elapsed = 0.0;
      if (!unit.census.elapsed_days.empty()) {
        elapsed = unit.census.elapsed_days[static_cast<std::size_t>(i)];
        residual = sim::sample_residual(los, elapsed, draws.first);
      } else {
        auto& table = excess[patient.group];
        if (!table) table = std::make_unique<sim::ExcessDistribution>(los);
        residual = table->quantile(draws.first);
        elapsed = elapsed_given_residual(los, residual, draws.second);
      }
      ++result_.patients_created;
      admit(slot, u, residual, AdmissionKind::AlreadyInBed);
      // The stay began before time 0, so length-of-stay measures count all of it.
      patient.bed_since = -elapsed;
      // The A&E clock started with the stay, not at time 0.
      if (traits(unit.kind).emergency_department) patient.ed_arrival = patient.bed_since;
    }
  }
}

void HospitalModel::on_midnight(std::uint32_t day) {
  const std::size_t index = day - 1;
  for (std::size_t u = 0; u < units_.size(); ++u) {
    result_.daily_census[u][index] = static_cast<double>(units_[u].occupied);
    result_.daily_peak[u][index] = static_cast<double>(units_[u].day_peak);
    result_.daily_delayed_for[u][index] = static_cast<double>(units_[u].delayed_for);
    result_.daily_waiting_arrivals[u][index] = static_cast<double>(units_[u].waiting_arrivals);
    if (!result_.daily_capacity[u].empty())
      result_.daily_capacity[u][index] = static_cast<double>(units_[u].beds_open());
    units_[u].day_peak = units_[u].occupied;
  }
  record_escalation_day(index);
  retry_visit_units();
  if (index + 1 < result_.daily_census[0].size())
    events_.schedule(static_cast<double>(day + 1), sim::Phase::Sample, kMidnight, day + 1);
}

void HospitalModel::on_warmup_end() {
  stats_.start_measuring(now_, unit_levels());
  reset_escalation_statistics();
}

void HospitalModel::on_period_end(std::uint32_t period) {
  stats_.end_period(period, now_, unit_levels());
  end_escalation_period();
  // The last period ends with the run.
  const auto& periods = stats_.periods();
  if (period + 2 < periods.size())
    events_.schedule(periods[period + 1].end_day, sim::Phase::PeriodStart, kPeriodEnd, period + 1);
}

std::vector<UnitLevels> HospitalModel::unit_levels() const {
  std::vector<UnitLevels> levels;
  levels.reserve(units_.size());
  for (const UnitState& s : units_)
    levels.push_back(UnitLevels{s.occupied, s.delayed, s.waiting_arrivals, s.delayed_for,
                                s.awaiting_discharge, s.transfer_delayed, s.beds_open()});
  return levels;
}

void HospitalModel::log(std::uint32_t slot, EventLogKind what, std::int32_t unit, std::int32_t other) {
  if (!options_.log_events) return;
  const Patient& p = patients_[slot];
  result_.event_log.push_back(
      LoggedEvent{now_, p.source, p.entity, static_cast<std::uint8_t>(what), unit, other});
}

ReplicationResult HospitalModel::finish() {
  const auto& def = *model_;
  stats_.finish(now_, unit_levels());
  for (const UnitState& state : units_) {
    result_.flow_balanced =
        result_.flow_balanced &&
        state.admitted_total == state.departed_total + static_cast<std::uint64_t>(state.occupied);
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
        result_.daily_waiting_arrivals[u][days - 1] = static_cast<double>(units_[u].waiting_arrivals);
        if (!result_.daily_capacity[u].empty())
          result_.daily_capacity[u][days - 1] = static_cast<double>(units_[u].beds_open());
      }
    if (days > 0 && static_cast<double>(days) >= def.run.horizon_days - 1e-9)
      record_escalation_day(days - 1);
  }
  result_.patients_present_at_end = patients_.in_use();
  for (const auto& s : stats_.units()) result_.time_at_occupancy.push_back(s.time_at_occupancy);
  result_.metrics = report_metrics(
      def, stats_.units(), def.run.horizon_days - def.run.warmup_days, result_.daily_census,
      visits_made(def, stats_.services(), def.run.warmup_days, def.run.horizon_days),
      &result_.daily_capacity, daily_waiting());
  report_service_metrics(def, stats_.services(), result_.metrics);
  report_escalation(result_.metrics);
  report_periods();
  return std::move(result_);
}

void HospitalModel::report_periods() {
  const auto& def = *model_;
  const auto& periods = stats_.periods();
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto services = stats_.period_services(i);
    auto metrics = report_metrics(def, stats_.period_units(i), periods[i].start_day, periods[i].end_day,
                                  result_.daily_census,
                                  visits_made(def, services, periods[i].start_day, periods[i].end_day),
                                  &result_.daily_capacity, daily_waiting());
    report_service_metrics(def, services, periods[i].start_day, periods[i].end_day, metrics);
    report_escalation_period(i, metrics);
    if (metrics.size() != result_.metrics.size())
      throw std::logic_error("a period's metrics differ from the whole run's");
    auto& values = result_.period_metrics.emplace_back();
    values.reserve(metrics.size());
    for (const auto& metric : metrics) values.push_back(metric.value);
  }
}

}  // namespace flowsim::models
