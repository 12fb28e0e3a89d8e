#!/usr/bin/env python3
"""flowsim report: one self-contained report.html from a flowsim result directory.

Usage: flowsim_report.py RESULT_DIR   (normally run by `flowsim report RESULT_DIR`)

Every chart is drawn with matplotlib (Debian's python3-matplotlib) into a PNG
and inlined as a data URI, and the pathway diagram is Graphviz's SVG, also
inlined, so the file opens offline in any browser with no server. Sections
appear for the files present: a run (summary.csv, occupancy.csv, ...), a
comparison (compare.csv), a sweep (sweep_summary.csv), a sizing (size.csv)
or a frontier (frontier.csv). The report ends with a STRESS-DES record.

Exit codes: 0 written; 2 the directory holds no results; 3 a plotting
dependency is missing (nothing is written, so there is never a broken report).
"""
import base64
import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import matplotlib
    matplotlib.use("Agg")  # no display: draw straight to PNG
    import matplotlib.pyplot as plt
except ImportError:
    sys.stderr.write(
        "flowsim report: the report needs matplotlib, which is not installed for "
        f"{sys.executable}.\n  Install it with: apt-get install python3-matplotlib "
        "(or bash tools/install_deps.sh)\n  No report was written.\n")
    sys.exit(3)

CHART_DPI = 96
BAND = "#9ecae1"
LINE = "#08519c"
WARMUP = "#eeeeee"


# ---- reading ------------------------------------------------------------------

def read_csv(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return None
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_json(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_text(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def first_column(row, *names):
    """The value of the first of 'names' present in a CSV row (formats differ by command)."""
    for name in names:
        if name in row and row[name] != "":
            return row[name]
    return None


def summary_map(rows):
    return {r["metric"]: r for r in rows or []}


# ---- drawing ------------------------------------------------------------------

class Charts:
    """Collects figures as inline <img> tags; the page's script counts them."""

    def __init__(self):
        self.count = 0

    def img(self, figure, name, alt):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=CHART_DPI, bbox_inches="tight")
        plt.close(figure)
        self.count += 1
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        return (f'<img class="chart" data-chart="{html.escape(name)}" alt="{html.escape(alt)}" '
                f'src="data:image/png;base64,{data}">')


def grid_of(n, columns=3, width=4.2, height=2.6):
    rows = (n + columns - 1) // columns
    figure, axes = plt.subplots(rows, min(n, columns), figsize=(width * min(n, columns), height * rows),
                                squeeze=False)
    flat = [a for row in axes for a in row]
    for extra in flat[n:]:
        extra.set_visible(False)
    return figure, flat


def shade_warmup(axis, warmup_days):
    if warmup_days and warmup_days > 0:
        axis.axvspan(0, warmup_days, color=WARMUP, zorder=0, label="warm-up")


def occupancy_fans(charts, occupancy, model, warmup_days):
    units = []
    for row in occupancy:
        if row["unit"] not in units:
            units.append(row["unit"])
    capacity = {u["name"]: u.get("capacity") for u in (model or {}).get("units", [])}
    figure, axes = grid_of(len(units))
    for axis, unit in zip(axes, units):
        rows = [r for r in occupancy if r["unit"] == unit]
        days = [int(r["day"]) + 1 for r in rows]
        shade_warmup(axis, warmup_days)
        axis.fill_between(days, [float(r["census_p5"]) for r in rows], [float(r["census_p95"]) for r in rows],
                          color=BAND, label="5th-95th percentile")
        axis.plot(days, [float(r["census_mean"]) for r in rows], color=LINE, lw=1.2, label="mean")
        if capacity.get(unit) is not None:
            axis.axhline(capacity[unit], color="#cb181d", lw=1, ls="--", label="capacity")
        axis.set_title(unit, fontsize=10)
        axis.set_xlabel("day", fontsize=8)
        axis.set_ylabel("patients at midnight", fontsize=8)
        axis.tick_params(labelsize=7)
    axes[0].legend(fontsize=7, loc="lower right")
    figure.tight_layout()
    return charts.img(figure, "occupancy", "Midnight occupancy per unit: mean and 5th-95th percentile band")


def occupancy_levels(charts, summary):
    pattern = re.compile(r"^unit\.(.+)\.time_at_or_above_(\d+)pct$")
    table = {}
    for name, row in summary.items():
        m = pattern.match(name)
        if m:
            table.setdefault(m.group(1), {})[int(m.group(2))] = row
    if not table:
        return ""
    units = list(table)
    levels = sorted({level for u in table.values() for level in u})
    figure, axis = plt.subplots(figsize=(10, 3.4))
    width = 0.8 / len(levels)
    colours = ["#fee391", "#fe9929", "#d95f0e", "#993404"]
    for k, level in enumerate(levels):
        xs = [i + (k - (len(levels) - 1) / 2) * width for i in range(len(units))]
        means = [100 * float(table[u][level]["mean"]) for u in units]
        low = [100 * (float(table[u][level]["mean"]) - float(table[u][level]["ci95_low"])) for u in units]
        high = [100 * (float(table[u][level]["ci95_high"]) - float(table[u][level]["mean"])) for u in units]
        axis.bar(xs, means, width, yerr=[low, high], capsize=2, label=f"at or above {level}%",
                 color=colours[k % len(colours)])
    axis.set_xticks(range(len(units)))
    axis.set_xticklabels(units, fontsize=8)
    axis.set_ylabel("% of measured time", fontsize=8)
    axis.set_ylim(0, 112)
    axis.legend(fontsize=7, ncol=len(levels), loc="upper center", bbox_to_anchor=(0.5, 1.12))
    figure.tight_layout()
    return charts.img(figure, "occupancy-levels", "Share of time at or above occupancy levels")


def delayed_over_time(charts, delayed, warmup_days):
    pathways = []
    for row in delayed:
        if row["pathway"] not in pathways:
            pathways.append(row["pathway"])
    figure, axis = plt.subplots(figsize=(10, 3.4))
    shade_warmup(axis, warmup_days)
    palette = plt.get_cmap("tab10")
    for k, pathway in enumerate(pathways):
        rows = [r for r in delayed if r["pathway"] == pathway]
        days = [int(r["day"]) + 1 for r in rows]
        colour = palette(k % 10)
        axis.fill_between(days, [float(r["delayed_p5"]) for r in rows], [float(r["delayed_p95"]) for r in rows],
                          color=colour, alpha=0.15)
        axis.plot(days, [float(r["delayed_mean"]) for r in rows], color=colour, lw=1.2, label=pathway)
    axis.set_xlabel("day", fontsize=8)
    axis.set_ylabel("patients delayed at midnight", fontsize=8)
    axis.legend(fontsize=7, ncol=4)
    figure.tight_layout()
    return charts.img(figure, "delayed", "Delayed transfers of care over time by pathway")


def with_error(summary, name, scale=1.0):
    row = summary[name]
    mean = scale * float(row["mean"])
    return mean, mean - scale * float(row["ci95_low"]), scale * float(row["ci95_high"]) - mean


def ae_performance(charts, summary):
    units = sorted({n.split(".")[1] for n in summary if n.startswith("ae.") and n.endswith(".within_4h")})
    if not units:
        return ""
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 0.5 * len(units) + 1.4))
    for i, unit in enumerate(units):
        mean, low, high = with_error(summary, f"ae.{unit}.within_4h", 100)
        left.barh(i, mean, xerr=[[low], [high]], capsize=3, color=LINE)
        left.text(mean, i, f"  {mean:.1f}%", va="center", fontsize=8, color="white" if mean > 15 else "black",
                  ha="right" if mean > 15 else "left")
        mean, low, high = with_error(summary, f"ae.{unit}.over_12h")
        right.barh(i, mean, xerr=[[low], [high]], capsize=3, color="#cb181d")
    left.axvline(95, color="black", ls="--", lw=1, label="95% standard")
    left.set_xlim(0, 100)
    left.set_xlabel("% of attendances within 4 hours", fontsize=8)
    left.legend(fontsize=7, loc="lower left")
    right.set_xlabel("attendances over 12 hours (measured period)", fontsize=8)
    for axis in (left, right):
        axis.set_yticks(range(len(units)))
        axis.set_yticklabels(units, fontsize=8)
    figure.tight_layout()
    return charts.img(figure, "ae", "A&E 4-hour performance and 12-hour waits")


