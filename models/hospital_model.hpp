#pragma once
// The state of one replication of the patient-flow model and its event
// handlers. Patients arrive, wait for a bed if none is free, are treated for
// a sampled length of stay, then move on by their group's routing. A patient
// whose next unit is full keeps the bed (a delayed transfer of care) and joins
// that unit's waiting list; each unit admits from its list first come, first
// served (or by priority level), whether the waiting patient is a new
// arrival or blocked elsewhere. Leaving a bed goes through stages (a
// discharge window, then a prescribed transfer delay; see flow_rules.hpp),
// and capacity follows the unit's calendar (a cut closes beds as they empty).
#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

#include "models/electives.hpp"
#include "models/metrics_report.hpp"
#include "models/model_definition.hpp"
#include "models/patient.hpp"
#include "models/replication_result.hpp"
#include "models/run_statistics.hpp"
#include "models/waiting_list.hpp"
#include "sim/event_queue.hpp"
#include "sim/random_stream.hpp"

namespace flowsim::models {

// Thrown when the blocking chain closes on itself: every bed of each unit in
// a set is held by a patient waiting for a bed in another unit of the set,
// so no bed there can ever be freed. The message names the units.
class DeadlockError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by run() when handling an event fails: the message names the
// replication, the simulated day and time, the event, the patient and the
// unit, then the cause.
class ReplicationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by run() when a stop was requested: the replication is incomplete
// and its results must be discarded.
struct ReplicationInterrupted {};

struct ReplicationOptions {
  std::uint32_t replication = 0;
  bool log_events = false;
  std::stop_token stop;                    // polled every few thousand events
  sim::EventTrace* event_trace = nullptr;  // records the event set's work (benchmarks/)
};

class HospitalModel {
 public:
  HospitalModel(std::shared_ptr<const ModelDefinition> model, ReplicationOptions options);
  [[nodiscard]] ReplicationResult run();

 private:
  enum EventKind : std::uint32_t {
    kArrival,
    kTreatmentEnd,
    kMidnight,
    kWarmupEnd,
    kElectiveDay,
    kReadmission,
    kCapacityChange,
    kDepartureStep,
    kPeriodEnd,
    kEscalationReview
  };
  // Where a fit patient is on the way out of a bed.
  enum DepartureStage : std::uint8_t { kFit, kAwaitingDischarge, kTransferDelay };

  struct UnitState {
    std::int64_t occupied = 0;          // beds in use, delayed patients included
    std::int64_t delayed = 0;           // of those, fit to leave but waiting for a full unit
    std::int64_t waiting_arrivals = 0;  // arrivals waiting for a bed here (holding no bed)
    std::int64_t delayed_for = 0;       // patients elsewhere waiting for a bed here
    // Of 'delayed': how many wait for each other unit (unit, count); a few
    // entries at most, for the deadlock check.
    std::vector<std::pair<std::uint32_t, std::int64_t>> delayed_to;
    std::int64_t capacity = 0;  // in force now; occupied may exceed it after a cut
    WaitingList waiting;        // both kinds of waiting patient, by priority level
    std::int64_t day_peak = 0;
    std::uint64_t admitted_total = 0;  // whole run, for the flow balance
    std::uint64_t departed_total = 0;
    // Used only with the unit's flow rules (kept after the hot fields).
    bool timed_departure = false;         // a discharge window or transfer delays apply
    std::int64_t awaiting_discharge = 0;  // fit, holding a bed until the discharge window
    std::int64_t transfer_delayed = 0;    // holding a bed for a prescribed transfer delay
    std::size_t next_capacity_step = 0;   // into flow.capacity_schedule
    // Escalation (hospital_model_escalation.cpp): the state (0: normal), the
    // escalation beds in force (part of 'capacity'), those still open (in
    // force, or closing but occupied) and the day's highest state.
    std::size_t escalation_state = 0;
    std::int64_t escalation_beds = 0;
    std::int64_t escalation_open = 0;
    std::size_t escalation_day_peak = 0;
    // The beds measured against (capacity shares, utilisation): those in
    // force and escalation beds closing but still occupied.
    [[nodiscard]] std::int64_t beds_open() const {
      return capacity + std::max<std::int64_t>(0, escalation_open - escalation_beds);
    }
  };

