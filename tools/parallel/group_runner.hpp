#pragma once
// Work shared by a process group: items are dealt round-robin to ranks, each
// rank runs its share on its threads, and the root collects every result in
// item order. With one process this is exactly run_work_items.
#include <exception>
#include <vector>

#include "tools/parallel/process_group.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::tools {

// The root gets one result per item, in item order; other ranks get an empty
// vector. 'on_finished_here' sees the results computed by this rank only.
// A failure on any rank throws on every rank, so none is left waiting.
// With 'send_daily_series' false, ranks other than the root send their
// results without the daily census series and the occupancy distributions
// (a sweep stores only metrics, and the series are most of a result's bytes).
[[nodiscard]] std::vector<models::ReplicationResult> run_across_group(
    const ProcessGroup& group, const std::vector<WorkItem>& items, unsigned threads,
    const OnFinished& on_finished_here = {}, bool send_daily_series = true);

// Ends a step that only the root performs (writing results): the root passes
// its failure, if any, and every rank then throws if the root failed.
void agree_root_succeeded(const ProcessGroup& group, const std::exception_ptr& root_failure);

}  // namespace flowsim::tools