def costs(charts, summary, measured_days):
    names = [n for n in summary if n.startswith("cost.") and n.endswith(".gbp") and n.count(".") == 2]
    if not names:
        return ""
    per_year = 365.0 / measured_days if measured_days else 1.0
    units = [n.split(".")[1] for n in names]
    figure, axis = plt.subplots(figsize=(10, 0.35 * len(units) + 1.2))
    values = [with_error(summary, n, per_year / 1e6) for n in names]
    axis.barh(range(len(units)), [v[0] for v in values], xerr=[[v[1] for v in values], [v[2] for v in values]],
              capsize=3, color="#41ab5d")
    axis.set_yticks(range(len(units)))
    axis.set_yticklabels(units, fontsize=8)
    axis.invert_yaxis()
    axis.set_xlabel("GBP million a year (95% CI)", fontsize=8)
    figure.tight_layout()
    return charts.img(figure, "costs", "Costs by unit")


KEY_METRICS = re.compile(r"(utilisation$|utilisation_p95$|within_4h$|over_12h$|delayed_share|"
                         r"cost\.total_gbp_per_year$|delayed_mean$)")


def forest_plot(charts, compare):
    """Paired differences from the baseline, as % of the baseline mean, with 95% CIs."""
    # A percentage of a zero baseline means nothing: those rows are left out.
    rows = [r for r in compare if first_column(r, "diff_mean") is not None and
            float(first_column(r, "mean")) != float(first_column(r, "diff_mean"))]
    chosen = [r for r in rows if KEY_METRICS.search(r["metric"])] or rows[:20]
    chosen = chosen[:30]
    if not chosen:
        return ""
    labels, means, lows, highs = [], [], [], []
    for r in chosen:
        mean = float(first_column(r, "mean"))
        diff = float(first_column(r, "diff_mean"))
        low = float(first_column(r, "diff_ci95_low", "diff_ci_low"))
        high = float(first_column(r, "diff_ci95_high", "diff_ci_high"))
        baseline = mean - diff
        scale = 100.0 / abs(baseline)
        labels.append(f'{first_column(r, "variant", "scenario")}: {r["metric"]}')
        means.append(diff * scale)
        lows.append((diff - low) * scale)
        highs.append((high - diff) * scale)
    figure, axis = plt.subplots(figsize=(10, 0.3 * len(chosen) + 1.2))
    ys = list(range(len(chosen)))
    axis.errorbar(means, ys, xerr=[lows, highs], fmt="o", color=LINE, capsize=3)
    axis.axvline(0, color="black", lw=1)
    axis.set_yticks(ys)
    axis.set_yticklabels(labels, fontsize=7)
    axis.invert_yaxis()
    axis.set_xlabel("difference from baseline, % of the baseline mean (paired 95% CI)", fontsize=8)
    figure.tight_layout()
    return charts.img(figure, "forest", "Forest plot of paired differences from baseline")


