// Compares event sets on event-time traces recorded from real runs: every
// scheduling (time, phase, lane) and pop of one replication of a scenario,
// replayed through sim::EventQueue (the calendar, at several bucket widths)
// and the candidates of event_set_candidates.hpp. Every event set must pop
// the same events in the same order (checked); the table gives CPU
// nanoseconds per event, the median of interleaved repeats, and what the
// trace asked:
// pending events and the spread of delays.
// Usage: event_set_bench [--scenario NAME|FILE --days D]... [--repeats N=5]
// Without --scenario: R1 for its whole horizon, R1x10 for 200 days and
// R1x100 for 60 days (the traces take 16 bytes a record, two a event).
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "benchmarks/event_set_candidates.hpp"
#include "benchmarks/scenario_path.hpp"
#include "models/hospital_model.hpp"
#include "models/scenario/loader.hpp"
#include "sim/event_queue.hpp"

namespace {

using flowsim::bench::scenario_path;

using flowsim::sim::EventTrace;
using flowsim::sim::TraceRecord;

// This thread's CPU time: on a shared machine, wall time also counts the
// time other people's processes held the core.
double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct TraceCase {
  std::string scenario;
  double days = 0.0;
};

// One replication of the scenario over its first 'days' (0: the whole
// horizon), with the event set's work recorded.
EventTrace record(const TraceCase& c, std::string& name) {
  const auto loaded = flowsim::scenario::load_scenario_file(scenario_path(c.scenario));
  if (!loaded.ok()) {
    std::cerr << loaded.diagnostics.format();
    std::exit(2);
  }
  auto model = std::make_shared<flowsim::models::ModelDefinition>(*loaded.model);
  if (c.days > 0.0 && c.days < model->run.horizon_days) {
    model->run.horizon_days = c.days;
    model->run.warmup_days = std::min(model->run.warmup_days, c.days / 2);
  }
  name = fmt::format("{} ({:g} days)", model->name, model->run.horizon_days);
  EventTrace trace;
  flowsim::models::HospitalModel run(model, {.event_trace = &trace});
  (void)run.run();
  return trace;
}

void describe(const EventTrace& trace) {
  std::size_t pending = 0;
  std::size_t peak = 0;
  double pending_sum = 0.0;
  std::size_t pops = 0;
  std::size_t lane = 0;
  double now = 0.0;
  // Delays under an hour, a day, a week, four weeks, and longer.
  std::vector<std::size_t> delays(5, 0);
  const double bounds[] = {1.0 / 24, 1.0, 7.0, 28.0};
  for (const auto& r : trace) {
    if (r.is_pop()) {
      now = r.time;
      --pending;
      ++pops;
      pending_sum += static_cast<double>(pending);
      continue;
    }
    peak = std::max(peak, ++pending);
    if (r.lane != TraceRecord::kNoLane) ++lane;
    const double delay = r.time - now;
    delays[static_cast<std::size_t>(std::upper_bound(std::begin(bounds), std::end(bounds), delay) -
                                    std::begin(bounds))]++;
  }
  const double scheduled = static_cast<double>(trace.size() - pops);
  std::cout << fmt::format(
      "  {} events popped, pending mean {:.0f} / peak {}; {:.0f}% in arrival lanes; delays < 1 h "
      "{:.0f}%, < 1 day {:.0f}%, < 7 days {:.0f}%, < 28 days {:.0f}%, longer {:.0f}%\n",
      pops, pending_sum / static_cast<double>(pops), peak, 100.0 * static_cast<double>(lane) / scheduled,
      100.0 * static_cast<double>(delays[0]) / scheduled,
      100.0 * static_cast<double>(delays[1]) / scheduled,
      100.0 * static_cast<double>(delays[2]) / scheduled,
      100.0 * static_cast<double>(delays[3]) / scheduled,
      100.0 * static_cast<double>(delays[4]) / scheduled);
}

std::size_t lane_count(const EventTrace& trace) {
  std::uint32_t lanes = 0;
  for (const auto& r : trace)
    if (!r.is_pop() && r.lane != TraceRecord::kNoLane) lanes = std::max(lanes, r.lane + 1);
  return lanes;
}

// Replays the trace; returns a hash of the popped subjects in order (the
// subject of an event is its index in the trace, so equal hashes mean the
// same events popped in the same order).
template <class Set>
std::uint64_t replay(const EventTrace& trace, Set& set) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (std::uint32_t i = 0; i < trace.size(); ++i) {
    const TraceRecord& r = trace[i];
    if (r.is_pop()) {
      hash = (hash ^ set.pop()) * 1099511628211ULL;
    } else if (r.lane == TraceRecord::kNoLane) {
      set.schedule(r.time, r.phase, i);
    } else {
      set.schedule_in_lane(r.lane, r.time, r.phase, i);
    }
  }
  return hash;
}

// sim::EventQueue in the candidates' interface.
struct Engine {
  flowsim::sim::EventQueue queue;
  void schedule(double t, flowsim::sim::Phase p, std::uint32_t s) { queue.schedule(t, p, 0, s); }
  void schedule_in_lane(std::size_t l, double t, flowsim::sim::Phase p, std::uint32_t s) {
    queue.schedule_in_lane(l, t, p, 0, s);
  }
  std::uint32_t pop() { return queue.pop().subject; }
};

struct Candidate {
  std::string name;
  std::function<std::uint64_t(const EventTrace&, std::size_t lanes)> run;
};

