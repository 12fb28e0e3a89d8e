#!/usr/bin/env python3
"""tools/docs/schema_docs.py passes on the docs as committed and fails when a
generated key table or a shipped JSON Schema drifts from the scenario schema;
'update' puts them right. Runs on a copy of docs/, never on the source tree."""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

SOURCE = pathlib.Path(os.environ["FLOWSIM_SOURCE_DIR"])
BINARY = os.environ["FLOWSIM_BINARY"]
SCRIPT = SOURCE / "tools" / "docs" / "schema_docs.py"
FILES = ["scenario_reference.md", "flowsim.schema.json", "flowsim.overlay.schema.json"]


def run(mode, root):
    return subprocess.run([sys.executable, str(SCRIPT), mode, "--flowsim", BINARY, "--root", str(root)],
                          capture_output=True, text=True)


def fresh_copy(tmp):
    root = pathlib.Path(tmp) / "tree"
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs").mkdir(parents=True)
    for name in FILES:
        shutil.copy(SOURCE / "docs" / name, root / "docs" / name)
    return root


def expect(condition, message):
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        root = fresh_copy(tmp)
        result = run("check", root)
        expect(result.returncode == 0, f"the committed docs should agree: {result.stderr}")

        reference = root / "docs" / "scenario_reference.md"
        text = reference.read_text(encoding="utf-8")
        row = "| `horizon_days` | number | yes |"
        expect(row in text, "the run table should list horizon_days")
        reference.write_text(text.replace(row, "| `horizon_days` | text | yes |"), encoding="utf-8")
        result = run("check", root)
        expect(result.returncode == 1 and "scenario_reference.md" in result.stderr,
               f"an edited table should be reported: {result.returncode} {result.stderr}")
        expect(run("update", root).returncode == 0, "update should succeed")
        expect(run("check", root).returncode == 0, "update should put the table right")

        root = fresh_copy(tmp)
        schema = root / "docs" / "flowsim.overlay.schema.json"
        schema.write_text(schema.read_text(encoding="utf-8").replace('"overlay"', '"overlays"'), encoding="utf-8")
        result = run("check", root)
        expect(result.returncode == 1 and "flowsim.overlay.schema.json" in result.stderr,
               f"a drifted JSON Schema should be reported: {result.stderr}")
    print("schema_docs.py reports drift and repairs it")


if __name__ == "__main__":
    main()
