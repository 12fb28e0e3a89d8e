"""flowsim.compare and flowsim.sweep run the command line's compare and sweep:
the same files, read into DataFrames."""
import json

import pandas as pd

import flowsim
from conftest import MORE_REABLEMENT, R1, SHORT, flowsim_cli

SWEEP = """sweep: R1 reablement places
scenario: {scenario}
replications: 2
seed: 4
parameters:
  - set: units.p1_reablement.capacity
    values: [300, 360]
"""


def test_compare_writes_what_the_command_line_writes(tmp_path):
    base = flowsim.load(R1, overlays=[SHORT])
    base_file = tmp_path / "r1_short.yaml"
    base_file.write_text(base.effective_yaml)
    cli_dir, py_dir = tmp_path / "cli", tmp_path / "py"
    flowsim_cli("compare", base_file, "--with", MORE_REABLEMENT, "--reps", 3, "--seed", 9,
                "--threads", 2, "--out", cli_dir, "--quiet")
    result = flowsim.compare(base_file, [MORE_REABLEMENT], replications=3, seed=9, threads=2,
                             out=py_dir)
    for name in ["compare.csv", "replications.csv"]:
        assert (py_dir / name).read_bytes() == (cli_dir / name).read_bytes(), name
    # compare.json records the command line too, which names each its own --out.
    cli_json, py_json = (json.loads((d / "compare.json").read_text()) for d in (cli_dir, py_dir))
    assert cli_json["provenance"].pop("command_line").startswith("flowsim compare ")
    assert py_json["provenance"].pop("command_line").startswith("flowsim compare ")
    assert py_json == cli_json
    expected = pd.read_csv(cli_dir / "compare.csv", float_precision="round_trip")
    pd.testing.assert_frame_equal(result.table, expected, check_exact=True)
    assert set(result.replications["scenario"]) == {"r1_short", "r1_more_reablement"}


def test_compare_a_loaded_scenario_with_a_scenario_variant():
    base = flowsim.load(R1, overlays=[SHORT])
    variant = flowsim.load(R1, overlays=[SHORT, MORE_REABLEMENT])
    result = flowsim.compare(base, [variant], replications=2, seed=1, threads=2)
    assert len(result.table) > 0
    assert "scenario" in result.replications.columns
    assert "2 scenarios x 2 replications" in result.text
    assert "results in" not in result.text  # the temporary directory is gone


def test_sweep_writes_what_the_command_line_writes(tmp_path):
    scenario = tmp_path / "r1_short.yaml"
    scenario.write_text(flowsim.load(R1, overlays=[SHORT]).effective_yaml)
    sweep_file = tmp_path / "sweep.yaml"
    sweep_file.write_text(SWEEP.format(scenario=scenario.name))
    cli_dir, py_dir = tmp_path / "cli", tmp_path / "py"
    flowsim_cli("sweep", sweep_file, "--threads", 2, "--out", cli_dir, "--quiet")
    result = flowsim.sweep(sweep_file, threads=2, out=py_dir)
    for name in ["sweep_results.csv", "sweep_summary.csv"]:
        assert (py_dir / name).read_bytes() == (cli_dir / name).read_bytes(), name
    # The same sweep given as parameters gives the same numbers.
    again = flowsim.sweep(scenario, {"units.p1_reablement.capacity": [300, 360]}, replications=2,
                          seed=4, threads=2)
    pd.testing.assert_frame_equal(again.summary, result.summary, check_exact=True)
    assert sorted(again.summary["units.p1_reablement.capacity"].unique()) == [300, 360]


def test_a_failing_command_raises_with_its_message(tmp_path):
    bad = tmp_path / "sweep.yaml"
    bad.write_text("sweep: nothing\nscenario: missing.yaml\nparameters: []\n")
    try:
        flowsim.sweep(bad, threads=1)
    except flowsim.FlowsimError as error:
        assert error.exit_code == 2
        assert "missing.yaml" in str(error)
    else:
        raise AssertionError("no error")
