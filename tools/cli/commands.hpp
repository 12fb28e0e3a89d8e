#pragma once
// One function per subcommand, each in its own command_<name>.cpp. Each
// takes the arguments after the command name and returns the exit code;
// boost::program_options errors propagate to main as bad input.
#include <string>
#include <vector>

namespace flowsim::cli {

int command_check(const std::vector<std::string>& args);
int command_frontier(const std::vector<std::string>& args);
int command_report(const std::vector<std::string>& args);
int command_compare(const std::vector<std::string>& args);
int command_run(const std::vector<std::string>& args);
int command_size(const std::vector<std::string>& args);
int command_validate(const std::vector<std::string>& args);
int command_sweep(const std::vector<std::string>& args);
int command_show(const std::vector<std::string>& args);
int command_serve(const std::vector<std::string>& args);
int command_schema(const std::vector<std::string>& args);
int command_fit(const std::vector<std::string>& args);

}  // namespace flowsim::cli
