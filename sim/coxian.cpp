#include "sim/coxian.hpp"

#include <algorithm>
#include <cmath>

namespace flowsim::sim {

namespace {

using Vector = std::array<double, kMaxCoxianPhases>;
using Matrix = std::array<Vector, kMaxCoxianPhases>;

// The phases a stay can reach: those after a continuing probability of 0
// never start, and leaving them out keeps the spectral form well defined.
std::size_t reachable_phases(const Coxian& d) {
  std::size_t n = 1;
  while (n < d.phases && d.continuing[n - 1] > 0.0) ++n;
  return n;
}

double continuing(const Coxian& d, std::size_t n, std::size_t i) {
  return i + 1 < n ? d.continuing[i] : 0.0;
}

// Expected time still to come from the start of phase i, alpha-free: the
// vector m = (-T)^-1 1, by back substitution (T is upper bidiagonal).
Vector remaining_means(const Coxian& d, std::size_t n) {
  Vector m{};
  for (std::size_t k = n; k-- > 0;)
    m[k] = d.phase_means[k] + (k + 1 < n ? d.continuing[k] * m[k + 1] : 0.0);
  return m;
}

CoxianPoint point_from_phases(const Coxian& d, std::size_t n, const Vector& in_phase) {
  const Vector m = remaining_means(d, n);
  CoxianPoint p{0.0, 0.0, 0.0};
  for (std::size_t i = 0; i < n; ++i) {
    p.survival += in_phase[i];
    p.density += in_phase[i] * (1.0 - continuing(d, n, i)) / d.phase_means[i];
    p.tail += in_phase[i] * m[i];
  }
  return p;
}

Matrix multiply(const Matrix& a, const Matrix& b, std::size_t n) {
  // Upper triangular factors give an upper triangular product.
  Matrix c{};
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = i; k < n; ++k)
      for (std::size_t j = k; j < n; ++j) c[i][j] += a[i][k] * b[k][j];
  return c;
}

// exp(T t) by scaling and squaring with a Taylor polynomial: T t / 2^s has
// norm at most 1/2, where 18 terms leave an error below 1e-22. Every entry
// of exp(T h) is non-negative, so the squarings add no cancellation.
Matrix exponential(const Coxian& d, std::size_t n, double t) {
  Matrix a{};
  double norm = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double rate_t = t / d.phase_means[i];
    a[i][i] = -rate_t;
    if (i + 1 < n) a[i][i + 1] = d.continuing[i] * rate_t;
    norm = std::max(norm, 2.0 * rate_t);
  }
  // At most 2000 squarings: beyond that (a norm above 2^1999, or infinite
  // from extreme parameters) the result is NaN, which the scenario reader
  // refuses as unsamplable, rather than an undefined conversion.
  const int squarings =
      norm > 0.5 ? static_cast<int>(std::min(2000.0, std::ceil(std::log2(norm / 0.5)))) : 0;
  const double shrink = std::ldexp(1.0, -squarings);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i; j < n; ++j) a[i][j] *= shrink;
  Matrix sum{};
  Matrix term{};
  for (std::size_t i = 0; i < n; ++i) sum[i][i] = term[i][i] = 1.0;
  for (int k = 1; k <= 18; ++k) {
    term = multiply(term, a, n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i; j < n; ++j) {
        term[i][j] /= k;
        sum[i][j] += term[i][j];
      }
  }
  for (int s = 0; s < squarings; ++s) sum = multiply(sum, sum, n);
  return sum;
}

// Rates closer than this (relative) make the spectral coefficients cancel
// to worse than about 1e-10; those take the matrix exponential.
constexpr double kDistinctRates = 1e-3;

bool rates_distinct(const Coxian& d, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double a = d.phase_means[i], b = d.phase_means[j];
      if (std::abs(a - b) <= kDistinctRates * std::max(a, b)) return false;
    }
  return true;
}

}  // namespace

CoxianPoint coxian_at_by_matrix(const Coxian& d, double t) {
  const std::size_t n = reachable_phases(d);
  const Matrix e = exponential(d, n, std::max(t, 0.0));
  return point_from_phases(d, n, e[0]);
}

