#include "tools/io/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace flowsim::tools {

namespace {
constexpr auto kQuietStart = std::chrono::seconds(2);
constexpr auto kRedrawEvery = std::chrono::milliseconds(200);
constexpr int kBarWidth = 24;

std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s / 60) % 60);
  return fmt::format("{}m{:02}s", s / 60, s % 60);
}
}  // namespace

ProgressBar::ProgressBar(std::string unit, std::uint64_t total, std::uint64_t already_done, bool wanted)
    : unit_(std::move(unit)),
      total_(total),
      already_done_(already_done),
      enabled_(wanted && ::isatty(STDERR_FILENO) == 1),
      started_(std::chrono::steady_clock::now()),
      last_drawn_(started_) {}

ProgressBar::~ProgressBar() { finish(); }

std::string ProgressBar::format_line(const std::string& unit, std::uint64_t done, std::uint64_t total,
                                     std::uint64_t done_here, double elapsed_seconds,
                                     const std::string& detail) {
  const double fraction =
      total == 0 ? 1.0 : std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  const int filled = static_cast<int>(fraction * kBarWidth);
  std::string line = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                     std::string(static_cast<std::size_t>(kBarWidth - filled), '.') + "] ";
  line += fmt::format("{}/{} {}", done, total, unit);
  if (!detail.empty()) line += "  " + detail;
  if (done_here > 0 && elapsed_seconds > 0.0) {
    const double rate = static_cast<double>(done_here) / elapsed_seconds;
    line += fmt::format("  {:.1f}/s  {} left", rate,
                        format_duration(static_cast<double>(total - std::min(done, total)) / rate));
  }
  return line;
}

void ProgressBar::update(std::uint64_t done, const std::string& detail) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - started_ < kQuietStart || (drawn_ && now - last_drawn_ < kRedrawEvery)) return;
  last_drawn_ = now;
  drawn_ = true;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const std::string line =
      format_line(unit_, done, total_, done - std::min(done, already_done_), elapsed, detail);
  // \r and erase-to-end-of-line: the bar rewrites itself in place.
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace flowsim::tools
