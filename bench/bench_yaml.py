"""The YAML floor: the strict loader against the audit's fast path (engine/core/fastyaml.py), same files.

    .venv/bin/python bench/bench_yaml.py [--count 2000] [--rounds 5] [--seed 1]

Writes --count sample dossiers (`juece sample`) to a temporary folder, reads them into memory, then
times, in CPU time (time.process_time), best of --rounds:

    strict parse   yaml.load with core.yamlload.StrictLoader (libyaml + the Python constructor)
    fast parse     fastyaml.parse (rapidyaml → JSON → objects, YAML 1.1 types put back)
    strict load    load_dossier(path)              read, decode, strict parse, pydantic
    fast load      load_dossier(path, fast=True)   what an audit worker does

and checks that both give equal objects for every file (exit 1 if not); prints how many files the
fast path declined (those take the strict loader, at its cost plus the fast path's scan).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best(fn, rounds: int) -> float:
    out = None
    for _ in range(rounds):
        t = time.process_time()
        fn()
        spent = time.process_time() - t
        out = spent if out is None else min(out, spent)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    import yaml

    from engine.core import fastyaml
    from engine.core.yamlload import StrictLoader, read_text
    from engine.load import load_dossier
    with tempfile.TemporaryDirectory(prefix="juece-bench-yaml-") as tmp:
        subprocess.run([sys.executable, "-m", "engine", "sample", "--count", str(args.count), "--out", tmp,
                        "--seed", str(args.seed)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        paths = sorted(Path(tmp).rglob("*.yaml"))
        texts = [read_text(p) for p in paths]
        declined = sum(fastyaml.parse(t) is None for t in texts)
        same = all(fastyaml.parse(t) in (None, yaml.load(t, Loader=StrictLoader)) for t in texts)  # noqa: S506
        rows = [
            ("strict parse", best(lambda: [yaml.load(t, Loader=StrictLoader) for t in texts], args.rounds)),  # noqa: S506
            ("fast parse", best(lambda: [fastyaml.parse(t) for t in texts], args.rounds)),
            ("strict load", best(lambda: [load_dossier(p) for p in paths], args.rounds)),
            ("fast load", best(lambda: [load_dossier(p, fast=True) for p in paths], args.rounds)),
        ]
    n = len(paths)
    print(f"{n} sample dossiers, {sum(len(t.encode()) for t in texts) / n / 1024:.1f} KB of UTF-8 YAML each; rapidyaml "
          f"{'present' if fastyaml.AVAILABLE else 'NOT installed'}; fast path declined {declined}; "
          f"objects equal: {'yes' if same else 'NO'}")
    print(f"CPU time, best of {args.rounds} rounds\n")
    for name, t in rows:
        print(f"{name:14s} {t / n * 1e6:8.0f} µs a file  {n / t:8,.0f} files/s")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