CoxianEvaluator::CoxianEvaluator(const Coxian& d)
    : d_(d), reachable_(reachable_phases(d)), spectral_(rates_distinct(d, reachable_)) {
  if (!spectral_) return;
  // A stay ending after phase k (probability q_k) is a sum of k + 1
  // exponentials, whose survival with distinct rates is
  // sum_{i <= k} exp(-r_i t) prod_{j <= k, j != i} r_j / (r_j - r_i).
  const std::size_t n = reachable_;
  for (std::size_t i = 0; i < n; ++i) rates_[i] = 1.0 / d.phase_means[i];
  double reach = 1.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double ends_here = reach * (1.0 - continuing(d, n, k));
    for (std::size_t i = 0; i <= k; ++i) {
      double c = ends_here;
      for (std::size_t j = 0; j <= k; ++j)
        if (j != i) c *= rates_[j] / (rates_[j] - rates_[i]);
      weights_[i] += c;
    }
    reach *= continuing(d, n, k);
  }
}

CoxianPoint CoxianEvaluator::at(double t) const {
  if (!spectral_) return coxian_at_by_matrix(d_, t);
  t = std::max(t, 0.0);
  CoxianPoint p{0.0, 0.0, 0.0};
  for (std::size_t i = 0; i < reachable_; ++i) {
    const double term = weights_[i] * std::exp(-rates_[i] * t);
    p.survival += term;
    p.density += term * rates_[i];
    p.tail += term / rates_[i];
  }
  p.survival = std::clamp(p.survival, 0.0, 1.0);
  p.density = std::max(p.density, 0.0);
  p.tail = std::max(p.tail, 0.0);
  return p;
}

CoxianPoint coxian_at(const Coxian& d, double t) { return CoxianEvaluator(d).at(t); }

double coxian_mean(const Coxian& d) { return remaining_means(d, reachable_phases(d))[0]; }

double coxian_second_moment(const Coxian& d) {
  // w = (-T)^-1 m with m = (-T)^-1 1, by the same back substitution.
  const std::size_t n = reachable_phases(d);
  const Vector m = remaining_means(d, n);
  Vector w{};
  for (std::size_t k = n; k-- > 0;)
    w[k] = d.phase_means[k] * m[k] + (k + 1 < n ? d.continuing[k] * w[k + 1] : 0.0);
  return 2.0 * w[0];
}

double coxian_quantile(const Coxian& d, double u) {
  // Solve S(x) = 1 - u. Bracket by doubling from the mean, then Newton steps
  // on the cdf, bisecting whenever a step leaves the bracket.
  const double target = 1.0 - u;
  if (!(target < 1.0)) return 0.0;
  const CoxianEvaluator evaluator(d);
  double low = 0.0;
  double high = std::max(coxian_mean(d), 1e-300);
  for (int i = 0; i < 2100 && evaluator.at(high).survival > target; ++i) {
    low = high;
    high *= 2.0;
  }
  // Bisection falls back on the geometric mean (on big steps down from
  // high while low is 0), so that a root many orders of magnitude below the
  // mean (extreme phase means) is reached in a few dozen steps.
  const auto split = [&low, &high] {
    if (low > 0.0 && high > 4.0 * low) return std::sqrt(low) * std::sqrt(high);
    if (low == 0.0 && high > 1e-290) return high * 0x1p-32;
    return 0.5 * (low + high);
  };
  double x = split();
  for (int i = 0; i < 400; ++i) {
    const CoxianPoint p = evaluator.at(x);
    const double excess = p.survival - target;  // > 0: x is below the root
    (excess > 0.0 ? low : high) = x;
    if (excess == 0.0) return x;
    double next = p.density > 0.0 ? x + excess / p.density : split();
    if (!(next > low && next < high)) next = split();
    if (std::abs(next - x) <= 1e-15 * x || high - low <= 1e-15 * high) return next;
    x = next;
  }
  return x;
}

}  // namespace flowsim::sim