def beds_to_close_section(sizing):
    """compare --size-unit: each scenario's capacity for the targets, and the beds that can close
    next to the difference in occupied beds (compare.json's "sizing")."""
    if not sizing:
        return ""
    unit = html.escape(str(sizing.get("unit", "?")))
    targets = html.escape(", ".join(str(t.get("text")) for t in sizing.get("targets", [])))

    def band(r):
        return "-" if not r else (str(r["low"]) if r["low"] == r["high"] else f'{r["low"]} to {r["high"]}')

    rows, lines = [], []
    for label, side in (sizing.get("scenarios") or {}).items():
        now = side.get("current_capacity")
        rows.append([html.escape(label), html.escape(str(side.get("role", "?"))),
                     "unlimited" if now is None else str(now),
                     "-" if side.get("met_with_confidence") is None else str(side["met_with_confidence"]),
                     band(side.get("undecided")),
                     "-" if side.get("fails_with_confidence") is None else f'{side["fails_with_confidence"]} or fewer'])
        beds = side.get("beds_can_close")
        if not beds:
            continue
        occupied = side.get("occupied_beds_difference")
        text = f"<b>{html.escape(label)}</b>: "
        if occupied:
            # Said as a count of fewer (or more) beds, its interval in the same sense.
            sign = 1 if occupied["mean"] > 0 else -1
            low, high = sorted((sign * occupied["ci95_low"], sign * occupied["ci95_high"]))
            text += (f'{abs(occupied["mean"]):.1f} {"more" if sign > 0 else "fewer"} occupied beds of {unit} on '
                     f'average (paired 95% CI {low:.1f} to {high:.1f}); ')
        if beds.get("beds") is None:
            text += "beds that can close unknown (a scenario has no capacity meeting the targets)."
        else:
            text += (f'<b>{beds["beds"]}</b> beds can close while keeping {targets} (band {band(beds.get("band"))}; '
                     f'{band(beds.get("widest"))} if the two searches\' uncertainties were unrelated).')
        lines.append(f"<li>{text}</li>")
    return (f"<h3>Beds that can close</h3><p>{unit} sized on each scenario to keep {targets}, by the search of "
            f'flowsim size ({sizing.get("replications_per_capacity", "?")} replications per capacity, the same '
            "seed in each).</p>" +
            table(["scenario", "role", "capacity now", "needed (met with confidence)", "undecided",
                   "fails with confidence"], rows) + f"<ul>{''.join(lines)}</ul>" +
            "<p>Fewer occupied beds is the change in the average census; beds that can close is the change "
            "in the capacity that keeps the targets, which must cover the busy days, not the average one. "
            "The two differ by the change in the headroom kept empty for variation. The answer is the "
            "baseline's capacity met with confidence minus the variant's; the band applies the same rule at "
            "the other edge of both undecided bands (the largest capacity failing with confidence). "
            f'Rule: {html.escape(str(sizing.get("rule", "")))}.</p>')


def comparison_section(charts, compare, run, sizing=None):
    """A flowsim compare directory: the scenarios, the forest plot, a table of key differences and,
    with compare --size-unit, the beds that can close."""
    scenarios = run.get("scenarios") or []
    listed = "".join(
        f'<li><b>{html.escape(str(s.get("label", "?")))}</b> ({html.escape(str(s.get("role", "?")))}): '
        f'{html.escape(", ".join(str(f) for f in s.get("files", [])))}</li>' for s in scenarios)
    intro = (f"<p>Scenarios, all run on common random numbers (the same patients in each):</p><ul>{listed}</ul>"
             if listed else "")
    baseline = {r["metric"]: r for r in compare if r.get("role") == "baseline"}
    rows = []
    for r in compare:
        if r.get("role") != "variant" or not KEY_METRICS.search(r["metric"]) or not r.get("diff_mean"):
            continue
        low, high = float(r["diff_ci95_low"]), float(r["diff_ci95_high"])
        base = baseline.get(r["metric"], {})
        rows.append([html.escape(r["metric"]), html.escape(r["scenario"]), f'{float(base.get("mean") or "nan"):.4g}',
                     f'{float(r["mean"]):.4g}',
                     f'{float(r["diff_mean"]):+.4g} ({low:.4g} to {high:.4g})' + (" *" if low > 0 or high < 0 else ""),
                     median_difference_text(r),
                     f'{float(r["variance_reduction"]):.3g}' if r.get("variance_reduction") else "-"])
    key_table = (table(["metric", "variant", "baseline mean", "variant mean", "paired difference (95% CI)",
                        "paired median difference (sign-test interval)", "variance reduction"], rows[:60]) +
                 "<p>* the paired 95% confidence interval excludes zero. <b>skewed</b>: the paired differences are "
                 "heavily skewed across replications; read the median difference. Every metric is in "
                 "compare.csv.</p>"
                 if rows else "")
    return intro + gridlock_section(run) + forest_plot(charts, compare) + key_table + beds_to_close_section(sizing)


