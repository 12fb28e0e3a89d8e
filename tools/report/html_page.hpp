#pragma once
// One self-contained report.html: text, tables and charts (Vega-Lite
// specifications from tools/report/charts, drawn in the browser by the
// embedded Vega libraries). Nothing is fetched when the page opens.
#include <string>
#include <vector>

#include "tools/report/charts/chart_specs.hpp"

namespace flowsim::report {

class HtmlPage {
 public:
  explicit HtmlPage(std::string title) : title_(std::move(title)) {}

  void heading(const std::string& text);     // h2
  void subheading(const std::string& text);  // h3
  void paragraph(const std::string& html, const std::string& css_class = "");
  void raw(const std::string& html);
  // A chart; 'name' identifies it for the browser test (unique in the page).
  void chart(const std::string& name, const charts::Spec& spec);

  [[nodiscard]] std::size_t chart_count() const { return charts_; }
  [[nodiscard]] std::string render() const;
  // The sections alone, without the page around them or the libraries
  // (flowsim serve draws them inside its own page).
  [[nodiscard]] const std::string& body() const { return body_; }

 private:
  std::string title_;
  std::string body_;
  std::size_t charts_ = 0;
};

}  // namespace flowsim::report
