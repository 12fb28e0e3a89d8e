#include "tools/experiments/compare_money.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace flowsim::tools {

namespace {

using Json = nlohmann::ordered_json;

// Less than a pound a year: the same staffed capacity on both sides.
constexpr double kNoMoney = 1.0;
// A change in patients served smaller than this share of the baseline's is
// end-of-run noise (a few patients still waiting when the run stops).
constexpr double kServedMateriality = 0.001;

// The fall from baseline to variant: -(variant - baseline), CI reversed.
MoneyInterval saving(const sim::Summary& difference) {
  return {-difference.mean, -difference.high(), -difference.low()};
}

MoneyInterval plain(const sim::Summary& difference) {
  return {difference.mean, difference.low(), difference.high()};
}

bool clear(const MoneyInterval& m) { return m.low > 0.0 || m.high < 0.0; }

std::string millions(double gbp) { return fmt::format("{:.2f}", gbp / 1e6); }

std::string with_ci(const MoneyInterval& m) {
  return fmt::format("GBP {} m a year (95% CI {} to {})", millions(std::abs(m.mean)),
                     millions(m.mean < 0.0 ? -m.high : m.low), millions(m.mean < 0.0 ? -m.low : m.high));
}

std::string explain(const MoneyAnswer& a, const std::string& baseline) {
  std::string text;
  const auto& cash = a.cash_releasing;
  if (std::abs(cash.mean) < kNoMoney && std::abs(cash.low) < kNoMoney && std::abs(cash.high) < kNoMoney)
    text += "No staffed capacity closes or opens, so no cash is released. ";
  else if (cash.mean > 0.0)
    text += fmt::format("Staffed capacity closes: {} of cash released. ", with_ci(cash));
  else text += fmt::format("Staffed capacity opens: {} more to pay. ", with_ci(cash));
  const auto& beds = a.non_cash_releasing;
  if (!clear(beds))
    text += "Variable costs (occupied bed-days, admissions, visits) show no clear difference. ";
  else if (beds.mean > 0.0 && a.served_fewer_patients)
    text += fmt::format(
        "Variable costs (occupied bed-days, admissions, visits) fall by {}, because "
        "fewer patients got in: no budget falls. ",
        with_ci(beds));
  else if (beds.mean > 0.0)
    text += fmt::format(
        "{} of occupied bed-days, admissions and visits are freed while the capacity "
        "stays staffed: room to treat other patients, not a budget that falls. ",
        with_ci(beds));
  else
    text += fmt::format("Variable costs (occupied bed-days, admissions, visits) rise by {}. ",
                        with_ci(beds));
  const auto& unserved = a.unserved;
  if (clear(unserved))
    text += unserved.mean < 0.0
                ? fmt::format(
                      "More demand goes unserved (waiting at the door, turned away, left waiting), "
                      "costed at {}. ",
                      with_ci(unserved))
                : fmt::format("Less demand goes unserved, worth {}. ", with_ci(unserved));
  if (a.served_fewer_patients) {
    // Said of the side that costs less before unserved demand is counted.
    const bool variant_fewer = a.served_difference.mean < 0.0;
    const double sign = variant_fewer ? -1.0 : 1.0;
    text += fmt::format(
        "{} served {:.0f} fewer patients than {} (95% CI {:.0f} to {:.0f}): part of its "
        "lower cost is patients not treated, not a saving. ",
        variant_fewer ? a.variant : baseline, sign * a.served_difference.mean,
        variant_fewer ? baseline : a.variant,
        std::min(sign * a.served_difference.low, sign * a.served_difference.high),
        std::max(sign * a.served_difference.low, sign * a.served_difference.high));
  }
  text += "Savings are baseline minus variant, positive when the variant costs less.";
  return text;
}

Json interval_json(const MoneyInterval& m) {
  return Json{{"mean", m.mean}, {"ci95_low", m.low}, {"ci95_high", m.high}};
}

}  // namespace

