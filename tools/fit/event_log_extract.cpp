#include "tools/fit/event_log_extract.hpp"

#include <map>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "models/scenario/calendar_text.hpp"
#include "tools/fit/date_time.hpp"

namespace flowsim::fit {

namespace {

struct OpenStay {
  std::string unit, source;
  double admitted = 0.0;
};

struct Row {
  std::string id, unit, admitted, discharged, source, destination;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

}  // namespace

EventLogConversion episodes_from_event_log(const std::string& text, const std::string& start_date,
                                           int replication, bool dates_only) {
  EventLogConversion result;
  const auto start = scenario::parse_date(start_date);
  if (!start) {
    result.error = fmt::format("--start-date: expected YYYY-MM-DD, got \"{}\"", start_date);
    return result;
  }
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  if (line.rfind("replication,time_days,source,patient,event,unit,to", 0) != 0) {
    result.error =
        "not a flowsim event log: expected the header "
        "replication,time_days,source,patient,event,unit,to";
    return result;
  }
  const auto moment = [&start, dates_only](double t) {
    return format_moment(static_cast<double>(*start) + t, dates_only);
  };
  std::map<std::string, OpenStay> open;          // by patient
  std::map<std::string, std::string> came_from;  // the unit a moving patient left
  std::map<std::string, int> stays_of;           // episodes per patient so far
  std::vector<Row> rows;
  std::map<std::string, std::size_t> open_row;  // patient -> row of its open stay
  int number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto f = split(line);
    if (f.size() != 7) {
      result.error = fmt::format("line {}: expected 7 fields, got {}", number, f.size());
      return result;
    }
    int row_replication = 0;
    double t = 0.0;
    try {
      row_replication = std::stoi(f[0]);
      t = std::stod(f[1]);
    } catch (const std::exception&) {
      result.error = fmt::format(
          "line {}: expected a replication number and a time in days, got "
          "\"{}\" and \"{}\"",
          number, f[0], f[1]);
      return result;
    }
    if (row_replication != replication) continue;
    const std::string patient = f[2] + "/" + f[3];
    const std::string& event = f[4];
    const std::string& unit = f[5];
    if (event == "admit") {
      const auto from = came_from.find(patient);
      const std::string source = from != came_from.end() ? from->second : f[2];
      if (from != came_from.end()) came_from.erase(from);
      const int k = ++stays_of[patient];
      open_row[patient] = rows.size();
      rows.push_back(
          {fmt::format("r{}-{}-{}-{}", replication, f[2], f[3], k), unit, moment(t), "", source, ""});
    } else if (event == "move" || event == "exit") {
      const auto it = open_row.find(patient);
      if (it == open_row.end()) continue;  // a census patient admitted before the log
      rows[it->second].discharged = moment(t);
      rows[it->second].destination = f[6];
      open_row.erase(it);
      if (event == "move") came_from[patient] = unit;
    }
  }
  result.episodes_csv = "episode_id,unit,admitted,discharged,source,destination\n";
  for (const auto& r : rows)
    result.episodes_csv += fmt::format("{},{},{},{},{},{}\n", r.id, r.unit, r.admitted, r.discharged,
                                       r.source, r.destination);
  result.episodes = rows.size();
  return result;
}

}  // namespace flowsim::fit
