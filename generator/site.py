"""The whole column as files: load and check the input, then pages and data files.

Engine-neutral: MkDocs (``plugin.py``) and the plain-files export both start here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Protocol

from .api import api_files
from .cache import ColumnCache, SplitCache, cache_folder
from .errors import PolicyError, PolicyInputError
from .exports import items_json, list_csv, list_rows, list_xlsx
from .finder import finder_json
from .items import build_column
from .loader import load_policies
from .model import Column, SplitBody
from .packages import package_files
from .pages import FINDER_DATA, LIST_DOWNLOADS, Page, render_pages
from .schedule_input import SCHEDULE_FILE, plan_schedule
from .schedule_pages import schedule_files
from .split import split_body
from .urls import apply_url_lock, redirect_files
from .widgets import widget_files


class PageSink(Protocol):
    """Takes pages one by one as they are rendered (the plugin's early search index)."""

    def add(self, page: Page) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class SiteFiles:
    """What the column adds to a site: pages to theme, and files to copy as they are."""

    pages: list[Page]
    files: dict[str, bytes]  # site path → content


def check_policies(policies_dir: Path, strict: bool = False) -> tuple[Column, list[PolicyError]]:
    """Load, split and tag everything; raise once if anything is wrong.

    Returns the column and the warnings. With ``strict``, warnings are errors too.
    A column without errors is cached (``cache.py``): the same input reads it back.
    """
    folder = cache_folder(policies_dir)
    cache = ColumnCache(folder, policies_dir) if folder is not None else None
    found = cache.load() if cache is not None else None
    if found is not None:
        column, problems = found
    else:
        split = SplitCache(folder).split if folder is not None else split_body
        column, problems = read_column(policies_dir, split)
        if cache is not None and column is not None and not any(p.is_error for p in problems):
            cache.store((column, problems))
    errors = [p for p in problems if p.is_error or strict]
    if errors or column is None:
        warnings = [p for p in problems if not (p.is_error or strict)]
        raise PolicyInputError(errors, warnings)
    return column, sorted(problems)


def read_column(
    policies_dir: Path, split: Callable[[str], SplitBody] = split_body
) -> tuple[Column | None, list[PolicyError]]:
    """The column and every problem found; no column when an error stops the way."""
    loaded = load_policies(policies_dir)
    problems = list(loaded.problems)
    column = None
    if not any(p.is_error for p in problems):
        column, item_problems = build_column(loaded.taxonomy, loaded.sources, split)
        problems += item_problems
    if column is not None and not any(p.is_error for p in problems):
        # Published URLs keep their ids (and moved ones redirect) before anything uses an id.
        column, url_problems = apply_url_lock(column, policies_dir)
        problems += url_problems
    sound = column if not any(p.is_error for p in problems) else None
    schedule, schedule_problems = plan_schedule(
        policies_dir / SCHEDULE_FILE, loaded.taxonomy, sound
    )
    problems += schedule_problems
    if column is not None and schedule is not None:
        column = replace(column, schedule=schedule)
    return column, problems


def site_files(
    column: Column,
    today: date,
    fragments_dir: Path,
    site_url: str = "",
    packages_pdf: bool = False,
    indexed: PageSink | None = None,
) -> SiteFiles:
    """Every page and data file of the column, rendered for ``today``.

    ``packages_pdf`` also renders every 政策包 as a PDF (slow: WeasyPrint).
    ``indexed`` gets each page the search index reads as soon as it is rendered, in the
    order of their paths (the plugin hands them to Pagefind while the rest is made).
    """
    pages = render_pages(column, today, fragments_dir, indexed.add if indexed else None)
    if indexed is not None:
        indexed.close()
    rows = list_rows(column, today, site_url)
    csv_path, xlsx_path = LIST_DOWNLOADS
    files = {
        "api/items.json": items_json(column, today).encode(),
        FINDER_DATA: finder_json(column, today).encode(),
        csv_path: list_csv(rows),
        xlsx_path: list_xlsx(rows),
    }
    package_pages, package_data, packages = package_files(
        column, today, fragments_dir, site_url, packages_pdf
    )
    pages += package_pages
    files.update(package_data)
    widget_data, widget_records = widget_files(column, today, fragments_dir, site_url)
    files.update(widget_data)
    files.update(api_files(column, today, site_url, {"packages": packages, **widget_records}))
    schedule_pages, schedule_data = schedule_files(column, today, fragments_dir, site_url)
    pages += schedule_pages
    files.update(schedule_data)
    files.update(redirect_files(column.redirects))
    return SiteFiles(pages, files)
