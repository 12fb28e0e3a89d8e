"""flowsim.compare and flowsim.sweep: the command line's own compare and
sweep commands, run inside this process on every thread, their result files
read into DataFrames."""
import json
import os
import tempfile

from . import _flowsim
from ._results import default_threads, read_csv
from ._scenario import FlowsimError, load, scenario_file

_INTERRUPTED = 128  # exit codes 128 + N: stopped by signal N


def _run_command(command, args):
    code, out, err = _flowsim.run_command(command, [str(a) for a in args])
    if code > _INTERRUPTED:
        raise KeyboardInterrupt(err.strip())
    if code != 0:
        raise FlowsimError(f"flowsim {command} failed (exit code {code}):\n{err}", code)
    return out


def _options(replications, seed, threads):
    args = ["--threads", default_threads(threads)]
    if replications is not None:
        args += ["--reps", replications]
    if seed is not None:
        args += ["--seed", seed]
    return args


class _Outputs:
    """The directory a command writes into: 'out' when given, else a temporary one."""

    def __init__(self, out, overwrite):
        self._temporary = None if out else tempfile.TemporaryDirectory(prefix="flowsim-")
        self.inputs = tempfile.TemporaryDirectory(prefix="flowsim-inputs-")
        self.directory = os.fspath(out) if out else os.path.join(self._temporary.name, "out")
        self.args = ["--out", self.directory] + (["--overwrite"] if overwrite else [])

    def path(self, name):
        return os.path.join(self.directory, name)

    def close(self):
        self.inputs.cleanup()
        if self._temporary:
            self._temporary.cleanup()


class CompareResult:
    """What `flowsim compare` writes, as DataFrames:

    table         compare.csv: each metric of each variant against the baseline
                  (paired differences with confidence intervals)
    replications  replications.csv: scenario, replication, metric, value
    info          run.json as a dict
    text          the comparison table as the command line prints it
    """

    def __init__(self, outputs, text):
        self.table = read_csv(outputs.path("compare.csv"))
        self.replications = read_csv(outputs.path("replications.csv"))
        with open(outputs.path("run.json"), encoding="utf-8") as f:
            self.info = json.load(f)
        self.text = text

    def __repr__(self):
        return f"<flowsim.CompareResult: {len(self.table)} rows>"


def _variant_args(variant, directory):
    """--with for overlay files (a list is one variant of several overlays),
    --variant for a whole scenario."""
    if isinstance(variant, _flowsim.Scenario):
        return ["--variant", scenario_file(variant, directory)]
    if isinstance(variant, (str, os.PathLike)):
        variant = [variant]
    return ["--with", ",".join(os.fspath(p) for p in variant)]


def compare(base, variants, replications=None, seed=None, threads=None, precision=None,
            metrics=None, max_replications=None, warmup=None, out=None, overwrite=False):
    """Runs 'base' and each variant on the same patients (common random
    numbers) as `flowsim compare` does. A variant is an overlay file, a list
    of overlay files applied together, or a loaded scenario. 'out', when
    given, keeps the command's files there."""
    base = load(base)
    if isinstance(variants, (str, os.PathLike, _flowsim.Scenario)):
        variants = [variants]
    outputs = _Outputs(out, overwrite)
    try:
        args = [scenario_file(base, outputs.inputs.name)]
        for variant in variants:
            args += _variant_args(variant, outputs.inputs.name)
        args += _options(replications, seed, threads) + outputs.args
        if precision is not None:
            args += ["--precision", precision]
        for metric in metrics or []:
            args += ["--metric", metric]
        if max_replications is not None:
            args += ["--max-reps", max_replications]
        if warmup is not None:
            args += ["--warmup", warmup]
        text = _run_command("compare", args)
        if not out:  # the temporary directory is gone once this returns
            text = text.replace(f"; results in {outputs.directory}/", "")
        return CompareResult(outputs, text)
    finally:
        outputs.close()


class SweepResult:
    """What `flowsim sweep` writes, as DataFrames:

    results  sweep_results.csv (tidy): point, <parameters>, replication, metric, value,
             unit, measure
    summary  sweep_summary.csv: point, <parameters>, metric, mean, sd, ci95_low,
             ci95_high, replications
    """

    def __init__(self, outputs):
        self.results = read_csv(outputs.path("sweep_results.csv"))
        self.summary = read_csv(outputs.path("sweep_summary.csv"))

    def __repr__(self):
        return f"<flowsim.SweepResult: {self.results['point'].nunique()} points>"


def _parameter_list(parameters):
    """{path: [values]} is a grid of 'set' parameters; a list is as in a sweep file."""
    if isinstance(parameters, dict):
        return [{"set": path, "values": list(values)} for path, values in parameters.items()]
    return list(parameters)


def sweep(base, parameters=None, replications=None, seed=None, samples=None, threads=None,
          overlays=(), name=None, out=None, overwrite=False):
    """Runs every point of a sweep as `flowsim sweep` does. 'base' is a
    scenario and 'parameters' the sweep file's parameters (a list of
    {'set'|'scale': PATH, 'values': [...] | 'range': [low, high], ...}, or
    {PATH: [values]} for a grid); or 'base' is a sweep file and 'parameters'
    None. 'overlays' apply to every point (--with). 'out', when given, keeps
    the command's files there (sweep.sqlite and the two CSV files)."""
    outputs = _Outputs(out, overwrite)
    try:
        if parameters is None:
            sweep_file = os.fspath(base)
        else:
            scenario = load(base)
            definition = {"sweep": name or scenario.name,
                          "scenario": os.path.abspath(scenario_file(scenario, outputs.inputs.name)),
                          "parameters": _parameter_list(parameters)}
            if samples is not None:
                definition["samples"] = samples
            sweep_file = os.path.join(outputs.inputs.name, "sweep.yaml")
            with open(sweep_file, "w", encoding="utf-8") as f:
                json.dump(definition, f, indent=2)
        args = [sweep_file, "--quiet"] + _options(replications, seed, threads) + outputs.args
        for overlay in [overlays] if isinstance(overlays, (str, os.PathLike)) else overlays:
            args += ["--with", os.fspath(overlay)]
        _run_command("sweep", args)
        return SweepResult(outputs)
    finally:
        outputs.close()
