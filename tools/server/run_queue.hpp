#pragma once
// Runs asked for over HTTP wait in a queue; at most 'running_at_once' of
// them simulate at a time (each on one thread), so a burst of requests
// never oversubscribes the machine. Every run gets its own id and its own
// result directory, written once when it finishes, so finished results are
// never lost or mixed. Each run's request and status are kept beside its
// results (run_record.hpp), so a server started again on the workspace
// lists the earlier runs, and new ids never reuse theirs. Watchers (the
// events stream) wait for a change of a run's state without polling.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/server/run_job.hpp"
#include "tools/server/run_record.hpp"
#include "tools/server/workspace.hpp"

namespace flowsim::server {

enum class RunState { queued, running, done, cancelled, failed };
[[nodiscard]] const char* state_name(RunState state);
[[nodiscard]] bool is_final(RunState state);

class RunQueue {
 public:
  RunQueue(const Workspace& workspace, unsigned running_at_once, std::size_t most_waiting);
  ~RunQueue();  // cancels every run and waits for the workers
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  // The new run's id, or nullopt when the queue is full. 'record' says what
  // was asked for (its id and created time are set here).
  [[nodiscard]] std::optional<std::string> submit(RunRequest request, RunRecord record);
  // {"id", "state", "scenario", "scenario_file", "overlays", "created",
  //  "replications_done", "replications", "seed", "message", "gridlocked",
  //  "kind", "answer", "wall_seconds", "partial_replications", "version"};
  // nullopt for an unknown id.
  [[nodiscard]] std::optional<nlohmann::json> status(const std::string& id) const;
  // Every run's status (this server's and those kept from earlier ones),
  // newest first, without "gridlocked" and "answer".
  [[nodiscard]] nlohmann::json list() const;
  // False for an unknown id; a finished run stays as it is.
  bool cancel(const std::string& id);
  // Waits until the run's version passes 'seen' (or 'timeout'); the version now.
  [[nodiscard]] std::uint64_t wait_for_change(const std::string& id, std::uint64_t seen,
                                              std::chrono::milliseconds timeout) const;
  [[nodiscard]] std::uint64_t version(const std::string& id) const;
  // Cancels every run and wakes every watcher: the server is stopping.
  void shut_down();
  [[nodiscard]] bool shutting_down() const;

 private:
  struct Run {
    RunRecord record;
    std::optional<RunRequest> request;  // until it has run; none for a run kept from earlier
    RunState state = RunState::queued;
    std::uint32_t done = 0;
    std::string message;
    nlohmann::json gridlocked = nlohmann::json::array();
    nlohmann::json answer;  // a sizing's
    double wall_seconds = 0.0;
    std::uint32_t partial_replications = 0;
    std::stop_source stop;
    std::uint64_t version = 0;
  };
  void work(const std::stop_token& stop);
  void finish(Run& run, RunState state, std::string message);
  // Writes the run's status.json; called with the mutex held.
  void keep_status(Run& run);
  [[nodiscard]] static RunStatusRecord status_record(const Run& run);
  [[nodiscard]] nlohmann::json status_of(const Run& run) const;
  [[nodiscard]] std::string new_id() const;

  const Workspace& workspace_;
  std::size_t most_waiting_;
  mutable std::mutex mutex_;
  mutable std::condition_variable_any changed_;
  std::map<std::string, std::shared_ptr<Run>> runs_;
  std::deque<std::shared_ptr<Run>> waiting_;
  bool shutting_down_ = false;
  std::vector<std::jthread> workers_;
};

}  // namespace flowsim::server
