#pragma once
// The booking book of one elective stream: new bookings each day from the
// weekday schedule, and operations cancelled for want of a bed rebooked a
// fixed number of days later, up to a cap on rebookings.
#include <cstdint>
#include <map>
#include <vector>

#include "models/services_definition.hpp"

namespace flowsim::models {

struct ElectiveBooking {
  std::uint32_t entity = 0;     // the patient's index in the stream: the key of their draws
  std::int64_t rebookings = 0;  // times already cancelled and rebooked
};

class ElectiveBook {
 public:
  // Operations due on 'day': those rebooked onto it first, in the order they
  // were cancelled, then the day's new bookings from the weekday schedule
  // (day 0 is a Monday).
  [[nodiscard]] std::vector<ElectiveBooking> due(const ElectiveStream& stream, std::int64_t day);
  // Cancels an operation due on 'day'. Returns true when it is rebooked,
  // false when it has been cancelled max_rebookings times already and is
  // given up (the patient leaves the list).
  bool cancel(const ElectiveStream& stream, const ElectiveBooking& booking, std::int64_t day);

 private:
  std::map<std::int64_t, std::vector<ElectiveBooking>> rebooked_;
  std::uint32_t next_entity_ = 0;
};

}  // namespace flowsim::models
