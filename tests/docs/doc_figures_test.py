#!/usr/bin/env python3
"""The checker of quoted figures (tools/docs/doc_figures.py) on a small fixture: it passes on
the fixture as generated, and fails on a figure changed by hand (a number outside its CI, a
table line), on a missing marker and on a command that fails; and that a markdown table of
means passes while each quoted mean lies within its fresh CI and fails once one does not, and
that a command's input file must be shown verbatim. Run by ctest as docs_checker,
with FLOWSIM_BINARY and FLOWSIM_SOURCE_DIR set."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ["FLOWSIM_SOURCE_DIR"]
BINARY = os.environ["FLOWSIM_BINARY"]
SCRIPT = os.path.join(SOURCE, "tools", "docs", "doc_figures.py")
FIXTURE = os.path.join(SOURCE, "tests", "docs", "fixture")

sys.path.insert(0, os.path.dirname(SCRIPT))
import doc_figures  # noqa: E402


def checker(docs_root):
    return subprocess.run([sys.executable, SCRIPT, "check", "--flowsim", BINARY, "--root", SOURCE,
                           "--docs-root", docs_root], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, check=False)


class CheckerOnFixture(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="doc-figures-test-")
        self.copy = os.path.join(self.scratch, "fixture")
        shutil.copytree(FIXTURE, self.copy)
        self.readme = os.path.join(self.copy, "README.md")
        with open(self.readme, encoding="utf-8") as f:
            self.text = f.read()

    def tearDown(self):
        shutil.rmtree(self.scratch)

    def write(self, text):
        with open(self.readme, "w", encoding="utf-8") as f:
            f.write(text)

    def test_the_fixture_as_generated_passes(self):
        done = checker(self.copy)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("4 quoted figures agree", done.stdout)

    def test_a_number_changed_outside_its_ci_fails(self):
        quoted = doc_figures.quoted_figures(self.text)["fixture_ward_occupancy"]
        changed = f"{float(quoted) + 0.5:.2f}"
        self.write(self.text.replace(f"-->{quoted}<!--", f"-->{changed}<!--"))
        done = checker(self.copy)
        self.assertEqual(done.returncode, 1)
        self.assertIn("figure fixture_ward_occupancy: quoted " + changed + ", outside the 95% CI", done.stderr)

    def test_a_changed_table_line_fails(self):
        self.assertIn("0.444 (C)", self.text)
        self.write(self.text.replace("0.444 (C)", "0.445 (C)"))
        done = checker(self.copy)
        self.assertEqual(done.returncode, 1)
        self.assertIn("figure fixture_check_table: quoted", done.stderr)

    def test_a_missing_marker_fails(self):
        self.write(self.text.replace("figure:fixture_ward_occupancy", "figure:renamed"))
        done = checker(self.copy)
        self.assertEqual(done.returncode, 1)
        self.assertIn("the marker of figure fixture_ward_occupancy is missing", done.stderr)

    def test_a_failing_command_fails(self):
        manifest_path = os.path.join(self.copy, "docs", "figures.json")
        manifest = doc_figures.load_manifest(manifest_path)
        manifest["commands"]["fixture_check"]["run"] = "flowsim check scenarios/no_such_file.yaml"
        doc_figures.save_manifest(manifest_path, manifest)
        done = checker(self.copy)
        self.assertEqual(done.returncode, 1)
        self.assertIn("exited with code 2", done.stderr)


    def test_a_block_between_two_patterns_is_checked_line_by_line(self):
        self.assertIn("18.0 ± 0.9", self.text)
        self.write(self.text.replace("18.0 ± 0.9", "18.1 ± 0.9", 1))
        done = checker(self.copy)
        self.assertEqual(done.returncode, 1)
        self.assertIn("figure fixture_compare_lines: quoted", done.stderr)

    def test_a_table_mean_within_its_ci_passes_and_one_outside_fails(self):
        row = next(line for line in self.text.splitlines() if line.startswith("| one_more_bed |"))
        cell = row.split("|")[3].strip()  # time at or above 92%: "mean (low-high)"
        mean, low = float(cell.split()[0]), float(cell.split("(")[1].split("-")[0])
        inside = row.replace(cell, f"{(mean + low) / 2:.1f}" + cell[len(cell.split()[0]):])
        self.write(self.text.replace(row, inside))
        done = checker(self.copy)
        self.assertEqual(done.returncode, 0, done.stderr)
        outside = row.replace(cell, f"{low - 1:.1f}" + cell[len(cell.split()[0]):])
        self.write(self.text.replace(row, outside))
        done = checker(self.copy)
        self.assertEqual(done.returncode, 1)
        self.assertIn("figure fixture_compare_table: row 'one_more_bed', column 2: quoted", done.stderr)
        self.assertIn("outside the 95% CI", done.stderr)

    def test_an_input_file_not_shown_as_run_fails(self):
        self.assertIn("    to: 4\nYAML", self.text)
        self.write(self.text.replace("    to: 4\nYAML", "    to: 5\nYAML"))
        done = checker(self.copy)
        self.assertEqual(done.returncode, 1)
        self.assertIn("the input file one_more_bed.yaml is not shown verbatim in README.md", done.stderr)


class CheckFigure(unittest.TestCase):
    def test_a_number_within_the_ci_after_rounding_passes(self):
        figure = {"name": "x"}
        self.assertIsNone(doc_figures.check_figure(figure, "2.0", 2.01, [1.96, 2.04], "2.01"))
        self.assertIsNone(doc_figures.check_figure(figure, "1,402", 1402.2, [1402.4, 1403], "1,402"))
        self.assertIsNotNone(doc_figures.check_figure(figure, "2.1", 2.01, [1.96, 2.04], "2.01"))

    def test_an_exact_figure_must_match(self):
        self.assertIsNone(doc_figures.check_figure({"name": "x"}, " 1097", None, None, "1097"))
        self.assertIsNotNone(doc_figures.check_figure({"name": "x"}, "1096", None, None, "1097"))


class QuotedOutputOfAnotherProgram(unittest.TestCase):
    FIGURE = {"name": "x", "source": {"contains": []}}
    QUOTED = "0   unit.ae.occupancy_mean  31.254681  0.015314  ..."

    def test_it_passes_while_it_shows_every_value_and_fails_when_one_is_missing(self):
        self.assertIsNone(doc_figures.check_figure(self.FIGURE, self.QUOTED, ["31.254681", "0.015314"], None, None))
        reason = doc_figures.check_figure(self.FIGURE, self.QUOTED, ["31.254682", "0.015314"], None, None)
        self.assertIn("lacks 31.254682", reason)


class ConsoleLines(unittest.TestCase):
    CONSOLE = "header\nfirst\nsecond in 1.23 s\nthird\nlast\n"

    def test_between_two_patterns_with_replacements_and_appended_lines(self):
        source = {"between": ["^first", "^third"], "replace": [[" in [0-9.]+ s", " in ... s"]], "append": ["..."]}
        self.assertEqual(doc_figures.console_lines(source, self.CONSOLE),
                         ["first", "second in ... s", "third", "..."])

    def test_a_missing_start_or_end_is_an_error(self):
        with self.assertRaises(doc_figures.FigureError):
            doc_figures.console_lines({"between": ["^nothing", "^last"]}, self.CONSOLE)
        with self.assertRaises(doc_figures.FigureError):
            doc_figures.console_lines({"between": ["^third", "^header"]}, self.CONSOLE)


class CheckTable(unittest.TestCase):
    TABLE = "| a | x |\n|---|---|\n| r | 2.0 (1.8-2.2) |\n| s | 100.0 |"

    def test_cells_within_their_cis(self):
        self.assertIsNone(doc_figures.check_table(self.TABLE.replace("2.0 (1.8-2.2)", "2.2 (2.0-2.4)"), self.TABLE))
        self.assertIsNotNone(doc_figures.check_table(self.TABLE.replace("2.0 (1.8-2.2)", "2.3 (2.1-2.5)"), self.TABLE))

    def test_a_cell_without_a_ci_must_be_the_same_and_rows_must_match(self):
        self.assertIsNotNone(doc_figures.check_table(self.TABLE.replace("100.0", "99.9"), self.TABLE))
        self.assertIsNotNone(doc_figures.check_table(self.TABLE.replace("| s |", "| t |"), self.TABLE))


if __name__ == "__main__":
    unittest.main(verbosity=2)
