"""Two or more checkouts of juece side by side, in turn, on the same inputs: the figures of bench/README.md.

    .venv/bin/python bench/compare.py check [--rounds 12] TREE [TREE ...]
    .venv/bin/python bench/compare.py audit [--count 10000] [--rounds 2] [--jobs 2] TREE [TREE ...]

A TREE is a folder holding a checkout of juece (`git worktree add /tmp/before c361501`, or
`git archive c361501 | tar -x -C /tmp/before`); `.` is this one. Every tree runs with this
interpreter (`python -m engine` from inside the tree imports the tree's own engine), one tree after
the other in each round, so that a machine whose speed drifts treats them alike.

check  `python -m engine check cases/examples/peng-yang-heating-price.yaml` (the tree's own copy): wall
       time, CPU time (user + system) and peak RSS of each run from the kernel's accounting (wait4).
audit  `python -m engine audit ARCHIVE --out … -j J -q` on one `juece sample --count N --seed 1`
       archive written with this tree: wall time and the CPU of every process of the audit (parent,
       forkserver, workers; read from /proc every 50 ms) and of the parent alone.

Medians over the rounds, and the best round; CPU and wall both, since on a shared machine wall time
says more about the neighbours than about the code. The `.pyc` files of each tree are written first
(`compileall`), so no run pays for compiling.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_audit import _tree_cpu  # noqa: E402 - the same /proc accounting as bench_audit.py

EXAMPLE = "cases/examples/peng-yang-heating-price.yaml"


def _env() -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _compile(trees: list[Path]) -> None:
    for t in trees:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(t / "engine")], check=True, env=_env(),
                       stdout=subprocess.DEVNULL)


def run_check(tree: Path) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MiB) of one `python -m engine check` in `tree`."""
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "engine", "check", EXAMPLE], cwd=tree, env=_env(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{tree}: juece check exited {p.returncode}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def run_audit(tree: Path, archive: Path, jobs: int) -> tuple[float, float, float]:
    """(wall s, CPU s of every process, CPU s of the parent) of one `python -m engine audit` in `tree`."""
    with tempfile.TemporaryDirectory(prefix="juece-compare-") as out:
        cpu: dict[int, float] = {}
        t = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-m", "engine", "audit", str(archive), "--out", out, "-j", str(jobs), "-q"],
                             cwd=tree, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def sample() -> None:
            while p.poll() is None:
                _tree_cpu(p.pid, cpu)
                time.sleep(0.05)

        th = threading.Thread(target=sample, daemon=True)
        th.start()
        p.wait()
        th.join()
        wall = time.perf_counter() - t
        if p.returncode not in (0, 1):
            raise SystemExit(f"{tree}: juece audit exited {p.returncode}")
        return wall, sum(cpu.values()), cpu.get(p.pid, 0.0)


def _report(rows: dict[Path, list[tuple[float, ...]]], names: tuple[str, ...], unit: tuple[str, ...]) -> None:
    width = max(len(str(t)) for t in rows)
    for tree, runs in rows.items():
        cells = []
        for i, (name, u) in enumerate(zip(names, unit)):
            vals = [r[i] for r in runs]
            fmt = ".1f" if u == " MiB" else ".3f"
            cells.append(f"{name} median {statistics.median(vals):{fmt}}{u} (best {min(vals):{fmt}}{u})")
        print(f"{str(tree):<{width}}  " + "   ".join(cells) + f"   rounds {len(runs)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    c = sub.add_parser("check", help="juece check of the shipped example")
    c.add_argument("--rounds", type=int, default=12)
    c.add_argument("trees", nargs="+", type=Path)
    a = sub.add_parser("audit", help="juece audit of a sample archive")
    a.add_argument("--count", type=int, default=10_000)
    a.add_argument("--rounds", type=int, default=2)
    a.add_argument("--jobs", type=int, default=2)
    a.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "juece-compare-archive")
    a.add_argument("trees", nargs="+", type=Path)
    args = ap.parse_args(argv)
    trees = [t.resolve() for t in args.trees]
    for t in trees:
        if not (t / "engine" / "__main__.py").is_file():
            raise SystemExit(f"{t}: not a checkout of juece (no engine/__main__.py)")
    _compile(trees)
    rows: dict[Path, list[tuple[float, ...]]] = {t: [] for t in trees}
    if args.what == "check":
        for t in trees:  # one warm-up each: the disk cache of rulesets filled, the files in the page cache
            run_check(t)
        for _ in range(args.rounds):
            for t in trees:
                rows[t].append(run_check(t))
        _report(rows, ("wall", "CPU", "peak RSS"), (" s", " s", " MiB"))
    else:
        archive = args.dir / f"n{args.count}-seed1"
        if not archive.is_dir():
            subprocess.run([sys.executable, "-m", "engine", "sample", "--count", str(args.count), "--seed", "1",
                            "--out", str(archive)], check=True, cwd=HERE.parent, stdout=subprocess.DEVNULL)
        for _ in range(args.rounds):
            for t in trees:
                rows[t].append(run_audit(t, archive, args.jobs))
        _report(rows, ("wall", "CPU, all processes", "CPU, parent"), (" s", " s", " s"))
    print(f"load average now {os.getloadavg()[0]:.1f} on {len(os.sched_getaffinity(0))} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
