"""flowsim from Python: load a scenario, run it, compare variants and sweep
parameters with the simulator of the flowsim command line (the same loader,
runner and result writers, so the same seed gives the same numbers), with
the results as pandas DataFrames.

    import flowsim
    result = flowsim.run("scenarios/validation/r1.yaml", replications=2, seed=1)
    result.summary.head()
"""
from ._experiments import CompareResult, SweepResult, compare, sweep
from ._flowsim import Scenario, version as __version__
from ._results import RunResult, run
from ._scenario import Diagnostic, FlowsimError, ScenarioError, load

__all__ = ["load", "run", "compare", "sweep", "Scenario", "RunResult", "CompareResult",
           "SweepResult", "ScenarioError", "FlowsimError", "Diagnostic"]
