#!/usr/bin/env python3
"""Keeps the generated parts of the docs in step with the scenario schema
(models/scenario/scenario_schema.cpp):

- each key table of docs/*.md (scenario_reference.md, sweeps_and_clusters.md) between
  '<!-- schema: SECTION -->' and '<!-- /schema -->' is the output of
  'flowsim schema --markdown SECTION' (SECTION '(top)': the top-level keys);
- docs/flowsim.schema.json and docs/flowsim.overlay.schema.json are the
  outputs of 'flowsim schema' and 'flowsim schema --overlay'.

'check' exits 1 and names every part that drifted; 'update' rewrites them.
"""
import argparse
import pathlib
import re
import subprocess
import sys

BLOCK = re.compile(r"(<!-- schema: (?P<section>[^ ]*) -->\n)(?P<body>.*?)(<!-- /schema -->)", re.S)
TOP = "(top)"  # the section name of the top-level keys


def flowsim(binary, *args):
    return subprocess.run([binary, "schema", *args], check=True, capture_output=True, text=True).stdout


def generated_reference(binary, text):
    """The reference with every marked table regenerated, and the sections seen."""
    sections = []

    def table(match):
        sections.append(match["section"])
        section = "" if match["section"] == TOP else match["section"]
        return match.group(1) + flowsim(binary, "--markdown", section) + match.group(4)

    return BLOCK.sub(table, text), sections


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["check", "update"])
    parser.add_argument("--flowsim", required=True, help="the flowsim binary")
    parser.add_argument("--root", required=True, help="the source tree")
    args = parser.parse_args()
    docs = pathlib.Path(args.root) / "docs"
    wanted = {}
    sections = []
    for page in sorted(docs.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        new_text, found = generated_reference(args.flowsim, text)
        if found:
            wanted[page] = new_text
            sections += found
    wanted[docs / "flowsim.schema.json"] = flowsim(args.flowsim)
    wanted[docs / "flowsim.overlay.schema.json"] = flowsim(args.flowsim, "--overlay")
    if not sections:
        print(f"{docs}: no '<!-- schema: SECTION -->' tables found", file=sys.stderr)
        return 1
    drifted = [path for path, content in wanted.items()
               if not path.exists() or path.read_text(encoding="utf-8") != content]
    if args.mode == "update":
        for path in drifted:
            path.write_text(wanted[path], encoding="utf-8")
            print(f"updated {path}")
        return 0
    for path in drifted:
        print(f"{path} differs from the scenario schema; run: tools/docs/schema_docs.py update "
              f"--flowsim BUILD/tools/flowsim --root .", file=sys.stderr)
    if not drifted:
        print(f"{len(sections)} key tables and 2 JSON Schemas agree with the scenario schema")
    return 1 if drifted else 0


if __name__ == "__main__":
    sys.exit(main())
