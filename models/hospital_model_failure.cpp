// HospitalModel: what a failure during a replication reports. A bare "run
// failed: ..." cannot be acted on; naming the replication, the simulated
// moment, the event and the patient lets a user rerun that replication with
// an event log and see what led there.
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "models/hospital_model.hpp"

namespace flowsim::models {

namespace {

// "day 12 at 08:41", days counted from 0 at the start of the run.
std::string simulated_moment(double now) {
  const double day = std::floor(now);
  const auto minutes = static_cast<long>(std::floor((now - day) * 24.0 * 60.0));
  return fmt::format("day {} at {:02}:{:02} (t = {:.4f} days)", static_cast<long>(day), minutes / 60,
                     minutes % 60, now);
}

}  // namespace

std::string HospitalModel::describe_patient(std::uint32_t slot) const {
  const auto& def = *model_;
  const Patient& patient = patients_[slot];
  const std::size_t n_sources = def.sources.size();
  const std::size_t n_census = def.units.size();
  std::string origin;
  if (patient.source < n_sources)
    origin = fmt::format("#{} from source '{}'", patient.entity, def.sources[patient.source].name);
  else if (patient.source < n_sources + n_census)
    origin = fmt::format("#{} of the starting census of unit '{}'", patient.entity,
                         def.units[patient.source - n_sources].name);
  else
    origin = fmt::format("#{} of elective stream '{}'", patient.entity,
                         def.electives[patient.source - n_sources - n_census].name);
  std::string where = "holding no bed";
  if (patient.unit != kNoUnit)
    where = fmt::format("in unit '{}'", def.units[static_cast<std::size_t>(patient.unit)].name);
  if (patients_.wait(slot).blocked_from != kNoUnit) where += ", waiting to move on";
  return fmt::format("patient {} (group '{}', {})", origin, def.groups.at(patient.group).name, where);
}

void HospitalModel::fail_during(const sim::Event& event, const std::exception& cause) const {
  const auto& def = *model_;
  const std::uint32_t subject = event.subject;
  std::string what;
  switch (event.kind) {
    case kArrival:
      // The patient arriving is the source's latest.
      what = fmt::format("the arrival of patient #{} from source '{}' (to unit '{}')",
                         arrivals_so_far_.at(subject) - 1, def.sources.at(subject).name,
                         def.units.at(def.sources.at(subject).unit).name);
      break;
    case kTreatmentEnd: what = "the end of a stay of " + describe_patient(subject); break;
    case kDepartureStep:
      what = "a discharge step (discharge window or transfer delay) of " + describe_patient(subject);
      break;
    case kReadmission: what = "the readmission of " + describe_patient(subject); break;
    case kMidnight: what = "the midnight census"; break;
    case kWarmupEnd: what = "the end of the warm-up"; break;
    case kPeriodEnd: what = fmt::format("the end of period {}", subject + 1); break;
    case kElectiveDay:
      what = fmt::format("the elective list of stream '{}' (unit '{}')", def.electives.at(subject).name,
                         def.units.at(def.electives.at(subject).unit).name);
      break;
    case kCapacityChange:
      what = fmt::format("a capacity change of unit '{}'", def.units.at(subject).name);
      break;
    default: what = fmt::format("an event of unknown kind {}", event.kind);
  }
  const std::string message =
      fmt::format("replication {}, {}, while handling {}: {}", options_.replication,
                  simulated_moment(now_), what, cause.what());
  // A deadlock keeps its type, so callers can tell it from other failures.
  if (dynamic_cast<const DeadlockError*>(&cause) != nullptr) throw DeadlockError(message);
  throw ReplicationError(message);
}

}  // namespace flowsim::models
