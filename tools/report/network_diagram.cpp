// The pathway network at the head of the report: network.dot drawn by
// Graphviz (dot -Tsvg) and inlined as SVG; a note instead when Graphviz is
// missing or fails, so the rest of the report is still written.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "tools/report/report_sections.hpp"

namespace flowsim::report {

namespace {

namespace fs = std::filesystem;

// Runs 'command' and returns its standard output; nullopt when it fails.
std::optional<std::string> output_of(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return std::nullopt;
  std::string out;
  char buffer[65536];
  while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe.get()))
    out.append(buffer, got);
  const int status = pclose(pipe.release());
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

std::string quoted_for_shell(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

void add_network_diagram(HtmlPage& page, const ResultFiles& files) {
  if (!files.network_dot) return;
  page.heading("Pathway network");
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    std::cerr << "flowsim report: graphviz is not installed, so the report has no pathway diagram "
                 "(apt-get install graphviz)\n";
    page.paragraph(
        "The pathway diagram needs Graphviz: <code>apt-get install graphviz</code>, then run "
        "<code>flowsim report</code> again. The DOT source is network.dot.",
        "note");
    return;
  }
  const auto svg = output_of(
      "dot -Tsvg " + quoted_for_shell((files.directory / "network.dot").string()) + " 2>/dev/null");
  const auto start = svg ? svg->find("<svg") : std::string::npos;
  if (start == std::string::npos) {
    std::cerr << "flowsim report: dot could not draw network.dot\n";
    page.paragraph("Graphviz could not draw network.dot.", "note");
    return;
  }
  // The SVG element itself, without the XML prolog and doctype, inline.
  std::string element = svg->substr(start);
  element.insert(
      4, " class=\"diagram\" data-chart=\"network\" role=\"img\" aria-label=\"Pathway network\"");
  page.raw("<div class=\"diagram\">" + element + "</div>");
}

}  // namespace flowsim::report
