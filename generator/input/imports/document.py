"""What a reader hands on: the lines of a document, what its medium says about them, and
the fields the medium carries (a portal page's metadata table). Pure data."""

from __future__ import annotations

from dataclasses import dataclass, field


class UnreadableDocument(Exception):
    """The file cannot be imported: a scan, a locked PDF, a broken file, no article.

    ``message`` says what is wrong, ``hint`` what the officer can do about it.
    """

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Line:
    """One line as the medium gave it, with the medium's evidence about where it belongs.

    ``paragraph`` is True when the medium says a paragraph starts here (a Word or HTML
    paragraph, an indented PDF or text line), False for a line at the left margin of a
    medium that indents paragraphs, None when the medium cannot tell (plain text). For
    PDF lines, ``room`` is the space left before the right margin and ``lead`` the width
    of the line's first piece that cannot be broken (a character, a number, a URL): a
    line that begins with a piece wider than the room the line before left was wrapped
    there by the layout, not by the author.
    """

    text: str
    page: int = 0  # 1-based page; 0 when the medium has no pages
    number: int = 0  # 1-based line number on the page (or in the file)
    paragraph: bool | None = None
    room: float | None = None  # points
    lead: float | None = None  # points
    centered: bool = False  # set in the middle of the line: titles, red heads, page numbers
    size: float = 0.0  # font size in points; 0 when unknown
    edge: bool = False  # the first or last line of its page, where page furniture sits

    def where(self) -> str:
        """'page 2 line 5', or 'line 5' for a medium without pages."""
        return f"page {self.page} line {self.number}" if self.page else f"line {self.number}"


@dataclass(frozen=True)
class Extracted:
    """A document's lines in reading order, and what else its medium told."""

    lines: tuple[Line, ...]
    medium: str  # "PDF", "Word", "portal page", "text"
    fields: dict[str, str] = field(default_factory=dict)  # title, doc_number, … from the medium
    extras: dict[str, str] = field(default_factory=dict)  # 索引号, 主题分类: no field of ours
    notes: tuple[str, ...] = ()  # what the reader left out and why (images, Word headers)
    title_hint: str = ""  # the text set largest at the top (PDF), or styled as a title
