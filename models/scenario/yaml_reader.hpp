#pragma once
// Path-aware, typed access to a YAML tree that records every problem in
// Diagnostics instead of throwing, so one pass reports all errors.
// yaml-cpp itself accepts duplicate keys silently and gives no position for
// a missing key; this reader reports both.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/scenario/diagnostics.hpp"

namespace flowsim::scenario {

struct NumberRule {
  std::optional<double> min;           // inclusive
  std::optional<double> greater_than;  // exclusive
  std::optional<double> max;           // inclusive
};

// Thrown when reading a scenario visits more values than any real scenario
// holds: YAML anchors and aliases let a small file name one node many times
// over (an "alias bomb": each level repeats the one below), and a walker that
// follows them would run for ever or exhaust memory. Loading stops with
// one clear error at the value being read when the budget ran out.
class VisitBudgetExceeded : public std::runtime_error {
 public:
  VisitBudgetExceeded(SourceLocation where, std::string path, std::string message)
      : std::runtime_error(message), location(std::move(where)), key_path(std::move(path)) {}
  SourceLocation location;
  std::string key_path;
};

class YamlReader {
 public:
  // Values (and map entries, and list items) one scenario may visit. The
  // largest shipped scenario visits a few thousand.
  static constexpr std::size_t kVisitBudget = 50'000;

  YamlReader(std::string file, Diagnostics& diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  [[nodiscard]] SourceLocation where(const YAML::Node& node) const;
  void error(const YAML::Node& node, const std::string& path, std::string message) const;
  // An error in another file the scenario names (an arrival data file).
  void error_at(SourceLocation location, const std::string& path, std::string message) const;
  [[nodiscard]] const std::string& file() const { return file_; }
  // Counts 'n' visits at 'node'; throws VisitBudgetExceeded past the budget.
  void visit(const YAML::Node& node, const std::string& path, std::size_t n = 1) const;

  // Checks that 'node' is a map, that no key is repeated, that every key is
  // one of 'known' (suggesting the nearest when not), and that every key in
  // 'required' is present. Returns false when 'node' is not a map at all.
  bool check_map(const YAML::Node& node, const std::string& path, const std::vector<std::string>& known,
                 const std::vector<std::string>& required = {}) const;
  // A map whose keys are user-chosen names (units, groups): checks only that
  // it is a non-empty map without repeated keys (false, with the error
  // reported, when it is not a map or is empty).
  bool check_named_map(const YAML::Node& node, const std::string& path) const;

  [[nodiscard]] std::optional<double> number(const YAML::Node& node, const std::string& path,
                                             NumberRule rule = {}) const;
  // Integer >= min, or the word 'unlimited' when allow_unlimited.
  [[nodiscard]] std::optional<std::int64_t> count(const YAML::Node& node, const std::string& path,
                                                  bool allow_unlimited, std::int64_t min = 0) const;
  [[nodiscard]] std::optional<std::string> text(const YAML::Node& node, const std::string& path) const;
  [[nodiscard]] std::optional<std::vector<double>> numbers(const YAML::Node& node,
                                                           const std::string& path,
                                                           NumberRule rule = {}) const;

 private:
  std::vector<std::pair<std::string, YAML::Node>> distinct_keys(const YAML::Node& node,
                                                                const std::string& path) const;

  std::string file_;
  Diagnostics& diagnostics_;
  // Mutable: counting visits is bookkeeping of a read-only walk, and every
  // reading function is const.
  mutable std::size_t visits_ = 0;
};

[[nodiscard]] std::string join_path(const std::string& parent, const std::string& key);
[[nodiscard]] std::string describe_node(const YAML::Node& node);

}  // namespace flowsim::scenario
