#!/usr/bin/env python3
"""Figures quoted in README.md and docs/*.md, regenerated and checked by running their commands.

A quoted figure sits between markers in a document:

    ... needs <!-- figure:size_2020_acute -->1,097<!-- /figure --> beds ...

and has an entry in the manifest (docs/figures.json) naming the command that produces it and
where the figure is read from (a JSON result file or the console output), or an arithmetic
expression of other figures ("derive"). Two subcommands:

  regenerate  run every command and rewrite each figure in place, and the manifest with it
              (the value, its 95% CI when it has one, and the text as quoted);
  check       run every command (its cheaper exact check where it has one; --full: as
              quoted) and fail when a command fails (exit code other than 0), when a figure
              with a CI lies outside the CI the command now gives, or when a figure without
              one (a deterministic answer: a capacity, a table) differs from what the command
              now prints.

A figure is read as one number (a JSON key, a console match, a CSV column's largest or smallest
value, a file's size), a verbatim block of console lines ("lines", optionally cut to the lines
"between" two patterns), or a markdown table whose cells are several scenarios' means with
their CIs from one result file ("table"). The quoted
output of another program that reads flowsim's results (the Python or R binding's print-out) is
checked, never rewritten: it must show the values listed in "contains", formatted as given.
A command may bring small input files ("files", written into its scratch directory; each must
appear verbatim in the document that quotes the command, so the file shown is the file run),
and its cheaper check may be several commands (a list), read with a figure's "check_source"
where it differs.

Commands are run from a scratch directory in which 'scenarios' points at the repository's,
so the paths quoted in the documents work as written and nothing is written into the sources;
the word 'flowsim' at the start of a command is the binary given by --flowsim.
Python 3 standard library only.
"""
import argparse
import csv
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

MARKER = re.compile(r"<!-- figure:([A-Za-z0-9_.-]+) -->(.*?)<!-- /figure -->", re.S)


class FigureError(Exception):
    pass


