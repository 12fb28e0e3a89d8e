#include "models/scenario/distribution_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <map>

#include <fmt/format.h>

#include "models/scenario/scenario_schema.hpp"

namespace flowsim::scenario {

namespace {

const std::map<std::string, double>& days_per_unit() {
  static const std::map<std::string, double> table = {
      {"minutes", 1.0 / 1440.0}, {"hours", 1.0 / 24.0}, {"days", 1.0}, {"weeks", 7.0}};
  return table;
}

// The kinds of distribution, and the keys of each, are rows of the scenario
// schema (models/scenario/scenario_schema.cpp, '@distribution').
const std::vector<std::string>& kinds() { return key_spec("@distribution.dist").allowed; }

// Mixtures of mixtures are allowed, but not without end: each level is a
// stack frame of the reader, and no length of stay needs more than a few.
constexpr int kMaxMixtureDepth = 8;

std::optional<sim::Distribution> read_nested(const YamlReader& reader, const YAML::Node& node,
                                             const std::string& path, int depth);

// The uniforms the engine can pass to a quantile: 2^-53 to 1 - 2^-53 from a
// random stream, and down to 1e-300 once a mixture rescales one. Quantiles
// are monotone, so finite values at these points mean finite values
// everywhere between them.
constexpr double kProbePoints[] = {1e-300, 0x1p-53, 1e-6, 0.5, 1.0 - 1e-6, 1.0 - 0x1p-53};

// Extreme parameters (an sd of 1e300, a shape of 1e-12) can make a
// distribution whose draws overflow to infinity or come out NaN, which would
// corrupt the event queue's clock. Such a distribution is rejected here,
// with the reason, rather than discovered during a run.
std::optional<std::string> unsamplable_reason(const sim::Distribution& d) {
  try {
    for (const double u : kProbePoints) {
      const double x = d.quantile(u);
      if (!std::isfinite(x) || x < 0.0) return fmt::format("its quantile at {:g} is {} days", u, x);
    }
    const double mean = d.mean();
    if (!std::isfinite(mean) || mean < 0.0) return fmt::format("its mean is {} days", mean);
  } catch (const std::exception& e) {
    return fmt::format("evaluating it failed: {}", e.what());
  }
  return std::nullopt;
}

class Parser {
 public:
  Parser(const YamlReader& reader, const YAML::Node& node, std::string path)
      : reader_(reader), node_(node), path_(std::move(path)) {}

  std::optional<double> positive(const std::string& key) {
    return required(key, NumberRule{.greater_than = 0.0});
  }
  std::optional<double> non_negative(const std::string& key) {
    return required(key, NumberRule{.min = 0.0});
  }
  std::optional<double> required(const std::string& key, NumberRule rule) {
    if (!node_[key]) {
      reader_.error(node_, join_path(path_, key), fmt::format("missing key '{}'", key));
      return std::nullopt;
    }
    return reader_.number(node_[key], join_path(path_, key), rule);
  }
  bool has(const std::string& key) const { return static_cast<bool>(node_[key]); }
  // A distribution given by either of two pairs of parameters: both pairs
  // (or parts of both) describe two distributions, and neither may win
  // silently. False, after an error, when keys of both pairs are present.
  bool one_pair_of(const std::string& kind, const std::array<std::string, 2>& first,
                   const std::array<std::string, 2>& second) const {
    const bool has_first = has(first[0]) || has(first[1]);
    const bool has_second = has(second[0]) || has(second[1]);
    if (!(has_first && has_second)) return true;
    fail(
        fmt::format("{} takes either {} and {}, or {} and {}, not both: they give different "
                    "distributions; keep the pair you measured",
                    kind, first[0], first[1], second[0], second[1]));
    return false;
  }
  void fail(const std::string& message) const { reader_.error(node_, path_, message); }

