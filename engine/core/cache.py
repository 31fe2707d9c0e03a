"""On-disk cache of what is slow to rebuild and never changes for the same inputs: validated rulesets,
the ruleset catalog (the index files), compiled rulesets.

Keyed by content, never by time: every key is a SHA-256 over the bytes of every input file (and
their paths) and over `engine_key()`, which covers the engine's version, the Python, pydantic and
durable_rules versions and the source of the modules that shape the cached objects. So a changed
ruleset file, a new chapter file, or an edited engine module gives a new key: the stale entry is
simply never read again.

Where: `$JUECE_CACHE_DIR` if set (an empty value or `off` turns the cache off), else
`$XDG_CACHE_HOME/juece`, else `~/.cache/juece`. Entries are written to a temporary file and
renamed into place, so parallel audit workers can share one directory. Every failure (read-only
disk, full disk, no home directory, a corrupt or foreign entry, a folder writable by others) is
silent and means "no cache": results never depend on the cache, only speed does.

The entries are JSON (orjson), never pickles: reading an entry can only give data, which the
caller validates again through its pydantic model, so a planted or corrupt entry cannot run code.
A folder is still used only if it belongs to the current user and no one else can write to it, so
nobody else can change what a check reads.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

KEEP = 256  # entries kept; on a write beyond that the least recently written go (a ruleset author's old versions)
FORMAT = "2"  # 2: JSON entries (1 was pickles); bump when the layout of an entry changes in a way the source hash would not catch
_ENGINE_DIR = Path(__file__).resolve().parents[1]
# The modules whose code decides what a cached ruleset, catalog or compiled ruleset holds: the stages
# that read and stack rulesets, and every module of the foundations, the models (built from the
# vocabulary) and the check kinds (their durable_rules patterns are compiled output). facts.py is not
# one: it encodes dossiers, never rulesets.
_SOURCES = ("__init__.py", "rulesets.py", "layers.py", "tighten.py", "load.py", "compile.py") + tuple(
    str(p.relative_to(_ENGINE_DIR)) for sub in ("core", "models", "checks") for p in sorted((_ENGINE_DIR / sub).glob("*.py")))


def cache_dir() -> Optional[Path]:
    env = os.environ.get("JUECE_CACHE_DIR")
    if env is not None:
        return None if env.strip() in ("", "off", "0") else Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "juece"
    try:
        return Path.home() / ".cache" / "juece"
    except (RuntimeError, KeyError):  # no home directory
        return None


@lru_cache(maxsize=None)
def engine_key() -> str:
    """What, besides the input files, decides a cached object: versions and the engine's own source."""
    from .. import __version__
    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0".encode())
    try:
        import pydantic
        h.update(pydantic.VERSION.encode() + b"\0")
    except Exception:  # noqa: BLE001
        pass
    for rel in _SOURCES:
        try:
            h.update(rel.encode() + b"\0" + (_ENGINE_DIR / rel).read_bytes() + b"\0")
        except OSError:
            h.update(rel.encode() + b"\0missing\0")
    return h.hexdigest()


def key(kind: str, parts: Iterable[bytes]) -> str:
    h = hashlib.sha256(engine_key().encode() + b"\0" + kind.encode() + b"\0")
    for p in parts:
        h.update(len(p).to_bytes(8, "little") + p)
    return f"{kind}-{h.hexdigest()}"


def _usable(d: Path) -> bool:
    try:
        st = d.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # Windows: no owner bits to check
        return True
    return st.st_uid == os.getuid() and not (st.st_mode & 0o022)


def get(name: str) -> Any:
    """The cached JSON value (dicts, lists, strings, numbers), or None (not cached, cache off or
    unusable, entry unreadable). Callers validate it before use."""
    import orjson
    d = cache_dir()
    if d is None:
        return None
    try:
        data = (d / f"{name}.json").read_bytes()
    except OSError:
        return None
    if not _usable(d):
        return None
    try:
        entry = orjson.loads(data)
    except orjson.JSONDecodeError:  # a truncated or foreign entry: rebuild
        return None
    if not isinstance(entry, dict) or entry.get("key") != name:
        return None
    return entry.get("value")


def put(name: str, value: Any) -> None:
    """Store a JSON-able value under name; silently nothing if the cache is off or cannot be written."""
    import orjson
    d = cache_dir()
    if d is None:
        return
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _usable(d):
            return
        data = orjson.dumps({"key": name, "value": value})
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{name[:24]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, d / f"{name}.json")
            _prune(d)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except Exception:  # noqa: BLE001 - read-only install, full disk, a value JSON cannot hold: run uncached
        return


def _prune(d: Path) -> None:
    """Keep the cache folder at KEEP entries (a miss is the only time anything is written)."""
    try:
        entries = [e for e in os.scandir(d) if e.name.endswith((".json", ".pickle"))]  # .pickle: format 1
        if len(entries) <= KEEP:
            return
        entries.sort(key=lambda e: e.stat().st_mtime_ns)
        for e in entries[: len(entries) - KEEP]:
            os.unlink(e.path)
    except OSError:
        pass
