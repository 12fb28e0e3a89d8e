#include "models/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/distributions/poisson.hpp>

namespace flowsim::models {

double erlang_b(std::int64_t servers, double offered_load) {
  if (servers < 0 || offered_load < 0.0) throw std::invalid_argument("erlang_b: negative argument");
  double b = 1.0;
  for (std::int64_t k = 1; k <= servers; ++k) {
    const double ab = offered_load * b;
    b = ab / (static_cast<double>(k) + ab);
  }
  return b;
}

double erlang_c(std::int64_t servers, double offered_load) {
  const auto c = static_cast<double>(servers);
  if (offered_load >= c) return 1.0;
  const double b = erlang_b(servers, offered_load);
  return c * b / (c - offered_load * (1.0 - b));
}

double share_of_time_busy_at_least(std::int64_t servers, double offered_load, std::int64_t level,
                                   bool with_queue) {
  if (level <= 0) return 1.0;
  if (level > servers) return 0.0;
  if (offered_load <= 0.0) return 0.0;
  if (with_queue && offered_load >= static_cast<double>(servers)) return 1.0;
  // Below the capacity, both systems have busy-bed probabilities
  // proportional to the Poisson(a) weights; M/M/c then puts the mass
  // erlang_c(c) on "all busy", M/M/c/c the mass erlang_b(c).
  const boost::math::poisson_distribution<double> poisson(offered_load);
  const auto n_below = static_cast<double>(servers - 1);
  const double below_all = boost::math::cdf(poisson, n_below);  // P(Pois <= c-1)
  const double below_level = boost::math::cdf(poisson, static_cast<double>(level - 1));
  const double all_busy = with_queue ? erlang_c(servers, offered_load) : erlang_b(servers, offered_load);
  if (level == servers || below_all <= 0.0) return all_busy;
  const double partial = std::max(0.0, (below_all - below_level) / below_all);
  return all_busy + (1.0 - all_busy) * partial;
}

namespace {

// A whole number of beds, saturating at kMostBeds (NaN included).
std::int64_t whole_beds(double beds) {
  return beds < static_cast<double>(kMostBeds) ? static_cast<std::int64_t>(beds) : kMostBeds;
}

bool sized(double offered_load) { return offered_load <= kLargestSizedLoad; }

}  // namespace

std::int64_t minimum_stable_capacity(double offered_load) {
  return whole_beds(std::floor(offered_load)) + 1;
}

namespace {

// Upper end of every capacity search: far beyond any sensible answer.
std::int64_t search_limit(double offered_load) {
  return whole_beds(std::ceil(100.0 * offered_load)) + 100;
}

// Smallest c in [low, high] with meets(c), assuming meets is monotone.
template <class Predicate>
std::optional<std::int64_t> smallest_meeting(std::int64_t low, std::int64_t high, Predicate meets) {
  if (!meets(high)) return std::nullopt;
  while (low < high) {
    const std::int64_t mid = low + (high - low) / 2;
    if (meets(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

}  // namespace

std::optional<std::int64_t> capacity_for_wait_probability(double offered_load, double p_wait) {
  if (!sized(offered_load)) return std::nullopt;
  const auto found =
      smallest_meeting(minimum_stable_capacity(offered_load), search_limit(offered_load),
                       [&](std::int64_t c) { return erlang_c(c, offered_load) <= p_wait; });
  return found.value_or(search_limit(offered_load));
}

std::optional<std::int64_t> capacity_for_loss_probability(double offered_load, double p_loss) {
  if (!sized(offered_load)) return std::nullopt;
  const auto found = smallest_meeting(0, search_limit(offered_load), [&](std::int64_t c) {
    return erlang_b(c, offered_load) <= p_loss;
  });
  return found.value_or(search_limit(offered_load));
}

std::optional<std::int64_t> capacity_for_occupancy_level(double offered_load, double level, double share,
                                                         bool with_queue) {
  if (level <= 0.0 || share < 0.0 || !sized(offered_load)) return std::nullopt;
  // The share of time at or above a fixed fraction of capacity is not
  // exactly monotone in c (ceil() steps), so scan from the stable minimum
  // rather than bisect; a few thousand cheap evaluations at most.
  const std::int64_t start = with_queue ? minimum_stable_capacity(offered_load) : 1;
  const std::int64_t limit = search_limit(offered_load);
  // Below a / level the threshold is under the mean load, so the share is
  // about one half or more: skip there when the target share is smaller.
  std::int64_t c = share < 0.5 ? std::max(start, whole_beds(std::floor(offered_load / level))) : start;
  for (; c <= limit; ++c) {
    const std::int64_t threshold = whole_beds(std::ceil(level * static_cast<double>(c) - 1e-9));
    if (share_of_time_busy_at_least(c, offered_load, threshold, with_queue) <= share) return c;
  }
  return std::nullopt;
}

}  // namespace flowsim::models
