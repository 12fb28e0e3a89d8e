#pragma once
// The Coxian phase-type distribution: a stay passes through phases in
// order; phase i lasts an exponential time with mean phase_means[i], after
// which the stay continues to phase i + 1 with probability continuing[i] and
// otherwise ends (the last phase always ends it). With 2 or 3 phases it
// spans the short-stay/long-stay shapes of lengths of stay (a two-phase
// Coxian is a hyperexponential when its continuing probability is below 1)
// and the less variable ones of an Erlang.
//
// In matrix terms the stay is the absorption time of a Markov chain started
// in phase 1 (alpha = e1) with sub-generator T, upper bidiagonal: T(i,i) =
// -r_i, T(i,i+1) = p_i r_i, r_i = 1 / phase_means[i]. Then S(t) = alpha
// exp(T t) 1, f(t) = -alpha exp(T t) T 1 and E[X^k] = k! alpha (-T)^-k 1.
#include <array>
#include <cstddef>

namespace flowsim::sim {

// More phases than this are not identifiable from lengths of stay and would
// only slow sampling; the scenario reader rejects them.
inline constexpr std::size_t kMaxCoxianPhases = 5;

struct Coxian {
  std::size_t phases = 1;
  std::array<double, kMaxCoxianPhases> phase_means{};
  // continuing[i]: probability of going on from phase i to phase i + 1; only
  // the first phases - 1 are used.
  std::array<double, kMaxCoxianPhases> continuing{};
};

struct CoxianPoint {
  double survival = 1.0;  // S(t)
  double density = 0.0;   // f(t)
  double tail = 0.0;      // H(t): integral of S from t to infinity
};

// S, f and H at t >= 0 of one Coxian, for evaluating at many points (a
// likelihood): distinct rates take the spectral form, a sum of exponentials
// whose coefficients are worked out once here (then three exp() calls a
// point for three phases); near-equal rates, where that form cancels, take
// the matrix exponential.
class CoxianEvaluator {
 public:
  explicit CoxianEvaluator(const Coxian& d);
  [[nodiscard]] CoxianPoint at(double t) const;

 private:
  Coxian d_;
  std::size_t reachable_ = 1;
  bool spectral_ = false;
  std::array<double, kMaxCoxianPhases> rates_{};
  std::array<double, kMaxCoxianPhases> weights_{};  // a_i in S(t) = sum_i a_i exp(-r_i t)
};

// One point: CoxianEvaluator(d).at(t).
[[nodiscard]] CoxianPoint coxian_at(const Coxian& d, double t);
// The same through the matrix exponential always (the reference for tests).
[[nodiscard]] CoxianPoint coxian_at_by_matrix(const Coxian& d, double t);
[[nodiscard]] double coxian_mean(const Coxian& d);
// E[X^2] = 2 alpha T^-2 1.
[[nodiscard]] double coxian_second_moment(const Coxian& d);
// x with P(X <= x) = u: safeguarded Newton on the cdf.
[[nodiscard]] double coxian_quantile(const Coxian& d, double u);

}  // namespace flowsim::sim
