"""engine/evaluate.py: durable_rules safety — outcomes never depend on the order facts are
asserted, sessions are emptied and reused, nothing of one dossier reaches the next, and a failed
engine call gets a fresh session."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from engine.check import check
from engine.load import load_dossier
from support import CASE_IDS, CASES, EXAMPLE, loadable, outcomes


@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_findings_do_not_depend_on_fact_order(path):
    """Shuffling the facts asserted into durable_rules never changes any rule's outcome."""
    try:
        loaded = load_dossier(path)
    except Exception:  # noqa: BLE001 - bad-input cases are covered by test_load
        pytest.skip("not a loadable dossier")
    base = [(f.rule, f.outcome) for f in (check(loaded, explain=True).outcomes or [])]
    for seed in range(8):
        shuffled = [(f.rule, f.outcome) for f in (check(loaded, explain=True, shuffle=random.Random(seed)).outcomes or [])]
        assert shuffled == base, f"seed {seed} changed the outcomes"


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_property_shuffled_example(rnd):
    loaded = load_dossier(EXAMPLE)
    defect = load_dossier(Path("x.yaml"), data=EXAMPLE.read_bytes().replace("2023年5月12日".encode(), "2023年4月25日".encode()))
    for d in (loaded, defect):
        a = [(f.rule, f.outcome) for f in check(d, explain=True).outcomes]
        b = [(f.rule, f.outcome) for f in check(d, explain=True, shuffle=rnd).outcomes]
        assert a == b


def test_sessions_are_cleaned_up():
    """More than 1,024 live durable_rules sessions corrupt the engine: dossiers share one session,
    emptied after each, so checking thousands never piles them up."""
    from engine import evaluate
    loaded = load_dossier(EXAMPLE)
    for _ in range(2100):
        check(loaded)
    assert len(evaluate._sessions) <= len(evaluate._handles)


def test_no_dossier_leaks_into_the_next():
    """One durable_rules session serves dossier after dossier (evaluate.py): each is emptied
    afterwards, so a dossier's outcomes, reasons and evidence are the same whichever dossiers
    were checked before it."""
    loaded = loadable(CASES)
    forward = [outcomes(d) for d in loaded]
    backward = [outcomes(d) for d in reversed(loaded)][::-1]
    assert forward == backward
    rnd = random.Random(3)
    order = list(range(len(loaded))) * 2
    rnd.shuffle(order)
    for i in order:
        assert outcomes(loaded[i]) == forward[i]


def test_a_failed_engine_call_starts_a_fresh_session(monkeypatch):
    """If durable_rules refuses to empty the session, it is deleted and the next dossier gets a
    new one: nothing of the failed dossier can reach the next."""
    from engine import evaluate
    loaded = loadable(CASES)[:6]
    expected = [outcomes(d) for d in loaded]
    real = evaluate._dre.retract_facts
    calls = {"n": 0}

    def flaky(h, text):
        calls["n"] += 1
        if calls["n"] % 2:
            return 99, 0  # what an engine error looks like: a non-zero result code
        return real(h, text)

    monkeypatch.setattr(evaluate._dre, "retract_facts", flaky)
    before = dict(evaluate._sessions)
    assert [outcomes(d) for d in loaded] == expected
    assert calls["n"] > 0 and evaluate._sessions != before  # sessions were replaced
