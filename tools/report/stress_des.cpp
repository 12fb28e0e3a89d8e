// The STRESS-DES 1.0 record (Monks et al. 2019), filled from model.json and
// run.json: every statement about the model's logic is read from what this
// scenario declares (queue priorities, capacity calendars, discharge
// windows, transfer delays), never fixed text.
#include <algorithm>

#include <fmt/format.h>

#include "tools/report/report_sections.hpp"
#include "tools/report/text_format.hpp"
#include "tools/report/web_bundles.hpp"

namespace flowsim::report {

namespace {

using Json = nlohmann::json;

std::string html_text_of(const Json& value, const std::string& if_missing = "-") {
  if (value.is_null()) return if_missing;
  return escape_html(value.is_string() ? value.get<std::string>() : value.dump());
}

std::string field(const Json& object, const char* key, const std::string& if_missing = "-") {
  return object.is_object() && object.contains(key) ? html_text_of(object[key], if_missing) : if_missing;
}

const Json& array_of(const Json& object, const char* key) {
  static const Json empty = Json::array();
  return object.is_object() && object.contains(key) && object[key].is_array() ? object[key] : empty;
}

// The waiting-list order of a unit in words.
std::string queue_order(const Json& unit) {
  const auto& priority = unit.value("waiting_list", Json::object());
  if (priority.value("order", "") != "priority") return "first come, first served";
  std::vector<std::string> levels;
  for (const auto& level : array_of(priority, "levels")) {
    std::vector<std::string> names;
    for (const auto& n : level) names.push_back(escape_html(n.get<std::string>()));
    levels.push_back(joined_in_words(names));
  }
  std::string text = fmt::format("by priority of {} ", field(priority, "by"));
  for (std::size_t k = 0; k < levels.size(); ++k) text += (k == 0 ? "(first " : ", then ") + levels[k];
  return text + "), first come, first served within a level";
}

// A trigger of model.json's escalation levels in words: "occupancy at 92% of beds" or "30 waiting".
std::string trigger_text(const Json& trigger) {
  const double threshold = trigger.value("threshold", 0.0);
  const std::string measure = trigger.value("measure", "");
  if (measure == "waiting") return fmt::format("{:g} waiting for a bed", threshold);
  if (measure == "ed_over_4h") return fmt::format("{:g} A&E patients over 4 hours", threshold);
  if (measure == "ed_over_12h") return fmt::format("{:g} A&E patients over 12 hours", threshold);
  return fmt::format("occupancy {:g}% of beds", 100 * threshold);
}

// The unit's escalation levels (model.json units[].escalation) in words.
std::string escalation_text(const Json& e) {
  const auto& at = e.value("at", Json());
  std::vector<std::string> meetings;
  for (const auto& time : array_of(e, "at")) meetings.push_back(html_text_of(time));
  std::string text =
      fmt::format("; escalation from normal level {} reviewed {}: ", field(e, "normal_level"),
                  at.is_array() ? "at bed meetings at " + joined_in_words(meetings) : "continuously");
  std::vector<std::string> levels;
  for (const auto& level : array_of(e, "levels"))
    levels.push_back(
        fmt::format("level {} (entered at {}, left at {}, {} escalation beds in force)",
                    field(level, "level"), trigger_text(level.value("rise", Json::object())),
                    trigger_text(level.value("fall", Json::object())), field(level, "open_beds", "0")));
  text += joined_in_words(levels);
  if (const double cost = e.value("bed_day_cost_gbp", 0.0); cost > 0)
    text += fmt::format(", each escalation bed GBP {:g} a day on top of a staffed bed", cost);
  if (e.contains("cancel_electives_from") && !e["cancel_electives_from"].is_null())
    text += "; electives cancelled from level " + field(e, "cancel_electives_from");
  if (e.contains("divert_arrivals_from") && !e["divert_arrivals_from"].is_null())
    text += "; new arrivals diverted from level " + field(e, "divert_arrivals_from");
  if (e.contains("discharge_push_from") && !e["discharge_push_from"].is_null())
    text += fmt::format(
        "; on entering level {} or above, the rest of each stay under way multiplied by {:g}",
        field(e, "discharge_push_from"), e.value("discharge_push_factor", 1.0));
  return text;
}

std::string unit_line(const Json& u) {
  const auto& capacity = u.value("capacity", Json());
  const auto& limit = u.value("queue_limit", Json());
  const std::string places = capacity.is_null() ? "unlimited" : capacity.dump() + " places";
  const std::string queue = limit.is_null() ? "an unlimited waiting list"
                            : limit == 0    ? "no queue (arrivals are diverted when full)"
                                            : limit.dump() + " waiting places";
  std::string kind = u.value("kind", "");
  for (auto& c : kind)
    if (c == '_') c = ' ';
  std::string line =
      fmt::format("<li><b>{}</b> ({}): {}, {} served {}; {:.1f} arrivals a day, offered load {:.1f}",
                  escape_html(u.value("name", "?")), escape_html(kind), places, queue, queue_order(u),
                  u.value("arrivals_per_day", 0.0), u.value("offered_load", 0.0));
  if (!array_of(u, "capacity_calendar").empty()) {
    std::vector<std::string> steps;
    for (const auto& s : array_of(u, "capacity_calendar"))
      steps.push_back(fmt::format("{} from day {:g}", s.value("capacity", 0), s.value("from_day", 0.0)));
    line += "; capacity calendar: " + joined_in_words(steps);
  }
  if (u.contains("discharge_window") && u["discharge_window"].is_object()) {
    const auto& w = u["discharge_window"];
    line += fmt::format(
        "; discharges only between {:g}:00 and {:g}:00 (weekend days used with probability {:g})",
        w.value("open_hour", 0.0), w.value("close_hour", 24.0), w.value("weekend_rate", 1.0));
  }
  for (const auto& d : array_of(u, "transfer_delays"))
    line +=
        fmt::format("; prescribed delay before moving to {}: {}", html_text_of(d.value("to", Json())),
                    html_text_of(d.value("delay_days", Json())) + " days");
  if (u.contains("escalation") && u["escalation"].is_object()) line += escalation_text(u["escalation"]);
  return line + "</li>";
}

std::vector<std::vector<std::string>> scenario_comments(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::size_t number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    ++number;
    start = end + 1;
    const auto hash = line.find('#');
    if (hash == std::string::npos) continue;
    std::string comment = line.substr(hash + 1);
    const auto first = comment.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    comment = comment.substr(first);
    std::string code = line.substr(0, hash);
    while (!code.empty() && (code.back() == ' ' || code.back() == '\t')) code.pop_back();
    const auto lead = code.find_first_not_of(" \t");
    code = lead == std::string::npos ? "" : code.substr(lead);
    rows.push_back(
        {std::to_string(number), "<code>" + escape_html(code) + "</code>", escape_html(comment)});
    if (end == text.size()) break;
  }
  return rows;
}

}  // namespace

