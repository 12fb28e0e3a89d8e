#include "tools/report/html_page.hpp"

#include <fmt/format.h>

#include "tools/report/text_format.hpp"
#include "tools/report/web_bundles.hpp"

namespace flowsim::report {

namespace {

// JSON inside <script>: '<' as \u003c, so no "</script>" or "<!--" can end
// or confuse the element (JSON allows the escape anywhere in a string).
std::string script_safe_json(const charts::Spec& spec) {
  const std::string text = spec.dump();
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

constexpr const char* kStyle = R"css(
body { font-family: Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1120px; color: #222; font-size: 15px; line-height: 1.45; padding: 0 16px; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 19px; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 16px; margin-top: 24px; }
div.chart { margin: 12px 0 20px 0; }
table { border-collapse: collapse; font-size: 13.5px; margin: 8px 0; }
td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th.section { background: #f0f0f0; font-size: 14px; }
.ci { color: #666; font-size: 12px; } .note { background: #fff3cd; padding: 8px; }
.answer { background: #eef5fb; border-left: 4px solid #1f5fa8; padding: 10px 14px; font-size: 16px; }
.answer li { margin: 4px 0; }
code { font-size: 12.5px; } svg.diagram { max-width: 100%; height: auto; }
#vg-tooltip-element { font-size: 13px; }
)css";

// Draws every chart with vega-embed, counts the data marks each drew
// (window.flowsimViews keeps the views for the browser test), and reports
// a chart that fails or draws nothing on the console and in the status line.
constexpr const char* kRenderScript = R"js(
(function () {
  var status = document.getElementById('render-status');
  var views = window.flowsimViews = {};
  function dataMarks(node) {
    var count = node.role === 'mark' && node.marktype !== 'group' ? node.items.length : 0;
    (node.items || []).forEach(function (item) {
      (item.items || []).forEach(function (child) { count += dataMarks(child); });
    });
    return count;
  }
  var charts = Array.prototype.slice.call(document.querySelectorAll('div.chart'));
  window.flowsimReportReady = Promise.all(charts.map(function (div) {
    var name = div.getAttribute('data-chart');
    var spec = JSON.parse(document.getElementById(div.id + '-spec').textContent);
    return vegaEmbed(div, spec, {actions: false, renderer: 'svg', mode: 'vega-lite', tooltip: {theme: 'light'}})
      .then(function (result) {
        views[name] = result.view;
        var marks = dataMarks(result.view.scenegraph().root);
        div.setAttribute('data-marks', String(marks));
        if (marks === 0) console.error('flowsim report: chart ' + name + ' drew no marks');
        return marks > 0;
      })
      .catch(function (error) {
        console.error('flowsim report: chart ' + name + ' failed: ' + error);
        return false;
      });
  })).then(function (drawn) {
    var rendered = drawn.filter(Boolean).length;
    status.setAttribute('data-rendered', String(rendered));
    status.textContent = 'Charts drawn: ' + rendered + ' of ' + charts.length + '.';
    return rendered;
  });
})();
)js";

}  // namespace

void HtmlPage::heading(const std::string& text) { body_ += "<h2>" + escape_html(text) + "</h2>\n"; }

void HtmlPage::subheading(const std::string& text) { body_ += "<h3>" + escape_html(text) + "</h3>\n"; }

void HtmlPage::paragraph(const std::string& html, const std::string& css_class) {
  body_ += (css_class.empty() ? "<p>" : "<p class=\"" + css_class + "\">") + html + "</p>\n";
}

void HtmlPage::raw(const std::string& html) { body_ += html + "\n"; }

void HtmlPage::chart(const std::string& name, const charts::Spec& spec) {
  const std::string id = fmt::format("chart-{}", ++charts_);
  body_ +=
      fmt::format("<div class=\"chart\" id=\"{}\" data-chart=\"{}\"></div>\n", id, escape_html(name));
  body_ += fmt::format("<script type=\"application/json\" id=\"{}-spec\">{}</script>\n", id,
                       script_safe_json(spec));
}

std::string HtmlPage::render() const {
  std::string libraries;
  std::string versions;
  for (const auto& bundle : web_bundles()) {
    libraries += fmt::format("<script data-library=\"{}\">\n", bundle.package);
    libraries += bundle.script;
    libraries += "\n</script>\n";
    versions += fmt::format("{}{} {}", versions.empty() ? "" : ", ", bundle.package, bundle.version);
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>{0}</title>\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<style>{1}</style>\n{2}</head>\n"
      "<body data-expected-charts=\"{3}\">\n<h1>{0}</h1>\n{4}"
      "<p id=\"render-status\" class=\"ci\" data-rendered=\"pending\">Charts: drawing...</p>\n"
      "<p class=\"ci\">Charts drawn in this page by {5}, embedded: the file opens offline. Hover a mark "
      "for its "
      "values; drag or scroll a time series to zoom, double-click to reset.</p>\n"
      "<script>{6}</script>\n</body></html>\n",
      escape_html(title_), kStyle, libraries, charts_, body_, versions, kRenderScript);
}

}  // namespace flowsim::report
