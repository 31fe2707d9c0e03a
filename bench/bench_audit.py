"""Throughput and memory of `juece audit` against a loading-only baseline, measured in one run.

    .venv/bin/python bench/bench_audit.py --count 100000 [--jobs 1,2] [--dir /tmp/juece-bench-audit] [--seed 1]

1. `juece sample --count N` writes N realistic YAML dossiers (kept in --dir and reused when it
   already holds N of them with the same seed).
2. baseline   one process reads and parses every file (`load_dossier`: read, decode, libyaml,
              pydantic) and does nothing else: the cost the audit cannot avoid.
3. audit -j J `juece audit DIR --out ... -j J` for each J, end to end: enumeration, loading,
              rules, the outcome map, writing results.jsonl with fsync, the summary, dossiers.csv and report.html.
4. memory     peak resident memory of the whole process tree (parent + workers, sampled from /proc
              every 0.1 s), for the full archive and for one county folder of twelve: it should not grow with N.

Targets (bench/README.md): audit with 2 jobs ≤ 1.5 × baseline on this 2-core machine; peak memory flat.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

BASELINE = r"""
import sys, time
sys.path.insert(0, {root!r})
from engine.audit.sources import iter_files
from engine.core.errors import JueceError
from engine.load import load_dossier
t = time.perf_counter(); n = bad = 0
for p in iter_files([{src!r}]):
    n += 1
    try:
        load_dossier(p)
    except JueceError:
        bad += 1
print(n, bad, time.perf_counter() - t)
"""


def _tree_rss_kb(pid: int) -> tuple[int, int]:
    """(RSS of pid, RSS of pid and all its descendants), in KiB."""
    def rss(p: int) -> int:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def children(p: int) -> list[int]:
        out = []
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    out += [int(x) for x in f.read().split()]
        except OSError:
            pass
        return out

    own = rss(pid)
    total, stack = own, children(pid)
    while stack:
        c = stack.pop()
        total += rss(c)
        stack += children(c)
    return own, total


_TICK = os.sysconf("SC_CLK_TCK")


def _tree_cpu(pid: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds (user + system) of pid and its descendants into seen (pid → latest)."""
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            seen[p] = (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    stack += [int(x) for x in f.read().split()]
        except (OSError, IndexError, ValueError):
            pass


def run_measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run cmd; → wall seconds, CPU seconds of the process tree, peak parent RSS and peak tree RSS (MB), stdout.

    CPU seconds hardly depend on what else the machine runs (the wall time does): on a shared machine,
    compare `cpu` too. They are sampled from /proc every 0.1 s for every process of the tree (workers
    included), so up to 0.1 s per process may be missed."""
    t0 = time.perf_counter()
    cpu: dict[int, float] = {}
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            own, tree = _tree_rss_kb(p.pid)
            peak[0], peak[1] = max(peak[0], own), max(peak[1], tree)
            _tree_cpu(p.pid, cpu)
            done.wait(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    if p.returncode not in (0, 1, 2):
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}):\n{err[-3000:]}")
    return {"seconds": wall, "cpu": sum(cpu.values()), "rss_parent_mb": peak[0] / 1024, "rss_tree_mb": peak[1] / 1024,
            "stdout": out}


def ensure_archive(folder: Path, count: int, seed: int) -> Path:
    stamp = folder / ".bench.json"
    want = {"count": count, "seed": seed}
    src = folder / "dossiers"
    if stamp.exists() and json.loads(stamp.read_text()) == want:
        print(f"reusing {count} dossiers in {src}")
        return src
    if src.exists():
        subprocess.run(["rm", "-rf", str(src)], check=True)
    t = time.perf_counter()
    subprocess.run([PY, "-m", "engine", "sample", "--count", str(count), "--out", str(src), "--seed", str(seed)], check=True, cwd=ROOT)
    print(f"generated {count} dossiers in {time.perf_counter() - t:.0f} s")
    stamp.write_text(json.dumps(want))
    return src


def audit(src: list[Path], out: Path, jobs: int) -> dict:
    if out.exists():
        subprocess.run(["rm", "-rf", str(out)], check=True)
    r = run_measured([PY, "-m", "engine", "audit", *map(str, src), "--out", str(out), "-j", str(jobs), "-q"])
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    r["dossiers"] = s["totals"]["inputs"]
    r["results_mb"] = (out / "results.jsonl").stat().st_size / 1e6
    return r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--jobs", default="1,2", help="comma-separated job counts to time (default 1,2)")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/juece-bench-audit"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-memory-check", action="store_true", help="skip the audit of a tenth of the archive")
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    src = ensure_archive(args.dir, args.count, args.seed)
    n = args.count

    base = run_measured([PY, "-c", BASELINE.format(root=str(ROOT), src=str(src))])
    files, bad, inner = base["stdout"].split()
    print(f"\nbaseline (load only, 1 process)  {n / base['seconds']:8,.0f} dossiers/s  {base['seconds']:7.1f} s"
          f"  cpu {base['cpu']:6.1f} s  (in-loop {float(inner):.1f} s; {bad} unreadable)  peak RSS {base['rss_tree_mb']:.0f} MB")
    rows = []
    for j in [int(x) for x in args.jobs.split(",")]:
        r = audit([src], args.dir / f"audit-j{j}", j)
        rows.append((j, r))
        print(f"audit -j {j}                        {n / r['seconds']:8,.0f} dossiers/s  {r['seconds']:7.1f} s"
              f"  cpu {r['cpu']:6.1f} s  ratio to baseline {r['seconds'] / base['seconds']:.2f} (cpu {r['cpu'] / base['cpu']:.2f})"
              f"  peak RSS parent {r['rss_parent_mb']:.0f} MB, all processes {r['rss_tree_mb']:.0f} MB"
              f"  results.jsonl {r['results_mb']:.0f} MB")
    if not args.no_memory_check:
        counties = sorted(p for p in src.iterdir() if p.is_dir())
        jmax = max(j for j, _ in rows)
        m = audit(counties[:1], args.dir / "audit-small", jmax)  # one county in twelve
        big = next(r for j, r in rows if j == jmax)  # the same number of jobs as the small run
        print(f"memory: {m['dossiers']:,} dossiers → peak {m['rss_tree_mb']:.0f} MB (parent {m['rss_parent_mb']:.0f});"
              f" {big['dossiers']:,} → peak {big['rss_tree_mb']:.0f} MB (parent {big['rss_parent_mb']:.0f})")
    best = min(rows, key=lambda t: t[1]["seconds"])
    ratio = best[1]["seconds"] / base["seconds"]
    print(f"\ntarget: audit ≤ 1.5 × baseline → best (-j {best[0]}) is {ratio:.2f} × ({'met' if ratio <= 1.5 else 'NOT met'})")
    cores = len(os.sched_getaffinity(0))
    est = best[1]["cpu"] / min(best[0], cores)
    print(f"load average now {os.getloadavg()[0]:.1f} on {cores} cores. Wall times are only comparable on an idle machine;"
          f" from CPU time, an idle {cores}-core machine would run -j {best[0]} in about {est:.0f} s ="
          f" {est / base['cpu']:.2f} × the baseline's {base['cpu']:.0f} s (if the work spread evenly)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