void add_stress_des(HtmlPage& page, const ResultFiles& files) {
  if (files.summary.empty() && !files.model.is_object()) return;
  const Json model = files.model.is_object() ? files.model : Json::object();
  const Json run = files.run.is_object() ? files.run : Json::object();
  const Json machine = run.value("machine", Json::object());
  const Json settings = model.value("run", Json::object());
  const auto& units = array_of(model, "units");

  std::string unit_lines;
  std::size_t prioritised = 0;
  for (const auto& u : units) {
    unit_lines += unit_line(u);
    prioritised += u.value("waiting_list", Json::object()).value("order", "") == "priority" ? 1 : 0;
  }
  std::string routes;
  for (const auto& r : array_of(model, "routes"))
    routes += fmt::format("<li>{} &rarr; {}: {:.1f} a day{}</li>", html_text_of(r.value("from", Json())),
                          html_text_of(r.value("to", Json())), r.value("patients_per_day", 0.0),
                          r.value("readmission", false) ? " readmitted" : "");
  std::string sources;
  for (const auto& s : array_of(model, "sources")) {
    sources += fmt::format("<li>{} &rarr; {}: {:.1f} a day", html_text_of(s.value("name", Json())),
                           html_text_of(s.value("unit", Json())), s.value("rate_per_day", 0.0));
    if (s.value("time_varying", false)) sources += ", time-varying";
    if (const double growth = s.value("growth_per_year", 0.0); growth != 0.0)
      sources += fmt::format(", growth {:.1f}% a year", 100 * growth);
    sources += "</li>";
  }
  std::vector<std::string> group_names;
  for (const auto& g : array_of(model, "groups"))
    group_names.push_back(html_text_of(g.value("name", Json())));
  std::vector<std::string> exits;
  for (const auto& e : array_of(model, "exits")) exits.push_back(html_text_of(e));
  std::string activities;
  for (const auto& u : units) {
    std::string stays;
    const auto stays_by_group = u.value("length_of_stay", Json::object());
    for (const auto& [group, description] : stays_by_group.items())
      stays += (stays.empty() ? "" : "; ") + escape_html(group) + " " + html_text_of(description);
    activities += "<li>" + html_text_of(u.value("name", Json())) + ": " + stays + "</li>";
  }
  std::vector<std::string> outputs;
  for (const auto& row : files.summary) {
    const auto metric = cell(row, "metric");
    const auto group = metric.substr(0, metric.find('.'));
    if (std::find(outputs.begin(), outputs.end(), group) == outputs.end()) outputs.push_back(group);
  }
  const auto comments = scenario_comments(files.scenario_text.value_or(""));
  std::vector<std::vector<std::string>> tagged;
  std::size_t tags[4] = {0, 0, 0, 0};
  const char* tag_names[4] = {"[S]", "[D]", "[O]", "[A]"};
  for (const auto& row : comments) {
    bool any = false;
    for (int t = 0; t < 4; ++t)
      if (row[2].find(tag_names[t]) != std::string::npos) {
        ++tags[t];
        any = true;
      }
    if (any) tagged.push_back(row);
  }
  const auto& listed = tagged.empty() ? comments : tagged;
  std::string libraries;
  for (const auto& b : web_bundles())
    libraries += fmt::format("{}{} {}", libraries.empty() ? "" : ", ", b.package, b.version);

  const std::string queue_rule =
      prioritised == 0
          ? "each unit admits from its list first come, first served (no priorities are set)"
          : fmt::format(
                "{} of {} units order their list by priority level (2.3), the others first "
                "come, first served",
                prioritised, units.size());
  const std::string provenance = run.contains("provenance") && run["provenance"].is_object()
                                     ? fmt::format(" Scenario SHA-256 {}; git commit {}.",
                                                   field(run["provenance"], "scenario_sha256"),
                                                   field(run["provenance"], "git_commit", "unknown"))
                                     : std::string();

  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> items = {
      {"1. Objectives",
       {{"1.1 Purpose of the model", field(model, "description", field(model, "name"))},
        {"1.2 Model outputs",
         files.summary.empty()
             ? std::string(
                   "The measures of the targets at each capacity tried, in this directory's sizing or "
                   "frontier files, each the mean over replications with a 95% Student-t confidence "
                   "interval.")
             : fmt::format("Metrics reported ({}; groups: {}), each the mean over replications with a "
                           "95% Student-t "
                           "confidence interval; definitions in the scenario reference "
                           "(docs/scenario_reference.md#metrics).",
                           files.summary.size(), escape_html(joined_in_words(outputs)))},
        {"1.3 Experimentation aims", std::string("The scenario as given (see 1.1)") +
                                         (!files.compare.empty() || !files.sweep.empty() ||
                                                  !files.size.empty() || !files.frontier.empty()
                                              ? "; this directory also holds a comparison, sweep, "
                                                "sizing or frontier, reported above."
                                              : ".")}}},
      {"2. Logic",
       {{"2.1 Base model overview diagram", "The pathway network in this report."},
        {"2.2 Base model logic",
         "Patients arrive by arrival source, belong to a patient group, occupy a place in each unit for "
         "a sampled "
         "length of stay, then move on by their group's routing. A patient whose next unit is full "
         "keeps the place "
         "(blocking after service: a delayed transfer of care) and joins that unit's waiting list; " +
             queue_rule + "."},
        {"2.3 Scenario logic",
         "Scenario: " + field(model, "name") + ". Units:<ul>" + unit_lines + "</ul>"},
        {"2.4 Algorithms",
         "Lengths of stay sampled by inversion (Boost.Math quantiles); non-homogeneous arrivals by "
         "thinning; routes "
         "by inversion of one uniform per stay. Traffic equations solved with Eigen for the loads "
         "above."},
        {"2.5.1 Entities", "Patients, in groups: " +
                               (group_names.empty() ? std::string("-") : joined_in_words(group_names)) +
                               "."},
        {"2.5.2 Activities",
         "Treatment in a unit for a length of stay drawn per group:<ul>" + activities + "</ul>"},
        {"2.5.3 Resources",
         "Beds or places per unit (capacities, calendars and escalation beds in 2.3)."},
        {"2.5.4 Queues",
         "One waiting list per unit holding both new arrivals and patients blocked elsewhere, "
         "served as stated for each unit in 2.3; queue limits in 2.3."},
        {"2.5.5 Entry and exit points", "Arrivals:<ul>" + sources +
                                            "</ul>Routes with their long-run flow:<ul>" + routes +
                                            "</ul>Exits: " + joined_in_words(exits) + "."}}},
      {"3. Data",
       {{"3.1 Data sources", fmt::format("From the scenario's comments: {} values stated in a source "
                                         "[S], {} derived [D], {} outside "
                                         "knowledge [O], {} assumptions [A] (table below).",
                                         tags[0], tags[1], tags[2], tags[3])},
        {"3.2 Pre-processing", "None inside flowsim; derivations are shown in the scenario comments."},
        {"3.3 Input parameters",
         "The scenario file, copied into this directory as scenario.yaml (FNV-1a hash " +
             field(run, "scenario_hash_fnv1a64") + ")." + provenance},
        {"3.4 Assumptions",
         "Lines tagged [A] below; the model logic in 2.2 (routing independent of the length of stay "
         "within a group; " +
             std::string(prioritised == 0 ? "waiting lists first come, first served with no priorities"
                                          : "waiting lists ordered by the priorities in 2.3") +
             ")."}}},
      {"4. Experimentation",
       {{"4.1 Initialisation",
         fmt::format("Warm-up of {} days, chosen in the scenario (its comment gives the reason), "
                     "discarded from every "
                     "metric; units with a starting census begin near their steady state.",
                     field(settings, "warmup_days", field(run, "warmup_days")))},
        {"4.2 Run length", fmt::format("{} days in all, {} measured.",
                                       field(settings, "horizon_days", field(run, "horizon_days")),
                                       field(settings, "measured_days"))},
        {"4.3 Estimation approach",
         fmt::format(
             "{} independent replications (set in the scenario's run block or by --reps; see its "
             "comment for how "
             "the number was chosen); 95% Student-t confidence intervals over replication means.",
             field(run, "replications"))}}},
      {"5. Implementation",
       {{"5.1 Software",
         fmt::format(
             "flowsim {} (C++20), {}, Boost {}, fmt {}; charts drawn in the page by {} (embedded).",
             field(run, "flowsim_version"), field(machine, "compiler"), field(machine, "boost"),
             field(machine, "fmt"), libraries)},
        {"5.2 Random sampling",
         fmt::format("{}; seed {}. Patient k of a source draws the same numbers in every "
                     "scenario (common random numbers).",
                     field(run, "random_numbers"), field(run, "seed"))},
        {"5.3 Model execution",
         fmt::format("Next-event simulation; {} events over all replications on {} threads; "
                     "results identical on any thread count.",
                     field(run, "events"), field(run, "threads"))},
        {"5.4 System specification",
         fmt::format("{}, {} hardware threads, {}; run time {:.1f} s, finished {}.",
                     field(machine, "processor"), field(machine, "hardware_threads"),
                     field(machine, "operating_system"), run.value("wall_seconds", 0.0),
                     field(run, "finished_utc"))}}},
      {"6. Code access",
       {{"6.1 Computer model sharing statement",
         "flowsim's source, with this scenario, reproduces these results exactly from the seed (the "
         "run.json in this "
         "directory records the version and hash)."}}}};
  std::string html = "<table class=\"stress\"><tbody>";
  for (const auto& [section, entries] : items) {
    html += "<tr><th colspan=\"2\" class=\"section\">" + section + "</th></tr>";
    for (const auto& [label, text] : entries)
      html += "<tr><th>" + label + "</th><td>" + text + "</td></tr>";
  }
  html += "</tbody></table>";
  html += fmt::format(
      "<details><summary>Data and assumptions from the scenario's comments ({} "
      "lines)</summary>{}</details>",
      listed.size(),
      comments.empty() ? std::string("<p>The scenario file carries no comments.</p>")
                       : html_table({"line", "scenario", "source or assumption"}, listed));
  page.heading("STRESS-DES record");
  page.paragraph(
      "Strengthening the Reporting of Empirical Simulation Studies (Monks et al. 2019), filled from "
      "this run.");
  page.raw(html);
}

}  // namespace flowsim::report