  void handle(const sim::Event& event);
  // Starts loading the patients of the next events of the event set (the
  // next due soon and the next due later) while this event is handled: at
  // national scale the patients present outgrow the caches, and the patient
  // of a treatment end, last touched days before, is otherwise a miss.
  // Below some 8,000 patient records (512 KiB, R1 keeps about 1,500) they
  // stay in cache and the prefetch would cost R1 3% more instructions for
  // nothing. Always inlined: GCC finds a function whose only effect is a
  // prefetch free of side effects and drops the call before inlining it.
  [[gnu::always_inline]] void prefetch_next_patients() const {
    if (patients_.capacity() < kPrefetchFromPatients) return;
    prefetch_patient_of(events_.upcoming_soon());
    prefetch_patient_of(events_.upcoming_later());
  }
  [[gnu::always_inline]] void prefetch_patient_of(const sim::EventQueue::Upcoming& next) const {
    if (next.kind == kTreatmentEnd || next.kind == kDepartureStep || next.kind == kReadmission)
      patients_.prefetch(next.subject);
  }
  // Rethrows a failure while handling 'event' with where it happened: the
  // replication, the simulated day and time, the event, the patient and the
  // unit (hospital_model_failure.cpp).
  [[noreturn]] void fail_during(const sim::Event& event, const std::exception& cause) const;
  [[nodiscard]] std::string describe_patient(std::uint32_t slot) const;
  void start_census();
  void schedule_next_arrival(std::uint32_t source);
  void on_arrival(std::uint32_t source);
  void on_treatment_end(std::uint32_t slot);
  void on_midnight(std::uint32_t day);
  void on_warmup_end();
  void on_period_end(std::uint32_t period);
  // Every unit's counts now, for the statistics at a period's edge.
  [[nodiscard]] std::vector<UnitLevels> unit_levels() const;
  void on_capacity_change(std::uint32_t unit);
  void schedule_capacity_change(std::uint32_t unit);
  // Escalation levels (hospital_model_escalation.cpp).
  void start_escalation();
  void schedule_escalation_review(std::uint32_t unit);
  void on_escalation_review(std::uint32_t unit);
  // After every event: reviews the units reviewed continuously until none changes.
  void review_continuous_escalation();
  // Steps the unit's state until it settles; true when it changed.
  bool review_escalation(std::uint32_t unit);
  void set_escalation_state(std::uint32_t unit, std::size_t state);
  void close_emptied_escalation_beds(std::uint32_t unit);
  void record_escalation_day(std::size_t day_index);
  [[nodiscard]] bool escalation_cancels_electives(std::uint32_t unit) const;
  // Diverts a new arrival at a unit at or above its diversion level: true
  // when diverted (counted; the patient is gone).
  bool escalation_diverts(std::uint32_t slot, std::uint32_t unit);
  // A higher level would put more escalation beds in force.
  [[nodiscard]] bool escalation_may_open_beds(std::uint32_t unit) const;
  void reset_escalation_statistics();
  // Keeps a closed copy of the escalation statistics at a period's end.
  void end_escalation_period();
  // Escalation metrics of the whole measured run; of period 'index' into
  // its own metrics.
  void report_escalation(std::vector<Metric>& metrics);
  void report_escalation_period(std::size_t index, std::vector<Metric>& metrics);
  // What a review of the unit looks at.
  [[nodiscard]] EscalationObservation observe_escalation(std::uint32_t unit) const;
  // The discharge push of a unit entering a pushing level (escalation.hpp).
  void push_discharges(std::uint32_t unit);
  // Moves a fit patient through the discharge window and transfer delay of
  // the unit, then out (exit, move or delayed transfer of care).
  void continue_departure(std::uint32_t slot);
  void depart(std::uint32_t slot, Destination next);
  [[nodiscard]] double next_discharge_time(std::uint32_t slot) const;
  [[nodiscard]] double transfer_delay_days(std::uint32_t slot, const Destination& next) const;
  [[nodiscard]] Destination next_destination(const Patient& patient) const;
  [[nodiscard]] std::uint32_t priority_level(std::uint32_t unit, std::uint32_t slot) const;
  [[nodiscard]] bool has_free_bed(std::uint32_t unit) const {
    return units_[unit].occupied < units_[unit].capacity;
  }
  // Inline: called several times per event.
  void advance_stats(std::uint32_t unit) {
    const UnitState& s = units_[unit];
    stats_[unit].advance(now_, s.occupied, s.delayed, s.waiting_arrivals, s.delayed_for);
  }
  // Counts of the flow-rule states change rarely: their integrals advance
  // only when they change (see UnitStatistics::flow_integrals).
  void change_awaiting_discharge(std::uint32_t unit, std::int64_t delta);
  void change_transfer_delayed(std::uint32_t unit, std::int64_t delta);

