#include "tools/server/run_queue.hpp"

#include <algorithm>
#include <filesystem>
#include <random>
#include <tuple>

#include <fmt/format.h>

namespace flowsim::server {

const char* state_name(RunState state) {
  switch (state) {
    case RunState::queued: return "queued";
    case RunState::running: return "running";
    case RunState::done: return "done";
    case RunState::cancelled: return "cancelled";
    case RunState::failed: return "failed";
  }
  return "unknown";
}

bool is_final(RunState state) {
  return state == RunState::done || state == RunState::cancelled || state == RunState::failed;
}

namespace {

std::optional<RunState> state_named(const std::string& name) {
  for (const auto state :
       {RunState::queued, RunState::running, RunState::done, RunState::cancelled, RunState::failed})
    if (name == state_name(state)) return state;
  return std::nullopt;
}

// "cancelled after 3 of 10 replications; ...": what was kept, and where.
std::string cancelled_words(std::uint32_t done, std::uint32_t asked, std::uint32_t kept, bool sizing) {
  if (sizing) return fmt::format("cancelled after {} capacities tried; nothing was kept", done);
  if (kept == 0)
    return fmt::format("cancelled after {} of {} replications; nothing was kept", done, asked);
  return fmt::format(
      "cancelled after {} of {} replications; the {} finished are kept apart as a partial result "
      "(partial/), not as the run's result",
      done, asked, kept);
}

}  // namespace

RunQueue::RunQueue(const Workspace& workspace, unsigned running_at_once, std::size_t most_waiting)
    : workspace_(workspace), most_waiting_(most_waiting) {
  for (auto& kept : read_kept_runs(workspace_.runs_root())) {
    auto run = std::make_shared<Run>();
    run->state = state_named(kept.status.state).value_or(RunState::failed);
    run->done = kept.status.replications_done;
    run->message = kept.status.message;
    run->gridlocked = kept.status.gridlocked;
    run->answer = kept.status.answer;
    run->wall_seconds = kept.status.wall_seconds;
    run->partial_replications = kept.status.partial_replications;
    run->record = std::move(kept.record);
    runs_[run->record.id] = run;
  }
  for (unsigned i = 0; i < std::max(1U, running_at_once); ++i)
    workers_.emplace_back([this](const std::stop_token& stop) { work(stop); });
}

RunQueue::~RunQueue() {
  shut_down();
  for (auto& worker : workers_) worker.request_stop();
  changed_.notify_all();
  workers_.clear();  // joins
}

void RunQueue::shut_down() {
  std::lock_guard lock(mutex_);
  shutting_down_ = true;
  for (auto& [id, run] : runs_) {
    run->stop.request_stop();
    if (run->state == RunState::queued)
      finish(*run, RunState::cancelled, "the server stopped before the run started");
  }
  waiting_.clear();
  changed_.notify_all();
}

bool RunQueue::shutting_down() const {
  std::lock_guard lock(mutex_);
  return shutting_down_;
}

// 12 random hex digits, not already a run here or on disk (an earlier server's).
std::string RunQueue::new_id() const {
  std::random_device device;
  std::uniform_int_distribution<std::uint64_t> digits(0, (std::uint64_t{1} << 48) - 1);
  while (true) {
    std::string id = fmt::format("{:012x}", digits(device));
    if (!runs_.count(id) && !std::filesystem::exists(workspace_.run_directory(id))) return id;
  }
}

std::optional<std::string> RunQueue::submit(RunRequest request, RunRecord record) {
  std::lock_guard lock(mutex_);
  if (shutting_down_ || waiting_.size() >= most_waiting_) return std::nullopt;
  auto run = std::make_shared<Run>();
  record.id = new_id();
  record.created = utc_now_text();
  // A comparison's request.json keeps the variant's overlays too.
  write_run_request(workspace_.run_directory(record.id), record,
                    request.compare ? request.compare->variant : request.texts);
  run->record = std::move(record);
  run->request = std::move(request);
  keep_status(*run);
  runs_[run->record.id] = run;
  waiting_.push_back(run);
  changed_.notify_all();
  return run->record.id;
}

RunStatusRecord RunQueue::status_record(const Run& run) {
  return {state_name(run.state),   run.done, run.message, run.gridlocked, run.answer, run.wall_seconds,
          run.partial_replications};
}

nlohmann::json RunQueue::status_of(const Run& run) const {
  // What was asked for (request.json's fields, less the sizing question), then how it stands.
  auto status = record_json(run.record);
  status.erase("size");
  status.update(status_json(status_record(run)));
  status.erase("compare");
  status["kind"] = !run.record.compare.is_null() ? "compare"
                   : run.record.size.is_null()   ? "run"
                                                 : "size";
  status["version"] = run.version;
  return status;
}

std::optional<nlohmann::json> RunQueue::status(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto found = runs_.find(id);
  if (found == runs_.end()) return std::nullopt;
  return status_of(*found->second);
}

nlohmann::json RunQueue::list() const {
  std::vector<std::shared_ptr<Run>> runs;
  std::lock_guard lock(mutex_);
  for (const auto& [id, run] : runs_) runs.push_back(run);
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) {
    return std::tie(a->record.created, a->record.id) > std::tie(b->record.created, b->record.id);
  });
  auto listed = nlohmann::json::array();
  for (const auto& run : runs) {
    auto status = status_of(*run);
    status.erase("gridlocked");
    status.erase("answer");
    listed.push_back(std::move(status));
  }
  return listed;
}

