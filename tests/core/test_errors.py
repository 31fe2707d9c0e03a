"""Every error juece tells people about belongs to one hierarchy (engine.core.errors)."""

from engine.core import errors
from engine.audit import ledger, sources


def test_usage_and_mapping_errors_are_juece_errors():
    for cls in (errors.UsageError, errors.MappingError):
        assert issubclass(cls, errors.JueceError)
        e = cls("找不到输入：x", "no such input: x")
        assert e.text("zh") == "找不到输入：x" and e.text("en") == "no such input: x"
        assert (e.zh, e.en) == ("找不到输入：x", "no such input: x") and str(e) == "no such input: x"
    assert ledger.MappingError is errors.MappingError and sources.UsageError is errors.UsageError
