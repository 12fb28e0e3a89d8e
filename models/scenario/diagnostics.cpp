#include "models/scenario/diagnostics.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

#include <fmt/format.h>

namespace flowsim::scenario {

std::string Diagnostic::format() const {
  std::string where = location.file;
  if (location.line > 0) where += fmt::format(":{}:{}", location.line, location.column);
  std::string text = fmt::format("{}: error: {}", where, message);
  if (!key_path.empty()) text += fmt::format("\n    at {}", key_path);
  return text;
}

void Diagnostics::error(SourceLocation location, std::string key_path, std::string message) {
  if (errors_.size() >= kMostKept) {
    ++not_kept_;
    return;
  }
  errors_.push_back(Diagnostic{std::move(location), std::move(key_path), std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> result = errors_;
  std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
  return result;
}

std::string Diagnostics::format() const {
  std::string text;
  for (const auto& d : sorted()) text += d.format() + "\n";
  if (not_kept_ > 0)
    text += fmt::format("... and {} more error{} not shown\n", not_kept_, not_kept_ == 1 ? "" : "s");
  return text;
}

namespace {

// The edit distance of 'a' and 'b' when it is below 'limit', else 'limit'.
// Strings whose lengths differ by 'limit' or more are that far apart, and a
// row of the table whose smallest entry has reached 'limit' can only grow,
// so both end the work early: a suggestion for a long key, or for each of
// thousands of misspelt keys repeated by aliases, costs little (closest_match
// was the largest share of fuzz/scenario_loader_fuzzer's time).
std::size_t edit_distance_below(const std::string& a, const std::string& b, std::size_t limit) {
  const std::size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap >= limit) return limit;
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t row_least = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      row_least = std::min(row_least, row[j]);
    }
    if (row_least >= limit) return limit;
  }
  return std::min(row[b.size()], limit);
}

}  // namespace

std::size_t edit_distance(const std::string& a, const std::string& b) {
  return edit_distance_below(a, b, std::numeric_limits<std::size_t>::max());
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance_below(word, candidate, best_distance);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace flowsim::scenario
