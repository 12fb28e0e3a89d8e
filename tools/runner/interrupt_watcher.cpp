#include "tools/runner/interrupt_watcher.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace flowsim::tools {

namespace {

// The write end of the active watcher's pipe, or -1 (see the header).
std::atomic<int> signal_pipe{-1};
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may read only lock-free atomics");

constexpr unsigned char kQuit = 0;  // from the destructor: stop watching

extern "C" void forward_signal(int signal_number) {
  const int saved_errno = errno;
  const int fd = signal_pipe.load();
  if (fd >= 0) {
    const auto byte = static_cast<unsigned char>(signal_number);
    // Nothing can be done about a failed write inside a handler.
    [[maybe_unused]] const auto written = ::write(fd, &byte, 1);
  }
  errno = saved_errno;
}

}  // namespace

InterruptWatcher::InterruptWatcher() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("cannot create the signal pipe");
  read_end_ = ends[0];
  write_end_ = ends[1];
  int expected = -1;
  if (!signal_pipe.compare_exchange_strong(expected, write_end_)) {
    ::close(read_end_);
    ::close(write_end_);
    throw std::logic_error("only one InterruptWatcher may exist at a time");
  }
  struct sigaction action {};
  action.sa_handler = forward_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND | SA_RESTART;
  ::sigaction(SIGINT, &action, &previous_interrupt_);
  ::sigaction(SIGTERM, &action, &previous_terminate_);
  watcher_ = std::jthread([this] { watch(); });
}

InterruptWatcher::~InterruptWatcher() {
  ::sigaction(SIGINT, &previous_interrupt_, nullptr);
  ::sigaction(SIGTERM, &previous_terminate_, nullptr);
  signal_pipe.store(-1);
  const unsigned char quit = kQuit;
  [[maybe_unused]] const auto written = ::write(write_end_, &quit, 1);
  if (watcher_.joinable()) watcher_.join();
  ::close(read_end_);
  ::close(write_end_);
}

void InterruptWatcher::watch() {
  while (true) {
    unsigned char byte = kQuit;
    const auto got = ::read(read_end_, &byte, 1);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0 || byte == kQuit) return;
    int expected = 0;
    signal_.compare_exchange_strong(expected, byte);
    source_.request_stop();
  }
}

}  // namespace flowsim::tools