std::vector<MoneyAnswer> money_answers(const std::vector<std::string>& labels,
                                       const std::vector<ComparisonRow>& rows) {
  std::map<std::pair<std::string, std::size_t>, const ComparisonRow*> by_key;
  for (const auto& row : rows) by_key[{row.metric, row.scenario}] = &row;
  const auto difference = [&by_key](const std::string& metric, std::size_t s) -> const sim::Summary* {
    const auto it = by_key.find({metric, s});
    return it == by_key.end() || !it->second->difference ? nullptr : &it->second->difference->paired;
  };
  std::vector<MoneyAnswer> answers;
  for (std::size_t s = 1; s < labels.size(); ++s) {
    const auto* fixed = difference("cost.fixed_gbp_per_year", s);
    const auto* variable = difference("cost.variable_gbp_per_year", s);
    const auto* unserved = difference("cost.unserved_gbp_per_year", s);
    const auto* served = difference("cost.patients_served", s);
    const auto base_served = by_key.find({"cost.patients_served", 0});
    if (!fixed || !variable || !unserved || !served || base_served == by_key.end()) continue;
    MoneyAnswer a;
    a.variant = labels[s];
    a.cash_releasing = saving(*fixed);
    a.non_cash_releasing = saving(*variable);
    a.unserved = saving(*unserved);
    a.served_difference = plain(*served);
    a.served_baseline = base_served->second->value.mean;
    // The cheaper side before unserved demand is counted, and whether it
    // served fewer patients, beyond doubt and beyond end-of-run noise.
    const bool variant_cheaper = a.cash_releasing.mean + a.non_cash_releasing.mean > 0.0;
    const bool material = std::abs(a.served_difference.mean) > kServedMateriality * a.served_baseline;
    a.served_fewer_patients =
        material && (variant_cheaper ? a.served_difference.high < 0.0 : a.served_difference.low > 0.0);
    a.explanation = explain(a, labels.front());
    answers.push_back(std::move(a));
  }
  return answers;
}

Json money_json(const MoneyAnswer& a) {
  Json json;
  json["variant"] = a.variant;
  json["cash_releasing_gbp_per_year"] = interval_json(a.cash_releasing);
  json["non_cash_releasing_gbp_per_year"] = interval_json(a.non_cash_releasing);
  json["unserved_gbp_per_year"] = interval_json(a.unserved);
  json["patients_served_difference"] = interval_json(a.served_difference);
  json["served_fewer_patients"] = a.served_fewer_patients;
  json["explanation"] = a.explanation;
  return json;
}

std::string format_money(const MoneyAnswer& a, const std::string& baseline_label) {
  const auto line = [](const char* what, const MoneyInterval& m) {
    return fmt::format("  {:<58} {:>8} ({} to {})\n", what, millions(m.mean), millions(m.low),
                       millions(m.high));
  };
  std::string out = fmt::format("\nMoney, {} vs {}: saving in GBP million a year (paired 95% CI)\n",
                                a.variant, baseline_label);
  out += line("cash-releasing (staffed capacity that closes)", a.cash_releasing);
  out += line("non-cash-releasing (bed-days freed, capacity still staffed)", a.non_cash_releasing);
  out += line("unserved demand (waiting, turned away, left waiting)", a.unserved);
  // The explanation, wrapped for the console.
  std::string paragraph = "  ";
  std::size_t width = 2;
  std::string word;
  const auto flush = [&] {
    if (word.empty()) return;
    if (width + word.size() + 1 > 100) {
      paragraph += "\n  ";
      width = 2;
    } else if (width > 2) {
      paragraph += ' ';
      ++width;
    }
    paragraph += word;
    width += word.size();
    word.clear();
  };
  for (const char c : a.explanation) {
    if (c == ' ') flush();
    else word += c;
  }
  flush();
  return out + paragraph + "\n";
}

}  // namespace flowsim::tools
