"""A plain text file, UTF-8 or GBK, line by line; form feeds (as pdftotext writes them)
mark pages, so page numbers and running headers can be found as in a PDF."""

from __future__ import annotations

import codecs
from pathlib import Path

from .document import Extracted, Line, UnreadableDocument

# GB18030 is the superset of GBK and GB2312 that Chinese Windows saves "ANSI" text in.
ENCODINGS = ("utf-8", "gb18030")
INDENT = (" ", "\t", "\u3000")


def read_text_file(path: Path) -> Extracted:
    """The file's lines; raises UnreadableDocument when it is neither UTF-8 nor GBK."""
    text = decode(path.read_bytes())
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    rows_all = [row for page in pages for row in page.split("\n") if row.strip()]
    indented = [row[:1] in INDENT for row in rows_all]
    # A text whose paragraphs start indented ("　　为深入贯彻…") says where each one starts.
    uses_indent = any(indented) and not all(indented)
    lines = []
    for page_number, page in enumerate(pages, 1):
        rows = [(number, row) for number, row in enumerate(page.split("\n"), 1) if row.strip()]
        for index, (number, row) in enumerate(rows):
            lines.append(
                Line(
                    row.strip(),
                    page_number if len(pages) > 1 else 0,
                    number,
                    paragraph=(row[:1] in INDENT) if uses_indent else None,
                    edge=len(pages) > 1 and index in (0, len(rows) - 1),
                )
            )
    return Extracted(tuple(lines), "text")


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
