"""From Python: run R1, look at its acute occupancy day by day, and compare
it with 30 more reablement places.

    PYTHONPATH=build/python /usr/bin/python3 python/examples/compare_reablement.py
"""
import flowsim

SCENARIO = "scenarios/validation/r1.yaml"
MORE_REABLEMENT = "tests/python/data/r1_more_reablement.yaml"

scenario = flowsim.load(SCENARIO)
result = flowsim.run(scenario, replications=4, seed=1, series=True)
print(result.summary.set_index("metric").loc[["unit.acute.occupancy_mean",
                                              "unit.acute.delayed_mean"]])

# Each replication's acute census at the end of each measured day.
acute = result.series.query("unit == 'acute' and in_warmup == 0")
print(acute.groupby("replication")["census"].describe())

comparison = flowsim.compare(scenario, [MORE_REABLEMENT], replications=4, seed=1)
print(comparison.text)
