#pragma once
// Errors found in scenario input, collected so that all of them are reported
// in one pass, each with file, line, column (1-based), the key path and what
// was expected, in the compiler convention:
//   scenarios/x.yaml:42:17: error: capacity must be an integer >= 0, got "-3"
//       at units.acute.capacity
#include <string>
#include <vector>

namespace flowsim::scenario {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

struct Diagnostic {
  SourceLocation location;
  std::string key_path;
  std::string message;
  [[nodiscard]] std::string format() const;
};

class Diagnostics {
 public:
  void error(SourceLocation location, std::string key_path, std::string message);
  // A file can repeat one mistake without end (an alias repeated a million
  // times): the first kMostKept errors are kept and the rest only counted.
  static constexpr std::size_t kMostKept = 100;
  [[nodiscard]] bool has_errors() const { return !errors_.empty(); }
  // Sorted by file, line and column, so output is stable and reads top-down.
  [[nodiscard]] std::vector<Diagnostic> sorted() const;
  [[nodiscard]] std::string format() const;

 private:
  std::vector<Diagnostic> errors_;
  std::size_t not_kept_ = 0;
};

// Edit distance, for "did you mean" suggestions.
[[nodiscard]] std::size_t edit_distance(const std::string& a, const std::string& b);
// The closest candidate within distance 2, or an empty string.
[[nodiscard]] std::string closest_match(const std::string& word,
                                        const std::vector<std::string>& candidates);

}  // namespace flowsim::scenario
