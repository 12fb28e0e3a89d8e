#pragma once
// Erlang formulas for a first, analytic look at capacity: the loss system
// M/M/c/c (Erlang B, also exact for any length-of-stay distribution) and the
// delay system M/M/c with an unlimited queue (Erlang C). 'offered_load' is
// arrivals per day × mean stay, in beds. Used by `flowsim check` and to
// bracket the search of `flowsim size`; the simulation has the last word.
#include <cstdint>
#include <optional>

namespace flowsim::models {

// Probability that an arrival finds all 'servers' busy and is lost.
// Computed by the recursion B(k) = a B(k-1) / (k + a B(k-1)), which never
// forms a^c or c! and so stays accurate for thousands of beds.
[[nodiscard]] double erlang_b(std::int64_t servers, double offered_load);

// Probability that an arrival has to wait (M/M/c); 1 when the load reaches
// the capacity (no steady state).
[[nodiscard]] double erlang_c(std::int64_t servers, double offered_load);

// Share of time with at least 'level' beds busy, for M/M/c with an unlimited
// queue (with_queue) or M/M/c/c (loss). 0 <= level <= servers.
[[nodiscard]] double share_of_time_busy_at_least(std::int64_t servers, double offered_load,
                                                 std::int64_t level, bool with_queue);

// Loads beyond this many beds are not sized (the capacity searches below
// give no answer): ten million is a hundred times England's general and
// acute beds, and the Erlang recursions cost one step a bed, so a load of a
// mean stay typed as 1e19 days would otherwise run for years.
inline constexpr double kLargestSizedLoad = 1e7;
// Bed counts saturate here: converting a larger double to an integer is
// undefined behaviour (the long fuzz run found a minimum capacity of
// -9223372036854775807 beds for such a stay).
inline constexpr std::int64_t kMostBeds = std::int64_t{1} << 53;

// The smallest capacity that can carry the load at all: an unlimited queue
// is stable only when capacity > offered load. At most kMostBeds + 1.
[[nodiscard]] std::int64_t minimum_stable_capacity(double offered_load);

// Smallest capacity c >= minimum_stable_capacity with erlang_c(c) <= p_wait;
// none for a load above kLargestSizedLoad.
[[nodiscard]] std::optional<std::int64_t> capacity_for_wait_probability(double offered_load,
                                                                        double p_wait);

// Smallest capacity c with erlang_b(c) <= p_loss; none for a load above
// kLargestSizedLoad.
[[nodiscard]] std::optional<std::int64_t> capacity_for_loss_probability(double offered_load,
                                                                        double p_loss);

// Smallest capacity c whose share of time with at least ceil(level × c)
// beds busy is at most 'share' (for example level 0.92, share 0.05: the
// 95th percentile of occupancy is below 92%). Empty if no capacity up to
// 100 × the load (plus 100) achieves it, or the load is above
// kLargestSizedLoad.
[[nodiscard]] std::optional<std::int64_t> capacity_for_occupancy_level(double offered_load, double level,
                                                                       double share, bool with_queue);

}  // namespace flowsim::models
