"""The anchors' side of bench/anchors/run.py; runs in bench/anchors/.venv (Declare4Py and pm4py), never
in the project's environment.

    .venv/bin/python declare_side.py TRACES.json ROUNDS OUT.json

TRACES.json: {"constraints": [[template, a] | [template, a, b], ...], "traces": [[case, [activity, ...]], ...]}
(activities already in time order). Writes {system: {"version", "cpu_s" (best round), "rounds",
"violations": [[case, constraint index], ...]}} for Declare4Py and pm4py.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from datetime import datetime, timedelta

warnings.filterwarnings("ignore")


def best_cpu(fn, rounds: int):
    best, out = None, None
    for _ in range(rounds):
        t = time.process_time()
        out = fn()
        spent = time.process_time() - t
        best = spent if best is None else min(best, spent)
    return best, out


def main() -> None:
    src, rounds, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    data = json.load(open(src, encoding="utf-8"))
    constraints = data["constraints"]
    traces = data["traces"]

    import pandas as pd
    import pm4py
    from importlib.metadata import version

    rows = []
    t0 = datetime(2020, 1, 1)
    for case, acts in traces:
        for i, a in enumerate(acts):  # one event a minute, in the order given: the order is the trace
            rows.append({"case:concept:name": case, "concept:name": a, "time:timestamp": t0 + timedelta(minutes=i)})
    df = pd.DataFrame(rows)
    df = pm4py.format_dataframe(df, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp")
    log = pm4py.convert_to_event_log(df)
    log._properties.setdefault("pm4py:param:timestamp_key", "time:timestamp")
    log._properties.setdefault("pm4py:param:activity_key", "concept:name")
    cases = [tr.attributes["concept:name"] for tr in log]
    out: dict = {}

    # ---- Declare4Py: MP-Declare conformance (MPDeclareAnalyzer), the model written in its .decl text form
    from Declare4Py.D4PyEventLog import D4PyEventLog
    from Declare4Py.ProcessMiningTasks.ConformanceChecking.MPDeclareAnalyzer import MPDeclareAnalyzer
    from Declare4Py.ProcessModels.DeclareModel import DeclareModel

    acts = sorted({c[1] for c in constraints} | {c[2] for c in constraints if len(c) > 2})
    lines = [f"activity {a}" for a in acts]
    for c in constraints:
        lines.append(f"{c[0]}[{c[1]}] | |" if len(c) == 2 else f"{c[0]}[{c[1]}, {c[2]}] | | |")
    model = DeclareModel().parse_from_string("\n".join(lines) + "\n")
    d4log = D4PyEventLog(log=log)
    # consider_vacuity=True: a trace in which the constraint is never activated satisfies it (as in juece)
    cpu, res = best_cpu(lambda: MPDeclareAnalyzer(log=d4log, declare_model=model, consider_vacuity=True).run(), rounds)
    state = res.get_metric(metric="state")  # DataFrame: one row a trace, one column a constraint; 0 = violated
    viol = [[cases[i], j] for i in range(len(cases)) for j in range(len(constraints)) if int(state.iat[i, j]) == 0]
    out["Declare4Py"] = {"version": version("declare4py"), "cpu_s": cpu, "rounds": rounds, "violations": viol}

    # ---- pm4py: conformance_declare (no data conditions: templates over activity names only)
    pm_model: dict = {}
    for c in constraints:
        key = c[1] if len(c) == 2 else (c[1], c[2])
        pm_model.setdefault(c[0].lower(), {})[key] = {"support": 1.0, "confidence": 1.0}
    index = {(c[0].lower(), c[1] if len(c) == 2 else (c[1], c[2])): j for j, c in enumerate(constraints)}
    cpu, res = best_cpu(lambda: pm4py.conformance_declare(log, pm_model, return_diagnostics_dataframe=False), rounds)
    viol = []
    for case, r in zip(cases, res):
        for tmpl, what in r["deviations"]:
            viol.append([case, index[(tmpl, tuple(what) if isinstance(what, (list, tuple)) else what)]])
    out["pm4py"] = {"version": version("pm4py"), "cpu_s": cpu, "rounds": rounds, "violations": viol}

    json.dump(out, open(dst, "w", encoding="utf-8"))


if __name__ == "__main__":
    main()
