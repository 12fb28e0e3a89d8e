#pragma once
// Turns Ctrl-C (SIGINT) and SIGTERM into a stop request that the replication
// runner polls, so that a run stops cleanly: replications already finished
// are written, the one in progress is discarded.
//
// A signal handler may call only async-signal-safe functions, and
// std::stop_source::request_stop is not one. The handler therefore writes
// the signal number into a pipe (write(2) is safe: the self-pipe trick), and
// a watcher thread reading the other end calls request_stop. The pipe's
// write end is the one piece of global mutable state, because a handler
// receives nothing but the signal number; it is a lock-free atomic, which a
// handler may read. Only one watcher may exist at a time.
//
// The handlers are installed with SA_RESETHAND: a second Ctrl-C stops the
// process at once, with the default action.
#include <atomic>
#include <csignal>
#include <stop_token>
#include <thread>

namespace flowsim::tools {

class InterruptWatcher {
 public:
  InterruptWatcher();
  ~InterruptWatcher();  // restores the previous handlers
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  [[nodiscard]] std::stop_token token() const { return source_.get_token(); }
  // The signal that asked the run to stop, or 0.
  [[nodiscard]] int signal_received() const { return signal_.load(); }

 private:
  void watch();

  std::stop_source source_;
  std::atomic<int> signal_{0};
  int read_end_ = -1;
  int write_end_ = -1;
  struct sigaction previous_interrupt_ {};
  struct sigaction previous_terminate_ {};
  std::jthread watcher_;
};

}  // namespace flowsim::tools
