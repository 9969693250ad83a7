"""A Word .docx file's paragraphs and tables in reading order, list labels put back.

python-docx opens the package and hands over its XML (body, numbering, styles); the text
is read from the XML so that tracked insertions, content controls and text boxes count
and deleted text does not. Tables become one line per row, cells separated by tabs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from .document import Extracted, Line, UnreadableDocument
from .numbering import Numbering, W

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TITLE_SEARCH = 12  # paragraphs at the top where the title is looked for
TEXT = {f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}drawing", f"{W}pict"}


def read_docx(path: Path) -> Extracted:
    """The document's lines; raises UnreadableDocument for a file Word would not open."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(
            "cannot read the Word file: it is damaged, or not a .docx under that name",
            "open it in Word or WPS and save it again as .docx",
        ) from error
    except etree.XMLSyntaxError as error:
        raise UnreadableDocument(
            f"the Word file's XML is damaged ({error})",
            "open it in Word or WPS and save it again",
        ) from error
    reader = _BodyReader(document)
    reader.read_blocks(document.element.body)
    notes = list(_header_notes(document))
    if reader.images:
        notes.append(
            f"{reader.images} image(s) not imported (a picture has no text; add what it "
            "says by hand if readers need it)"
        )
    return Extracted(tuple(reader.lines), "Word", notes=tuple(notes), title_hint=reader.title())


class _BodyReader:
    """Walks the body once, numbering paragraphs as Word does, collecting lines."""

    def __init__(self, document: docx.document.Document):
        part = document.part
        numbering = part.numbering_part.element if _has_numbering(part) else None
        styles = part.styles.element if part.styles is not None else None
        self.numbering = Numbering(numbering, styles)
        self.lines: list[Line] = []
        self.images = 0
        self.sizes: list[tuple[float, str, bool]] = []  # size, text, styled as a title

    def read_blocks(self, parent: etree._Element) -> None:
        for child in parent:
            if child.tag == f"{W}p":
                self.add_paragraph(child)
            elif child.tag == f"{W}tbl":
                for row in child.iter(f"{W}tr"):
                    cells = [self.cell_text(cell) for cell in row.iterchildren(f"{W}tc")]
                    if any(cells):
                        self.add_line("\t".join(cells), centered=False, size=0.0)
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.read_blocks(content)

    def add_paragraph(self, paragraph: etree._Element) -> None:
        text = self.paragraph_text(paragraph)
        if not text.strip():
            return
        size = _font_size(paragraph)
        centered = _value(paragraph.find(f"{W}pPr/{W}jc")) == "center"
        if len(self.sizes) < TITLE_SEARCH:
            self.sizes.append((size, text.strip(), _is_title_style(paragraph)))
        for line in text.split("\n"):
            if line.strip():
                self.add_line(line, centered, size)

    def add_line(self, text: str, centered: bool, size: float) -> None:
        number = len(self.lines) + 1
        self.lines.append(Line(text.strip(), 0, number, True, centered=centered, size=size))

    def paragraph_text(self, paragraph: etree._Element) -> str:
        """The label Word shows, then the text of the runs."""
        label, separated = self.numbering.label(paragraph)
        text = _runs_text(paragraph, self).strip(" \t\u3000")
        if label and separated and not _ends_in_punctuation(label):
            label += " "
        return label + text

    def cell_text(self, cell: etree._Element) -> str:
        merge = cell.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and _value(merge) != "restart":
            return ""  # the rest of a vertically merged cell: its text is in the first
        parts = []
        for block in cell:
            if block.tag == f"{W}p":
                parts.append(self.paragraph_text(block).strip())
            elif block.tag == f"{W}tbl":
                parts.extend(self.cell_text(inner) for inner in block.iter(f"{W}tc"))
        return " ".join(part for part in parts if part)

    def title(self) -> str:
        """A paragraph styled as a title, else the one in the largest type near the top."""
        for _, text, styled in self.sizes:
            if styled:
                return text
        sized = [entry for entry in self.sizes if entry[0]]
        return max(sized, key=lambda entry: entry[0])[1] if sized else ""


def _has_numbering(part) -> bool:
    try:
        part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    except KeyError:
        return False
    return True


def _runs_text(paragraph: etree._Element, reader: _BodyReader) -> str:
    """The characters a reader sees, in order: text, tabs, line breaks."""
    parts = []
    for element in paragraph.iter(*TEXT):
        if any(ancestor.tag == MC_FALLBACK for ancestor in element.iterancestors()):
            continue  # the same text box again, for old Word versions
        if element.tag == f"{W}t":
            parts.append(element.text or "")
        elif element.tag == f"{W}tab":
            if element.getparent().tag == f"{W}r":  # not a tab stop definition
                parts.append("\t")
        elif element.tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif element.tag in (f"{W}drawing", f"{W}pict"):
            reader.images += 1
        elif element.get(f"{W}type") != "page":
            parts.append("\n")
    return "".join(parts)


def _font_size(paragraph: etree._Element) -> float:
    sizes = [float(size.get(f"{W}val", "0")) / 2 for size in paragraph.iter(f"{W}sz")]
    return max(sizes, default=0.0)


def _is_title_style(paragraph: etree._Element) -> bool:
    style = _value(paragraph.find(f"{W}pPr/{W}pStyle")) or ""
    return style.lower() in ("title", "标题")


def _ends_in_punctuation(label: str) -> bool:
    return not (label[-1].isalnum() or "\u4e00" <= label[-1] <= "\u9fff")


def _value(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _header_notes(document: docx.document.Document) -> list[str]:
    """Text in page headers and footers, which repeats on every page and is not imported."""
    seen = []
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            text = " ".join(p.text.strip() for p in part.paragraphs if p.text.strip())
            if text and text not in seen:
                seen.append(text)
    return [f"page header or footer “{text}” not imported" for text in seen]
