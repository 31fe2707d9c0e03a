"""Citations as Chinese legal writing has them: 《重大行政决策程序暂行条例》第二十五条第一款.

    zh_number(25)                → 二十五
    article_zh(25, 1, 3)         → 第二十五条第一款第（三）项
    cite(basis, ruleset)         → 《…》第二十五条, or 《方案》第四部分第（八）项 for a document
                                   numbered by parts, or 参照《…》第三十条第一款（第四十二条) for a
                                   rule of a law applied by reference; in English: "…, Art. 25 para. 1"
"""

from __future__ import annotations

from typing import Optional

from ..models.ruleset import Basis, Ruleset

_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1 → 一, 25 → 二十五, 104 → 一百零四 (article numbers in Chinese legal citation)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else ("一" + zh_number(rest) if rest < 20 else zh_number(rest)))
    return _DIGITS[n // 100] + "百" + tail


def article_zh(article: int, paragraph: Optional[int] = None, item: Optional[int] = None) -> str:
    """第二十五条第一款第（三）项 — how Chinese legal citation writes an article reference."""
    out = f"第{zh_number(article)}条"
    if paragraph:
        out += f"第{zh_number(paragraph)}款"
    if item:
        out += f"第（{zh_number(item)}）项"
    return out


def cite(basis: Basis, rs: Ruleset, lang: str = "zh") -> str:
    """《法》第二十五条第一款; for a document numbered by parts: 《方案》第四部分第（八）项第29条.

    A rule of a law the ruleset applies by reference (713 Art. 42: departments and townships 参照
    the Decree) reads 参照《…》第三十条第一款（第四十二条）."""
    ref = rs.by_reference
    if ref is not None and (basis.law or rs.index.law.zh) == ref.law and basis.article is not None:
        return reference_cite(ref, lang, _plain(basis, rs, lang))
    return _plain(basis, rs, lang)


def reference_cite(ref: Basis, lang: str, plain: str) -> str:
    """参照《条例》第三十条第一款（第四十二条）: a rule of a law applied by reference (`ref` names
    the article that says so; `plain` is the rule's own citation)."""
    if lang == "en":
        return f"by reference to {plain} (Art. {ref.article})"
    return f"参照{plain}（{article_zh(ref.article)}）" if ref.article else f"参照{plain}"


def _plain(basis: Basis, rs: Ruleset, lang: str = "zh") -> str:
    if lang == "en":
        law = (rs.index.law.en or rs.index.law.zh) if not basis.law else (basis.law_en or basis.law)
        if basis.article is None:
            return f"{law}, {basis.section_en or basis.section}"
        out = f"{law}, Art. {basis.article}"
        if basis.paragraph:
            out += f" para. {basis.paragraph}"
        if basis.item:
            out += f" item ({basis.item})"
        return out
    law = basis.law or rs.index.law.zh
    if basis.article is None:
        return f"{law}{basis.section}"
    return law + article_zh(basis.article, basis.paragraph, basis.item)