def median_difference_text(r):
    if r.get("diff_median") in (None, ""):
        return "-"
    text = f'{float(r["diff_median"]):+.4g}'
    if r.get("diff_median_low"):
        text += (f' ({float(r["diff_median_low"]):.4g} to {float(r["diff_median_high"]):.4g}, '
                 f'{100 * float(r["diff_median_coverage"]):.1f}%)')
    return text + (" <b>skewed</b>" if r.get("diff_skewed") == "1" else "")


def sweep_responses(charts, sweep):
    known = {"metric", "mean", "sd", "ci95_low", "ci95_high", "ci_low", "ci_high", "replications", "point",
             "scenario", "label", "variant", "role"}
    parameters = [c for c in sweep[0].keys() if c not in known and all(number(r[c]) is not None for r in sweep)]
    metrics = []
    for r in sweep:
        if KEY_METRICS.search(r["metric"]) and r["metric"] not in metrics:
            metrics.append(r["metric"])
    metrics = metrics[:6] or list(dict.fromkeys(r["metric"] for r in sweep))[:6]
    out = []
    for parameter in parameters:
        figure, axes = grid_of(len(metrics), columns=3, width=3.6, height=2.5)
        for axis, metric in zip(axes, metrics):
            rows = sorted((r for r in sweep if r["metric"] == metric), key=lambda r: float(r[parameter]))
            xs = [float(r[parameter]) for r in rows]
            means = [float(r["mean"]) for r in rows]
            low = [float(first_column(r, "ci95_low", "ci_low")) for r in rows]
            high = [float(first_column(r, "ci95_high", "ci_high")) for r in rows]
            axis.fill_between(xs, low, high, color=BAND)
            axis.plot(xs, means, "o-", color=LINE, ms=3)
            axis.set_title(metric, fontsize=8)
            axis.set_xlabel(parameter, fontsize=8)
            axis.tick_params(labelsize=7)
        figure.tight_layout()
        out.append(charts.img(figure, f"sweep-{parameter}", f"Response of metrics to {parameter}"))
    return "".join(out)


def capacity_curve(charts, rows, meta, name, capacity_column="capacity"):
    metrics = list(dict.fromkeys(r["metric"] for r in rows))
    figure, axes = grid_of(len(metrics), columns=2, width=5, height=3)
    for axis, metric in zip(axes, metrics):
        points = sorted((r for r in rows if r["metric"] == metric and r["simulated"] == "1"),
                        key=lambda r: int(r[capacity_column]))
        xs = [int(r[capacity_column]) for r in points]
        means = [float(r["mean"]) for r in points]
        axis.errorbar(xs, means, yerr=[[m - float(r["ci_low"]) for m, r in zip(means, points)],
                                       [float(r["ci_high"]) - m for m, r in zip(means, points)]],
                      fmt="none", ecolor="#777777", capsize=3)
        verdict_colours = {"met": "#31a354", "undecided": "#fd8d3c", "fails": "#cb181d"}
        axis.scatter(xs, means, s=22, zorder=3,
                     c=[verdict_colours.get(r.get("verdict"), "#31a354" if r["meets"] == "1" else "#cb181d")
                        for r in points])
        undecided = (meta.get("band") or {}).get("undecided")
        if undecided:
            axis.axvspan(undecided["low"] - 0.5, undecided["high"] + 0.5, color="#fd8d3c", alpha=0.15,
                         label=f'undecided {undecided["low"]}-{undecided["high"]}')
        target = next((t for t in meta.get("targets", []) if t["metric"] == metric), None)
        if target:
            axis.axhline(target["value"], color="black", ls="--", lw=1, label=f'target {target["bound"]} {target["value"]:g}')
        if meta.get("capacity") is not None:
            axis.axvline(meta["capacity"], color="#31a354", lw=1, label=f'chosen {meta["capacity"]}')
        axis.set_title(metric, fontsize=9)
        axis.set_xlabel(f'capacity of {meta.get("unit", "unit")}', fontsize=8)
        axis.tick_params(labelsize=7)
        axis.legend(fontsize=7)
    figure.tight_layout()
    return charts.img(figure, name, "Metric against capacity with 95% confidence intervals")


def band_text(meta):
    """The sizing answer's confidence band in words (size.json's "band")."""
    band = meta.get("band") or {}
    if band.get("met_with_confidence") is None:
        return ""
    fails = band.get("fails_with_confidence")
    undecided = band.get("undecided")
    text = (f"How sure: met with confidence (every target's whole 95% CI on the good side) from "
            f'<b>{band["met_with_confidence"]}</b>; ')
    text += (f'undecided {undecided["low"]} to {undecided["high"]} (the replications cannot tell); '
             if undecided else "no undecided capacities; ")
    text += (f"fails with confidence at {fails} or fewer." if fails is not None else
             "nothing in the searched range fails with confidence.")
    if band.get("replications_to_narrow"):
        text += (f' About {band["replications_to_narrow"]} replications (now {meta.get("replications")}) '
                 "would narrow the band to one capacity either side of the answer.")
    return text + " "


def unreachable_text(meta):
    stuck = meta.get("unreachable")
    if not stuck:
        return ""
    return (f'No capacity can meet <b>{html.escape(stuck["target"])}</b>: from {stuck["never_full_from"]} on the '
            f'unit never fills and {html.escape(stuck["metric"])} stays at {stuck["mean"]:.4g} '
            f'(95% CI {stuck["ci_low"]:.4g} to {stuck["ci_high"]:.4g}), so something else must change. ')


