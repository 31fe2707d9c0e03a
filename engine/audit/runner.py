"""Executors: run worker.process_chunk over a stream of items, in processes (local) or on Dask.

Both keep a bounded number of chunks in flight (memory stays flat), hand every finished chunk to
`sink` (which appends it to the jsonl files), and poll `should_stop` (Ctrl-C / SIGTERM) so they
stop between chunks, never in the middle of a write.

A worker that dies (durable_rules is C; it can segfault) breaks the pool. Every chunk that was in
flight is then re-run in a throw-away process that reports each dossier as soon as it is done;
when that process dies too, the dossier it was on is the one that kills it: it is recorded as an
engine error, and the rest go on in a new process. Only that dossier is lost.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Optional

from . import worker
from .worker import Item, error_record

Sink = Callable[..., None]  # (lines, summary.Part or None: the sink tallies the lines itself)
StopFlag = Callable[[], bool]


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def mp_context() -> Any:
    """forkserver (workers fork from a server that imported juece once: quick to replace a dead one)."""
    try:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["engine.audit.worker", "engine.check"])
        return ctx
    except ValueError:  # pragma: no cover - no forkserver on this platform
        return mp.get_context("spawn")


def _death(exitcode: Optional[int]) -> tuple[str, str]:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return f"检查该案卷时工作进程异常终止（信号 {name}），可能是规则引擎缺陷，请报告此问题", \
               f"the worker process died while checking this dossier (signal {name}); probably an engine bug, please report it"
    return f"检查该案卷时工作进程异常退出（退出码 {exitcode}），请报告此问题", \
           f"the worker process exited while checking this dossier (exit code {exitcode}); please report it"


def _start(ctx: Any, target: Any, args: tuple) -> Any:
    """A started daemon process. A forkserver killed from outside refuses connections until it is
    reaped and multiprocessing starts a new one: try again for a few seconds before giving up."""
    for attempt in range(50):
        p = ctx.Process(target=target, args=args, daemon=True)
        try:
            p.start()
            return p
        except OSError:
            if attempt == 49:
                raise
            time.sleep(0.1)
    raise AssertionError("unreachable")


def isolate(ctx: Any, items: list[Item], wopts: dict, sink: Sink, should_stop: StopFlag) -> None:
    """Re-run items one process at a time, each result sent as soon as it is made.

    When the process dies on a dossier, that dossier is tried once more in a fresh process (a worker
    may have been killed from outside, or by the dossier queued before it); if it dies again it is
    recorded as engine.worker-died. When a dossier takes longer than the time limit and the process
    does not stop by itself (a hang inside native code), the process is killed and the dossier
    recorded as engine.timeout. The rest go on in a new process."""
    pending = list(items)
    tried: set[str] = set()
    limit = float(wopts.get("time_limit") or worker.TIME_LIMIT)
    while pending and not should_stop():
        r, w = ctx.Pipe(duplex=False)
        p = _start(ctx, worker.stream_main, (w, pending, wopts, os.getpid()))
        w.close()
        got: list[tuple[str, str, str]] = []
        hung = False
        try:
            while len(got) < len(pending):
                if not r.poll(limit + 5.0):  # the worker's own timer did not stop it: kill it
                    hung = True
                    p.kill()
                    break
                got.append(r.recv())
        except (EOFError, OSError):
            pass
        finally:
            r.close()
        p.join()
        if got:
            sink(got)
        if len(got) < len(pending):
            key = pending[len(got)][0]
            if hung:
                sink([("error", key, worker._dumps(worker.timeout_record(key, limit)))])
                pending = pending[len(got) + 1:]
            elif key not in tried:  # once more, first and alone: the death may not be its doing
                tried.add(key)
                pending = [pending[len(got)]] + pending[len(got) + 1:]
            else:
                zh, en = _death(p.exitcode)
                sink([("error", key, worker._dumps(error_record(key, "engine", "engine.worker-died", zh, en)))])
                pending = pending[len(got) + 1:]
        else:
            pending = []


def _drain(inflight: dict, sink: Sink, grace: float = 15.0) -> None:
    """On stop: cancel the chunks not started, let the running ones finish (and keep what they did).
    A pool is stopped by ending its work, not by killing its workers: a worker killed while it
    writes a result leaves the pool's reader thread waiting forever for the rest of the message,
    and the process could then never exit. Only a chunk that is still running after `grace`
    seconds (a hang) is left to _kill_pool."""
    for f in inflight:
        f.cancel()
    running = [f for f in inflight if not f.cancelled()]
    done, _ = wait(running, timeout=grace)
    for f in done:
        try:
            sink(*f.result())
        except Exception:  # noqa: BLE001 - a chunk that failed is simply not done: --resume does it
            pass
    inflight.clear()


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    procs = list(getattr(pool, "_processes", {}).values())  # no public way to stop running workers
    pool.shutdown(wait=False, cancel_futures=True)
    busy = getattr(pool, "_pending_work_items", {})
    if not busy:  # nothing running: the workers exit by themselves; killing one mid-write could hang the reader
        for p in procs:
            try:
                p.join(timeout=5)
            except Exception:  # noqa: BLE001
                pass
        procs = [p for p in procs if p.is_alive()]
    for p in procs:
        try:
            p.terminate()
        except Exception:  # noqa: BLE001
            pass
    for p in procs:
        try:
            p.join(timeout=5)
        except Exception:  # noqa: BLE001
            pass


def run_local(items: Iterable[Item], jobs: int, wopts: dict, sink: Sink, should_stop: StopFlag, chunk: int = 50) -> bool:
    """→ True if every item was done, False if stopped."""
    ctx = mp_context()

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=worker._init_worker, initargs=(os.getpid(),))

    pool = new_pool()
    inflight: dict[Future, list[Item]] = {}
    started: dict[Future, float] = {}  # when a chunk was first seen running (the hang watchdog)
    limit = float(wopts.get("time_limit") or worker.TIME_LIMIT)
    chunks = chunked(items, chunk)
    exhausted = False
    try:
        while True:
            broken = False
            suspects: list[Item] = []
            while not exhausted and len(inflight) < jobs * 3 and not should_stop():
                c = next(chunks, None)
                if c is None:
                    exhausted = True
                    break
                try:
                    inflight[pool.submit(worker.process_chunk, c, wopts)] = c
                except (BrokenProcessPool, RuntimeError, OSError):  # the pool died (a worker or its forkserver killed:
                    # connecting to a forkserver that is dying but not yet reaped is refused)
                    suspects += c
                    broken = True
                    break
            if should_stop():
                _drain(inflight, sink)
                return False
            if not inflight and not suspects:
                return True
            done, _ = wait(list(inflight), timeout=0.25, return_when=FIRST_COMPLETED) if inflight else (set(), set())
            for f in done:
                c = inflight.pop(f)
                started.pop(f, None)
                try:
                    sink(*f.result())
                except BrokenProcessPool:
                    broken = True
                    suspects += c
                except Exception:  # noqa: BLE001 - anything else: redo these one by one
                    suspects += c
            now = time.monotonic()
            for f in inflight:
                if f not in started and f.running():
                    started[f] = now
            hang = any(now - t > limit * (len(inflight[f]) + 1) for f, t in started.items())
            if broken and not hang and inflight:  # a broken pool fails its futures at once: collect what finished
                wait(list(inflight), timeout=10)
            broken = broken or hang  # a chunk that hangs where the worker's own timer cannot reach: stop the pool
            if broken:  # the pool is gone (or stopped): everything still in flight is redone in isolation
                for f in list(inflight):
                    if f.done():
                        try:
                            sink(*f.result())
                            continue
                        except Exception:  # noqa: BLE001
                            pass
                    suspects += inflight[f]
                inflight.clear()
                started.clear()
                _kill_pool(pool)
                pool = new_pool()
            if suspects:
                isolate(ctx, suspects, wopts, sink, should_stop)
    finally:
        _kill_pool(pool)


def run_dask(items: Iterable[Item], jobs: int, wopts: dict, sink: Sink, should_stop: StopFlag,
             scheduler: Optional[str] = None, chunk: int = 250, say: Callable[[str, str], None] = lambda zh, en: None) -> bool:
    """The same audit on a Dask cluster: chunks are tasks (probe Q9: never one task per dossier)."""
    import logging

    import dask
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # a dead worker: isolate at once
        if scheduler:
            client = Client(scheduler, timeout="30s")
            say(f"已连接 Dask 调度器 {scheduler}", f"connected to the Dask scheduler at {scheduler}")
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
            say(f"已启动本机 Dask 集群（{jobs} 个工作进程）", f"started a local Dask cluster ({jobs} workers)")
    workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
    ctx = mp_context()
    ac = as_completed()
    inflight: dict[str, list[Item]] = {}
    chunks = chunked(items, chunk)
    exhausted = False

    def fill() -> None:
        nonlocal exhausted
        while not exhausted and len(inflight) < workers * 3 and not should_stop():
            c = next(chunks, None)
            if c is None:
                exhausted = True
                return
            fut = client.submit(worker.process_chunk, c, wopts, pure=False, retries=0)
            inflight[fut.key] = c
            ac.add(fut)

    try:
        fill()
        while inflight:
            if should_stop():
                return False
            batch = ac.next_batch(block=False) if ac.has_ready() else []
            if not batch:
                time.sleep(0.05)
                continue
            for fut in batch:
                c = inflight.pop(fut.key)
                try:
                    sink(*fut.result())
                except Exception:  # noqa: BLE001 - KilledWorker and the like: find the dossier locally
                    isolate(ctx, c, wopts, sink, should_stop)
                fut.release()
            fill()
        return not should_stop()
    finally:
        try:
            client.close(timeout=10)
        except Exception:  # noqa: BLE001
            pass
        if cluster is not None:
            try:
                cluster.close(timeout=10)
            except Exception:  # noqa: BLE001
                pass


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover
        return max(1, os.cpu_count() or 1)
