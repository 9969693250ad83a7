"""The fields of a source file, read from the repaired text and what the medium carried:
title, 文号, 发文机关 (matched against the taxonomy), level, dates, and the covering
印发通知 set apart from the body. Pure: the taxonomy is passed in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.core.model import Taxonomy
from generator.core.written_dates import WRITTEN_DATE, read_written_date

from .issuers import issuer_line
from .windows import Window, clause_deadlines, read_windows

HEAD_SEARCH = 12  # paragraphs at the top where the red head, 文号 and title are
TAIL_SEARCH = 12  # paragraphs at the end where the signature and date are
TITLE_MAX = 80
DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12}?)\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*第?\s*(\d{1,4})\s*号"
)
NOTICE_TITLE = re.compile(r".*关于(?:印发|转发|公布)[《“\"]?(?P<title>.+?)[》”\"]?的(?:通知|函)")
# An office's name: a ministry's has two characters before its 部 (商务部, 财政部, 公安部).
OFFICE = re.compile(
    r"[\u4e00-\u9fff（）()]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|"
    r"局|厅|部|委|院|署|中心|办)"
)
TITLE_WORDS = re.compile(
    r".*(?:公告|通告|通知|方案|细则|办法|意见|规定|决定|措施|规划|计划|指南|条例|政策|清单)"
)
DATE = re.compile(rf"[（(]?(?P<date>{WRITTEN_DATE})[）)]?")  # a line of its own, squeezed
PRINTED = re.compile(rf".*?(?P<date>{WRITTEN_DATE})印发")  # 济南市商务局办公室2025年1月20日印发


@dataclass
class Metadata:
    """What was read, how it was found, and what the officer still has to supply."""

    title: str = ""
    doc_number: str = ""
    issuers: list[str] = field(default_factory=list)
    level: str = ""
    signed: str = ""
    published: str = ""
    source_url: str = ""
    notice: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    extras: dict[str, str] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)  # "title: from …", for the officer
    missing: list[str] = field(default_factory=list)  # what to add by hand, and how
    taxonomy_lines: list[str] = field(default_factory=list)  # lines to add to taxonomy.yml
    windows: list[Window] = field(default_factory=list)  # 活动时间 …, for the officer's expires
    deadlines: dict[str, Window] = field(default_factory=dict)  # clause path → its 申报 window


def read_metadata(
    paragraphs: list[str],
    medium_fields: dict[str, str],
    title_hint: str,
    taxonomy: Taxonomy | None,
    given: dict[str, str],
) -> Metadata:
    """The fields; ``given`` (from the command line: issuer, level) wins over the text."""
    meta = Metadata(extras={})
    meta.notice, meta.body = _split_notice(paragraphs, meta)
    head = paragraphs[:HEAD_SEARCH]
    meta.title = _title(head, medium_fields, title_hint, meta)
    meta.doc_number = medium_fields.get("doc_number") or _doc_number(head)
    if meta.doc_number:
        meta.found.append(f"doc_number: {meta.doc_number}")
    signature = (meta.notice or meta.body)[-TAIL_SEARCH:]
    meta.issuers = _issuers(head, signature, meta, medium_fields, given, taxonomy)
    ends = meta.notice[-TAIL_SEARCH:] + meta.body[-TAIL_SEARCH:]
    meta.signed = medium_fields.get("signed") or _signed(ends, head)
    if meta.signed:
        meta.found.append(f"signed: {meta.signed}")
    meta.published = medium_fields.get("published", "")
    meta.source_url = medium_fields.get("source_url", "")
    meta.level = _level(meta, given, taxonomy)
    meta.windows = read_windows(meta.body)
    meta.deadlines = clause_deadlines("\n".join(meta.body))
    if taxonomy is not None:
        vocabulary = taxonomy.vocabulary("issuers")
        for name in meta.issuers:
            if vocabulary.find(name) is None:
                meta.taxonomy_lines.append(issuer_line(name, taxonomy))
    return meta


def _notice_title(lines: list[str]) -> str | None:
    """The title of the document a 关于印发《…》的通知 at the start of ``lines`` covers; the
    notice's own title may be set on two lines."""
    for count in (1, 2):
        found = NOTICE_TITLE.fullmatch(_squeeze("".join(lines[:count])))
        if found:
            return _squeeze(found.group("title"))
    return None


def _split_notice(paragraphs: list[str], meta: Metadata) -> tuple[list[str], list[str]]:
    """The covering 印发通知 and the document it covers, when the text has both."""
    for index in range(min(HEAD_SEARCH, len(paragraphs))):
        title = _notice_title(paragraphs[index:])
        if title is None:
            continue
        for start in range(index + 1, len(paragraphs)):
            if _squeeze(paragraphs[start]) == title:
                meta.found.append(f"notice: the covering notice, paragraphs 1–{start}")
                return paragraphs[:start], paragraphs[start:]
        break
    return [], list(paragraphs)


