"""The whole column as files: load and check the input, then pages and data files.

Engine-neutral: MkDocs (``plugin.py``) and the plain-files export both start here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import PolicyError, PolicyInputError
from .exports import items_json, list_csv, list_rows, list_xlsx
from .items import build_column
from .loader import load_policies
from .model import Column
from .pages import LIST_DOWNLOADS, Page, render_pages


@dataclass(frozen=True)
class SiteFiles:
    """What the column adds to a site: pages to theme, and files to copy as they are."""

    pages: list[Page]
    files: dict[str, bytes]  # site path → content


def check_policies(policies_dir: Path, strict: bool = False) -> tuple[Column, list[PolicyError]]:
    """Load, split and tag everything; raise once if anything is wrong.

    Returns the column and the warnings. With ``strict``, warnings are errors too.
    """
    loaded = load_policies(policies_dir)
    problems = list(loaded.problems)
    column = None
    if not any(p.is_error for p in problems):
        column, item_problems = build_column(loaded.taxonomy, loaded.sources)
        problems += item_problems
    errors = [p for p in problems if p.is_error or strict]
    if errors or column is None:
        raise PolicyInputError(errors)
    return column, sorted(problems)


def site_files(column: Column, today: date, fragments_dir: Path, site_url: str = "") -> SiteFiles:
    """Every page and data file of the column, rendered for ``today``."""
    pages = render_pages(column, today, fragments_dir)
    rows = list_rows(column, today, site_url)
    csv_path, xlsx_path = LIST_DOWNLOADS
    files = {
        "api/items.json": items_json(column, today).encode(),
        csv_path: list_csv(rows),
        xlsx_path: list_xlsx(rows),
    }
    return SiteFiles(pages, files)
