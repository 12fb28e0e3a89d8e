#pragma once
// The money answer of flowsim compare, for each variant against the
// baseline, as NHS finance reads it (models/cost_report.hpp):
//  - cash-releasing: the fall in fixed cost, staffed capacity that closes;
//  - non-cash-releasing: the fall in variable cost, bed-days freed while the
//    beds stay staffed and paid for (they can treat other patients, but no
//    budget falls);
//  - unserved: the fall in the cost of demand left unserved (waiting at the
//    door, turned away, left waiting when the run ends).
// Each is a saving (baseline - variant, GBP a year, positive when the variant
// costs less) with its paired 95% CI, and the answer says when the cheaper
// side (by fixed + variable cost) served fewer patients (cost.patients_served).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/experiments/comparison.hpp"

namespace flowsim::tools {

struct MoneyInterval {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};

struct MoneyAnswer {
  std::string variant;
  MoneyInterval cash_releasing;        // GBP a year saved
  MoneyInterval non_cash_releasing;    // GBP a year saved
  MoneyInterval unserved;              // GBP a year saved
  MoneyInterval served_difference;     // patients served, variant - baseline, over the measured period
  double served_baseline = 0.0;        // mean patients served by the baseline
  bool served_fewer_patients = false;  // the cheaper side (fixed + variable) served fewer
  std::string explanation;
};

// One answer per variant (labels[1..]) whose rows carry the cost metrics'
// paired differences; none when they are missing.
[[nodiscard]] std::vector<MoneyAnswer> money_answers(const std::vector<std::string>& labels,
                                                     const std::vector<ComparisonRow>& rows);

// {"variant", "cash_releasing_gbp_per_year": {"mean","ci95_low","ci95_high"},
//  "non_cash_releasing_gbp_per_year", "unserved_gbp_per_year",
//  "patients_served_difference", "served_fewer_patients", "explanation"}
[[nodiscard]] nlohmann::ordered_json money_json(const MoneyAnswer& answer);

// The console block: the three figures in GBP million a year with their
// CIs, then the explanation in plain English.
[[nodiscard]] std::string format_money(const MoneyAnswer& answer, const std::string& baseline_label);

}  // namespace flowsim::tools
