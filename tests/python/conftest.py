"""Where the tests find the command line, the sources and a place to write."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("FLOWSIM_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
CLI = os.environ.get("FLOWSIM_CLI", str(SOURCE_DIR / "build" / "tools" / "flowsim"))
R1 = str(SOURCE_DIR / "scenarios" / "validation" / "r1.yaml")
DATA = SOURCE_DIR / "tests" / "python" / "data"
SHORT = str(DATA / "r1_short.yaml")
MORE_REABLEMENT = str(DATA / "r1_more_reablement.yaml")


def flowsim_cli(*args):
    """Runs the command line; its completed process (checked)."""
    return subprocess.run([CLI, *map(str, args)], check=True, capture_output=True, text=True)


@pytest.fixture
def out(tmp_path):
    return tmp_path