  // A patient reaches unit (or, past a full avoidance service, its usual
  // route): logged there, admitted at once, queued, or turned away.
  void arrive_at(std::uint32_t slot, std::uint32_t unit);
  // A census patient is already in a bed at time 0; everyone else is admitted.
  enum class AdmissionKind { Admitted, AlreadyInBed };
  // los_days < 0: draw the stay from the unit's distribution.
  void admit(std::uint32_t slot, std::uint32_t unit, double los_days, AdmissionKind kind);
  // A stay begun now: the group's length of stay at uniform 'u', times the
  // unit's seasonal multiplier for today, if it has one.
  [[nodiscard]] double stay_days(std::uint32_t unit, std::uint8_t group, double u) const {
    const UnitDefinition& definition = model_->units[unit];
    const double days = definition.los_by_group[group].quantile(u);
    return definition.los_by_day.empty()
               ? days
               : days * seasonal_factor(definition.los_by_day, std::floor(now_));
  }
  // The multiplier of day 'day' (one per day of the run; the last one holds
  // for an instant at the horizon itself).
  [[nodiscard]] static double seasonal_factor(const std::vector<double>& by_day, double day) {
    return by_day[std::min(static_cast<std::size_t>(day), by_day.size() - 1)];
  }
  [[nodiscard]] sim::UniformPair draw_stay(std::uint32_t slot, std::uint32_t unit,
                                           std::uint32_t purpose) const;
  // Frees the bed. SameUnit: the patient is routed back to the unit just
  // left, so an A&E attendance goes on rather than ending.
  enum class BedExit { Leaves, SameUnit };
  void leave_bed(std::uint32_t slot, BedExit how = BedExit::Leaves);
  void fill_freed_beds(std::uint32_t unit);
  void change_occupied(std::uint32_t unit, std::int64_t delta);
  void change_delayed(std::uint32_t unit, std::uint32_t target, std::int64_t delta);
  // Throws DeadlockError when unit 'u', just blocked, closes a cycle of full
  // units whose beds are all held by patients waiting on each other.
  void check_deadlock(std::uint32_t u) const;
  [[nodiscard]] bool all_beds_blocked(std::uint32_t u) const;
  // Every way into an A&E (arrival, referral or transfer from another unit,
  // readmission, elective) starts the 4-hour clock at arrival there.
  void start_ed_clock(std::uint32_t slot, std::uint32_t unit) {
    if (model_->units[unit].kind == UnitKind::EmergencyDepartment) patients_[slot].ed_arrival = now_;
  }
  void record_ed_departure(const Patient& patient, std::uint32_t unit);
  void log(std::uint32_t slot, EventLogKind what, std::int32_t unit, std::int32_t other = -1);
  // Services beyond plain beds (hospital_model_services.cpp): visit
  // capacity, admission avoidance, readmissions, electives, exits.
  // A free bed and, for a visit-based unit, today's visits: inline because
  // every admission asks, and most units have no visit limit.
  [[nodiscard]] bool can_admit(std::uint32_t slot, std::uint32_t unit) const {
    return has_free_bed(unit) && (!model_->units[unit].services.visits || visits_allow(slot, unit));
  }
  [[nodiscard]] bool visits_allow(std::uint32_t slot, std::uint32_t unit) const;
  [[nodiscard]] VisitPlan visit_plan(std::uint32_t slot, std::uint32_t unit) const;
  [[nodiscard]] double start_services(std::uint32_t slot, std::uint32_t unit, double los_days,
                                      AdmissionKind kind);
  // A full admission avoidance service is passed by: the unit to go to instead.
  [[nodiscard]] std::uint32_t past_full_service(std::uint32_t slot, std::uint32_t unit);
  void count_avoidance_outcome(std::uint32_t unit, std::size_t route_index);
  // Counts the exit; true when the patient is kept for a later readmission.
  [[nodiscard]] bool leave_by_exit(std::uint32_t slot, std::uint32_t unit, std::uint32_t exit);
  void schedule_services();
  void on_elective_day(std::uint32_t stream);
  void on_readmission(std::uint32_t slot);
  void retry_visit_units();
  // Escalation's own counters (rises, diversions, cancellations) cover the
  // whole measured run; the unit and service statistics are windowed by
  // RunStatistics instead.
  [[nodiscard]] bool measuring() const { return now_ >= model_->run.warmup_days; }
  [[nodiscard]] ReplicationResult finish();
  // Each period's metrics, into result_.period_metrics (a multi-year run).
  void report_periods();
  [[nodiscard]] DailyWaiting daily_waiting() const {
    return {&result_.daily_delayed_for, &result_.daily_waiting_arrivals};
  }

  static constexpr std::size_t kPrefetchFromPatients = 8192;
  std::shared_ptr<const ModelDefinition> model_;
  ReplicationOptions options_;
  sim::EventQueue events_;
  double now_ = 0.0;
  PatientPool patients_;
  std::vector<UnitState> units_;
  RunStatistics stats_;                       // where what is recorded counts: warm-up, periods
  std::vector<sim::StreamKey> patient_keys_;  // per source, then per census unit
  std::vector<sim::SequentialStream> arrival_streams_;
  std::vector<double> next_arrival_;         // candidate clock per source
  std::vector<double> thinning_bound_;       // peak rate per source (per day)
  std::vector<bool> homogeneous_;            // constant rate: no thinning needed
  std::vector<std::int32_t> certain_group_;  // per source: its only group, or -1
  std::vector<std::uint32_t> arrivals_so_far_;
  std::vector<std::uint32_t> freed_;  // units with a bed to refill
  std::vector<ElectiveBook> elective_books_;
  std::uint32_t first_elective_source_ = 0;             // patient source index of elective stream 0
  std::vector<EscalationStatistics> escalation_stats_;  // per unit; unused without levels
  std::vector<std::uint32_t> continuous_escalation_;    // units reviewed after every event
  // [period][unit]: closed copies of escalation_stats_ at each period's end
  // but the last, and each period's days in each state.
  std::vector<std::vector<EscalationStatistics>> escalation_period_ends_;
  std::vector<std::vector<std::vector<double>>> escalation_period_days_;
  ReplicationResult result_;
};

}  // namespace flowsim::models