def _title(head: list[str], medium: dict[str, str], hint: str, meta: Metadata) -> str:
    if medium.get("title"):
        meta.found.append("title: from the page's metadata")
        return medium["title"]
    for index in range(len(head)):
        covered = _notice_title(head[index:])
        if covered:
            meta.found.append("title: the document the 印发通知 covers")
            return covered
    squeezed_hint = _squeeze(hint)
    for text in head:
        if squeezed_hint and _squeeze(text) == squeezed_hint and _could_be_title(text):
            meta.found.append("title: the line set in the largest type")
            return text
    for text in head:
        if TITLE_WORDS.fullmatch(text) and _could_be_title(text):
            meta.found.append("title: the first line that reads like a title")
            return text
    if head and len(head[0]) <= TITLE_MAX:
        meta.missing.append("title: guessed from the first line — check it")
        return head[0]
    meta.missing.append("title: not found — write it into title:")
    return ""


def _could_be_title(text: str) -> bool:
    squeezed = _squeeze(text)
    return (
        len(squeezed) <= TITLE_MAX
        and "。" not in squeezed
        and not squeezed.endswith(("：", ":", "文件"))
        and not DOC_NUMBER.fullmatch(squeezed)
    )


def _doc_number(head: list[str]) -> str:
    """The 文号 on a line of its own near the top, written with 〔〕 as GB/T 9704 has it."""
    for text in head:
        found = DOC_NUMBER.fullmatch(_squeeze(text))
        if found:
            prefix, year, number = found.groups()
            return f"{prefix}〔{year}〕{number}号"
    return ""


def _issuers(
    head: list[str],
    signature: list[str],
    meta: Metadata,
    medium: dict[str, str],
    given: dict[str, str],
    taxonomy: Taxonomy | None,
) -> list[str]:
    if given.get("issuer"):
        return given["issuer"].split()
    if medium.get("issuer"):
        meta.found.append("issuer: from the page's metadata")
        return re.split(r"[\s、，,]+", medium["issuer"].strip())
    red_head = _red_head(head)
    if red_head:
        meta.found.append("issuer: the red head (版头)")
        return red_head
    title_office = re.match(r"(.+?)关于", _squeeze(meta.title))
    if title_office and OFFICE.fullmatch(title_office.group(1)):
        meta.found.append("issuer: named in the title")
        return [title_office.group(1)]
    signed_by = _signature_offices(signature)
    if signed_by:
        meta.found.append("issuer: the signature")
        return signed_by
    if taxonomy is not None:
        for text in reversed(signature[-5:]):
            for term in taxonomy.vocabulary("issuers").terms:
                if term.name in text:
                    meta.found.append(f"issuer: named at the end (“{text[:20]}…”)")
                    return [term.name]
    meta.missing.append("issuer: not found — pass --issuer NAME or write it into issuer:")
    return []


def _red_head(head: list[str]) -> list[str]:
    """The offices of the red head (版头): office names at the very top, with 文件 on one of
    them or the 文号 or the title right below them."""
    offices, marked = [], False
    for index, text in enumerate(head):
        squeezed = _squeeze(text)
        name = squeezed.removesuffix("文件")
        if OFFICE.fullmatch(name):
            offices.append(name)
            marked = marked or squeezed.endswith("文件")
            continue
        below = DOC_NUMBER.fullmatch(squeezed) or _notice_title(head[index:]) is not None
        return offices if offices and (marked or below) else []
    return offices if marked else []


def _signature_offices(signature: list[str]) -> list[str]:
    """Office lines right above the date line of a signature."""
    for index in range(len(signature) - 1, 0, -1):
        if DATE.fullmatch(_squeeze(signature[index])):
            offices = []
            above = index - 1
            while above >= 0 and (named := _offices_on(signature[above])):
                offices[:0] = named
                above -= 1
            if offices:
                return offices
    return []


def _offices_on(line: str) -> list[str]:
    """The offices a signature line names: one, or several side by side, as a joint document
    signs (岳阳市商务局　　岳阳市财政局); [] for any other line. A name spaced out letter by
    letter (岳 阳 市 商 务 局) is one."""
    side_by_side = line.split()
    if len(side_by_side) > 1 and all(OFFICE.fullmatch(part) for part in side_by_side):
        return side_by_side
    return [_squeeze(line)] if OFFICE.fullmatch(_squeeze(line)) else []


def _signed(signature: list[str], head: list[str]) -> str:
    """The date of the signature, of a dated line under the title, or of the 印发 line."""
    lines = [(DATE, text) for text in reversed(signature)] + [(DATE, text) for text in head]
    lines += [(PRINTED, text) for text in reversed(signature)]
    for pattern, text in lines:
        found = pattern.fullmatch(_squeeze(text))
        if found and (day := read_written_date(found["date"])):
            return day.isoformat()
    return ""


def _level(meta: Metadata, given: dict[str, str], taxonomy: Taxonomy | None) -> str:
    if given.get("level"):
        return given["level"]
    if taxonomy is None:
        return ""
    levels = taxonomy.vocabulary("levels").terms
    national = next((term.name for term in levels if term.id == "national"), "")
    for name in meta.issuers:
        for term in levels:
            if name.startswith(term.name):
                meta.found.append(f"level: {term.name}, from the issuer {name}")
                return term.name
        if national and re.match(r"(国务院|国家|中共中央|全国)|.+部$", name):
            meta.found.append(f"level: {national}, from the issuer {name}")
            return national
    for term in levels:
        if meta.title.startswith(term.name):
            meta.found.append(f"level: {term.name}, from the title")
            return term.name
    meta.missing.append(
        "level: not found — pass --level NAME (one of policies/taxonomy.yml levels)"
    )
    return ""


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
