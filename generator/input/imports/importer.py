"""One document in, one source file's text out: read by its medium, repaired, its fields
read, its tags suggested. Nothing is written here; the command decides where and when."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.core.model import Taxonomy
from generator.core.tagging import TAG_KINDS, suggest_tags

from .document import Extracted, UnreadableDocument
from .legacy_word import read_doc
from .metadata import Metadata, read_metadata
from .pdf import read_pdf
from .plain_text import read_text_file
from .portal_page import read_page
from .repair import Repair, repair_lines
from .source_file import render_source
from .word import read_docx

READERS: dict[str, Callable[[Path], Extracted]] = {
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".doc": read_doc,
    ".html": read_page,
    ".htm": read_page,
    ".txt": read_text_file,
}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Imported:
    """A document turned into a source file's text, and the account of how."""

    path: Path
    medium: str
    slug: str
    text: str
    meta: Metadata
    repairs: tuple[Repair, ...]
    notes: tuple[str, ...]
    suggested: dict[str, list[str]]


def import_document(path: Path, taxonomy: Taxonomy | None, given: dict[str, str]) -> Imported:
    """Read ``path``; raises UnreadableDocument with a one-line reason when it cannot."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableDocument(
            f"cannot import {path.suffix or 'files without an extension'}",
            "import reads " + ", ".join(READERS) + " files",
        )
    if path.stat().st_size == 0:
        raise UnreadableDocument("the file is empty", "ask the department to send it again")
    extracted = reader(path)
    # PDF text (and pdftotext's, whose pages form feeds mark) has the stray spaces.
    spaces = extracted.medium == "PDF" or any(line.page for line in extracted.lines)
    paragraphs, repairs = repair_lines(extracted.lines, spaces)
    texts = [paragraph.text for paragraph in paragraphs if paragraph.text.strip()]
    if not texts:
        raise UnreadableDocument(
            f"the {extracted.medium} has no text", "ask the department to send it again"
        )
    meta = read_metadata(texts, extracted.fields, extracted.title_hint, taxonomy, given)
    meta.extras.update(extracted.extras)
    suggested = _suggested(meta, taxonomy)
    slug = given.get("slug") or choose_slug(path, meta, taxonomy)
    text = render_source(meta, path.name, suggested, extracted.notes)
    return Imported(
        path, extracted.medium, slug, text, meta, tuple(repairs), extracted.notes, suggested
    )


def _suggested(meta: Metadata, taxonomy: Taxonomy | None) -> dict[str, list[str]]:
    """Tags for the whole document, by name, from the taxonomy's keywords."""
    if taxonomy is None:
        return {}
    found = suggest_tags("\n".join([meta.title, *meta.body]), taxonomy)
    return {
        kind: [taxonomy.vocabulary(kind).get(term_id).name for term_id in found[kind]]
        for kind in TAG_KINDS
    }


def choose_slug(path: Path, meta: Metadata, taxonomy: Taxonomy | None) -> str:
    """The file name as an id when it is one; else the issuer's id with the 文号's year and
    number (jinan-commerce-2025-9), so Chinese file names get a stable ASCII name too."""
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if SLUG.fullmatch(stem) and re.search(r"[a-z]", stem) and len(stem) >= 3:
        return stem
    issuer_id = ""
    if taxonomy is not None and meta.issuers:
        term = taxonomy.vocabulary("issuers").find(meta.issuers[0])
        issuer_id = term.id if term else ""
    numbers = re.findall(r"\d+", meta.doc_number) or re.findall(r"\d{4}", meta.signed)[:1]
    parts = [issuer_id or "document", *numbers]
    return "-".join(parts) if len(parts) > 1 else f"document-{stem or 'import'}"
