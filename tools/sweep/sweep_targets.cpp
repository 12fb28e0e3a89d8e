#include "tools/sweep/sweep_targets.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace flowsim::sweep {

std::vector<PointVerdict> judge_points(const SweepStore& store,
                                       const std::vector<tools::Target>& targets) {
  const auto values = store.point_values();
  std::vector<std::map<std::string, std::vector<double>>> by_point(values.size());
  store.for_each_value([&](std::uint32_t point, std::uint32_t, const std::string& metric, double value) {
    if (point >= by_point.size()) by_point.resize(point + 1);
    for (const auto& t : targets)
      if (t.metric == metric) {
        by_point[point][metric].push_back(value);
        break;
      }
  });
  std::vector<PointVerdict> verdicts;
  for (std::uint32_t p = 0; p < by_point.size(); ++p) {
    PointVerdict v{.point = p};
    if (p < values.size())
      for (const auto& value : values[p]) v.values.push_back(value.text);
    v.meets_all = true;
    for (const auto& t : targets) {
      const auto found = by_point[p].find(t.metric);
      if (found == by_point[p].end()) {
        v.per_target.push_back({});
        v.verdicts.push_back("missing");
        v.meets_all = false;
        continue;
      }
      const auto summary = sim::summarize(found->second);
      v.per_target.push_back(summary);
      v.verdicts.push_back(tools::verdict_text(t, summary));
      v.meets_all = v.meets_all && tools::target_met(t, summary);
    }
    verdicts.push_back(std::move(v));
  }
  return verdicts;
}

namespace {

std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string sweep_targets_csv(const std::vector<std::string>& parameter_names,
                              const std::vector<tools::Target>& targets,
                              const std::vector<PointVerdict>& verdicts) {
  std::string csv = "point";
  for (const auto& name : parameter_names) csv += "," + csv_text(name);
  csv += ",target,metric,mean,ci95_low,ci95_high,verdict,meets_all\n";
  for (const auto& v : verdicts)
    for (std::size_t t = 0; t < targets.size(); ++t) {
      csv += std::to_string(v.point);
      for (const auto& value : v.values) csv += "," + csv_text(value);
      const auto& s = v.per_target[t];
      const bool missing = v.verdicts[t] == "missing";
      csv += fmt::format(",{},{},{},{},{},{},{}\n", csv_text(targets[t].text),
                         csv_text(targets[t].metric), missing ? "" : fmt::format("{}", s.mean),
                         missing ? "" : fmt::format("{}", s.low()),
                         missing ? "" : fmt::format("{}", s.high()), v.verdicts[t], v.meets_all ? 1 : 0);
    }
  return csv;
}

std::string format_points_meeting(const std::string& sweep_name,
                                  const std::vector<std::string>& parameter_names,
                                  const std::vector<tools::Target>& targets,
                                  const std::vector<PointVerdict>& verdicts) {
  std::vector<std::string> targets_text;
  for (const auto& t : targets) targets_text.push_back(t.text);
  std::string joined;
  for (const auto& t : targets_text) joined += (joined.empty() ? "" : ", ") + t;
  const auto meeting =
      std::count_if(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.meets_all; });
  std::string out =
      fmt::format("\n{}: {} of {} points meet {} (the whole 95% CI on the good side of each)\n",
                  sweep_name, meeting, verdicts.size(), joined);
  if (meeting == 0) return out;
  // Columns: point, each parameter, each target's mean (CI).
  std::vector<std::string> headers = {"point"};
  for (const auto& n : parameter_names) headers.push_back(n);
  for (const auto& t : targets) headers.push_back(t.metric);
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : verdicts) {
    if (!v.meets_all) continue;
    std::vector<std::string> row = {std::to_string(v.point)};
    for (const auto& value : v.values) row.push_back(value);
    for (std::size_t t = 0; t < targets.size() && t < v.per_target.size(); ++t)
      row.push_back(tools::mean_and_interval(targets[t].metric, v.per_target[t]));
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(headers.size(), 0);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    widths[c] = headers[c].size();
    for (const auto& row : rows) widths[c] = std::max(widths[c], c < row.size() ? row[c].size() : 0);
  }
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string text = " ";
    for (std::size_t c = 0; c < headers.size(); ++c)
      text += fmt::format(" {:<{}}", c < cells.size() ? cells[c] : "", widths[c]);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text + "\n";
  };
  out += line(headers);
  for (const auto& row : rows) out += line(row);
  return out;
}

}  // namespace flowsim::sweep
