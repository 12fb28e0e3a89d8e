#include "python/src/command_in_process.hpp"

#include <iostream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <boost/program_options.hpp>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"

namespace flowsim::python {

namespace {

using Command = int (*)(const std::vector<std::string>&);

Command find_command(const std::string& name) {
  if (name == "compare") return cli::command_compare;
  if (name == "sweep") return cli::command_sweep;
  throw std::invalid_argument("no such command in the module: " + name);
}

// Points a stream at a buffer for as long as it lives.
class Redirect {
 public:
  Redirect(std::ostream& stream, std::ostream& into)
      : stream_(stream), old_(stream.rdbuf(into.rdbuf())) {}
  ~Redirect() { stream_.rdbuf(old_); }
  Redirect(const Redirect&) = delete;
  Redirect& operator=(const Redirect&) = delete;

 private:
  std::ostream& stream_;
  std::streambuf* old_;
};

}  // namespace

CommandOutcome run_command_in_process(const std::string& command, const std::vector<std::string>& args) {
  const Command run = find_command(command);
  // std::cout and std::cerr are the process's: two commands at once would
  // mix their output (and the interrupt watcher allows one at a time).
  static std::mutex one_at_a_time;
  const std::lock_guard lock(one_at_a_time);
  std::ostringstream out;
  std::ostringstream err;
  CommandOutcome outcome;
  {
    const Redirect redirect_out(std::cout, out);
    const Redirect redirect_err(std::cerr, err);
    // As tools/cli/main.cpp turns exceptions into exit codes.
    try {
      outcome.exit_code = run(args);
    } catch (const boost::program_options::error& e) {
      err << "flowsim: " << e.what() << "\n";
      outcome.exit_code = cli::kExitBadInput;
    } catch (const std::exception& e) {
      err << "flowsim: run failed: " << e.what() << "\n";
      outcome.exit_code = cli::kExitFailed;
    }
  }
  outcome.out = out.str();
  outcome.err = err.str();
  return outcome;
}

}  // namespace flowsim::python
