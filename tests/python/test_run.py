"""flowsim.run against `flowsim run`: the same files byte for byte, the same
tables, whatever the thread count."""
import json

import pandas as pd
import pytest

import flowsim
from conftest import MORE_REABLEMENT, R1, SHORT, flowsim_cli

SAME_BYTES = ["summary.csv", "summary.json", "replications.csv", "occupancy.csv", "delayed.csv",
              "occupancy_distribution.csv", "model.json", "network.dot", "scenario.yaml"]
# What differs between any two runs: when and how fast.
TIMING = {"wall_seconds", "finished_utc"}


def assert_same_run_files(cli_dir, py_dir):
    for name in SAME_BYTES:
        assert (py_dir / name).read_bytes() == (cli_dir / name).read_bytes(), name
    cli_info = json.loads((cli_dir / "run.json").read_text())
    py_info = json.loads((py_dir / "run.json").read_text())
    # How the run was asked for differs too: the command line, or none from Python.
    assert cli_info["provenance"].pop("command_line").startswith("flowsim run ")
    assert py_info["provenance"].pop("command_line") is None
    assert {k: v for k, v in py_info.items() if k not in TIMING} == \
           {k: v for k, v in cli_info.items() if k not in TIMING}


@pytest.mark.parametrize("overlays", [[SHORT], [SHORT, MORE_REABLEMENT]])
def test_results_are_the_command_lines_byte_for_byte(out, overlays):
    cli_dir, py_dir = out / "cli", out / "py"
    withs = [arg for path in overlays for arg in ("--with", path)]
    flowsim_cli("run", R1, *withs, "--reps", 3, "--seed", 7, "--threads", 2, "--out", cli_dir,
                "--quiet")
    result = flowsim.run(flowsim.load(R1, overlays=overlays), replications=3, seed=7, threads=2)
    result.write(py_dir)
    assert_same_run_files(cli_dir, py_dir)
    # The tables are the files, every float exactly.
    for table in ["replications", "occupancy", "delayed", "occupancy_distribution"]:
        expected = pd.read_csv(cli_dir / f"{table}.csv", float_precision="round_trip")
        pd.testing.assert_frame_equal(getattr(result, table), expected, check_exact=True)
    summary = pd.read_csv(cli_dir / "summary.csv", float_precision="round_trip")
    pd.testing.assert_frame_equal(result.summary,
                                  summary[summary["period"] == "all"].reset_index(drop=True),
                                  check_exact=True)
    assert result.info["seed"] == 7 and result.info["replications"] == 3
    assert [o["file"] for o in result.info["overlays"]] == overlays


def test_the_scenarios_own_settings_without_overrides(out):
    cli_dir, py_dir = out / "cli", out / "py"
    flowsim_cli("run", R1, "--with", SHORT, "--threads", 2, "--out", cli_dir, "--quiet")
    flowsim.run(flowsim.load(R1, overlays=[SHORT]), threads=2).write(py_dir)
    assert_same_run_files(cli_dir, py_dir)


def test_same_results_on_any_number_of_threads():
    scenario = flowsim.load(R1, overlays=[SHORT])
    one = flowsim.run(scenario, replications=3, seed=3, threads=1)
    three = flowsim.run(scenario, replications=3, seed=3, threads=3)
    pd.testing.assert_frame_equal(one.replications, three.replications, check_exact=True)
    pd.testing.assert_frame_equal(one.occupancy, three.occupancy, check_exact=True)


def test_text_and_dict_give_the_files_results():
    with open(R1, encoding="utf-8") as f:
        text = f.read()
    from_file = flowsim.run(R1, replications=1, seed=5, threads=1)
    from_text = flowsim.run(flowsim.load(text), replications=1, seed=5, threads=1)
    pd.testing.assert_frame_equal(from_text.summary, from_file.summary, check_exact=True)
    assert from_text.info["scenario_file"] == "<text>"
    # The same model as a dict: M/M/2/3 in a few lines.
    mm23 = {"name": "M/M/2/3", "run": {"horizon_days": 200, "warmup_days": 10, "replications": 2,
                                       "seed": 24},
            "exits": ["home"],
            "units": {"ward": {"kind": "acute", "capacity": 2, "queue_limit": 1,
                               "los": {"dist": "exponential", "mean": 0.25, "unit": "days"},
                               "routes": {"home": 1}}},
            "arrivals": {"admissions": {"to": "ward", "rate_per_day": 3}}}
    result = flowsim.run(mm23, threads=1)
    assert result.info["scenario"] == "M/M/2/3"
    assert result.periods.empty and set(result.summary["period"]) == {"all"}
    assert set(result.replications["replication"]) == {0, 1}


def test_series_holds_each_replications_days(out):
    result = flowsim.run(flowsim.load(R1, overlays=[SHORT]), replications=3, seed=2, threads=2,
                         series=True)
    series = result.series
    assert list(series.columns) == ["replication", "unit", "day", "in_warmup", "census", "peak",
                                    "delayed_for", "waiting_arrivals"]
    # The command line's series.csv, every value exactly.
    flowsim_cli("run", R1, "--with", SHORT, "--reps", 3, "--seed", 2, "--threads", 2, "--series",
                "--out", out / "cli", "--quiet")
    pd.testing.assert_frame_equal(series, pd.read_csv(out / "cli" / "series.csv",
                                                      float_precision="round_trip"),
                                  check_exact=True)
    assert len(series) == 3 * 5 * 300  # replications x units x days
    # occupancy.csv's mean census is the mean of the replications' census.
    mean = series.groupby(["unit", "day"], sort=False)["census"].mean().reset_index()
    merged = result.occupancy.merge(mean, on=["unit", "day"])
    assert len(merged) == len(result.occupancy)
    assert (merged["census"] - merged["census_mean"]).abs().max() < 1e-9
    assert (series["in_warmup"] == (series["day"] + 1 <= 100)).all()
    assert (series["peak"] >= series["census"]).all()


def test_no_series_unless_asked():
    assert flowsim.run(R1, replications=1, seed=1, threads=1).series is None


def test_write_refuses_to_replace_results(out):
    result = flowsim.run(flowsim.load(R1, overlays=[SHORT]), replications=1, threads=1)
    result.write(out)
    with pytest.raises(ValueError, match="already holds results"):
        result.write(out)
    result.write(out, overwrite=True)


def test_zero_replications_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        flowsim.run(R1, replications=0)


def test_ctrl_c_stops_a_run_and_python_keeps_its_handler():
    import os
    import signal
    import threading
    import time

    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt, match="signal 2"):
        flowsim.run(R1, replications=200, seed=1, threads=2)  # minutes, if not stopped
    assert time.monotonic() - started < 30
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_multi_year_run_gives_each_years_summary():
    two_years = {"name": "M/M/2", "run": {"horizon_days": 740, "warmup_days": 10, "replications": 2,
                                          "seed": 3},
                 "exits": ["home"],
                 "units": {"ward": {"kind": "acute", "capacity": 2,
                                    "los": {"dist": "exponential", "mean": 0.25, "unit": "days"},
                                    "routes": {"home": 1}}},
                 "arrivals": {"admissions": {"to": "ward", "rate_per_day": 3}}}
    result = flowsim.run(two_years, threads=1)
    assert list(result.periods["period"].unique()) == ["year 1", "year 2"]
    assert set(result.summary["period"]) == {"all"}
    assert len(result.periods) == 2 * len(result.summary)
    capacity = result.occupancy[result.occupancy["unit"] == "ward"]["capacity"]
    assert set(capacity) == {2.0}
