#include "models/electives.hpp"

namespace flowsim::models {

std::vector<ElectiveBooking> ElectiveBook::due(const ElectiveStream& stream, std::int64_t day) {
  std::vector<ElectiveBooking> bookings;
  if (const auto found = rebooked_.find(day); found != rebooked_.end()) {
    bookings = std::move(found->second);
    rebooked_.erase(found);
  }
  const std::int64_t fresh = stream.per_weekday[static_cast<std::size_t>(day % 7)];
  for (std::int64_t i = 0; i < fresh; ++i) bookings.push_back(ElectiveBooking{next_entity_++, 0});
  return bookings;
}

bool ElectiveBook::cancel(const ElectiveStream& stream, const ElectiveBooking& booking,
                          std::int64_t day) {
  if (booking.rebookings >= stream.max_rebookings) return false;
  rebooked_[day + stream.rebook_after_days].push_back(
      ElectiveBooking{booking.entity, booking.rebookings + 1});
  return true;
}

}  // namespace flowsim::models
