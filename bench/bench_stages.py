"""Where an audit worker's CPU goes, per dossier, in one process (CPU µs, best of 3 rounds).

    .venv/bin/python -m engine sample --count 3650 --out /tmp/sp-dossiers --seed 1
    .venv/bin/python bench/bench_stages.py 3600 [/tmp/sp-dossiers]

load = load_dossier(fast=True) (the audit's path; the strict loader where the tree has no fast
path), check = check_with_outcomes, line = the results.jsonl line, digest and tally = what the
summary reads and counts. Each round takes its own third of the files, so no cache is warm for them.
Run it from the root of the tree to measure (cwd is put first on sys.path).
"""
import inspect
import os
import sys
import time

sys.path.insert(0, os.getcwd())
from engine.audit import worker  # noqa: E402
from engine.audit.sources import iter_files  # noqa: E402
from engine.audit.summary import Part, digest  # noqa: E402
from engine.check import check_with_outcomes  # noqa: E402
from engine.load import load_dossier  # noqa: E402

KW = {"fast": True} if "fast" in inspect.signature(load_dossier).parameters else {}
N = int(sys.argv[1]) if len(sys.argv) > 1 else 3600
SRC = sys.argv[2] if len(sys.argv) > 2 else "/tmp/sp-dossiers"
every = [str(p) for p in sorted(iter_files([SRC]))]
for f in every[:50]:  # warm-up: rulesets loaded and compiled
    check_with_outcomes(load_dossier(f, name=f, **KW))
allf = every[50:50 + N]
best: dict[str, float] = {}
T = time.process_time
for rnd in range(3):
    files = allf[rnd * N // 3:(rnd + 1) * N // 3]
    t = T()
    L = []
    for f in files:
        try:
            L.append(load_dossier(f, name=f, **KW))
        except Exception:  # noqa: BLE001
            pass
    t1 = T()
    R = [check_with_outcomes(x) for x in L]
    t2 = T()
    lines = [worker.result_line(r, o) for r, o in R]
    t3 = T()
    D = [digest(r, o) for r, o in R]
    t4 = T()
    p = Part(500)
    for d in D:
        p.add_result(d)
    t5 = T()
    for k, v in dict(load=t1 - t, check=t2 - t1, line=t3 - t2, digest=t4 - t3, tally=t5 - t4).items():
        best[k] = min(best.get(k, 1e9), v / len(files) * 1e6)
print({k: round(v) for k, v in best.items()}, "total", round(sum(best.values())))