def frontier_chart(charts, frontier):
    found = [r for r in frontier if r["capacity_b"] != ""]
    figure, axis = plt.subplots(figsize=(6, 3.6))
    if found:
        axis.plot([int(r["capacity_a"]) for r in found], [int(r["capacity_b"]) for r in found], "o-",
                  color=LINE, drawstyle="steps-post")
    axis.set_xlabel(f'capacity of {frontier[0]["unit_a"]}', fontsize=9)
    axis.set_ylabel(f'smallest capacity of {frontier[0]["unit_b"]}', fontsize=9)
    axis.set_title("capacities meeting every target lie on or above the line", fontsize=9)
    figure.tight_layout()
    return charts.img(figure, "frontier", "Trade-off between the two capacities")


def frontier_row(row):
    met = row["capacity_b"]
    fails = row.get("capacity_b_fails_with_confidence", "")
    undecided = "-"
    if met and fails and int(met) - int(fails) >= 2:
        low, high = int(fails) + 1, int(met) - 1
        undecided = str(low) if low == high else f"{low} to {high}"
    return [row["capacity_a"], met or "none in range", undecided, fails or "-",
            row.get("replications_to_narrow") or "-"]


def network_diagram(directory):
    dot_text = read_text(directory, "network.dot")
    if dot_text is None:
        return ""
    dot = shutil.which("dot")
    if dot is None:
        sys.stderr.write("flowsim report: graphviz is not installed, so the report has no pathway diagram "
                         "(apt-get install graphviz)\n")
        return ('<p class="note">The pathway diagram needs Graphviz: <code>apt-get install graphviz</code>, '
                'then run <code>flowsim report</code> again. The DOT source is network.dot.</p>')
    result = subprocess.run([dot, "-Tsvg"], input=dot_text.encode("utf-8"), capture_output=True, check=False)
    if result.returncode != 0:
        sys.stderr.write("flowsim report: dot failed: " + result.stderr.decode("utf-8", "replace"))
        return '<p class="note">Graphviz could not draw network.dot.</p>'
    data = base64.b64encode(result.stdout).decode("ascii")
    return (f'<img class="chart diagram" data-chart="network" alt="Pathway network" '
            f'src="data:image/svg+xml;base64,{data}">')


# ---- tables and text ------------------------------------------------------------

def table(headers, rows):
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def ci_text(row, scale=1.0, digits=1, suffix=""):
    """Mean (95% CI) and, where summary.csv has them, median [5th-95th percentile] across
    replications, marked "skewed" when the replications are heavily skewed."""
    text = (f'{scale * float(row["mean"]):,.{digits}f}{suffix} '
            f'<span class="ci">({scale * float(row["ci95_low"]):,.{digits}f} to '
            f'{scale * float(row["ci95_high"]):,.{digits}f})</span>')
    if row.get("median") not in (None, ""):
        text += (f'<br><span class="ci">median {scale * float(row["median"]):,.{digits}f}{suffix} '
                 f'[{scale * float(row["p5"]):,.{digits}f} to {scale * float(row["p95"]):,.{digits}f}]'
                 f'{" <b>skewed</b>" if row.get("skewed") == "1" else ""}</span>')
    return text


def gridlock_text(gridlock, replications):
    """The gridlocked replications of a run as a sentence, or "" when there are none."""
    found = (gridlock or {}).get("replications") or []
    if not found:
        return ""
    found = sorted(found, key=lambda g: g["from_day"])
    which = ", ".join(f'{g["replication"]} from day {g["from_day"]} at {html.escape(str(g["unit"]))}'
                      for g in found)
    return (f'{len(found)} of {replications} replications gridlocked from day {found[0]["from_day"]} '
            f'(replications {which})')


def gridlock_section(run):
    """A warning paragraph naming gridlocked replications (run or compare), with the rule."""
    gridlock = run.get("gridlock") or {}
    lines = []
    if "scenarios" in gridlock:
        for label, found in gridlock["scenarios"].items():
            text = gridlock_text(found, run.get("replications", "?"))
            if text:
                lines.append(f"<b>{html.escape(label)}</b>: {text}")
        if lines:
            lines.append("left out of every scenario (--exclude-gridlocked): replications " +
                         ", ".join(str(r) for r in gridlock.get("excluded_replications", []))
                         if gridlock.get("excluded") else
                         "included in the comparison; see the paired median differences")
    else:
        text = gridlock_text(gridlock, run.get("replications", "?"))
        if text:
            lines.append(text + ": means include them; medians are robust")
    if not lines:
        return ""
    return ('<p class="note">' + "<br>".join(lines) +
            f'.</p><p class="ci">Rule: {html.escape(gridlock.get("rule", ""))}.</p>')


def skewed_table(summary_rows):
    """Metrics whose replications are heavily skewed: the mean is not the typical replication."""
    rows = [[html.escape(r["metric"]), ci_text(r, 1.0, 2), f'{float(r["skewness"]):.2f}']
            for r in summary_rows or [] if r.get("skewed") == "1"]
    if not rows:
        return ""
    return (f"<details><summary>{len(rows)} metrics heavily skewed across replications</summary>"
            "<p>|skewness| &gt; 1 and the mean pulled from the median by more than half its CI half-width: "
            "read the median and percentiles rather than the mean.</p>" +
            table(["metric", "mean (95% CI); median [5th-95th percentile]", "skewness"], rows) + "</details>")


