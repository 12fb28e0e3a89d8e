"""Loading scenarios: from a file, YAML text or a dict, with overlays."""
import json
import os
import warnings
from typing import NamedTuple

from . import _flowsim


class Diagnostic(NamedTuple):
    """One error in the input, where it is and what was expected."""

    file: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    key_path: str
    message: str
    text: str  # as the command line prints it

    def __str__(self):
        return self.text


class ScenarioError(ValueError):
    """The scenario (or an overlay) is invalid; .diagnostics lists every error."""

    def __init__(self, what, diagnostics, text):
        self.diagnostics = [Diagnostic(*d) for d in diagnostics]
        self.text = text  # every error, as the command line prints them
        count = len(self.diagnostics)
        super().__init__(f"{count} error{'' if count == 1 else 's'} in {what}:\n{text}")


class FlowsimError(RuntimeError):
    """A command failed or refused to run; .exit_code is the command line's."""

    def __init__(self, message, exit_code):
        self.exit_code = exit_code
        super().__init__(message)


def _source_of(source):
    """(path, text, name): a path-like or one-line string is a file; a string
    with a line break is YAML text; a dict is written as JSON (which is YAML)."""
    if isinstance(source, dict):
        return "", json.dumps(source, indent=2) + "\n", "<dict>"
    if isinstance(source, os.PathLike):
        return os.fspath(source), "", ""
    if isinstance(source, str):
        if "\n" in source:
            return "", source, "<text>"
        return source, "", ""
    raise TypeError("a scenario is a file path, YAML text or a dict, "
                    f"not {type(source).__name__}")


def load(source, overlays=()):
    """The scenario in 'source' (a file path, YAML text or a dict) with the
    overlay files in 'overlays' applied in order, checked as `flowsim
    validate` checks it. Raises ScenarioError listing every error."""
    if isinstance(source, _flowsim.Scenario):
        if overlays:
            raise TypeError("overlays apply to a file, YAML text or a dict, not to a loaded scenario")
        return source
    if isinstance(overlays, (str, os.PathLike)):
        overlays = [overlays]
    overlay_paths = [os.fspath(p) for p in overlays]
    path, text, name = _source_of(source)
    scenario, errors, errors_text = _flowsim.load(path, text, name, overlay_paths)
    if scenario is None:
        what = path or name
        if overlay_paths:
            what += " with " + ", ".join(overlay_paths)
        raise ScenarioError(what, errors, errors_text)
    for warning in scenario.warnings:
        warnings.warn(f"{scenario.source_name}: {warning}", stacklevel=2)
    return scenario


def scenario_file(scenario, directory):
    """A file the command line can read for 'scenario': its own file when it
    has no overlays, else its effective YAML written into 'directory'."""
    if scenario.path and not scenario.overlays:
        return scenario.path
    name = os.path.splitext(os.path.basename(scenario.path or "scenario"))[0]
    if scenario.overlays:
        name += "".join("+" + os.path.splitext(os.path.basename(p))[0] for p in scenario.overlays)
    path = os.path.join(directory, name + ".yaml")
    with open(path, "w", encoding="utf-8") as out:
        out.write(scenario.effective_yaml)
    return path
