"""The output folder: append-only JSON lines that survive Ctrl-C, SIGTERM and power loss.

    results.jsonl   one line per checked dossier          (appended, flushed and fsynced per batch)
    errors.jsonl    one line per dossier that could not be checked
    audit.json      the run: inputs, options, state        (written atomically)
    summary.*, report.html, dossiers.csv                   (written atomically at the end, from the jsonl files)

A dossier is in exactly one of the two jsonl files once it is finished. After a crash the last
line of either file may be cut short (or, after power loss, padded with NULs): `open_for_resume`
cuts each file back to its last complete, parseable line, and returns the keys already done, so
--resume neither redoes nor duplicates a finished dossier, and redoes the one that was cut.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, Optional

import orjson  # the result lines are read back whole (normalize, resume, summarize): ≈ 10× json's speed, the same objects

RESULTS, ERRORS, RUN, LOCK = "results.jsonl", "errors.jsonl", "audit.json", ".audit.lock"
RETRIED_CODES = frozenset(("engine.worker-died", "engine.timeout"))  # --resume checks these dossiers again


class Busy(Exception):
    """The output folder is in use by a live audit."""

    def __init__(self, pid: Optional[int], started: Optional[str]):
        super().__init__(f"in use by process {pid}")
        self.pid, self.started = pid, started


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write to a temporary file in the same folder, fsync, rename: readers see old or new, never half."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    atomic_fill(path, lambda f: f.write(data))


def atomic_fill(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """`fill` writes the new content into a temporary file beside `path`; then fsync and rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def iter_lines(path: Path) -> Iterator[dict]:
    """Each complete JSON line of a results/errors file (stops at the first damaged line)."""
    if not path.exists():
        return
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                return
            try:
                yield orjson.loads(raw)
            except ValueError:
                return


def repair(path: Path) -> tuple[set[str], int]:
    """Cut the file after its last good line; → (keys in it, bytes cut)."""
    keys: set[str] = set()
    if not path.exists():
        return keys, 0
    good = 0
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            try:
                obj = orjson.loads(raw)
                key = obj["file"]
            except (ValueError, KeyError, TypeError):
                break
            keys.add(key)
            good += len(raw)
    size = path.stat().st_size
    if size > good:
        with open(path, "r+b") as f:
            f.truncate(good)
            f.flush()
            os.fsync(f.fileno())
    return keys, size - good


def _index(path: Path) -> dict[str, tuple[tuple[str, str], int, int]]:
    """key → ((dossier 编号, key), offset, length) of its last line: an index, not the lines (memory stays flat)."""
    out: dict[str, tuple[tuple[str, str], int, int]] = {}
    if not path.exists():
        return out
    pos = 0
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            try:
                obj = orjson.loads(raw)
            except ValueError:
                break
            key = str(obj.get("file"))
            out[key] = ((str(obj.get("dossier") or ""), key), pos, len(raw))
            pos += len(raw)
    return out


def _rewrite(path: Path, entries: list[tuple[tuple[str, str], int, int]]) -> None:
    """Write the lines at these places of `path`, in this order, atomically."""
    with open(path, "rb") as src:
        def fill(out: BinaryIO) -> None:
            for _, off, n in entries:
                src.seek(off)
                out.write(src.read(n))
        atomic_fill(path, fill)


class Store:
    def __init__(self, out: Path):
        self.out = out
        self.results_path = out / RESULTS
        self.errors_path = out / ERRORS
        self._r = self._e = None
        self._lock = None
        self.cut = 0

    # ------------------------------------------------------------------ one folder, one audit
    def lock(self) -> None:
        """Hold the folder's lock for as long as this process lives (the kernel drops it when the
        process dies, however it dies): a second audit of the same folder is refused (Busy), and
        a run that died is told from a live one by the lock, not by what audit.json says."""
        import fcntl
        self.out.mkdir(parents=True, exist_ok=True)
        f = open(self.out / LOCK, "a+")  # noqa: SIM115 - held open until unlock() or exit
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            f.close()
            run = self.read_run()
            raise Busy(run.get("pid"), run.get("started")) from None
        self._lock = f

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def remove_stale_temporaries(self) -> int:
        """Temporary files of atomic writes left by a kill (.audit.json.*.tmp, .dossiers.csv.*.tmp); → how many."""
        n = 0
        for p in self.out.glob(".*.tmp"):
            try:
                p.unlink()
                n += 1
            except OSError:
                pass
        return n

    def forget(self, codes: frozenset = RETRIED_CODES) -> set[str]:
        """Drop from errors.jsonl the dossiers that failed for a reason worth another try (a worker
        that died, the time limit): --resume checks them again. → their keys."""
        if not self.errors_path.exists():
            return set()
        keep, dropped = [], set()
        with open(self.errors_path, "rb") as f:
            for raw in f:
                try:
                    obj = orjson.loads(raw)
                except ValueError:
                    break
                if obj.get("code") in codes:
                    dropped.add(obj.get("file"))
                else:
                    keep.append(raw)
        if dropped:
            atomic_write(self.errors_path, b"".join(keep))
        return dropped

    def normalize(self) -> None:
        """results.jsonl and errors.jsonl in a fixed order (dossier 编号, then key) with each key
        once (a later result wins over an error): the same archive gives the same bytes whatever
        the file order, the folder order or --jobs."""
        results = _index(self.results_path)
        errors = {k: v for k, v in _index(self.errors_path).items() if k not in results}
        for path, index in ((self.results_path, results), (self.errors_path, errors)):
            if path.exists():
                _rewrite(path, sorted(index.values()))

    def has_results(self) -> bool:
        return any(p.exists() and p.stat().st_size > 0 for p in (self.results_path, self.errors_path))

    def reset(self) -> None:
        for name in (RESULTS, ERRORS):
            p = self.out / name
            if p.exists():
                p.unlink()

    def done_keys(self) -> set[str]:
        a, cut_a = repair(self.results_path)
        b, cut_b = repair(self.errors_path)
        self.cut = cut_a + cut_b
        return a | b

    def open(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        self._r = open(self.results_path, "ab")  # noqa: SIM115
        self._e = open(self.errors_path, "ab")  # noqa: SIM115
        _fsync_dir(self.out)

    def append(self, results: list[str], errors: list[str]) -> None:
        """One batch: each file written in one call, flushed and fsynced before the next batch."""
        for f, lines in ((self._r, results), (self._e, errors)):
            if lines:
                f.write("".join(lines).encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())

    def close(self) -> None:
        for f in (self._r, self._e):
            if f is not None:
                f.close()
        self._r = self._e = None

    def read_run(self) -> dict[str, Any]:
        p = self.out / RUN
        if not p.exists():
            return {}
        try:
            return json.loads(p.read_text(encoding="utf-8"))
        except ValueError:
            return {}

    def write_run(self, run: dict[str, Any]) -> None:
        atomic_write(self.out / RUN, json.dumps(run, ensure_ascii=False, indent=2) + "\n")
