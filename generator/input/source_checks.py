"""Checks across the source documents that no single file shows: a 文号 used twice, and
documents bound to a year or to another document that would read as in force for ever.

Both are warnings (``--strict`` fails on them): the policy team decides, the legal text of
a body is never asked to change.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.core.model import Column, Item, Source
from generator.errors import PolicyError, warning

# "2025年…" in a title: a yearly programme (资金、活动、实施方案) ends with its year;
# "2024—2027年" ends with the last year.
TITLE_YEAR = re.compile(r"(?:20\d\d\s*[—–\-~至到]\s*)?(20\d\d)\s*年")
# A 文号 quoted in a text (鲁商字〔2025〕1号): found in one pass, then looked up, so the check
# stays linear in the column.
CITED_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})(〔\d{4}〕\d{1,5}号)")


def check_sources(column: Column) -> list[PolicyError]:
    """Every cross-document warning of ``column``, in source order."""
    return duplicate_doc_numbers(column.sources) + open_ended_documents(column)


def duplicate_doc_numbers(sources: tuple[Source, ...]) -> list[PolicyError]:
    """A 文号 names one document: a second source with the same one is most often the
    same document added twice (or a typo in one of them)."""
    first: dict[str, Source] = {}
    problems = []
    for source in sources:
        number = normalised_doc_number(source.doc_number)
        if not number:
            continue
        if number not in first:
            first[number] = source
            continue
        other = first[number]
        line, column = key_position(source.file, "doc_number")
        problems.append(
            warning(
                source.file,
                line,
                column,
                f"the 文号 {source.doc_number} is also the 文号 of {other.file} ({other.title})",
                "keep one file per document: delete the copy, or correct the 文号 of the one "
                "that has it wrong",
            )
        )
    return problems


def normalised_doc_number(number: str) -> str:
    """``鲁商字[2025]1号`` and ``鲁商字〔2025〕1号`` are the same 文号; spaces do not count."""
    table = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕"})
    return re.sub(r"\s+", "", number).translate(table)


def open_ended_documents(column: Column) -> list[PolicyError]:
    """Documents with no ``expires`` whose items then read 有效 / 长期有效 for ever, although
    the document is bound to a year (its title) or implements a document of the column that
    expires."""
    by_number = {normalised_doc_number(s.doc_number): s for s in column.sources if s.doc_number}
    problems = []
    for source in column.sources:
        if source.expires is not None:
            continue
        open_items = [item for item in column.items_of(source) if not ends(item)]
        if not open_items:
            continue
        reasons, until = bound_to(source, by_number)
        if not reasons:
            continue
        line, col = key_position(source.file, "title")
        problems.append(
            warning(
                source.file,
                line,
                col,
                f"{source.title} is bound to {' and to '.join(reasons)}, but has no expires: "
                f"{len(open_items)} of its items read 有效 (有效期 长期有效) for ever",
                f"add expires: {until.isoformat()} (or the date the document gives); an item "
                "that lasts longer gets its own expires in its override",
            )
        )
    return problems


def ends(item: Item) -> bool:
    return item.expires is not None or item.details.deadline is not None


def bound_to(source: Source, by_number: dict[str, Source]) -> tuple[list[str], date]:
    """Why ``source`` cannot last for ever, and the latest end those reasons give."""
    reasons: list[str] = []
    ends_on: list[date] = []
    match = TITLE_YEAR.search(source.title)
    if match:
        year = int(match.group(1))
        reasons.append(f"the year {year} (its title)")
        ends_on.append(date(year, 12, 31))
    text = normalised_doc_number(f"{source.notice}\n{source.body}")
    cited = sorted(cited_numbers(text) & by_number.keys())
    for other in (by_number[number] for number in cited):
        if other is not source and other.expires is not None:
            reasons.append(f"{other.doc_number}, which it implements (expires {other.expires})")
            ends_on.append(other.expires)
    return reasons, max(ends_on) if ends_on else date.max


def cited_numbers(text: str) -> set[str]:
    """Every 文号 a text may quote: each 〔year〕N号 with each run of characters before it
    (the text may run straight into the issuer's code: 通知鲁商字〔2025〕1号)."""
    found = set()
    for match in CITED_NUMBER.finditer(text):
        run, tail = match.groups()
        found.update(run[-length:] + tail for length in range(1, len(run) + 1))
    return found


def key_position(file: str, key: str) -> tuple[int, int]:
    """Line and column of a top-level ``key:`` in ``file`` (1, 1 when it cannot be read)."""
    try:
        lines = Path(file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    for number, line in enumerate(lines, 1):
        if line.startswith(f"{key}:"):
            return number, 1
    return 1, 1
