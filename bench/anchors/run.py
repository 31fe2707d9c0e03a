"""juece side by side with its nearest anchors, Declare4Py and pm4py, on the same traces.

    .venv/bin/python bench/anchors/run.py [--count 2000] [--rounds 5] [--seed 1] [--venv bench/anchors/.venv]

1. `juece sample` writes --count dossiers (a temporary folder).
2. Each dossier becomes a trace: its procedure records that the 12 constraints name, in date order
   (same day: in the order of the procedure). Dossiers that predate Decree 713 or have such a
   record without its date are left out of the comparison (juece calls those not applicable or
   indeterminate; a trace has no such state); the count is printed.
3. The anchors run in their own virtual environment (--venv; created here and filled from PyPI
   with the pinned versions below the first time; never the project's environment):
   Declare4Py's MP-Declare analyzer and pm4py's declare conformance, on 12 constraints
   (6 Existence, 6 Precedence), over an EventLog built in memory (building it is not timed).
4. juece checks the same dossiers, already loaded (loading is not timed, as the anchors' log is
   built untimed too), with bench/anchors/ruleset/declare12 (the same 12 constraints as juece
   rules) and with the full Decree 713 ruleset (cn.mad.decree-713). Also timed: a plain Python loop
   over the 12 constraints, and juece from the YAML file (load + check), for scale.
5. All four answers for the 12 constraints must agree on which trace violates which constraint;
   any disagreement is printed and the exit code is 1.

Every figure is CPU time (user + system of this process or of the anchors' process,
time.process_time), the best of --rounds rounds: the machine may be shared, and CPU time moves
less than wall time when it is. Items/s = traces (dossiers) per CPU second.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

ANCHORS = {"declare4py": "2.2.0", "pm4py": "2.7.23.11"}  # pinned: the figures in bench/README.md are for these
RULESET_ROOT = str(HERE / "ruleset")
SMALL = "bench.declare12"
FULL = "cn.mad.decree-713"

# (template, a[, b]) in the order of bench/anchors/ruleset/declare12/rules.yaml, with juece's rule id
CONSTRAINTS = [
    ("Existence", "initiation"), ("Existence", "drafting"), ("Existence", "legality_review"),
    ("Existence", "collective_discussion"), ("Existence", "publication"), ("Existence", "archiving"),
    ("Precedence", "initiation", "drafting"), ("Precedence", "drafting", "legality_review"),
    ("Precedence", "legality_review", "collective_discussion"), ("Precedence", "public_participation", "collective_discussion"),
    ("Precedence", "collective_discussion", "publication"), ("Precedence", "party_report", "publication"),
]
RULE_IDS = [
    "existence.initiation", "existence.drafting", "existence.legality-review", "existence.collective-discussion",
    "existence.publication", "existence.archiving", "precedence.initiation.drafting", "precedence.drafting.legality-review",
    "precedence.legality-review.collective-discussion", "precedence.public-participation.collective-discussion",
    "precedence.collective-discussion.publication", "precedence.party-report.publication",
]
EVENT_DATE = {"legality_review": "opinion_date", "public_participation": "end_date"}  # else `date`
ACTIVITIES = ["initiation", "drafting", "public_participation", "legality_review", "party_report",
              "collective_discussion", "publication", "archiving"]  # the procedure's order: same-day ties
RANK = {a: i for i, a in enumerate(ACTIVITIES)}


def ensure_venv(venv: Path) -> Path:
    py = venv / "bin" / "python"
    probe = "import Declare4Py, pm4py"
    if py.exists() and subprocess.run([str(py), "-c", probe], capture_output=True).returncode == 0:
        return py
    print(f"creating {venv} with {', '.join(f'{k}=={v}' for k, v in ANCHORS.items())} (first run only; a few minutes)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", *(f"{k}=={v}" for k, v in ANCHORS.items())], check=True)
    return py


def best_cpu(fn, rounds: int):
    best, out = None, None
    for _ in range(rounds):
        t = time.process_time()
        out = fn()
        spent = time.process_time() - t
        best = spent if best is None else min(best, spent)
    return best, out


def trace_of(dossier) -> list[str] | None:
    """The dossier's events for the constraints, in order; None if one of them has no date."""
    events = []
    for i, rec in enumerate(dossier.procedures):
        if rec.type not in RANK:
            continue
        day = getattr(rec, EVENT_DATE.get(rec.type, "date"), None)
        if day is None:
            return None
        events.append((day, RANK[rec.type], i, rec.type))
    return [e[3] for e in sorted(events)]


