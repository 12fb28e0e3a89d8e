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

Commands are run from a scratch directory in which 'scenarios' points at the repository's,
so the paths quoted in the documents work as written and nothing is written into the sources;
the word 'flowsim' at the start of a command is the binary given by --flowsim.
Python 3 standard library only.
"""
import argparse
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
        node = node[key]
    return node


def measure(figure, stdout, scratch):
    """(value, ci or None, text) of a figure from a command's results."""
    source = figure["source"]
    scale = source.get("scale", 1.0)
    if "lines" in source:  # a block of console lines, quoted verbatim (but for 'replace')
        pattern = re.compile(source["lines"])
        lines = [line.rstrip() for line in stdout.splitlines() if pattern.search(line)]
        for old, new in source.get("replace", []):
            lines = [re.sub(old, new, line) for line in lines]
        text = "\n```\n" + "\n".join(lines) + "\n```\n"
        return None, None, text
    if "stdout" in source:  # a deterministic answer printed on the console
        match = re.search(source["stdout"], stdout, re.M)
        if not match:
            raise FigureError(f"{figure['name']}: no match for /{source['stdout']}/ in the console output")
        if source.get("verbatim"):
            return None, None, match.group(source.get("group", 1))
        value = float(match.group(source.get("group", 1)).replace(",", "")) * scale
        ci = None
    else:  # a summary: mean with its 95% CI
        node = read_json_key(scratch, source)
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
    if ci is None:
        if quoted.strip() != text.strip():
            return f"quoted {quoted.strip()!r}, the command now gives {text.strip()!r}"
        return None
    try:
        number = parse_number(quoted)
    except ValueError:
        return f"quoted {quoted!r} is not a number"
    # The CI of the fresh run, widened by half a unit of the last quoted digit (rounding).
    decimals = len(quoted.strip().split(".")[1]) if "." in quoted else 0
    slack = 0.5 * 10 ** -decimals
    low, high = ci[0] - slack, ci[1] + slack
    if not low <= number <= high:
        return f"quoted {quoted.strip()}, outside the 95% CI {ci[0]:.6g} to {ci[1]:.6g} (mean {value:.6g})"
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


def run_all(manifest, args, use_check_commands):
    """Runs each command once; returns {figure name: (value, ci, text)} and the failures."""
    results, failures, timings = {}, [], []
    by_command = {}
    for figure in checked_figures(manifest, use_check_commands):
        if "derive" not in figure:
            by_command.setdefault(figure["command"], []).append(figure)
    for name, figures in by_command.items():
        spec = manifest["commands"][name]
        command = spec["run"]
        if use_check_commands and "check" in spec:
            command = with_recorded_values(spec["check"], manifest)
        with tempfile.TemporaryDirectory(prefix="flowsim-docs-") as scratch:
            try:
                stdout, seconds = run_command(command, args.flowsim, args.root, scratch)
                timings.append((seconds, command))
                for figure in figures:
                    results[figure["name"]] = measure(figure, stdout, scratch)
            except (FigureError, OSError, KeyError, ValueError) as e:
                failures.append(f"command {name}: {e}")
    for figure in checked_figures(manifest, use_check_commands):
        if "derive" in figure:
            try:
                results[figure["name"]] = derive(figure, results)
            except (KeyError, NameError, TypeError, SyntaxError) as e:
                failures.append(f"figure {figure['name']}: cannot derive {figure['derive']!r}: {e}")
    for seconds, command in timings:
        print(f"  {seconds:7.1f} s  {command}")
    return results, failures


def derive(figure, results):
    """A figure computed from others ("derive": "1097 - size_2020_acute"): arithmetic on
    their values only, so that a sentence such as "203 of the 243 beds" follows its inputs."""
    values = {name: value for name, (value, _, _) in results.items() if value is not None}
    value = eval(figure["derive"], {"__builtins__": {}}, values)  # names and arithmetic only
    return value, None, format(value, figure.get("format", "g"))


def regenerate(manifest, args):
    results, failures = run_all(manifest, args, use_check_commands=False)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    for doc in documents(manifest):
        path = os.path.join(args.docs_root, doc)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        found = quoted_figures(text)
        for figure in manifest["figures"]:
            if figure["doc"] != doc:
                continue
            if figure["name"] not in found:
                print(f"{doc}: no marker for figure {figure['name']}", file=sys.stderr)
                return 1
            value, ci, new_text = results[figure["name"]]
            figure["value"], figure["ci"], figure["text"] = value, ci, new_text.strip()
        text = MARKER.sub(lambda m: f"<!-- figure:{m.group(1)} -->{results[m.group(1)][2]}<!-- /figure -->"
                          if m.group(1) in results else m.group(0), text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    save_manifest(args.manifest, manifest)
    print(f"{len(results)} figures regenerated in {len(documents(manifest))} documents")
    return 0


def check(manifest, args):
    failures = []
    quoted = {}
    for doc in documents(manifest):
        with open(os.path.join(args.docs_root, doc), encoding="utf-8") as f:
            for name, text in quoted_figures(f.read()).items():
                quoted[name] = (doc, text)
    for figure in manifest["figures"]:
        if figure["name"] not in quoted:
            failures.append(f"{figure['doc']}: the marker of figure {figure['name']} is missing")
    reduced = not args.full
    results, run_failures = run_all(manifest, args, use_check_commands=reduced)
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
