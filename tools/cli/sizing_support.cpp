#include "tools/cli/sizing_support.hpp"

#include <iostream>
#include <regex>

#include <fmt/format.h>
#include <boost/program_options.hpp>

namespace flowsim::cli {

std::optional<std::vector<tools::Target>> parse_targets_or_report(const std::vector<std::string>& texts,
                                                                  const models::ModelDefinition& model,
                                                                  const std::string& unit) {
  std::vector<tools::Target> targets;
  bool ok = true;
  for (const auto& text : texts) {
    try {
      targets.push_back(tools::parse_target(text, model, unit));
    } catch (const tools::TargetError& e) {
      std::cerr << "flowsim: " << e.what() << "\n";
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return targets;
}

CapacityRange parse_range(const std::string& text, const std::string& option, bool with_step) {
  static const std::regex two(R"(^\s*([0-9]{1,9})\s*:\s*([0-9]{1,9})\s*$)");
  static const std::regex three(R"(^\s*([0-9]{1,9})\s*:\s*([0-9]{1,9})\s*:\s*([0-9]{1,9})\s*$)");
  std::smatch parts;
  CapacityRange range;
  if (std::regex_match(text, parts, two)) {
    range = {std::stoll(parts[1]), std::stoll(parts[2]), 1};
  } else if (with_step && std::regex_match(text, parts, three)) {
    range = {std::stoll(parts[1]), std::stoll(parts[2]), std::stoll(parts[3])};
  } else {
    throw boost::program_options::error(fmt::format("--{} '{}': expected LOW:HIGH{} with whole numbers",
                                                    option, text, with_step ? "[:STEP]" : ""));
  }
  if (range.low < 1 || range.low >= range.high || range.step < 1)
    throw boost::program_options::error(fmt::format("--{} '{}': needs 1 <= LOW < HIGH{}", option, text,
                                                    with_step ? " and STEP >= 1" : ""));
  return range;
}

std::optional<std::uint32_t> find_unit_or_report(const models::ModelDefinition& model,
                                                 const std::string& name) {
  if (const auto u = model.find_unit(name)) return u;
  std::string names;
  for (const auto& unit : model.units) names += (names.empty() ? "" : ", ") + unit.name;
  std::cerr << fmt::format("flowsim: no unit '{}' in {}; its units are: {}\n", name, model.name, names);
  return std::nullopt;
}

tools::CapacitySearch::Progress print_progress(const models::ModelDefinition& model, std::uint32_t unit,
                                               const std::vector<tools::Target>& targets) {
  return [&model, unit, targets](const tools::Evaluation& e) {
    std::string line;
    for (const auto& [u, capacity] : e.capacities)
      if (u != unit) line += fmt::format("{} {}, ", model.units[u].name, capacity);
    line += fmt::format("{} {:>6}:", model.units[unit].name, e.capacities.at(unit));
    if (!e.simulated) {
      std::cout << line << " below the stability limit, not simulated (unmet)\n" << std::flush;
      return;
    }
    for (std::size_t t = 0; t < targets.size(); ++t)
      line += fmt::format("  {} = {:.4g} ({:.4g} to {:.4g}) {}", targets[t].metric, e.per_target[t].mean,
                          e.per_target[t].low(), e.per_target[t].high(),
                          tools::verdict_text(targets[t], e.per_target[t]));
    std::cout << line << "\n" << std::flush;
  };
}

std::string describe_band(const tools::SizeResult& result, const std::string& unit,
                          std::uint32_t replications) {
  if (!result.capacity) return {};
  std::string text = fmt::format(
      "How sure is {}? Each capacity's 95% CI says whether it meets the targets:\n"
      "  met with confidence       {} or more{}\n",
      *result.capacity, *result.capacity,
      result.lower_end_met ? " (the low end of --range: smaller may also do)" : "");
  if (const auto band = result.undecided())
    text += fmt::format(
        "  undecided                 {}: the replications cannot tell, so {} may need as "
        "few as {}\n",
        tools::range_text(*band), unit, band->low);
  if (result.fails_with_confidence)
    text += fmt::format("  fails with confidence     {} or fewer\n", *result.fails_with_confidence);
  else if (!result.lower_end_met)
    text += "  fails with confidence     none found at or above the search's lower end\n";
  if (const auto more = result.replications_to_narrow(replications))
    text += fmt::format(
        "  about {} replications (now {}, --reps) would narrow the undecided band to one "
        "capacity either side of the answer\n",
        *more, replications);
  return text;
}

}  // namespace flowsim::cli