def load_manifest(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save_manifest(path, manifest):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")


def quoted_figures(text):
    """{name: quoted text} of every marked figure in a document."""
    return {m.group(1): m.group(2) for m in MARKER.finditer(text)}


def run_command(command, flowsim, root, scratch):
    """Runs one command line as a user would type it; returns (stdout, seconds)."""
    words = shlex.split(command)
    if words and words[0] == "flowsim":
        words[0] = flowsim
    link = os.path.join(scratch, "scenarios")
    if not os.path.lexists(link):
        os.symlink(os.path.join(root, "scenarios"), link)
    started = time.monotonic()
    done = subprocess.run(words, cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, check=False)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise FigureError(f"'{command}' exited with code {done.returncode}:\n{done.stderr[-2000:]}")
    return done.stdout, seconds


def read_json_key(scratch, source):
    path = os.path.join(scratch, source["json"])
    with open(path, encoding="utf-8") as f:
        node = json.load(f)
    for key in source["key"]:
        if isinstance(key, dict):  # the item of a list whose fields have these values
            node = next(item for item in node if all(item.get(k) == v for k, v in key.items()))
        else:
            node = node[key]
    return node


def console_lines(source, stdout):
    """The console lines a "lines" figure quotes: those between its two patterns (inclusive)
    when it gives "between", then those matching "lines" when it gives that."""
    lines = [line.rstrip() for line in stdout.splitlines()]
    if "between" in source:
        start, end = (re.compile(pattern) for pattern in source["between"])
        first = next((i for i, line in enumerate(lines) if start.search(line)), None)
        if first is None:
            raise FigureError(f"no line matches /{source['between'][0]}/ in the console output")
        last = next((i for i in range(first, len(lines)) if end.search(lines[i])), None)
        if last is None:
            raise FigureError(f"no line after /{source['between'][0]}/ matches /{source['between'][1]}/")
        lines = lines[first:last + 1]
    if "lines" in source:
        pattern = re.compile(source["lines"])
        lines = [line for line in lines if pattern.search(line)]
    for old, new in source.get("replace", []):
        lines = [re.sub(old, new, line) for line in lines]
    return lines + source.get("append", [])


def table_cell(node, column):
    """'mean (low-high)' of one scenario's metric, or the mean alone when its CI rounds to it."""
    scale, spec = column.get("scale", 1.0), column.get("format", ".1f")
    mean, low, high = (format(node[key] * scale, spec) for key in ("mean", "ci95_low", "ci95_high"))
    return mean if low == mean == high else f"{mean} ({low}-{high})"


def measure_table(source, scratch):
    """A markdown table: a row per scenario, a column per metric, from one result file."""
    with open(os.path.join(scratch, source["json"]), encoding="utf-8") as f:
        metrics = json.load(f)["metrics"]
    rows = list(source["header"])
    for label, scenario in source["rows"]:
        cells = [table_cell(metrics[column["metric"]][scenario], column) for column in source["columns"]]
        rows.append("| " + " | ".join([label] + cells) + " |")
    return "\n" + "\n".join(rows) + "\n"


def measure_csv(source, scratch):
    with open(os.path.join(scratch, source["csv"]), encoding="utf-8", newline="") as f:
        values = [float(row[source["column"]]) for row in csv.DictReader(f)
                  if all(row.get(key) == wanted for key, wanted in source.get("where", {}).items())]
    if not values:
        raise FigureError(f"no rows of {source['csv']} match {source.get('where', {})}")
    return {"max": max, "min": min}[source["aggregate"]](values)


def measure(figure, stdout, scratch, source=None):
    """(value, ci or None, text) of a figure from a command's results."""
    source = source or figure["source"]
    scale = source.get("scale", 1.0)
    if "table" in source:
        return None, None, measure_table(source["table"], scratch)
    if "contains" in source:  # output of another program (a binding's print-out): the values it must show
        return [format(read_json_key(scratch, {"json": source["json"], "key": item["key"]}), item["format"])
                for item in source["contains"]], None, None
    if "lines" in source or "between" in source:  # console lines, quoted verbatim (but for 'replace')
        return None, None, "\n```\n" + "\n".join(console_lines(source, stdout)) + "\n```\n"
    if "file_size" in source:  # bytes of a file the command wrote (a report)
        value, ci = os.path.getsize(os.path.join(scratch, source["file_size"])) * scale, None
    elif "csv" in source:  # the largest or smallest value in a column of a CSV file's chosen rows
        value, ci = measure_csv(source, scratch) * scale, None
    elif "stdout" in source:  # a deterministic answer printed on the console
        match = re.search(source["stdout"], stdout, re.M)
        if not match:
            raise FigureError(f"{figure['name']}: no match for /{source['stdout']}/ in the console output")
        if source.get("verbatim"):
            return None, None, match.group(source.get("group", 1))
        value = float(match.group(source.get("group", 1)).replace(",", "")) * scale
        ci = None
    elif "keys" in source:  # the largest or smallest of several summaries' means
        means = [read_json_key(scratch, {"json": source["json"], "key": key})["mean"] for key in source["keys"]]
        value, ci = {"max": max, "min": min}[source["aggregate"]](means) * scale, None
    else:  # a summary: mean with its 95% CI
        node = read_json_key(scratch, source)
        if not isinstance(node, dict):  # a plain number (a variance reduction, a count)
            node = {"mean": node}
        value = node[source.get("stat", "mean")] * scale
        ci = None
        if source.get("ci", True) and "ci95_low" in node:
            ci = sorted([node["ci95_low"] * scale, node["ci95_high"] * scale])
    return value, ci, format(value, figure.get("format", "g"))


def parse_number(text):
    cleaned = re.sub(r"[,%£\s]", "", text)
    return float(cleaned)


def check_figure(figure, quoted, value, ci, text):
    """None when the quoted text agrees with the fresh result, else the reason."""
    if "contains" in figure.get("source", {}):
        missing = [shown for shown in value if shown not in quoted]
        return (f"the quoted output lacks {', '.join(missing)}: run its command again and paste what it prints"
                if missing else None)
    if ci is None:
        if quoted.strip() == text.strip():
            return None
        if "table" in figure.get("source", {}):
            return check_table(quoted, text)
        return f"quoted {quoted.strip()!r}, the command now gives {text.strip()!r}"
    try:
        number = parse_number(quoted)
    except ValueError:
        return f"quoted {quoted!r} is not a number"
    return check_number(quoted, number, value, ci)


def check_number(quoted, number, value, ci):
    # The CI of the fresh run, widened by half a unit of the last quoted digit (rounding).
    decimals = len(quoted.strip().split(".")[1]) if "." in quoted else 0
    slack = 0.5 * 10 ** -decimals
    low, high = ci[0] - slack, ci[1] + slack
    if not low <= number <= high:
        return f"quoted {quoted.strip()}, outside the 95% CI {ci[0]:.6g} to {ci[1]:.6g} (mean {value:.6g})"
    return None


TABLE_CELL = re.compile(r"^\s*(-?[0-9.,]+)(?:\s*\((-?[0-9.,]+)-(-?[0-9.,]+)\))?\s*$")


def check_table(quoted, text):
    """A table agrees when it has the same rows and columns and each quoted mean lies within the
    fresh 95% CI of its cell (a cell without a CI must be the same)."""
    def cells(table):
        return [[cell.strip() for cell in line.strip().strip("|").split("|")]
                for line in table.strip().splitlines() if line.strip().startswith("|")]
    old, new = cells(quoted), cells(text)
    if len(old) != len(new) or any(len(a) != len(b) or a[0] != b[0] for a, b in zip(old, new)):
        return "the table's rows or columns differ from what the command now gives"
    for old_row, new_row in zip(old, new):
        for column, (was, now) in enumerate(zip(old_row, new_row)):
            if was == now:
                continue
            quoted_match, fresh_match = TABLE_CELL.match(was), TABLE_CELL.match(now)
            if not quoted_match or not fresh_match:
                return f"row {old_row[0]!r}, column {column}: quoted {was!r}, the command now gives {now!r}"
            mean = parse_number(fresh_match.group(1))
            ci = [parse_number(fresh_match.group(g) or fresh_match.group(1)) for g in (2, 3)]
            reason = check_number(quoted_match.group(1), parse_number(quoted_match.group(1)), mean, ci)
            if reason:
                return f"row {old_row[0]!r}, column {column}: {reason}"
    return None


def with_recorded_values(command, manifest):
    """A check command with each {expression} replaced by its value from the figures recorded
    in the manifest ("--range {size_2020_acute - 1}:{size_2020_acute}")."""
    values = {figure["name"]: figure["value"] for figure in manifest["figures"]
              if figure.get("value") is not None}

    def value(match):
        result = eval(match.group(1), {"__builtins__": {}}, values)  # names and arithmetic only
        return format(result, ".0f") if float(result).is_integer() else str(result)
    return re.sub(r"\{([^{}]+)\}", value, command)


def checked_figures(manifest, reduced):
    """The figures a run covers. A command may have a cheaper "check" command that gives some
    of its figures exactly (a sizing search confined by --range to the two capacities either
    side of the quoted answer: with common random numbers each capacity's evaluation is the
    same whatever the search's path); its other figures are marked "full_only" and are
    checked only by 'check --full' and rewritten by 'regenerate'."""
    if not reduced:
        return list(manifest["figures"])
    return [figure for figure in manifest["figures"] if not figure.get("full_only")]


def documents(manifest):
    return sorted({figure["doc"] for figure in manifest["figures"]})


def command_lines(spec, manifest, use_check_commands):
    """The command lines a run of one manifest command executes, in order."""
    if use_check_commands and "check" in spec:
        checks = spec["check"] if isinstance(spec["check"], list) else [spec["check"]]
        return [with_recorded_values(check, manifest) for check in checks]
    return [spec["run"]]


def write_input_files(spec, scratch):
    for file_name, text in spec.get("files", {}).items():
        with open(os.path.join(scratch, file_name), "w", encoding="utf-8") as f:
            f.write(text)


READ_ERRORS = (FigureError, OSError, KeyError, IndexError, TypeError, ValueError, StopIteration)


def run_one(name, figures, manifest, args, use_check_commands, timings, failures):
    """Runs one manifest command (its check commands, in one scratch directory) and reads its
    figures; a figure's "check_source" (with "part": which check command's console) is used
    instead of its "source" when the check commands run."""
    spec = manifest["commands"][name]
    results = {}
    with tempfile.TemporaryDirectory(prefix="flowsim-docs-") as scratch:
        write_input_files(spec, scratch)
        outputs = []
        for command in command_lines(spec, manifest, use_check_commands):
            stdout, seconds = run_command(command, args.flowsim, args.root, scratch)
            timings.append((seconds, command))
            outputs.append(stdout)
        checking = use_check_commands and "check" in spec
        for figure in figures:
            source = figure.get("check_source") if checking else None
            stdout = outputs[source.get("part", 0)] if source else outputs[0]
            try:
                results[figure["name"]] = measure(figure, stdout, scratch, source)
            except READ_ERRORS as e:
                failures.append(f"figure {figure['name']}: cannot read it from '{name}': {e!r}")
    return results


def run_all(manifest, args, use_check_commands, only=None):
    """Runs each command once (those named in 'only', when given); returns {figure name:
    (value, ci, text)} and the failures. Derived figures use the values recorded in the
    manifest for figures whose commands were not run."""
    results, failures, timings = {}, [], []
    by_command = {}
    for figure in checked_figures(manifest, use_check_commands):
        if "derive" not in figure and (only is None or figure["command"] in only):
            by_command.setdefault(figure["command"], []).append(figure)
    for name, figures in by_command.items():
        try:
            results.update(run_one(name, figures, manifest, args, use_check_commands, timings, failures))
        except READ_ERRORS as e:
            failures.append(f"command {name}: {e}")
    recorded = {figure["name"]: (figure.get("value"), figure.get("ci"), figure.get("text"))
                for figure in manifest["figures"] if only is not None and "derive" not in figure}
    for figure in checked_figures(manifest, use_check_commands):
        if "derive" in figure:
            try:
                results[figure["name"]] = derive(figure, {**recorded, **results})
            except (KeyError, NameError, TypeError, SyntaxError) as e:
                failures.append(f"figure {figure['name']}: cannot derive {figure['derive']!r}: {e}")
    for seconds, command in timings:
        print(f"  {seconds:7.1f} s  {command}")
    return results, failures


def check_input_files(manifest, texts):
    """Each input file a command brings must be shown verbatim in a document quoting it."""
    failures = []
    for name, spec in manifest["commands"].items():
        docs = {figure["doc"] for figure in manifest["figures"] if figure.get("command") == name}
        for file_name, text in spec.get("files", {}).items():
            if not any(text in texts[doc] for doc in docs):
                failures.append(f"command {name}: the input file {file_name} is not shown verbatim in "
                                f"{', '.join(sorted(docs))}")
    return failures


def derive(figure, results):
    """A figure computed from others ("derive": "1097 - size_2020_acute"): arithmetic on
    their values only, so that a sentence such as "203 of the 243 beds" follows its inputs."""
    values = {name: value for name, (value, _, _) in results.items() if value is not None}
    value = eval(figure["derive"], {"__builtins__": {}}, values)  # names and arithmetic only
    return value, None, format(value, figure.get("format", "g"))


def missing_markers(manifest, args):
    found = {}
    for doc in documents(manifest):
        with open(os.path.join(args.docs_root, doc), encoding="utf-8") as f:
            found[doc] = quoted_figures(f.read())
    return [f"{figure['doc']}: the marker of figure {figure['name']} is missing"
            for figure in manifest["figures"] if figure["name"] not in found[figure["doc"]]]


def regenerate(manifest, args):
    only = set(args.only.split(",")) if args.only else None
    unknown = sorted((only or set()) - set(manifest["commands"]))
    if unknown:
        print(f"--only: no such command in the manifest: {', '.join(unknown)}", file=sys.stderr)
        return 2
    missing = missing_markers(manifest, args)
    if missing:  # found before anything runs
        print("\n".join(missing), file=sys.stderr)
        return 1
    results, failures = run_all(manifest, args, use_check_commands=False, only=only)
    # The figures whose commands succeeded are rewritten even when others failed, so that a long
    # regeneration is not lost to one failing command; the failures are listed and the exit code is 1.
    for doc in documents(manifest):
        path = os.path.join(args.docs_root, doc)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for figure in manifest["figures"]:
            if figure["doc"] != doc:
                continue
            if figure["name"] not in results:
                continue
            value, ci, new_text = results[figure["name"]]
            if new_text is None:  # quoted output of another program: checked, never rewritten
                reason = check_figure(figure, quoted_figures(text)[figure["name"]], value, ci, None)
                if reason:
                    failures.append(f"{doc}: figure {figure['name']}: {reason}")
                figure["value"], figure["ci"], figure["text"] = value, None, None
                continue
            figure["value"], figure["ci"], figure["text"] = value, ci, new_text.strip()
        text = MARKER.sub(lambda m: f"<!-- figure:{m.group(1)} -->{results[m.group(1)][2]}<!-- /figure -->"
                          if results.get(m.group(1), (0, 0, None))[2] is not None else m.group(0), text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    save_manifest(args.manifest, manifest)
    print(f"{len(results)} figures regenerated in {len(documents(manifest))} documents")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


def check(manifest, args):
    failures = []
    quoted = {}
    texts = {}
    for doc in documents(manifest):
        with open(os.path.join(args.docs_root, doc), encoding="utf-8") as f:
            texts[doc] = f.read()
        for name, text in quoted_figures(texts[doc]).items():
            quoted[name] = (doc, text)
    failures += check_input_files(manifest, texts)
    for figure in manifest["figures"]:
        if figure["name"] not in quoted:
            failures.append(f"{figure['doc']}: the marker of figure {figure['name']} is missing")
    listed = {figure["name"] for figure in manifest["figures"]}
    failures += [f"{doc}: figure {name} is marked but not in the manifest"
                 for name, (doc, _) in sorted(quoted.items()) if name not in listed]
    reduced = not args.full
    only = set(args.only.split(",")) if args.only else None
    results, run_failures = run_all(manifest, args, use_check_commands=reduced, only=only)
    failures += run_failures
    skipped = len(manifest["figures"]) - len(checked_figures(manifest, reduced))
    if skipped:
        print(f"{skipped} figures are checked only with --full (their commands' cheaper checks do not give them)")
    for figure in checked_figures(manifest, reduced):
        name = figure["name"]
        if name not in quoted or name not in results:
            continue
        doc, text = quoted[name]
        reason = check_figure(figure, text, *results[name])
        if reason:
            failures.append(f"{doc}: figure {name}: {reason} "
                            f"(run tools/docs/doc_figures.py regenerate, or fix the text)")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print(f"{len(results)} quoted figures agree with their commands")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["regenerate", "check"])
    parser.add_argument("--flowsim", default="build/tools/flowsim", help="the flowsim binary")
    parser.add_argument("--root", default=".", help="the repository (its scenarios/ are used)")
    parser.add_argument("--docs-root", help="where the documents named in the manifest are (default: --root)")
    parser.add_argument("--manifest", help="default: DOCS_ROOT/docs/figures.json")
    parser.add_argument("--only", help="only the figures of these manifest commands (comma-separated; "
                        "derived figures follow, from the values recorded for the others)")
    parser.add_argument("--full", action="store_true",
                        help="check: run the commands as quoted, not their cheaper exact checks")
    args = parser.parse_args()
    args.root = os.path.abspath(args.root)
    args.flowsim = os.path.abspath(args.flowsim)
    args.docs_root = os.path.abspath(args.docs_root or args.root)
    args.manifest = args.manifest or os.path.join(args.docs_root, "docs", "figures.json")
    manifest = load_manifest(args.manifest)
    started = time.monotonic()
    status = regenerate(manifest, args) if args.action == "regenerate" else check(manifest, args)
    print(f"{args.action}: {time.monotonic() - started:.1f} s end to end")
    return status


if __name__ == "__main__":
    sys.exit(main())
