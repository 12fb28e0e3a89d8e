#include "tools/parallel/group_runner.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace flowsim::tools {

namespace {
std::string describe(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}
}  // namespace

std::vector<models::ReplicationResult> run_across_group(const ProcessGroup& group,
                                                        const std::vector<WorkItem>& items,
                                                        unsigned threads,
                                                        const OnFinished& on_finished_here,
                                                        bool send_daily_series) {
  if (group.size() == 1) return run_work_items(items, threads, on_finished_here);

  const auto mine = items_of_rank(items.size(), group.rank(), group.size());
  std::vector<WorkItem> my_items;
  my_items.reserve(mine.size());
  for (const auto i : mine) my_items.push_back(items[i]);
  RankShare share;
  std::exception_ptr my_failure;
  try {
    share.results = run_work_items(my_items, threads, [&](std::size_t k, const auto& result) {
      if (on_finished_here) on_finished_here(mine[k], result);
    });
  } catch (...) {
    my_failure = std::current_exception();
    share.failure = describe(my_failure);
  }
  if (!send_daily_series)
    for (auto& result : share.results) {
      result.daily_census = {};
      result.daily_peak = {};
      result.daily_delayed_for = {};
      result.daily_waiting_arrivals = {};
      result.daily_capacity = {};
      result.daily_escalation_level = {};
      result.time_at_occupancy = {};
    }
  auto shares = group.gather(std::move(share));

  // The root decides for everyone: the first failure, in rank order, wins.
  std::string failure;
  for (std::size_t rank = 0; rank < shares.size() && failure.empty(); ++rank)
    if (!shares[rank].failure.empty()) failure = fmt::format("rank {}: {}", rank, shares[rank].failure);
  const bool failed = group.broadcast({failure.empty() ? 0U : 1U}).front() != 0;
  if (failed) {
    if (my_failure) std::rethrow_exception(my_failure);
    throw std::runtime_error(failure.empty() ? "another rank failed" : failure);
  }
  if (!group.is_root()) return {};

  std::vector<models::ReplicationResult> results(items.size());
  for (int rank = 0; rank < group.size(); ++rank) {
    const auto indices = items_of_rank(items.size(), rank, group.size());
    auto& received = shares[static_cast<std::size_t>(rank)].results;
    if (received.size() != indices.size())
      throw std::logic_error(
          fmt::format("rank {} sent {} results for {} items", rank, received.size(), indices.size()));
    for (std::size_t k = 0; k < indices.size(); ++k) results[indices[k]] = std::move(received[k]);
  }
  return results;
}

void agree_root_succeeded(const ProcessGroup& group, const std::exception_ptr& root_failure) {
  if (group.size() == 1) {
    if (root_failure) std::rethrow_exception(root_failure);
    return;
  }
  const bool failed = group.broadcast({root_failure ? 1U : 0U}).front() != 0;
  if (!failed) return;
  if (root_failure) std::rethrow_exception(root_failure);
  throw std::runtime_error("the root rank failed");
}

}  // namespace flowsim::tools
