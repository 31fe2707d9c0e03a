"""One helper: remember what a one-argument function worked out for an object.

The objects are rulesets' parts (a Rule, a Check) and compiled key maps: pydantic models and
dicts, which are not hashable, so functools.lru_cache cannot key on them. They live as long as
the compiled ruleset, and what is worked out from them (labels, plans) is the same for every
dossier, so it is computed once instead of on the hot path.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

T = TypeVar("T")


def by_identity(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """Memoise `fn(obj)` on the identity of `obj`. Each entry keeps `obj` alive, so its id cannot
    be reused by another object while the entry exists."""
    memo: dict[int, tuple[Any, T]] = {}

    @functools.wraps(fn)
    def wrapper(obj: Any) -> T:
        hit = memo.get(id(obj))
        if hit is None or hit[0] is not obj:
            hit = memo[id(obj)] = (obj, fn(obj))
        return hit[1]

    return wrapper