bool RunQueue::cancel(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto found = runs_.find(id);
  if (found == runs_.end()) return false;
  Run& run = *found->second;
  run.stop.request_stop();
  if (run.state == RunState::queued) {
    std::erase(waiting_, found->second);
    finish(run, RunState::cancelled, "cancelled before it started");
  }
  return true;
}

std::uint64_t RunQueue::version(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto found = runs_.find(id);
  return found == runs_.end() ? 0 : found->second->version;
}

std::uint64_t RunQueue::wait_for_change(const std::string& id, std::uint64_t seen,
                                        std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  const auto found = runs_.find(id);
  if (found == runs_.end()) return 0;
  const auto run = found->second;
  changed_.wait_for(lock, timeout, [&] { return run->version != seen || shutting_down_; });
  return run->version;
}

void RunQueue::keep_status(Run& run) {
  try {
    write_run_status(workspace_.run_directory(run.record.id), status_record(run));
  } catch (const std::exception& e) {
    // The run itself is sound; say that a restarted server will not know how it ended.
    run.message += fmt::format("{}its status could not be kept in the workspace: {}",
                               run.message.empty() ? "" : "; ", e.what());
  }
}

// Called with the mutex held.
void RunQueue::finish(Run& run, RunState state, std::string message) {
  run.state = state;
  run.message = std::move(message);
  keep_status(run);
  ++run.version;
  changed_.notify_all();
}

void RunQueue::work(const std::stop_token& stop) {
  while (true) {
    std::shared_ptr<Run> run;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, stop, [&] { return !waiting_.empty(); });
      if (stop.stop_requested() || shutting_down_) return;
      run = waiting_.front();
      waiting_.pop_front();
      run->state = RunState::running;
      keep_status(*run);
      ++run->version;
      changed_.notify_all();
    }
    const auto on_done = [&](std::uint32_t done) {
      std::lock_guard lock(mutex_);
      run->done = done;
      ++run->version;
      changed_.notify_all();
    };
    try {
      const auto outcome = run_job(*run->request, workspace_.run_directory(run->record.id), 1,
                                   run->stop.get_token(), on_done);
      std::lock_guard lock(mutex_);
      run->gridlocked = outcome.gridlocked;
      run->answer = outcome.answer;
      run->wall_seconds = outcome.wall_seconds;
      run->partial_replications = outcome.partial_replications;
      if (outcome.cancelled)
        finish(*run, RunState::cancelled,
               cancelled_words(run->done, run->record.replications, outcome.partial_replications,
                               run->request->size.has_value()));
      else finish(*run, RunState::done, "");
    } catch (const std::exception& e) {
      std::lock_guard lock(mutex_);
      finish(*run, RunState::failed, e.what());
    }
    std::lock_guard lock(mutex_);
    run->request.reset();  // the model is no longer needed: the record and the files remain
  }
}

}  // namespace flowsim::server