 private:
  const YamlReader& reader_;
  const YAML::Node& node_;
  std::string path_;
};

// {dist: coxian, phase_means: [m1, m2], continue: [p1], unit: days}: the
// mean of each phase, and the probability of going on after each phase but
// the last.
std::optional<sim::Distribution> read_coxian(const YamlReader& reader, const YAML::Node& node,
                                             const std::string& path, double scale) {
  Parser p(reader, node, path);
  if (!p.has("phase_means") || !p.has("continue")) {
    p.fail(
        "coxian needs 'phase_means' (the mean of each phase) and 'continue' (for each phase but "
        "the last, the probability that the stay goes on to the next)");
    return std::nullopt;
  }
  const auto means =
      reader.numbers(node["phase_means"], join_path(path, "phase_means"), {.greater_than = 0.0});
  const auto continuing =
      reader.numbers(node["continue"], join_path(path, "continue"), {.min = 0.0, .max = 1.0});
  if (!means || !continuing) return std::nullopt;
  if (means->empty() || means->size() > sim::kMaxCoxianPhases) {
    reader.error(
        node["phase_means"], join_path(path, "phase_means"),
        fmt::format("a coxian has 1 to {} phases, got {}", sim::kMaxCoxianPhases, means->size()));
    return std::nullopt;
  }
  if (continuing->size() + 1 != means->size()) {
    reader.error(node["continue"], join_path(path, "continue"),
                 fmt::format("coxian needs one 'continue' probability for each phase but the last: {} "
                             "for {} phases, got {}",
                             means->size() - 1, means->size(), continuing->size()));
    return std::nullopt;
  }
  sim::Coxian coxian;
  coxian.phases = means->size();
  for (std::size_t i = 0; i < means->size(); ++i) coxian.phase_means[i] = (*means)[i] * scale;
  std::copy(continuing->begin(), continuing->end(), coxian.continuing.begin());
  return sim::Distribution(coxian);
}

std::optional<sim::Distribution> read_kind(const YamlReader& reader, const YAML::Node& node,
                                           const std::string& path, const std::string& kind,
                                           double scale, int depth) {
  Parser p(reader, node, path);
  if (kind == "exponential") {
    const auto mean = p.positive("mean");
    if (!mean) return std::nullopt;
    return sim::Distribution(sim::Exponential{*mean * scale});
  }
  if (kind == "lognormal") {
    if (!p.one_pair_of(kind, {"mean", "sd"}, {"median", "p90"})) return std::nullopt;
    if (p.has("median") || p.has("p90")) {
      const auto median = p.positive("median");
      const auto p90 = p.positive("p90");
      if (!median || !p90) return std::nullopt;
      if (*p90 <= *median) {
        p.fail(fmt::format("lognormal needs p90 > median, got median {} and p90 {}", *median, *p90));
        return std::nullopt;
      }
      return sim::Distribution::lognormal_from_median_p90(*median * scale, *p90 * scale);
    }
    const auto mean = p.positive("mean");
    const auto sd = p.positive("sd");
    if (!mean || !sd) return std::nullopt;
    return sim::Distribution::lognormal_from_mean_sd(*mean * scale, *sd * scale);
  }
  if (kind == "gamma") {
    if (!p.one_pair_of(kind, {"shape", "scale"}, {"mean", "sd"})) return std::nullopt;
    if (p.has("mean") || p.has("sd")) {
      const auto mean = p.positive("mean");
      const auto sd = p.positive("sd");
      if (!mean || !sd) return std::nullopt;
      const double shape = (*mean * *mean) / (*sd * *sd);
      return sim::Distribution(sim::Gamma{shape, *mean * scale / shape});
    }
    const auto shape = p.positive("shape");
    const auto gamma_scale = p.positive("scale");
    if (!shape || !gamma_scale) return std::nullopt;
    return sim::Distribution(sim::Gamma{*shape, *gamma_scale * scale});
  }
  if (kind == "weibull") {
    const auto shape = p.positive("shape");
    const auto weibull_scale = p.positive("scale");
    if (!shape || !weibull_scale) return std::nullopt;
    return sim::Distribution(sim::Weibull{*shape, *weibull_scale * scale});
  }
  if (kind == "normal") {
    const auto mean = p.positive("mean");
    const auto sd = p.positive("sd");
    if (!mean || !sd) return std::nullopt;
    return sim::Distribution(sim::Normal{*mean * scale, *sd * scale});
  }
  if (kind == "fixed") {
    const auto value = p.non_negative("value");
    if (!value) return std::nullopt;
    return sim::Distribution(sim::Fixed{*value * scale});
  }
  if (kind == "uniform") {
    const auto low = p.non_negative("min");
    const auto high = p.non_negative("max");
    if (!low || !high) return std::nullopt;
    if (*high <= *low) {
      p.fail(fmt::format("uniform needs max > min, got min {} and max {}", *low, *high));
      return std::nullopt;
    }
    return sim::Distribution(sim::Uniform{*low * scale, *high * scale});
  }
  if (kind == "triangular") {
    const auto low = p.non_negative("min");
    const auto mode = p.non_negative("mode");
    const auto high = p.non_negative("max");
    if (!low || !mode || !high) return std::nullopt;
    if (!(*low <= *mode && *mode <= *high && *low < *high)) {
      p.fail("triangular needs min <= mode <= max and min < max");
      return std::nullopt;
    }
    return sim::Distribution(sim::Triangular{*low * scale, *mode * scale, *high * scale});
  }
  if (kind == "empirical") {
    if (!p.has("values")) {
      p.fail("missing key 'values'");
      return std::nullopt;
    }
    auto values = reader.numbers(node["values"], join_path(path, "values"), {.min = 0.0});
    if (!values) return std::nullopt;
    if (values->empty()) {
      reader.error(node["values"], join_path(path, "values"), "expected at least one value");
      return std::nullopt;
    }
    for (double& v : *values) v *= scale;
    return sim::Distribution::empirical(std::move(*values));
  }
  if (kind == "histogram") {
    if (!p.has("edges") || !p.has("weights")) {
      p.fail("histogram needs 'edges' (n+1 increasing numbers) and 'weights' (n numbers)");
      return std::nullopt;
    }
    auto edges = reader.numbers(node["edges"], join_path(path, "edges"), {.min = 0.0});
    const auto weights = reader.numbers(node["weights"], join_path(path, "weights"), {.min = 0.0});
    if (!edges || !weights) return std::nullopt;
    if (edges->size() != weights->size() + 1 || weights->empty()) {
      p.fail(fmt::format("histogram needs one more edge than weights, got {} edges and {} weights",
                         edges->size(), weights->size()));
      return std::nullopt;
    }
    if (!std::is_sorted(edges->begin(), edges->end(), std::less_equal<>{})) {
      reader.error(node["edges"], join_path(path, "edges"), "edges must be strictly increasing");
      return std::nullopt;
    }
    double total = 0.0;
    for (const double w : *weights) total += w;
    if (!(total > 0.0)) {
      reader.error(node["weights"], join_path(path, "weights"), "weights must not all be zero");
      return std::nullopt;
    }
    for (double& e : *edges) e *= scale;
    return sim::Distribution::histogram(std::move(*edges), *weights);
  }
  if (kind == "coxian") return read_coxian(reader, node, path, scale);
  // mixture: each component is a distribution with its own 'weight'.
  const YAML::Node components = node["components"];
  const std::string components_path = join_path(path, "components");
  if (!components || !components.IsSequence() || components.size() == 0) {
    p.fail("mixture needs 'components': a non-empty list of distributions, each with a 'weight'");
    return std::nullopt;
  }
  if (depth >= kMaxMixtureDepth) {
    p.fail(
        fmt::format("mixtures nested more than {} deep; flatten the inner mixtures into one "
                    "list of components",
                    kMaxMixtureDepth));
    return std::nullopt;
  }
  std::vector<sim::Distribution> parts;
  std::vector<double> weights;
  bool ok = true;
  for (std::size_t i = 0; i < components.size(); ++i) {
    const YAML::Node component = components[i];
    const std::string component_path = fmt::format("{}[{}]", components_path, i);
    if (!component.IsMap() || !component["weight"]) {
      reader.error(component, component_path, "each mixture component needs a 'weight'");
      ok = false;
      continue;
    }
    const auto weight =
        reader.number(component["weight"], join_path(component_path, "weight"), {.greater_than = 0.0});
    const auto part = read_nested(reader, component, component_path, depth + 1);
    if (!weight || !part) {
      ok = false;
      continue;
    }
    parts.push_back(*part);
    weights.push_back(*weight);
  }
  if (!ok) return std::nullopt;
  return sim::Distribution::mixture(std::move(parts), weights);
}

std::optional<sim::Distribution> read_nested(const YamlReader& reader, const YAML::Node& node,
                                             const std::string& path, int depth) {
  reader.visit(node, path);
  if (!node.IsMap() || !node["dist"]) {
    reader.error(node, path,
                 fmt::format("expected a distribution such as {{dist: exponential, mean: 5, unit: "
                             "days}}, got {}",
                             describe_node(node)));
    return std::nullopt;
  }
  const auto kind = reader.text(node["dist"], join_path(path, "dist"));
  if (!kind) return std::nullopt;
  if (std::find(kinds().begin(), kinds().end(), *kind) == kinds().end()) {
    const std::string suggestion = closest_match(*kind, kinds());
    reader.error(node["dist"], join_path(path, "dist"),
                 suggestion.empty()
                     ? fmt::format("unknown distribution '{}'; expected one of: {}", *kind,
                                   fmt::join(kinds(), ", "))
                     : fmt::format("unknown distribution '{}'; did you mean '{}'?", *kind, suggestion));
    return std::nullopt;
  }
  const bool is_mixture = *kind == "mixture";
  // A mixture's components carry their own time units; a unit on the mixture
  // itself would be silently ignored, so it is not accepted (the schema's
  // 'unit' applies to every kind but mixture).
  reader.check_map(node, path, known_keys_when("@distribution", *kind));
  double scale = 1.0;
  if (!is_mixture) {
    if (!node["unit"]) {
      reader.error(node, join_path(path, "unit"),
                   fmt::format("missing key 'unit': the time unit of this {} distribution "
                               "(minutes, hours, days or weeks)",
                               *kind));
      return std::nullopt;
    }
    const auto unit = reader.text(node["unit"], join_path(path, "unit"));
    if (!unit) return std::nullopt;
    const auto found = days_per_unit().find(*unit);
    if (found == days_per_unit().end()) {
      reader.error(node["unit"], join_path(path, "unit"),
                   fmt::format("unknown time unit '{}'; expected minutes, hours, days or weeks", *unit));
      return std::nullopt;
    }
    scale = found->second;
  }
  auto distribution = read_kind(reader, node, path, *kind, scale, depth);
  if (!distribution) return std::nullopt;
  if (const auto reason = unsamplable_reason(*distribution)) {
    reader.error(node, path,
                 fmt::format("{} days cannot be sampled: {}; parameters this extreme are not a "
                             "length of stay",
                             distribution->describe(), *reason));
    return std::nullopt;
  }
  return distribution;
}

}  // namespace

bool is_distribution_node(const YAML::Node& node) { return node.IsMap() && node["dist"]; }

std::optional<sim::Distribution> read_distribution(const YamlReader& reader, const YAML::Node& node,
                                                   const std::string& path) {
  return read_nested(reader, node, path, 0);
}

}  // namespace flowsim::scenario