template <class Make>
Candidate candidate(std::string name, Make make) {
  return {std::move(name), [make](const EventTrace& trace, std::size_t lanes) {
            auto set = make(lanes);
            return replay(trace, set);
          }};
}

std::vector<Candidate> candidates() {
  using flowsim::bench::CompactHeap;
  using flowsim::bench::SplitHeaps;
  using flowsim::sim::EventQueue;
  std::vector<Candidate> out;
  out.push_back(candidate("two heaps (delay < 1 day), 24-byte entries",
                          [](std::size_t l) { return SplitHeaps(l, 1.0); }));
  out.push_back(
      candidate("one heap, 24-byte entries", [](std::size_t l) { return SplitHeaps(l, 0.0); }));
  out.push_back(candidate("one heap, 16-byte entries + payload table",
                          [](std::size_t l) { return CompactHeap(l); }));
  // The engine's queue: its default shape, and a calendar from the start at
  // several bucket widths, with and without a heap of its own for events due
  // within a day.
  out.push_back(candidate("engine default (calendars above 2,048 / 1,024 events)",
                          [](std::size_t l) { return Engine{EventQueue(l)}; }));
  // The shape before the short tier had a calendar (until 2026-12-01): a
  // calendar of quarter-day buckets above 16,384 events, the short tier a
  // heap.
  out.push_back(candidate("engine, 1/4-day calendar above 16,384, short tier a heap", [](std::size_t l) {
    return Engine{EventQueue(l, {.calendar_from = 16384,
                                 .bucket_days = 0.25,
                                 .buckets = 1024,
                                 .short_calendar_from = std::numeric_limits<std::size_t>::max()})};
  }));
  // One level, as until 2026-12-02: each tier's calendar one span of its
  // whole reach, so that an event goes straight to its bucket.
  out.push_back(candidate("engine, one-level calendars", [](std::size_t l) {
    return Engine{EventQueue(l, {.buckets_per_span = 4096, .short_buckets_per_span = 512})};
  }));
  out.push_back(candidate("engine, short tier's calendar one-level", [](std::size_t l) {
    return Engine{EventQueue(l, {.short_buckets_per_span = 512})};
  }));
  for (const std::size_t per_span : {16, 256})
    out.push_back(
        candidate(fmt::format("engine, long-tier spans of {} buckets", per_span),
                  [=](std::size_t l) { return Engine{EventQueue(l, {.buckets_per_span = per_span})}; }));
  out.push_back(candidate("engine, short tier a heap", [](std::size_t l) {
    return Engine{EventQueue(l, {.short_calendar_from = std::numeric_limits<std::size_t>::max()})};
  }));
  for (const double width : {1.0 / 16, 1.0 / 256})
    out.push_back(
        candidate(fmt::format("engine, long-tier buckets of 1/{:g} day", 1 / width), [=](std::size_t l) {
          return Engine{
              EventQueue(l, {.bucket_days = width, .buckets = static_cast<std::size_t>(64.0 / width)})};
        }));
  for (const double short_days : {0.0, 1.0})
    for (const double width : {1.0, 1.0 / 4, 1.0 / 16}) {
      const auto buckets = static_cast<std::size_t>(256.0 / width);
      out.push_back(candidate(fmt::format("calendar, buckets of 1/{:g} day{}", 1 / width,
                                          short_days > 0 ? ", short heap < 1 day" : ""),
                              [=](std::size_t l) {
                                return Engine{EventQueue(l, {.short_days = short_days,
                                                             .calendar_from = 0,
                                                             .bucket_days = width,
                                                             .buckets = buckets})};
                              }));
    }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<TraceCase> cases;
  int repeats = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--scenario") cases.push_back({argv[i + 1], 0.0});
    else if (arg == "--days" && !cases.empty()) cases.back().days = std::atof(argv[i + 1]);
    else if (arg == "--repeats") repeats = std::max(1, std::atoi(argv[i + 1]));
    else {
      std::cerr << "usage: event_set_bench [--scenario NAME|FILE [--days D]]... [--repeats N]\n";
      return 2;
    }
  }
  if (cases.empty()) cases = {{"r1", 0.0}, {"r1_x10", 200.0}, {"r1_x100", 60.0}};
  const auto sets = candidates();
  for (const auto& c : cases) {
    std::string name;
    const EventTrace trace = record(c, name);
    std::cout << name << ":\n";
    describe(trace);
    const std::size_t lanes = lane_count(trace);
    std::size_t pops = 0;
    for (const auto& r : trace) pops += r.is_pop() ? 1 : 0;
    std::vector<std::vector<double>> ns(sets.size());
    std::vector<std::uint64_t> hashes(sets.size());
    // Interleaved: every set once per round, so load on a shared machine
    // falls on all alike.
    for (int round = 0; round < repeats; ++round)
      for (std::size_t s = 0; s < sets.size(); ++s) {
        const double started = cpu_seconds();
        hashes[s] = sets[s].run(trace, lanes);
        const double seconds = cpu_seconds() - started;
        ns[s].push_back(seconds * 1e9 / static_cast<double>(pops));
      }
    int status = 0;
    for (std::size_t s = 0; s < sets.size(); ++s) {
      auto& v = ns[s];
      std::sort(v.begin(), v.end());
      const bool same = hashes[s] == hashes[0];
      status |= same ? 0 : 1;
      std::cout << fmt::format("  {:<56} {:>6.1f} ns/event (min {:.1f}, max {:.1f}){}\n", sets[s].name,
                               v[v.size() / 2], v.front(), v.back(), same ? "" : "  ORDER DIFFERS");
    }
    if (status != 0) return 1;
  }
  return 0;
}
