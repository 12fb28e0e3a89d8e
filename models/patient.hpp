#pragma once
// One patient in the system, and the pool that recycles their slots so that
// memory follows the patients present, not the patients simulated.
#include <cstdint>
#include <vector>

#include "models/ids.hpp"

namespace flowsim::models {

inline constexpr UnitId kNoUnit = -1;

// The record the hot path reads: one 64-byte cache line, aligned, so that
// loading a patient whose stay ends (last touched days before, in a pool of
// some 150,000 at national scale) costs one memory access, not two. What
// only a waiting or readmitted patient needs lives apart (PatientWait).
struct alignas(64) Patient {
  double bed_since = 0.0;   // admission to the current bed
  double ed_arrival = 0.0;  // arrival at the emergency department: the 4-hour clock
  // When treatment in the current bed ends or ended; once the patient is past
  // any discharge window, the time they became ready to leave (any delay,
  // prescribed or for a full unit, counts from here).
  double clinical_end = 0.0;
  double route_draw = 0.0;          // uniform that picks the next step, drawn with the stay
  std::uint64_t visited_units = 0;  // bit per unit (first 64), for per-visit random draws
  std::uint32_t entity = 0;         // arrival index within the source: the key of its random draws
  std::uint32_t generation = 0;     // bumped when the slot is reused; stale events are skipped
  UnitId unit = kNoUnit;            // unit whose bed the patient holds, if any
  SourceId source = 0;              // arrival source, census unit or elective stream (ids.hpp)
  std::uint16_t hops = 0;           // units visited so far
  GroupId group = 0;
  std::uint8_t departure_stage = 0;  // HospitalModel::DepartureStage while leaving a bed
};
static_assert(sizeof(Patient) == 64, "a patient's record is one cache line");

// What a patient needs only while waiting in a unit's list or between a
// discharge and a readmission: read far less often than Patient, so kept
// out of its cache line. At rest (no unit blocked from, no readmission
// pending) whenever its slot is released: the model resets each field when
// what it records ends, so that a reused slot's record needs no write.
struct PatientWait {
  double since = 0.0;                // joined a waiting list (arrival) or became fit to leave (blocked)
  UnitId blocked_from = kNoUnit;     // while waiting for a unit: the bed held meanwhile
  UnitId readmitted_from = kNoUnit;  // discharged, due back: the unit that discharged them
};

class PatientPool {
 public:
  std::uint32_t acquire() {
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      const std::uint32_t generation = patients_[slot].generation + 1;
      patients_[slot] = Patient{};
      patients_[slot].generation = generation;
      // waits_[slot] is at rest already (PatientWait); writing it anyway
      // cost a cache miss on every arrival at national scale (R1x100).
      return slot;
    }
    patients_.emplace_back();
    waits_.emplace_back();
    return static_cast<std::uint32_t>(patients_.size() - 1);
  }
  void release(std::uint32_t slot) { free_.push_back(slot); }
  [[nodiscard]] Patient& operator[](std::uint32_t slot) { return patients_[slot]; }
  [[nodiscard]] const Patient& operator[](std::uint32_t slot) const { return patients_[slot]; }
  [[nodiscard]] PatientWait& wait(std::uint32_t slot) { return waits_[slot]; }
  [[nodiscard]] const PatientWait& wait(std::uint32_t slot) const { return waits_[slot]; }
  // Starts loading the patient in 'slot' (a slot acquired before): one
  // cache line. A read prefetch: the baseline x86-64 target has no write
  // prefetch, and GCC drops one it cannot emit.
  [[gnu::always_inline]] void prefetch(std::uint32_t slot) const {
    __builtin_prefetch(&patients_[slot]);
  }
  [[nodiscard]] std::size_t in_use() const { return patients_.size() - free_.size(); }
  [[nodiscard]] std::size_t capacity() const { return patients_.size(); }

 private:
  std::vector<Patient> patients_;   // 64-byte aligned: the allocator honours alignas
  std::vector<PatientWait> waits_;  // by slot, beside patients_
  std::vector<std::uint32_t> free_;
};

}  // namespace flowsim::models