def key_results(summary, model):
    rows = []
    for unit in (model or {}).get("units", []):
        name = unit["name"]
        def cell(metric, scale=1.0, digits=1, suffix=""):
            row = summary.get(f"unit.{name}.{metric}")
            return ci_text(row, scale, digits, suffix) if row else "-"
        rows.append([html.escape(name), cell("occupancy_mean"), cell("utilisation", 100, 1, "%"),
                     cell("utilisation_p95", 100, 1, "%"), cell("delayed_mean"),
                     cell("admissions_per_day")])
    return table(["unit", "mean occupancy", "utilisation", "95th percentile occupancy", "delayed patients",
                  "admissions a day"], rows)


def source_comments(scenario_text):
    """Scenario lines that carry a comment: the data, assumptions and their sources."""
    rows = []
    for number_, line in enumerate((scenario_text or "").splitlines(), start=1):
        if "#" not in line:
            continue
        code, _, comment = line.partition("#")
        if not comment.strip():
            continue
        rows.append([str(number_), f"<code>{html.escape(code.strip())}</code>", html.escape(comment.strip())])
    return rows


def stress_des(model, run, summary, scenario_text, directory):
    """The STRESS-DES 1.0 checklist (Monks et al. 2019), filled from the run."""
    model = model or {}
    run = run or {}
    machine = run.get("machine", {})
    units = model.get("units", [])
    run_settings = model.get("run", {})

    def unit_line(u):
        capacity = "unlimited" if u.get("capacity") is None else f'{u["capacity"]} places'
        queue = ("an unlimited first-come-first-served queue" if u.get("queue_limit") is None else
                 "no queue (arrivals are diverted when full)" if u["queue_limit"] == 0 else
                 f'{u["queue_limit"]} waiting places')
        return (f'<li><b>{html.escape(u["name"])}</b> ({u["kind"].replace("_", " ")}): {capacity}, {queue}; '
                f'{u["arrivals_per_day"]:.1f} arrivals a day, offered load {u["offered_load"]:.1f}</li>')

    routes = "".join(f'<li>{html.escape(r["from"])} &rarr; {html.escape(r["to"])}: '
                     f'{r["patients_per_day"]:.1f} a day{" readmitted" if r.get("readmission") else ""}</li>'
                     for r in model.get("routes", []))
    sources = "".join(f'<li>{html.escape(s["name"])} &rarr; {html.escape(s["unit"])}: {s["rate_per_day"]:.1f} a day'
                      f'{", time-varying" if s.get("time_varying") else ""}'
                      f'{", growth " + format(100 * s["growth_per_year"], ".1f") + "% a year" if s.get("growth_per_year") else ""}'
                      f'</li>' for s in sources_of(model))
    groups = ", ".join(f'{html.escape(g["name"])}' for g in model.get("groups", []))
    outputs = ", ".join(sorted({n.split(".")[0] for n in summary})) if summary else "-"
    comments = source_comments(scenario_text)
    tagged = [r for r in comments if re.search(r"\[(S|D|O|A)\]", r[2])]
    tags = {t: sum(1 for r in comments if f"[{t}]" in r[2]) for t in "SDOA"}
    data_table = table(["line", "scenario", "source or assumption"], tagged or comments) if comments else \
        "<p>The scenario file carries no comments.</p>"

    items = [
        ("1. Objectives", [
            ("1.1 Purpose of the model", html.escape(model.get("description") or model.get("name", "-"))),
            ("1.2 Model outputs", f"Metrics reported ({len(summary)}; groups: {html.escape(outputs)}), each the "
             "mean over replications with a 95% Student-t confidence interval; definitions in the scenario "
             "reference (docs/scenario_reference.md#metrics)."),
            ("1.3 Experimentation aims", "The scenario as given (see 1.1)" +
             ("; this directory also holds a comparison, sweep, sizing or frontier, reported above." if any(
                 os.path.exists(os.path.join(directory, f)) for f in
                 ("compare.csv", "sweep_summary.csv", "size.csv", "frontier.csv")) else ".")),
        ]),
        ("2. Logic", [
            ("2.1 Base model overview diagram", "The pathway network at the head of this report."),
            ("2.2 Base model logic", "Patients arrive by arrival source, belong to a patient group, occupy a "
             "place in each unit for a sampled length of stay, then move on by their group's routing. A patient "
             "whose next unit is full keeps the place (blocking after service: a delayed transfer of care) and "
             "joins that unit's waiting list; each unit admits from its list first come, first served."),
            ("2.3 Scenario logic", f"Scenario: {html.escape(model.get('name', '-'))}. Units:<ul>" +
             "".join(unit_line(u) for u in units) + "</ul>"),
            ("2.4 Algorithms", "Lengths of stay sampled by inversion (Boost.Math quantiles); non-homogeneous "
             "arrivals by thinning; routes by inversion of one uniform per stay. Traffic equations solved with "
             "Eigen for the loads above."),
            ("2.5.1 Entities", f"Patients, in groups: {groups or '-'}."),
            ("2.5.2 Activities", "Treatment in a unit for a length of stay drawn per group:<ul>" +
             "".join(f'<li>{html.escape(u["name"])}: ' + "; ".join(
                 f"{html.escape(g)} {html.escape(d)}" for g, d in u.get("length_of_stay", {}).items()) + "</li>"
                     for u in units) + "</ul>"),
            ("2.5.3 Resources", "Beds or places per unit (capacities in 2.3)."),
            ("2.5.4 Queues", "One first-come-first-served list per unit holding both new arrivals and patients "
             "blocked elsewhere; queue limits in 2.3."),
            ("2.5.5 Entry and exit points", "Arrivals:<ul>" + sources + "</ul>Routes with their long-run flow:"
             f"<ul>{routes}</ul>Exits: {html.escape(', '.join(model.get('exits', [])))}."),
        ]),
        ("3. Data", [
            ("3.1 Data sources", f"From the scenario's comments: {tags['S']} values stated in a source [S], "
             f"{tags['D']} derived [D], {tags['O']} outside knowledge [O], {tags['A']} assumptions [A] "
             "(table below)."),
            ("3.2 Pre-processing", "None inside flowsim; derivations are shown in the scenario comments."),
            ("3.3 Input parameters", "The scenario file, copied into this directory as scenario.yaml "
             f"(FNV-1a hash {html.escape(str(run.get('scenario_hash_fnv1a64', '-')))})."),
            ("3.4 Assumptions", "Lines tagged [A] below; the model logic in 2.2 (routing independent of the "
             "length of stay within a group; first come, first served; no priorities)."),
        ]),
        ("4. Experimentation", [
            ("4.1 Initialisation", f"Warm-up of {run_settings.get('warmup_days', run.get('warmup_days', '-'))} days, "
             "chosen in the scenario (its comment gives the reason), discarded from every metric; units "
             "with a starting census begin near their steady state."),
            ("4.2 Run length", f"{run_settings.get('horizon_days', run.get('horizon_days', '-'))} days in all, "
             f"{run_settings.get('measured_days', '-')} measured."),
            ("4.3 Estimation approach", f"{run.get('replications', '-')} independent replications (set in the "
             "scenario's run block or by --reps; see its comment for how the number was chosen); 95% Student-t "
             "confidence intervals over replication means."),
        ]),
        ("5. Implementation", [
            ("5.1 Software", f"flowsim {html.escape(str(run.get('flowsim_version', '-')))} (C++20), "
             f"{html.escape(str(machine.get('compiler', '-')))}, Boost {html.escape(str(machine.get('boost', '-')))}, "
             f"fmt {html.escape(str(machine.get('fmt', '-')))}; report by matplotlib {matplotlib.__version__}, "
             f"Python {sys.version.split()[0]}."),
            ("5.2 Random sampling", f"{html.escape(str(run.get('random_numbers', '-')))}; seed {run.get('seed', '-')}. "
             "Patient k of a source draws the same numbers in every scenario (common random numbers)."),
            ("5.3 Model execution", f"Next-event simulation; {run.get('events', '-')} events over all "
             f"replications on {run.get('threads', '-')} threads; results identical on any thread count."),
            ("5.4 System specification", f"{html.escape(str(machine.get('processor', '-')))}, "
             f"{machine.get('hardware_threads', '-')} hardware threads, "
             f"{html.escape(str(machine.get('operating_system', '-')))}; run time "
             f"{float(run.get('wall_seconds', 0)):.1f} s, finished {html.escape(str(run.get('finished_utc', '-')))}."),
        ]),
        ("6. Code access", [
            ("6.1 Computer model sharing statement", "flowsim's source, with this scenario, reproduces these "
             "results exactly from the seed (the run.json in this directory records the version and hash)."),
        ]),
    ]
    out = ['<table class="stress"><tbody>']
    for section, entries in items:
        out.append(f'<tr><th colspan="2" class="section">{section}</th></tr>')
        for label, text in entries:
            out.append(f"<tr><th>{label}</th><td>{text}</td></tr>")
    out.append("</tbody></table>")
    out.append(f"<details><summary>Data and assumptions from the scenario's comments "
               f"({len(tagged or comments)} lines)</summary>{data_table}</details>")
    return "".join(out)


