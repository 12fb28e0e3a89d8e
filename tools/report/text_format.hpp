#pragma once
// Words and numbers as a planner reads them in the report: HTML-escaped
// text, percentages as %, money as GBP m, intervals in brackets.
#include <string>
#include <vector>

namespace flowsim::report {

[[nodiscard]] std::string escape_html(const std::string& text);
// 1234.5 -> "1,234.5" with the given decimals.
[[nodiscard]] std::string grouped(double value, int decimals = 1);
// 0.912 -> "91.2%".
[[nodiscard]] std::string as_percent(double fraction, int decimals = 1);
// 219400000 -> "GBP 219.4m".
[[nodiscard]] std::string as_gbp_m(double pounds, int decimals = 1);
// "mean (low to high)" with the CI in a muted span.
[[nodiscard]] std::string with_interval(const std::string& mean, const std::string& low,
                                        const std::string& high);
// "first, second and third".
[[nodiscard]] std::string joined_in_words(const std::vector<std::string>& items);
// HTML table; cells are HTML (escape them first), headers are text.
[[nodiscard]] std::string html_table(const std::vector<std::string>& headers,
                                     const std::vector<std::vector<std::string>>& rows);

}  // namespace flowsim::report
