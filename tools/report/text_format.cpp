#include "tools/report/text_format.hpp"

#include <cmath>

#include <fmt/format.h>

namespace flowsim::report {

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string grouped(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const auto point = digits.find('.');
  std::string whole = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point);
  for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3)
    whole.insert(static_cast<std::size_t>(at), ",");
  const bool negative = value < 0 && std::stod(digits) != 0.0;
  return (negative ? "-" : "") + whole + fraction;
}

std::string as_percent(double fraction, int decimals) {
  return grouped(100.0 * fraction, decimals) + "%";
}

std::string as_gbp_m(double pounds, int decimals) {
  const std::string amount = grouped(std::fabs(pounds) / 1e6, decimals);
  return (pounds < 0 && amount != grouped(0.0, decimals) ? "-GBP " : "GBP ") + amount + "m";
}

std::string with_interval(const std::string& mean, const std::string& low, const std::string& high) {
  return mean + " <span class=\"ci\">(" + low + " to " + high + ")</span>";
}

std::string joined_in_words(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i)
    text += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return text;
}

std::string html_table(const std::vector<std::string>& headers,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table><thead><tr>";
  for (const auto& h : headers) out += "<th>" + escape_html(h) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& c : row) out += "<td>" + c + "</td>";
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace flowsim::report
