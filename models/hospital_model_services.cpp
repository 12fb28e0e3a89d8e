// HospitalModel: the services beyond plain beds. Visit-based capacity,
// admission avoidance services passed by when full, readmissions after
// discharge, scheduled elective admissions, and departures by exit.
#include <cmath>

#include "models/hospital_model.hpp"

namespace flowsim::models {

namespace {
std::int64_t day_of(double time) { return static_cast<std::int64_t>(std::floor(time)); }
}  // namespace

// ---- visit capacity ----------------------------------------------------------

VisitPlan HospitalModel::visit_plan(std::uint32_t slot, std::uint32_t u) const {
  const UnitDefinition& unit = model_->units[u];
  const Patient& patient = patients_[slot];
  // The same draws as the stay the patient will be given on admission, so
  // the check before admission and the admission agree.
  const double stay = stay_days(u, patient.group, draw_stay(slot, u, unit.stay_purpose).first);
  const sim::UniformPair rates = draw_stay(slot, u, unit.services.visits->purpose);
  return plan_visits(unit.services.visits->by_group[patient.group], stay, rates.first, rates.second);
}

bool HospitalModel::visits_allow(std::uint32_t slot, std::uint32_t u) const {
  const auto& visits = model_->units[u].services.visits;
  if (visits->visits_per_day == kUnlimited) return true;
  return stats_.services().visit_ledgers[u].fits(day_of(now_), visit_plan(slot, u).on_day(0),
                                                 visits->visits_per_day);
}

double HospitalModel::start_services(std::uint32_t slot, std::uint32_t u, double los_days,
                                     AdmissionKind kind) {
  const UnitDefinition& unit = model_->units[u];
  if (unit.services.avoidance && kind == AdmissionKind::Admitted) ++stats_.services().avoidance[u].seen;
  if (!unit.services.visits) return los_days;
  // Visit-based stays are whole days with visits booked on each of them.
  const VisitPlan plan = visit_plan(slot, u);
  stats_.services().visit_ledgers[u].book(day_of(now_), plan);
  return static_cast<double>(plan.days);
}

void HospitalModel::retry_visit_units() {
  // Booked visits fall as stays go on, so a new day may make room for a
  // waiting patient even when nobody has left.
  for (std::uint32_t u = 0; u < units_.size(); ++u)
    if (model_->units[u].services.visits && !units_[u].waiting.empty()) fill_freed_beds(u);
}

// ---- admission avoidance -------------------------------------------------------

std::uint32_t HospitalModel::past_full_service(std::uint32_t slot, std::uint32_t u) {
  const auto& service = model_->units[u].services.avoidance;
  if (!service) return u;
  ++stats_.services().avoidance[u].referred;
  if (can_admit(slot, u) && units_[u].waiting.empty()) return u;
  ++stats_.services().avoidance[u].bypassed_when_full;
  return service->usual_route;
}

void HospitalModel::count_avoidance_outcome(std::uint32_t u, std::size_t route_index) {
  // The service's routes are built with the resolved outcome first.
  if (route_index == 0) ++stats_.services().avoidance[u].resolved;
  else ++stats_.services().avoidance[u].passed_on;
}

// ---- exits and readmissions ------------------------------------------------------

bool HospitalModel::leave_by_exit(std::uint32_t slot, std::uint32_t u, std::uint32_t exit) {
  ++stats_.services().exits_by_unit[u][exit];
  const auto& readmission = model_->units[u].services.readmission;
  if (!readmission || !readmission->after_exit[exit]) return false;
  Patient& patient = patients_[slot];
  ++stats_.services().readmission[u].discharges;
  // Keyed by the patient and the step of the journey, so each discharge has
  // its own draw and a baseline and a variant share them.
  const sim::UniformPair draws =
      sim::uniform_pair_at(patient_keys_[patient.source], readmission->purpose, patient.hops,
                           options_.replication, patient.entity);
  if (draws.first >= readmission->probability_by_group[patient.group]) return false;
  ++stats_.services().readmission[u].readmissions;
  patients_.wait(slot).readmitted_from = static_cast<std::int32_t>(u);
  const double back = now_ + readmission->delay_days.quantile(draws.second);
  if (back < model_->run.horizon_days)
    events_.schedule(back, sim::Phase::Arrival, kReadmission, slot, patient.generation);
  return true;
}

void HospitalModel::on_readmission(std::uint32_t slot) {
  PatientWait& wait = patients_.wait(slot);
  const auto from = static_cast<std::uint32_t>(wait.readmitted_from);
  const std::uint32_t to = model_->units[from].services.readmission->to;
  wait.readmitted_from = kNoUnit;
  ++stats_.services().readmission[from].returned;
  ++stats_[to].arrivals;
  arrive_at(slot, to);
}

// ---- electives ----------------------------------------------------------------------

void HospitalModel::schedule_services() {
  const auto& def = *model_;
  for (std::uint32_t e = 0; e < def.electives.size(); ++e) {
    const double first = def.electives[e].at_hour / 24.0;
    if (first < def.run.horizon_days) events_.schedule(first, sim::Phase::Arrival, kElectiveDay, e);
  }
}

void HospitalModel::on_elective_day(std::uint32_t e) {
  const ElectiveStream& stream = model_->electives[e];
  const std::int64_t day = day_of(now_);
  ElectiveCounts& counts = stats_.services().electives[e];
  for (const ElectiveBooking& booking : elective_books_[e].due(stream, day)) {
    const std::uint32_t slot = patients_.acquire();
    Patient& patient = patients_[slot];
    patient.source = static_cast<SourceId>(first_elective_source_ + e);
    patient.entity = booking.entity;
    patient.group = stream.group;
    ++counts.attempts;
    if (booking.rebookings == 0) ++counts.booked;
    // Electives do not queue: no free bed on the day (or emergencies already
    // waiting for one), or escalation at or above the unit's stated level,
    // cancels the operation.
    const bool escalation_cancels = escalation_cancels_electives(stream.unit);
    if (!escalation_cancels && can_admit(slot, stream.unit) && units_[stream.unit].waiting.empty()) {
      ++result_.patients_created;
      ++counts.admitted;
      log(slot, EventLogKind::Arrive, static_cast<std::int32_t>(stream.unit));
      start_ed_clock(slot, stream.unit);
      admit(slot, stream.unit, -1.0, AdmissionKind::Admitted);
      continue;
    }
    patients_.release(slot);
    ++counts.cancelled;
    if (!elective_books_[e].cancel(stream, booking, day)) ++counts.given_up;
    if (escalation_cancels && measuring())
      ++escalation_stats_[stream.unit].electives_cancelled[units_[stream.unit].escalation_state];
  }
  const double next = static_cast<double>(day + 1) + stream.at_hour / 24.0;
  if (next < model_->run.horizon_days) events_.schedule(next, sim::Phase::Arrival, kElectiveDay, e);
}

}  // namespace flowsim::models
