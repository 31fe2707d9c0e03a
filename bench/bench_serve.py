"""Load test of `juece serve` on 127.0.0.1: checks/s and latency at 1, 8 and 32 concurrent clients.

    .venv/bin/python bench/bench_serve.py                      # 300 checks per level, the default pool
    .venv/bin/python bench/bench_serve.py --requests 600 --workers 2 --levels 1,8,32

It starts the server itself (`python -m engine serve` on a free port, a fresh SQLite file in a
temporary folder, no users: local open mode), waits until it answers, posts synthetic dossiers
(engine.audit.sample, fixed seed; about 2.6 KB of YAML each) to POST /api/v1/check from N client
threads (one keep-alive httpx client each), and stops the server (SIGTERM) at the end, also on
error or Ctrl-C. Bounded: a fixed number of requests per level and --max-seconds per level.

Each request is a whole check as an OA system would make it: HTTP, upload, the worker pool
(parse, validate, engine, findings), the CLI's JSON back. 503 answers (every check slot taken)
and other non-200s are counted, not retried.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dossiers(n: int, seed: int) -> list[bytes]:
    sys.path.insert(0, str(ROOT))
    from engine.audit.sample import generate
    d = Path(tempfile.mkdtemp(prefix="juece-bench-serve-"))
    generate(n, d, seed=seed, jobs=1)
    return [p.read_bytes() for p in sorted(d.rglob("*.yaml"))]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))]


def level(base: str, bodies: list[bytes], clients: int, requests: int, max_seconds: float) -> dict:
    import httpx
    lat: list[float] = []
    codes: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(requests))
    stop_at = time.monotonic() + max_seconds

    def client_loop(_: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as c:
            while time.monotonic() < stop_at:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t = time.perf_counter()
                r = c.post("/api/v1/check", content=bodies[i % len(bodies)], headers={"content-type": "application/yaml"})
                dt = time.perf_counter() - t
                with lock:
                    codes[r.status_code] = codes.get(r.status_code, 0) + 1
                    if r.status_code == 200:
                        lat.append(dt)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as ex:
        list(ex.map(client_loop, range(clients)))
    wall = time.perf_counter() - t0
    ok = codes.get(200, 0)
    return {"clients": clients, "requests": sum(codes.values()), "ok": ok, "codes": codes, "wall": wall,
            "rate": ok / wall if wall else 0.0, "p50": statistics.median(lat) * 1000 if lat else None,
            "p95": pct(lat, 0.95) * 1000 if lat else None, "max": max(lat) * 1000 if lat else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=300, help="checks per concurrency level")
    ap.add_argument("--levels", default="1,8,32", help="concurrent clients, comma-separated")
    ap.add_argument("--workers", type=int, default=None, help="the server's check processes (default: its own)")
    ap.add_argument("--dossiers", type=int, default=200, help="distinct synthetic dossiers to cycle through")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--max-seconds", type=float, default=120.0, help="cap per level")
    a = ap.parse_args()
    bodies = dossiers(a.dossiers, a.seed)
    tmp = Path(tempfile.mkdtemp(prefix="juece-bench-serve-db-"))
    port = free_port()
    cmd = [sys.executable, "-m", "engine", "serve", "--host", "127.0.0.1", "--port", str(port), "--db", f"sqlite:///{tmp / 'juece.db'}"]
    if a.workers:
        cmd += ["--workers", str(a.workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=str(tmp), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/v1/me", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start: {proc.stderr.read().decode(errors='replace')[-2000:] if proc.stderr else ''}")
            time.sleep(0.1)
        level(base, bodies, 2, 20, 30)  # warm-up: every worker has compiled the rulesets
        print(f"juece serve on {base}, {len(bodies)} distinct dossiers, {a.requests} checks per level, cpu_count={os.cpu_count()}")
        print("| clients | checks | ok | checks/s | p50 ms | p95 ms | max ms | other answers |")
        print("|---:|---:|---:|---:|---:|---:|---:|---|")
        for n in (int(x) for x in a.levels.split(",")):
            r = level(base, bodies, n, a.requests, a.max_seconds)
            other = ", ".join(f"{k}: {v}" for k, v in sorted(r["codes"].items()) if k != 200) or "—"
            print(f"| {n} | {r['requests']} | {r['ok']} | {r['rate']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | {other} |", flush=True)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


if __name__ == "__main__":
    main()
