#include "tools/server/run_queue.hpp"

#include <algorithm>
#include <filesystem>
#include <random>

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

RunQueue::RunQueue(const Workspace& workspace, unsigned running_at_once, std::size_t most_waiting)
    : workspace_(workspace), most_waiting_(most_waiting) {
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
    if (run->state == RunState::queued) finish(*run, RunState::cancelled, "the server stopped");
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

std::optional<std::string> RunQueue::submit(RunRequest request) {
  std::lock_guard lock(mutex_);
  if (shutting_down_ || waiting_.size() >= most_waiting_) return std::nullopt;
  auto run = std::make_shared<Run>();
  run->id = new_id();
  run->request = std::move(request);
  runs_[run->id] = run;
  waiting_.push_back(run);
  changed_.notify_all();
  return run->id;
}

std::optional<nlohmann::json> RunQueue::status(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto found = runs_.find(id);
  if (found == runs_.end()) return std::nullopt;
  const Run& run = *found->second;
  return nlohmann::json{{"id", run.id},
                        {"state", state_name(run.state)},
                        {"scenario", run.request.model->name},
                        {"replications_done", run.done},
                        {"replications", run.request.model->run.replications},
                        {"seed", run.request.model->run.seed},
                        {"message", run.message},
                        {"gridlocked", run.gridlocked},
                        {"kind", run.request.compare ? "compare"
                                 : run.request.size  ? "size"
                                                     : "run"},
                        {"answer", run.answer},
                        {"wall_seconds", run.wall_seconds},
                        {"version", run.version}};
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

// Called with the mutex held.
void RunQueue::finish(Run& run, RunState state, std::string message) {
  run.state = state;
  run.message = std::move(message);
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
      const auto outcome =
          run_job(run->request, workspace_.run_directory(run->id), 1, run->stop.get_token(), on_done);
      std::lock_guard lock(mutex_);
      run->gridlocked = outcome.gridlocked;
      run->answer = outcome.answer;
      run->wall_seconds = outcome.wall_seconds;
      if (outcome.cancelled) finish(*run, RunState::cancelled, "cancelled; nothing was written");
      else finish(*run, RunState::done, "");
    } catch (const std::exception& e) {
      std::lock_guard lock(mutex_);
      finish(*run, RunState::failed, e.what());
    }
  }
}

}  // namespace flowsim::server
