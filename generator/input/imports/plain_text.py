"""A plain text file, UTF-8 or GBK, line by line, in pages where it has them: form feeds
mark pages (as pdftotext writes them), and so do page numbers on lines of their own, in
sequence, in a text copied out of a PDF viewer. Page numbers and running headers can then be
found as in a PDF."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .document import Extracted, Line, UnreadableDocument
from .repair import PAGE_NUMBER

# GB18030 is the superset of GBK and GB2312 that Chinese Windows saves "ANSI" text in.
ENCODINGS = ("utf-8", "gb18030")
# A paragraph's indent: 　　 as Chinese text is set, a tab, or two spaces or more. One space
# is not one: a line copied out of a PDF may start with the space after a comma.
INDENT = re.compile(r"\u3000|\t| {2}")
# Text lines a page has at least, but the last (a 公文 page has 22): a numbered list's
# numbers on lines of their own (1, 2, 3 …) come closer together than page numbers.
MIN_PAGE_ROWS = 8

Row = tuple[int, str]  # the line's number in its page (or the file) and its text


def read_text_file(path: Path) -> Extracted:
    """The file's lines; raises UnreadableDocument when it is neither UTF-8 nor GBK."""
    pages = text_pages(decode(path.read_bytes()))
    indented = [bool(INDENT.match(row)) for page in pages for _number, row in page]
    # A text whose paragraphs start indented ("　　为深入贯彻…") says where each one starts.
    uses_indent = any(indented) and not all(indented)
    lines = []
    for page_number, rows in enumerate(pages, 1):
        for index, (number, row) in enumerate(rows):
            lines.append(
                Line(
                    row.strip(),
                    page_number if len(pages) > 1 else 0,
                    number,
                    paragraph=bool(INDENT.match(row)) if uses_indent else None,
                    edge=len(pages) > 1 and index in (0, len(rows) - 1),
                )
            )
    return Extracted(tuple(lines), "text")


def text_pages(text: str) -> list[list[Row]]:
    """The text's pages, each its lines that are not blank, numbered within the page."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        return [_rows(page.split("\n")) for page in text.split("\f")]
    rows = _rows(text.split("\n"))
    ends = page_number_rows(rows)
    if not ends:
        return [rows]
    pages, start, before = [], 0, 0  # ``before``: the file's lines above the page
    for end in [*ends, len(rows) - 1]:
        pages.append([(number - before, row) for number, row in rows[start : end + 1]])
        start, before = end + 1, rows[end][0]
    return [page for page in pages if page]


def _rows(lines: list[str]) -> list[Row]:
    return [(number, row) for number, row in enumerate(lines, 1) if row.strip()]


def page_number_rows(rows: list[Row]) -> list[int]:
    """Where a text copied out of a PDF has its page numbers: rows that hold only a number
    (1, - 2 -, 第3页), counting up from 1 or 2, at least ``MIN_PAGE_ROWS`` rows apart but
    the last page's; empty when there are fewer than two."""
    numbers = [
        (index, int(re.search(r"\d+", row).group()))
        for index, (_number, row) in enumerate(rows)
        if PAGE_NUMBER.fullmatch(row.strip())
    ]
    best: list[int] = []
    for start, (index, value) in enumerate(numbers):
        if value not in (1, 2) or index + 1 < MIN_PAGE_ROWS:
            continue
        chain, last = [index], value
        for later, later_value in numbers[start + 1 :]:
            far = later - chain[-1] >= MIN_PAGE_ROWS or later == len(rows) - 1
            if later_value == last + 1 and far:
                chain.append(later)
                last = later_value
        if len(chain) > len(best):
            best = chain
    return best if len(best) >= 2 else []


def decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM, else GBK."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableDocument(
            "the file is not text (it holds binary data)",
            "if it is a Word or PDF file, give it its own extension (.docx, .pdf) and import that",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    data = data.removeprefix(codecs.BOM_UTF8)
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument(
        "the text file is neither UTF-8 nor GBK",
        "open it in a text editor and save it as UTF-8",
    )
