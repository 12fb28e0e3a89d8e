"""The module's overhead against the command line: R1 with 20 replications,
`flowsim run` (the whole process: load, simulate, write the files) against
flowsim.run (load, simulate, write the same files to a temporary directory,
read them into DataFrames), on the same threads, interleaved, median of N.
Wall time, and CPU time (all threads; the steadier figure on a shared machine).

    PYTHONPATH=build/python /usr/bin/python3 python/benchmarks/overhead.py [N] [THREADS]
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import flowsim

CLI = os.environ.get("FLOWSIM_CLI", "build/tools/flowsim")
SCENARIO = "scenarios/validation/r1.yaml"
REPS, SEED = 20, 1


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cli(threads, directory):
    """(wall, cpu) seconds of the whole command."""
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run([CLI, "run", SCENARIO, "--reps", str(REPS), "--seed", str(SEED), "--threads",
                    str(threads), "--out", directory, "--overwrite", "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, children_cpu() - cpu


def time_module(threads):
    """(wall, cpu) seconds of flowsim.run."""
    started, cpu = time.perf_counter(), time.process_time()
    flowsim.run(SCENARIO, replications=REPS, seed=SEED, threads=threads)
    return time.perf_counter() - started, time.process_time() - cpu


def report(what, cli, module):
    cli_median, module_median = statistics.median(cli), statistics.median(module)
    print(f"{what}, flowsim run (s): " + " ".join(f"{t:.2f}" for t in cli) +
          f"  median {cli_median:.2f}")
    print(f"{what}, flowsim.run (s): " + " ".join(f"{t:.2f}" for t in module) +
          f"  median {module_median:.2f}")
    print(f"{what} overhead: {100 * (module_median / cli_median - 1):+.1f}%")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    cli, module = [], []
    with tempfile.TemporaryDirectory() as directory:
        for _ in range(runs):
            cli.append(time_cli(threads, directory))
            module.append(time_module(threads))
    print(f"R1, {REPS} replications, {threads} threads, {runs} runs each (interleaved)")
    report("wall", [w for w, _ in cli], [w for w, _ in module])
    report("cpu", [c for _, c in cli], [c for _, c in module])


if __name__ == "__main__":
    main()