def sources_of(model):
    return model.get("sources", [])


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1100px; color: #222; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 32px; }}
img.chart {{ max-width: 100%; display: block; margin: 8px 0; }}
table {{ border-collapse: collapse; font-size: 13px; margin: 8px 0; }}
td, th {{ border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th.section {{ background: #f0f0f0; font-size: 14px; }}
.ci {{ color: #777; font-size: 11px; }} .note {{ background: #fff3cd; padding: 8px; }}
code {{ font-size: 12px; }}
</style></head>
<body data-expected-charts="{expected}">
<h1>{title}</h1>
{body}
<p id="render-status" data-rendered="pending">Charts: checking...</p>
<script>
// Counts the charts that decoded to a picture; the headless-browser test
// reads this line, and a reader sees at once if a chart is missing.
window.addEventListener("load", function () {{
  var charts = document.querySelectorAll("img.chart");
  var rendered = 0;
  charts.forEach(function (img) {{ if (img.complete && img.naturalWidth > 0) rendered += 1; }});
  var status = document.getElementById("render-status");
  status.setAttribute("data-rendered", String(rendered));
  status.textContent = "Charts rendered: " + rendered + " of " + charts.length + ".";
  if (rendered !== charts.length) console.error("flowsim report: " + (charts.length - rendered) + " chart(s) failed to render");
}});
</script>
</body></html>
"""


def build(directory):
    summary_rows = read_csv(directory, "summary.csv")
    summary = summary_map(summary_rows)
    run = read_json(directory, "run.json") or {}
    model = read_json(directory, "model.json")
    occupancy = read_csv(directory, "occupancy.csv")
    delayed = read_csv(directory, "delayed.csv")
    compare = read_csv(directory, "compare.csv")
    sweep = read_csv(directory, "sweep_summary.csv")
    size_rows = read_csv(directory, "size.csv")
    size_meta = read_json(directory, "size.json") or {}
    frontier = read_csv(directory, "frontier.csv")
    frontier_meta = read_json(directory, "frontier.json") or {}
    if not any([summary_rows, compare, sweep, frontier, size_rows]):
        sys.stderr.write(f"flowsim report: {directory} holds no flowsim results\n")
        sys.exit(2)

    charts = Charts()
    warmup = float(run.get("warmup_days") or (model or {}).get("run", {}).get("warmup_days") or 0)
    measured = float((model or {}).get("run", {}).get("measured_days") or
                     (float(run["horizon_days"]) - warmup if run.get("horizon_days") else 0))
    compared = " vs ".join(str(s.get("label")) for s in run.get("scenarios", [])) if compare else ""
    title = (model or {}).get("name") or run.get("scenario") or compared or size_meta.get("scenario") or \
        frontier_meta.get("scenario") or os.path.basename(os.path.abspath(directory))
    parts = []
    if model and model.get("description"):
        parts.append(f'<p>{html.escape(model["description"])}</p>')
    if run:
        parts.append(f'<p>{run.get("replications", "?")} replications, seed {run.get("seed", "?")}, '
                     f'{warmup:g} warm-up days then {measured:g} measured days; flowsim '
                     f'{html.escape(str(run.get("flowsim_version", "?")))}.</p>')
    diagram = network_diagram(directory)
    if diagram:
        parts.append("<h2>Pathway network</h2>" + diagram)
    if size_rows:
        chosen = size_meta.get("capacity")
        parts.append("<h2>Sizing</h2><p>" + (
            f'Smallest capacity of <b>{html.escape(size_meta.get("unit", "?"))}</b> meeting every target: '
            f'<b>{chosen}</b> (now {size_meta.get("current_capacity")}; Erlang first estimate '
            f'{size_meta.get("analytic_estimate")}). ' + band_text(size_meta) if chosen is not None else
            unreachable_text(size_meta) or "No capacity in the searched range meets every target. ") +
            "Targets: " + ", ".join(html.escape(t["text"]) for t in size_meta.get("targets", [])) +
            f'. Rule: {html.escape(size_meta.get("rule", ""))}. The results below are those of the chosen '
            "capacity.</p>" + capacity_curve(charts, size_rows, size_meta, "size"))
    if frontier:
        parts.append("<h2>Capacity frontier</h2>" + frontier_chart(charts, frontier) + table(
            [f'capacity of {frontier[0]["unit_a"]}',
             f'smallest capacity of {frontier[0]["unit_b"]} met with confidence',
             "undecided", "fails with confidence at or below", "replications to narrow"],
            [frontier_row(r) for r in frontier]) +
            "<p>Targets: " + ", ".join(html.escape(t["text"]) for t in frontier_meta.get("targets", [])) +
            f'. {html.escape(frontier_meta.get("rule", ""))}. The undecided capacities lie between the '
            f'largest failing with confidence and the answer; the replications (now '
            f'{frontier_meta.get("replications")}) would narrow them to one either side.</p>')
    if compare:
        sizing = (read_json(directory, "compare.json") or {}).get("sizing")
        parts.append("<h2>Comparison with the baseline</h2>" + comparison_section(charts, compare, run, sizing))
    if sweep:
        parts.append("<h2>Sweep</h2>" + sweep_responses(charts, sweep))
    if summary:
        parts.append("<h2>Key results</h2>" + gridlock_section(run) +
                     "<p>Mean (95% CI) and, below it, the median [5th to 95th percentile] across "
                     "replications.</p>" + key_results(summary, model) + skewed_table(summary_rows))
    if occupancy:
        parts.append("<h2>Occupancy</h2><p>Midnight census: mean and 5th-95th percentile across "
                     "replications; dashed line: capacity; grey: warm-up (not measured).</p>" +
                     occupancy_fans(charts, occupancy, model, warmup))
    if summary:
        parts.append("<h2>Time at or above occupancy levels</h2>" + occupancy_levels(charts, summary))
    if delayed:
        parts.append("<h2>Delayed transfers of care by pathway</h2><p>Patients holding a bed while waiting "
                     "for each pathway at midnight: mean and 5th-95th percentile band.</p>" +
                     delayed_over_time(charts, delayed, warmup))
    if summary:
        ae = ae_performance(charts, summary)
        if ae:
            parts.append("<h2>A&amp;E: 4-hour performance and 12-hour waits</h2>" + ae)
        cost = costs(charts, summary, measured)
        if cost:
            parts.append("<h2>Costs by unit</h2>" + cost)
    if summary or model:
        parts.append("<h2>STRESS-DES record</h2><p>Strengthening the Reporting of Empirical Simulation "
                     "Studies (Monks et al. 2019), filled from this run.</p>" +
                     stress_des(model, run, summary, read_text(directory, "scenario.yaml"), directory))
    return PAGE.format(title=html.escape(str(title)), expected=charts.count + diagram.count('class="chart'),
                       body="\n".join(parts))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: flowsim_report.py RESULT_DIR\n")
        return 2
    directory = argv[1]
    page = build(directory)
    # Written under a temporary name and renamed, so a half-written report never exists.
    handle, temporary = tempfile.mkstemp(prefix=".report.", suffix=".partial", dir=directory)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(page)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; a report is for sharing
    os.replace(temporary, os.path.join(directory, "report.html"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
