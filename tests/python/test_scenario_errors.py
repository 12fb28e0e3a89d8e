"""Bad input raises flowsim.ScenarioError carrying every diagnostic, exactly
as the loader reports it (tests/data/bad holds the expected text)."""
import os

import pytest

import flowsim
from conftest import DATA, R1, SOURCE_DIR

BAD = SOURCE_DIR / "tests" / "data" / "bad"


@pytest.mark.parametrize("fixture", sorted(p.name for p in BAD.glob("*.yaml")))
def test_every_bad_fixture_gives_its_expected_diagnostics(fixture, monkeypatch):
    # The fixtures' messages name the file as given: run from their directory.
    monkeypatch.chdir(BAD)
    with pytest.raises(flowsim.ScenarioError) as raised:
        flowsim.load(fixture)
    expected = (BAD / fixture).with_suffix(".expected").read_text(encoding="utf-8")
    assert raised.value.text == expected
    first = raised.value.diagnostics[0]
    assert first.file == fixture and first.message
    assert first.text.startswith(f"{fixture}:" if first.line else f"{fixture}: error:")


def test_diagnostics_carry_file_line_column_and_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = open(R1, encoding="utf-8").read().replace("capacity: 800", "capacity: -3")
    bad.write_text(text)
    with pytest.raises(flowsim.ScenarioError) as raised:
        flowsim.load(str(bad))
    (d,) = raised.value.diagnostics
    line = text.splitlines().index("    capacity: -3") + 1
    assert (d.file, d.line, d.key_path) == (str(bad), line, "units.acute.capacity")
    assert d.column == len("    capacity: ") + 1
    assert "expected an integer >= 0" in d.message


def test_text_errors_name_the_text():
    with pytest.raises(flowsim.ScenarioError) as raised:
        flowsim.load("name: x\nunits: 3\n")
    assert all(d.file == "<text>" for d in raised.value.diagnostics)


def test_an_overlays_error_names_the_overlay(tmp_path):
    overlay = tmp_path / "typo.yaml"
    overlay.write_text("overlay: typo\nchanges:\n  - set: units.acute.capacityy\n    to: 900\n")
    with pytest.raises(flowsim.ScenarioError) as raised:
        flowsim.load(R1, overlays=[str(overlay)])
    assert raised.value.diagnostics[0].file == str(overlay)
    assert raised.value.diagnostics[0].line == 3


def test_a_missing_file():
    with pytest.raises(flowsim.ScenarioError, match="cannot open the scenario file"):
        flowsim.load(os.path.join(DATA, "no_such_scenario.yaml"))