def engine_only(dossiers, ruleset_id: str, rounds: int) -> float:
    """CPU seconds for what a Declare checker does: the rules evaluated, nothing said about them
    (to_facts + evaluate.run on the compiled ruleset; no findings, messages or result objects)."""
    from engine import evaluate, rulesets
    from engine.check import compiled_for
    from engine.facts import to_facts
    rs = rulesets.load(ruleset_id, RULESET_ROOT if ruleset_id == SMALL else str(rulesets.RULESETS_DIR))
    compiled, _ = compiled_for(rs, "findings")
    stages = [(d.dossier, d.dossier.effective_stage().rank) for d in dossiers]
    t, _ = best_cpu(lambda: [evaluate.run(compiled, to_facts(d, rank, compiled.keys)) for d, rank in stages], rounds)
    return t


def plain_loop(traces: list[tuple[str, list[str]]]) -> set[tuple[str, int]]:
    out = set()
    for case, acts in traces:
        first: dict[str, int] = {}
        for i, a in enumerate(acts):
            first.setdefault(a, i)
        for j, c in enumerate(CONSTRAINTS):
            if c[0] == "Existence":
                if c[1] not in first:
                    out.add((case, j))
            elif c[2] in first and (c[1] not in first or first[c[1]] > first[c[2]]):
                out.add((case, j))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--venv", type=Path, default=HERE / ".venv")
    args = ap.parse_args()

    venv_py = ensure_venv(args.venv)
    from engine import rulesets
    from engine.check import check, check_with_outcomes
    from engine.load import load_dossier

    with tempfile.TemporaryDirectory(prefix="juece-anchors-") as tmp:
        src = Path(tmp) / "dossiers"
        subprocess.run([sys.executable, "-m", "engine", "sample", "--count", str(args.count), "--out", str(src),
                        "--seed", str(args.seed)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        files = sorted(src.rglob("*.yaml"))
        loaded, traces, skipped = [], [], {"predates Decree 713": 0, "a record without its date": 0}
        small = rulesets.load(SMALL, RULESET_ROOT)
        for p in files:
            ld = load_dossier(p)
            on = ld.dossier.effective_date_basis()[0]
            if not small.in_force(on):
                skipped["predates Decree 713"] += 1
                continue
            tr = trace_of(ld.dossier)
            if tr is None:
                skipped["a record without its date"] += 1
                continue
            loaded.append((p, ld))
            traces.append((str(p.relative_to(src)), tr))
        n = len(loaded)
        print(f"{len(files)} sample dossiers (seed {args.seed}); {n} traces compared; left out: "
              + ", ".join(f"{v} {k}" for k, v in skipped.items()))

        # ---- answers
        juece_v = set()
        for (p, ld), (case, _) in zip(loaded, traces):
            _, outcomes = check_with_outcomes(ld, ruleset_id=SMALL, root=RULESET_ROOT)
            juece_v |= {(case, j) for j, rid in enumerate(RULE_IDS) if outcomes.get(rid) == "violated"}
        loop_v = plain_loop(traces)

        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            json.dump({"constraints": [list(c) for c in CONSTRAINTS], "traces": traces}, f)
            tr_path = f.name
        out_path = tr_path + ".out"
        subprocess.run([str(venv_py), str(HERE / "declare_side.py"), tr_path, str(args.rounds), out_path], check=True,
                       stdout=subprocess.DEVNULL)  # pm4py prints a banner
        side = json.load(open(out_path, encoding="utf-8"))
        os.unlink(tr_path)
        os.unlink(out_path)

        # ---- timings (CPU, best of rounds); one warm-up each first (rulesets compiled, caches warm)
        dossiers = [ld for _, ld in loaded]
        check(dossiers[0], ruleset_id=SMALL, root=RULESET_ROOT)
        check(dossiers[0], ruleset_id=FULL)
        t_small, _ = best_cpu(lambda: [check(d, ruleset_id=SMALL, root=RULESET_ROOT) for d in dossiers], args.rounds)
        t_full, _ = best_cpu(lambda: [check(d, ruleset_id=FULL) for d in dossiers], args.rounds)
        t_loop, _ = best_cpu(lambda: plain_loop(traces), args.rounds)
        t_rules = engine_only(dossiers, SMALL, args.rounds)
        t_rules_full = engine_only(dossiers, FULL, args.rounds)
        paths = [p for p, _ in loaded]
        t_file, _ = best_cpu(lambda: [check(load_dossier(p), ruleset_id=FULL) for p in paths], max(1, args.rounds // 2))
        try:
            t_fast, _ = best_cpu(lambda: [check(load_dossier(p, fast=True), ruleset_id=FULL) for p in paths], max(1, args.rounds // 2))
        except TypeError:  # an engine without the fast path (an older commit)
            t_fast = None

    full = rulesets.load(FULL)
    checkable = sum(r.checkable for r in full.rules)
    answers = {"juece (bench.declare12)": juece_v, "plain Python loop": loop_v,
               f"Declare4Py {side['Declare4Py']['version']}": {tuple(v) for v in side["Declare4Py"]["violations"]},
               f"pm4py {side['pm4py']['version']}": {tuple(v) for v in side["pm4py"]["violations"]}}
    ref = juece_v
    agree = all(v == ref for v in answers.values())
    print(f"\nviolations found (trace, constraint): {len(ref)}; per constraint: "
          + ", ".join(f"{RULE_IDS[j]} {sum(1 for _, k in ref if k == j)}" for j in range(len(CONSTRAINTS))))
    for name, v in answers.items():
        if v != ref:
            print(f"  DISAGREES: {name}: {len(v - ref)} more, {len(ref - v)} fewer; e.g. {sorted(v ^ ref)[:5]}")
    print("all four agree on every (trace, constraint)" if agree else "NOT all in agreement")

    d4 = n / side["Declare4Py"]["cpu_s"]
    rows = [
        (f"Declare4Py {side['Declare4Py']['version']}", "MPDeclareAnalyzer.run(), 12 constraints, EventLog in memory", d4),
        (f"pm4py {side['pm4py']['version']}", "conformance_declare(), 12 constraints (no data conditions)", n / side["pm4py"]["cpu_s"]),
        ("plain Python loop", "the 12 constraints over lists of activity names", n / t_loop),
        ("juece rules only, bench.declare12", "facts + durable_rules activations, no findings or result", n / t_rules),
        ("juece engine, bench.declare12", "check() on loaded dossiers, 12 rules, findings built", n / t_small),
        (f"juece rules only, {FULL}", "facts + durable_rules activations, no findings or result", n / t_rules_full),
        (f"juece engine, {FULL}", f"check() on loaded dossiers, {checkable} checkable rules", n / t_full),
        (f"juece file → result, {FULL}", "load_dossier() (strict loader) + check()", n / t_file),
    ] + ([(f"juece file → result, {FULL}", "load_dossier(fast=True) + check() (the audit's path)", n / t_fast)] if t_fast else [])
    print(f"\n{n} traces; CPU time, best of {args.rounds} rounds (file rows: {max(1, args.rounds // 2)}); ratio = items/s ÷ Declare4Py's\n")
    w = max(len(r[0]) for r in rows)
    v = max(len(r[1]) for r in rows)
    print(f"{'system':<{w}}  {'what is timed':<{v}}  {'items/s':>10}  {'ratio':>7}")
    for name, what, rate in rows:
        print(f"{name:<{w}}  {what:<{v}}  {rate:>10,.0f}  {rate / d4:>6.2f}×")
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
