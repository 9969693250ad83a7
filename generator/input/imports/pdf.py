"""A PDF's text layer, line by line, with the geometry that tells a wrap from a paragraph.

pdfplumber (on pdfminer.six) gives every character's box, so a line knows whether it is
indented, centered, or ended at the right margin; a scan has no characters at all and is
refused (no OCR: the department has the text and should send it).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from statistics import median

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from .document import Extracted, Line, UnreadableDocument

INDENT_EMS = 0.5  # a line starting this far right of the margin is indented
CENTER_EMS = 1.0  # a centered line's middle is this close to the text block's middle
# A paragraph's first line starts this far in (GB/T 9704: two characters); one that does is
# an indented line, not a centered one, however little it left at the right margin.
PARAGRAPH_INDENT_EMS = 2.0
INDENT_SLACK_EMS = 0.25
# Marks a line may not start (、，）) or end (（“《) with: the layout moves them with the
# character they stand against, so a line's first unbreakable piece includes them.
NO_LINE_START = set("、，。；：？！）》」』”’】〕,.;:?!)]%")
NO_LINE_END = set("（《「『“‘【〔([")
QUOTES = set("“‘")
TEXT_MIN_CHARS = 20  # fewer characters in the whole file: a scan with a stray label


def read_pdf(path: Path) -> Extracted:
    """The lines of every page, top to bottom; raises UnreadableDocument when there are none."""
    try:
        with pdfplumber.open(path) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
            images = [len(page.images) for page in pdf.pages]
    except PdfminerException as error:
        raise _describe_failure(error.args[0] if error.args else error) from error
    except PSException as error:  # damage found only when a page is read
        raise _describe_failure(error) from error
    chars = sum(len(line["chars"]) for page in pages for line in page)
    if chars < TEXT_MIN_CHARS:
        raise UnreadableDocument(
            f"the PDF has no text layer ({len(pages)} page(s) of images): it is a scan",
            "ask the department for the Word file or a PDF saved from it; import does no OCR",
        )
    left, right, body_size = _text_block(pages)
    lines = []
    for number, page in enumerate(pages, 1):
        for index, raw in enumerate(page):
            lines.append(_line(raw, number, index, len(page), left, right, body_size))
    notes = tuple(
        f"page {number}: {count} image(s) not imported (a QR code, stamp or table as a "
        "picture has no text; add what it says by hand if readers need it)"
        for number, count in enumerate(images, 1)
        if count
    )
    return Extracted(tuple(lines), "PDF", notes=notes, title_hint=_title_hint(pages))


def _describe_failure(cause: BaseException) -> UnreadableDocument:
    if isinstance(cause, PDFPasswordIncorrect):
        return UnreadableDocument(
            "the PDF is locked with a password",
            "ask for an unlocked copy, or open it and print it to a new PDF, then import that",
        )
    return UnreadableDocument(
        f"cannot read the PDF ({type(cause).__name__}: {cause})",
        "the file is damaged or not a PDF: ask the department to send it again",
    )


def _page_lines(page: pdfplumber.page.Page) -> list[dict]:
    return [line for line in page.extract_text_lines(return_chars=True) if line["text"].strip()]


def _text_block(pages: list[list[dict]]) -> tuple[float, float, float]:
    """The left and right margins of the running text, and its font size."""
    sizes = Counter(
        round(char["size"]) for page in pages for line in page for char in line["chars"]
    )
    body_size = float(sizes.most_common(1)[0][0])
    body = [line for page in pages for line in page if round(_size(line)) == body_size]
    lefts = Counter(round(line["x0"]) for line in body)
    rights = Counter(round(line["x1"]) for line in body)
    left = min(x for x, count in lefts.items() if count >= lefts.most_common(1)[0][1] / 4)
    return float(left), float(rights.most_common(1)[0][0]), body_size


def _line(
    raw: dict, page: int, index: int, count: int, left: float, right: float, body_size: float
) -> Line:
    size = _size(raw)
    em = size or body_size
    middle = (raw["x0"] + raw["x1"]) / 2
    paragraph_start = abs(raw["x0"] - left - PARAGRAPH_INDENT_EMS * em) < INDENT_SLACK_EMS * em
    centered = (
        abs(middle - (left + right) / 2) < CENTER_EMS * em
        and raw["x0"] > left + INDENT_EMS * em
        and raw["x1"] < right - INDENT_EMS * em
        and not paragraph_start
    )
    return Line(
        text=raw["text"].strip(),
        page=page,
        number=index + 1,
        paragraph=raw["x0"] > left + INDENT_EMS * em,
        room=right - raw["x1"],
        lead=_lead_width(raw["chars"]),
        centered=centered,
        size=size,
        edge=index in (0, count - 1),
    )


def _size(line: dict) -> float:
    return round(median(char["size"] for char in line["chars"]), 1)


def _lead_width(chars: list[dict]) -> float:
    """The width of the line's first piece a layout cannot break: one CJK character, or a
    run of Latin letters, digits and ASCII punctuation (a number, a word, a URL), with the
    opening marks before it and the closing marks after it (“两, 局、), and an opening quote
    after it with the character it opens (置“两)."""
    at = 0
    while at < len(chars) - 1 and chars[at]["text"] in NO_LINE_END:
        at += 1
    end = chars[at]["x1"]
    if chars[at]["text"].isascii():
        while (
            at + 1 < len(chars)
            and chars[at + 1]["text"].isascii()
            and not chars[at + 1]["text"].isspace()
        ):
            at += 1
            end = chars[at]["x1"]
    while at + 1 < len(chars) and chars[at + 1]["text"] in NO_LINE_START:
        at += 1
        end = chars[at]["x1"]
    if at + 2 < len(chars) and chars[at + 1]["text"] in QUOTES:
        end = chars[at + 2]["x1"]  # 置“两: Unicode line breaking keeps a quote with both sides
    return end - chars[0]["x0"]


def _title_hint(pages: list[list[dict]]) -> str:
    """The lines set in the largest type at the top of the first page: the title."""
    top = pages[0][:6] if pages else []
    if not top:
        return ""
    largest = max(_size(line) for line in top)
    title = []
    for line in top:
        if _size(line) == largest:
            title.append(line["text"].strip())
        elif title:
            break
    return "".join(title)
