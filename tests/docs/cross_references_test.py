#!/usr/bin/env python3
"""Cross-references in README.md and docs/*.md lead where they say: every "section N" of the
scenario reference (and "scenario_reference.md N", "scenario reference N" elsewhere) is one of its
numbered headings, "FILE.md section N" names a document that exists and has that heading, and
every link to "#anchor" or "FILE.md#anchor" is the anchor of one of the target's headings. Run by
ctest as docs_cross_references, with FLOWSIM_SOURCE_DIR set."""
import glob
import os
import re
import unittest

SOURCE = os.environ.get("FLOWSIM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DOCS = os.path.join(SOURCE, "docs")
REFERENCE = "scenario_reference.md"

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
SECTION = re.compile(r"\bsections? (\d+(?:\.\d+)?)")
REFERENCE_SECTION = re.compile(r"(?:scenario_reference\.md|scenario reference) (?:section )?(\d+(?:\.\d+)?)\b")
FILE_SECTION = re.compile(r"\b([\w-]+\.md) section (\d+(?:\.\d+)?)")
LINK = re.compile(r"\]\(([^()\s]*?)#([^()\s]+)\)")


def prose_lines(path):
    """(line number, text) of the lines outside fenced code blocks, except YAML comments in them
    (a scenario example may point at a section in a comment)."""
    inside = False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.lstrip().startswith("```"):
                inside = not inside
                continue
            if not inside or "#" in line:
                yield number, line


def headings(path):
    inside = False
    found = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("```"):
                inside = not inside
            elif not inside:
                match = HEADING.match(line)
                if match:
                    found.append(match.group(2))
    return found


def section_numbers(path):
    return {m.group(1) for m in (NUMBERED.match(h) for h in headings(path)) if m}


def anchor(heading):
    """GitHub's anchor of a heading: lower case, punctuation other than '-' and '_' dropped,
    spaces as '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.lower())
    return text.replace(" ", "-")


def anchors(path):
    seen, result = {}, set()
    for heading in headings(path):
        base = anchor(heading)
        count = seen.get(base, 0)
        result.add(base if count == 0 else f"{base}-{count}")
        seen[base] = count + 1
    return result


def documents():
    return [os.path.join(SOURCE, "README.md")] + sorted(glob.glob(os.path.join(DOCS, "*.md")))


class CrossReferences(unittest.TestCase):
    def test_the_scenario_reference_s_sections_exist(self):
        path = os.path.join(DOCS, REFERENCE)
        numbers = section_numbers(path)
        missing = [f"{REFERENCE}:{n}: section {s}" for n, line in prose_lines(path)
                   for s in SECTION.findall(line) if s not in numbers]
        self.assertEqual(missing, [])

    def test_references_to_the_scenario_reference_from_other_documents_exist(self):
        numbers = section_numbers(os.path.join(DOCS, REFERENCE))
        missing = [f"{os.path.basename(doc)}:{n}: {s}" for doc in documents() for n, line in prose_lines(doc)
                   for s in REFERENCE_SECTION.findall(line) if s not in numbers]
        self.assertEqual(missing, [])

    def test_a_section_of_a_named_document_exists(self):
        missing = []
        for doc in documents():
            for n, line in prose_lines(doc):
                for name, section in FILE_SECTION.findall(line):
                    target = os.path.join(DOCS, name)
                    if not os.path.exists(target) or section not in section_numbers(target):
                        missing.append(f"{os.path.basename(doc)}:{n}: {name} section {section}")
        self.assertEqual(missing, [])

    def test_links_to_anchors_resolve(self):
        broken = []
        for doc in documents():
            for n, line in prose_lines(doc):
                for target, fragment in LINK.findall(line):
                    if target.startswith("http"):
                        continue
                    path = os.path.normpath(os.path.join(os.path.dirname(doc), target)) if target else doc
                    if not os.path.exists(path) or fragment not in anchors(path):
                        broken.append(f"{os.path.basename(doc)}:{n}: {target}#{fragment}")
        self.assertEqual(broken, [])

    def test_no_document_calls_a_shipped_command_not_yet_wired(self):
        stale = [f"{os.path.basename(doc)}:{n}" for doc in documents() for n, line in prose_lines(doc)
                 if "not yet wired" in line.lower()]
        self.assertEqual(stale, [])


class AnchorRule(unittest.TestCase):
    def test_github_anchors(self):
        self.assertEqual(anchor("9.4 Costs"), "94-costs")
        self.assertEqual(anchor("Beds that can close: `--size-unit` and `--size-target`"),
                         "beds-that-can-close---size-unit-and---size-target")

    def test_a_wrong_section_is_found(self):
        self.assertNotIn("17", section_numbers(os.path.join(DOCS, REFERENCE)))
        self.assertIn("13.2", section_numbers(os.path.join(DOCS, REFERENCE)))


if __name__ == "__main__":
    unittest.main(verbosity=2)
