"""Evaluate: facts + compiled ruleset → activations (which branch fired, on which facts).

This is the only module that talks to durable_rules, and it talks to its C engine directly
(`durable_rules_engine`), because the stock `durable.engine.Host`:
  * starts two re-arming background threads per host, whose dispatcher segfaults when states
    are deleted concurrently (probe Q5), and
  * raises MessageNotHandledException before running the matched actions when one fact of the
    batch matches no rule (probe Q1).
So: one engine ruleset per (ruleset, mode) per process, registered lazily (a spawned worker
registers its own, probe Q5), and one session in it, reused dossier after dossier. For each
dossier the procedure records are asserted as one batch and the `case` fact, which is the
trigger, after them (probe Q3), the fired actions are drained synchronously, and then every fact
is retracted again, the trigger first: every pattern starts with the case fact, so once it is gone
no frame can reach an action, and the session is empty again for the next dossier, exactly as a
fresh one would be.

A pattern's `$or` can let one frame reach its rule by two alpha paths (when both alternatives
hold), and durable_rules then starts the action twice with the same frame. The same frame is the
same activation, so it is kept once.

Why not a fresh session per dossier: creating one allocates and zeroes 8 KB per join node
(state.c createStateNode, MAX_*_FRAME_INDEX_LENGTH), about 2 MB for the national ruleset, which
cost more than evaluating the rules (≈ 200 µs a dossier, measured). If durable_rules reports
anything but success while a dossier is in the session, the session is dropped (deleted, unless
no action ever started in it: see compile.ALWAYS) and the next dossier gets a fresh one, so one
bad call can never leak facts into another dossier. Each
session fires the ALWAYS rule, on a session-opening fact asserted with its first dossier, before
it can be deleted (see compile.ALWAYS for why), and there is never more than one per compiled
ruleset (probe Q2: >1,024 live sessions corrupt the engine).

JSON to and from the engine goes through orjson: json.dumps of a dossier's facts cost about as
much as durable_rules took to evaluate them (≈ 50 µs, measured).
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any, Iterable, Optional

import durable_rules_engine as _dre
import orjson

from .compile import ALWAYS, Compiled
from .core.encoding import CASE, tag


class EngineError(RuntimeError):
    """durable_rules refused something it should not have; a bug in juece, never the user's."""


class Activation:
    """One fired branch, and the facts it fired on (alias → fact), parsed only when asked for.

    durable_rules starts one action per message, written `{"<rule name>":<frame>}` (state.c
    serializeResult), so the branch is read off the front; the frame is parsed when findings
    need it. Most activations in explain and outcomes mode are "not applicable" branches whose
    frame the audit never reads (≈ 4 µs each to parse, 20–30 of them a dossier)."""

    __slots__ = ("branch", "_raw", "_frame")

    def __init__(self, branch: str, raw: str) -> None:
        self.branch, self._raw, self._frame = branch, raw, None

    @property
    def frame(self) -> dict[str, dict[str, Any]]:
        if self._frame is None:
            self._frame = orjson.loads(self._raw)[self.branch]
        return self._frame

    @property
    def record_ids(self) -> list[str]:
        """The ids of the procedure records in the frame, in its order, without parsing it.

        Facts are flat and carry no text (facts.py), so `"id":"p…"` occurs once per record fact
        and nowhere else; findings need only these, and a frame is mostly the facts' numbers
        (parsing it cost a fifth of building the findings, measured)."""
        return _RECORD_ID.findall(self._raw)


_RECORD_ID = re.compile(r'"id":"(p[0-9]+)"')  # facts.record_id
_handles: dict[str, int] = {}
_sessions: dict[str, str] = {}  # compiled ruleset name → the id of its reusable session
_deletable: set[str] = set()  # sessions in which ALWAYS fired: only those can be deleted safely
_sids = itertools.count(1)
_SESSION_TAG = tag("session")

# durable_rules result codes (rules.h): 0 ok, 1 no rule matched a fact, 2 fact already observed.
_OK, _UNMATCHED, _OBSERVED = 0, 1, 2


def _handle(compiled: Compiled) -> int:
    h = _handles.get(compiled.name)
    if h is None:
        h = _dre.create_ruleset(compiled.name, json.dumps(compiled.spec, ensure_ascii=False))
        _handles[compiled.name] = h
    return h


def run(compiled: Compiled, facts: Iterable[dict[str, Any]]) -> list[Activation]:
    """Assert the dossier's records, then its case fact (the trigger); return every activation, in firing order."""
    h = _handle(compiled)
    sid = _sessions.get(compiled.name)
    opening: list[dict] = []
    if sid is None:
        sid = _sessions[compiled.name] = str(next(_sids))
        opening = [{"sid": sid, "id": "session", _SESSION_TAG: 1}]
    batch = list(facts)  # the facts are this call's own: tag them in place rather than copy
    # The case fact goes last wherever the caller put it (the order-independence tests shuffle).
    at = 0 if batch and batch[0]["id"] == CASE else next(i for i, f in enumerate(batch) if f["id"] == CASE)
    trigger = batch.pop(at)
    for f in batch:
        f["sid"] = sid
    trigger["sid"] = sid
    out: list[Activation] = []
    seen: set[str] = set()
    clean = False
    try:
        code, state = _dre.assert_facts(h, orjson.dumps(opening + batch + [trigger]).decode())
        if code not in (_OK, _UNMATCHED):  # an unmatched fact is harmless here: nothing needs it
            raise EngineError(f"durable_rules returned {code} (duplicate fact id?)")
        result = _dre.start_action_for_state(h, state)
        message: Optional[str] = result[1] if result else None
        while message:
            name = message[2:message.index('":', 2)]
            if name == ALWAYS:
                _deletable.add(sid)
            elif message not in seen:  # the same frame twice: two `$or` paths (see above)
                seen.add(message)
                out.append(Activation(name, message))
            message = _dre.complete_and_start_action(h, state)
        # Empty the session for the next dossier: the trigger first, so that retracting the
        # evidence cannot complete any pattern (a retracted `$not` blocker would otherwise
        # let a frame through).
        ids = [{"sid": sid, "id": trigger["id"]}] + [{"sid": sid, "id": f["id"]} for f in batch]
        code, _ = _dre.retract_facts(h, orjson.dumps(ids).decode())
        clean = code == _OK
    finally:
        if not clean:  # start the next dossier on a fresh session; never carry facts over
            del _sessions[compiled.name]
            if sid in _deletable:  # else deleting would free durable_rules' uninitialised pointers: leave it
                _deletable.discard(sid)
                try:
                    _dre.delete_state(h, sid)
                except Exception:  # noqa: BLE001 - the error that got us here is the one to report
                    pass
    return out
