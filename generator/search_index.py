"""The search index: Pagefind, run over a built site folder, offline.

Pagefind's *extended* binary (PyPI ``pagefind[extended]``, pinned in pyproject)
segments Chinese; the plain one would index whole runs of Chinese text as single
words. Only pages marked ``data-pagefind-body`` (items and source documents) are
indexed; their facets come from ``search.py``.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .search_copies import usable_copies

INDEX_FOLDER = "pagefind"  # under the site root; the search page loads pagefind/pagefind.js
# The folders whose pages carry data-pagefind-body (item.html, source.html). Pagefind
# reads only these: parsing the big list, term and package pages found nothing to
# index and took most of its time at 10 000 items. tests/test_scale.py keeps this true.
INDEXED_FOLDERS = ("items", "sources")


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float
    output: str


def pagefind_executable() -> Path:
    """The extended Pagefind binary shipped by the ``pagefind-bin-extended`` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(
            "the search index needs Pagefind's extended build — install it with "
            "`pip install -e .` (pyproject pins pagefind[extended])"
        ) from None
    return get_executable()


def index_site(site_dir: Path, copies: Path | None = None) -> IndexReport:
    """Write ``<site_dir>/pagefind/`` for the pages of ``site_dir``.

    ``copies``: the build's search copies of those pages (search_copies.py), which give
    the same index faster; when missing or incomplete, the site itself is read.
    """
    return RunningIndex(site_dir, copies).wait()


class RunningIndex:
    """Pagefind started in the background: the build goes on while it indexes."""

    def __init__(self, site_dir: Path, copies: Path | None = None):
        if usable_copies(copies):
            source = ["--site", str(copies), "--output-path", str(site_dir / INDEX_FOLDER)]
        else:
            folders = "{" + ",".join(INDEXED_FOLDERS) + "}/**/*.html"
            source = ["--site", str(site_dir), "--output-subdir", INDEX_FOLDER, "--glob", folders]
        self.started = time.perf_counter()
        # A file, not a pipe: nobody reads while it runs, and a full pipe would stop it.
        self.output = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(pagefind_executable()), *source], stdout=self.output, stderr=subprocess.STDOUT
        )

    def wait(self) -> IndexReport:
        self.process.wait()
        seconds = time.perf_counter() - self.started
        self.output.seek(0)
        output = self.output.read()
        self.output.close()
        if self.process.returncode != 0:
            raise SearchIndexError(f"Pagefind failed:\n{output}")
        return IndexReport(indexed_pages(output), seconds, output)


def indexed_pages(output: str) -> int:
    """The page count from Pagefind's summary line "Indexed 64 pages"."""
    for line in output.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "Indexed" and words[2] in ("page", "pages"):
            return int(words[1])
    return 0
