"""flowsim.run and its result: the command line's result files as DataFrames."""
import json
import os
import tempfile
import threading

try:
    import pandas as pd
except ImportError as missing:
    raise ImportError("flowsim returns pandas DataFrames, and this interpreter has no pandas: "
                      "use Debian's /usr/bin/python3 with python3-pandas "
                      "(tools/install_deps.sh installs it)") from missing

from . import _flowsim
from ._scenario import load

# Every figure is written with the shortest text that reads back as the same
# double; "round_trip" reads it back exactly.
_CSV = {"float_precision": "round_trip"}


def read_csv(path):
    """A result CSV file as the module reads it (exact floats)."""
    return pd.read_csv(path, **_CSV)


def default_threads(threads):
    """As the command line: every core unless told otherwise."""
    return max(1, threads if threads is not None else (os.cpu_count() or 1))


class RunResult:
    """What `flowsim run` writes, as DataFrames:

    summary       summary.csv's rows of the whole measured run (period "all"):
                  metric, mean, sd, ci95_low, ci95_high, replications, p5, median,
                  p95, skewness, skewed, period
    periods       summary.csv's rows of each period of a multi-year run (financial
                  years, or 365-day years after the warm-up), the period column
                  giving its label ("2016/17", "year 2"); empty if a single period
    replications  replications.csv (tidy): replication, metric, value, unit, measure
    occupancy     occupancy.csv: census and peak by unit and day across replications,
                  and the capacity in force (NaN for a unit without a bed limit)
    occupancy_distribution
                  occupancy_distribution.csv: time-weighted P(N = n) per unit, its
                  cumulative and the delay curve P(N = n) / P(N <= n)
    delayed       delayed.csv: delayed transfers by pathway and day
    series        series.csv: each replication's daily census, peak, delayed
                  transfers and arrivals waiting (replication, unit, day,
                  in_warmup, census, peak, delayed_for, waiting_arrivals);
                  only with run(..., series=True), else None
    info          run.json as a dict
    """

    def __init__(self, session, series):
        self._session = session
        with tempfile.TemporaryDirectory(prefix="flowsim-") as directory:
            session.write(directory)
            summary = read_csv(os.path.join(directory, "summary.csv"))
            whole_run = summary["period"] == "all"
            self.summary = summary[whole_run].reset_index(drop=True)
            self.periods = summary[~whole_run].reset_index(drop=True)
            self.replications = read_csv(os.path.join(directory, "replications.csv"))
            self.occupancy = read_csv(os.path.join(directory, "occupancy.csv"))
            self.occupancy_distribution = read_csv(
                os.path.join(directory, "occupancy_distribution.csv"))
            self.delayed = read_csv(os.path.join(directory, "delayed.csv"))
            self.series = read_csv(os.path.join(directory, "series.csv")) if series else None
            with open(os.path.join(directory, "run.json"), encoding="utf-8") as f:
                self.info = json.load(f)

    def write(self, directory, overwrite=False):
        """Writes the result files `flowsim run` writes, by the same code, into
        'directory' (byte for byte the same, but for the time in run.json)."""
        self._session.write(os.fspath(directory), overwrite)
        return directory

    def __repr__(self):
        return (f"<flowsim.RunResult {self.info['scenario']!r}: {self.info['replications']} "
                f"replications, seed {self.info['seed']}, {len(self.summary)} metrics>")


def run(scenario, replications=None, seed=None, threads=None, series=False, force=False):
    """Runs the scenario's replications as `flowsim run` does (same runner,
    same results for the same seed), without holding the GIL. 'scenario' is
    a loaded scenario or anything load() takes. Ctrl-C stops the run and
    raises KeyboardInterrupt."""
    scenario = load(scenario)
    on_main_thread = threading.current_thread() is threading.main_thread()
    try:
        session = _flowsim.run(scenario, replications, seed, default_threads(threads), force,
                               on_main_thread, series)
    except _flowsim.RunStopped as stopped:
        raise KeyboardInterrupt(str(stopped)) from None
    return RunResult(session, series)
