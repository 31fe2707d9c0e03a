"""Check kinds: one file each, found through one registry.

A rule's `checks` are drawn from a small vocabulary (engine/models/ruleset.py, modelled on Declare
templates). Everything that is about one kind lives in `engine/checks/<kind>.py`:

    spec        its pydantic model (the YAML a rule writes; defined in engine/models/ruleset.py)
    summary     one line for the docs, zh and en
    references  the names it uses exist (compile stage validate_references)
    patterns    its durable_rules patterns: every way it can fail or be undecidable (compile)
    classify    why a fired branch fired: a recorded fact or one nobody recorded (openworld)
    fields      the record fields its evidence shows; evidence / status_of / shown (findings)
    covers      the only-tighten comparison: does a layer's check demand at least the parent's? (tighten)
    describe    its prose for `rulesets show` and the generated docs (engine/prose/rules.py: Phrasing)

The stages ask `kind_of(check)` and never compare kind names. Adding a kind = one file here, its
spec in models/ruleset.py (a field of `Check`), and one line in `_MODULES`.

The kind modules use the stages' own helpers (compile's pattern builders, openworld's readings,
engine/prose's labels and evidence), so they are imported on first use, not when this package is: the stages can
import `kind_of` at their top without an import cycle.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, ClassVar, Optional

if TYPE_CHECKING:  # pragma: no cover
    from ..models.ruleset import Check

#: the kinds, in the order `Check` lists them (engine/models/ruleset.py)
_MODULES = ("required", "precedes", "order", "duration", "elements", "forbidden", "latest_before")


class CheckKind:
    """What one check kind means to each stage. Subclasses live in engine/checks/<kind>.py."""

    name: ClassVar[str]
    spec: ClassVar[type]  # the pydantic model of the check's YAML
    summary: ClassVar[tuple[str, str]]  # (zh, en): one line for the docs
    #: causes whose findings findings.Builder may share between dossiers by what they show
    keyed: ClassVar[tuple[str, ...]] = ()
    #: does a fired branch's frame hold the records the check is about? (`required` fires on their absence)
    frame_has_records: ClassVar[bool] = True

    # ---------------------------------------------------------------- compile
    def references(self, spec: Any, v: Any) -> None:
        """Report unknown procedures, fields and parameters through `v` (compile._References)."""
        raise NotImplementedError

    def patterns(self, spec: Any, c: Any) -> list[tuple[str, str, list[dict]]]:
        """(outcome, cause, check patterns) for every way this check can fail or be undecidable."""
        raise NotImplementedError

    # ---------------------------------------------------------------- open world
    def classify(self, spec: Any, cause: str, record_ids: list[str], dossier: Any) -> Any:
        """openworld.Reading for a fired branch of cause `cause` (causes openworld keeps never reach here);
        None: the engine's outcome stands as it is (openworld reads it as KEEP)."""
        return None

    # ---------------------------------------------------------------- findings
    def fields(self, spec: Any) -> list[tuple[str, str]]:
        """(procedure, field) pairs the check looks at: what its evidence shows."""
        return []

    def date_fields(self, spec: Any, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The dates a `date_unknown` reason names, out of `fields` (distinct, in order)."""
        return pairs

    def status_of(self, spec: Any, reading_kind: str) -> Optional[str]:
        """The procedure whose records' status (未履行 / 未知) the evidence shows, for a reading of that kind."""
        return None

    def shown(self, spec: Any, dossier: Any) -> Any:
        """What a shared finding is keyed by, when not the fired records' fields (None: those)."""
        return None

    # `b` below is the findings.Builder of the ruleset: `b.rs` the ruleset, `b.value_evidence(...)` the
    # Evidence of a dossier value (shared when it is yes / no / not recorded), `b.shared_evidence(key,
    # make)` one built once per key; engine/prose/ has the labels and `evidence(...)` itself.
    def record_evidence(self, b: Any, spec: Any, rec: Any, src: str, extras: dict) -> list:
        """Evidence computed from one fired record beyond its fields (e.g. the days elapsed)."""
        return []

    def lead_evidence(self, b: Any, spec: Any, dossier: Any) -> list:
        """Evidence shown before the fired records' fields."""
        return []

    def evidence(self, b: Any, spec: Any, dossier: Any, cause: str) -> list:
        """Evidence shown after the fired records' fields."""
        return []

    # ---------------------------------------------------------------- only-tighten
    def covers(self, child: Any, parent: Any) -> bool:
        """Does the child's check (same kind) demand at least what the parent's demands?"""
        return False

    # ---------------------------------------------------------------- prose
    def describe(self, spec: Any, h: Any) -> str:
        """One line for `rulesets show` and the docs; `h` is prose.rules.Phrasing."""
        return self.name


_KINDS: dict[str, CheckKind] = {}


def kinds() -> dict[str, CheckKind]:
    """name → CheckKind, every registered kind (imports the kind modules on first use)."""
    if not _KINDS:
        for name in _MODULES:
            cls = import_module(f"{__name__}.{name}").KIND
            _KINDS[cls.name] = cls()
    return _KINDS


def kind_of(check: "Check") -> CheckKind:
    """The CheckKind of one check of a rule."""
    return (_KINDS or kinds())[check.kind]


def __getattr__(name: str) -> Any:  # `KINDS`: the registry, loaded on first use
    if name == "KINDS":
        return kinds()
    raise AttributeError(name)
