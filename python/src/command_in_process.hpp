#pragma once
// Runs a flowsim subcommand (compare or sweep) inside the Python
// process, exactly as the command line would run it, with what it prints
// captured rather than shown.
#include <string>
#include <vector>

namespace flowsim::python {

struct CommandOutcome {
  int exit_code = 0;  // as the command line's: 0 done, 1 failed, 2 bad input, 128+N signal N
  std::string out;    // what it printed on stdout
  std::string err;    // ... and on stderr
};

// 'command' is "compare" or "sweep"; 'args' what follows it on
// the command line. One command at a time in a process: std::cout and
// std::cerr are redirected while it runs.
[[nodiscard]] CommandOutcome run_command_in_process(const std::string& command,
                                                    const std::vector<std::string>& args);

}  // namespace flowsim::python
