"""Preview one source document as the column will show it, in seconds at any column size.

The preview column holds only that document, read with the project's taxonomy and split
and tagged exactly as in a full build; the other documents, the campaign schedule and the
search index are left out, so the time does not grow with the column. ``policy-column
preview FILE`` hands the file to the MkDocs plugin through ``POLICY_COLUMN_SOURCE`` and
serves the result with the real theme (``mkdocs serve``, rebuilt when the file changes).
"""

from __future__ import annotations

from pathlib import Path

from .cache import splitter
from .errors import PolicyError, PolicyInputError
from .items import build_column
from .loader import load_source, load_taxonomy
from .model import Column

SOURCE_ENV = "POLICY_COLUMN_SOURCE"  # the source file a preview build is restricted to


def preview_column(policies_dir: Path, file: Path) -> tuple[Column, list[PolicyError]]:
    """The column of ``file`` alone; raises once, like ``check_policies``, on any error."""
    taxonomy, problems = load_taxonomy(Path(policies_dir) / "taxonomy.yml")
    column = None
    if not any(p.is_error for p in problems):
        source, source_problems = load_source(Path(file), taxonomy)
        problems += source_problems
        if source is not None and not any(p.is_error for p in problems):
            column, item_problems = build_column(taxonomy, (source,), splitter(policies_dir))
            problems += item_problems
    errors = [p for p in problems if p.is_error]
    if errors or column is None:
        raise PolicyInputError(errors, [p for p in problems if not p.is_error])
    return column, sorted(problems)


def preview_url(file: Path) -> str:
    """Where the document's page is in the preview, relative to the site root."""
    return f"sources/{Path(file).stem}/"
