"""Instructions per `check`, counted by callgrind: a number that does not drift with the machine.

    .venv/bin/python bench/instructions.py [--count 200] [--seed 1] [--mode findings|explain|outcomes|worker]

Wall-clock timings on the shared VM swing by up to 2x from one minute to the next (bench/README.md), so
changes to the engine are compared by instruction count instead. The script generates N benchmark
dossiers (bench_check.make_dossier, the same seed), then runs this file twice under
`valgrind --tool=callgrind` with PYTHONHASHSEED=0 (string hashing changes dict probing, hence the count):
once loading the dossiers and checking each once (warm-up: compile, register, first findings), and once
doing the same and then checking them all again. The difference divided by N is what one more check
costs, in the state a long run is in. Needs valgrind (Debian package `valgrind`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _drive(folder: str, again: bool, mode: str) -> None:
    """What runs under valgrind: load every dossier, check each once, and once more if `again`.

    mode: findings (`juece check`), explain (`--explain`), outcomes (`juece audit`: every rule's outcome);
    worker: what an audit worker does for each file (fast load, every rule's outcome, the summary's
    tally, the result line: engine.audit.worker.process_chunk), the files read again on the second pass."""
    if mode == "worker":
        from engine.audit import worker
        items = [(str(p), "file", str(p)) for p in sorted(Path(folder).glob("*.yaml"))]
        for _ in range(2 if again else 1):
            for i in range(0, len(items), 50):
                worker.process_chunk(items[i:i + 50], {"list_limit": 500})
        return
    from engine.check import check, check_with_outcomes
    from engine.load import load_dossier

    run = {"findings": check, "explain": lambda d: check(d, explain=True), "outcomes": check_with_outcomes}[mode]
    loaded = [load_dossier(p) for p in sorted(Path(folder).glob("*.yaml"))]
    for d in loaded:
        run(d)
    if again:
        for d in loaded:
            run(d)


def _count(folder: str, again: bool, mode: str) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
           "--drive", folder, "--again" if again else "--once", "--mode", mode]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stderr
    m = re.search(r"Collected : (\d+)", out)
    if not m:
        raise SystemExit("callgrind printed no instruction count:\n" + out[-2000:])
    return int(m.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=("findings", "explain", "outcomes", "worker"), default="findings")
    ap.add_argument("--drive", help=argparse.SUPPRESS)
    ap.add_argument("--again", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.drive:
        _drive(args.drive, args.again, args.mode)
        return 0
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    from bench_check import generate  # noqa: E402 - the benchmark's own dossiers

    with tempfile.TemporaryDirectory(prefix="juece-instr-") as tmp:
        generate(args.count, Path(tmp), args.seed)
        once, twice = _count(tmp, False, args.mode), _count(tmp, True, args.mode)
    what = "dossier on an audit worker's path" if args.mode == "worker" else "check"
    print(f"{(twice - once) / args.count:,.0f} instructions per {what} ({args.mode} mode, {args.count} dossiers, "
          f"seed {args.seed}; callgrind, PYTHONHASHSEED=0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
