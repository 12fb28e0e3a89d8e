#pragma once
// A one-line progress bar on stderr for long runs and sweeps: how much is
// done, the rate and the time left. It is drawn only when stderr is a
// terminal (never into a log file or a pipe), not before two seconds have
// passed (short runs stay silent), and at most five times a second.
#include <chrono>
#include <cstdint>
#include <string>

namespace flowsim::tools {

class ProgressBar {
 public:
  // 'unit' names what is counted ("replications"); 'already_done' counts
  // work finished before this process started (a resumed sweep), which the
  // rate leaves out. 'wanted' is false for --quiet and on non-root ranks.
  ProgressBar(std::string unit, std::uint64_t total, std::uint64_t already_done, bool wanted);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();

  // Calls must not overlap (the runner serialises its callbacks). 'detail'
  // is shown after the counts, e.g. "12/40 points".
  void update(std::uint64_t done, const std::string& detail = {});
  // Erases the bar, so that what follows starts on a clean line.
  void finish();

  // The text of the line, for tests: 'elapsed' since the start.
  [[nodiscard]] static std::string format_line(const std::string& unit, std::uint64_t done,
                                               std::uint64_t total, std::uint64_t done_here,
                                               double elapsed_seconds, const std::string& detail);

 private:
  std::string unit_;
  std::uint64_t total_;
  std::uint64_t already_done_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_drawn_;
};

}  // namespace flowsim::tools
