"""Queries typed into a built column's search page, each in a fresh browser context.

A fresh context has an empty cache, so what a query fetches is what a reader's first search
downloads. The column is served gzipped, as a web server sends it; the browser is Debian's
Chromium. The benchmarks that count a first query's bytes share this.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

from benchmarks.gzip_server import serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Found or not, the search page's status line then names the query: “…”.
STATUS_NAMES_QUERY = (
    "q => document.querySelector('.pc-results__status').textContent.includes('“' + q + '”')"
)


def cold_searches(
    site: Path, queries: Iterable[str], blocked: tuple[str, ...] = ()
) -> Iterator[tuple[str, object, list]]:
    """For each query: its results page and the requests that fetched them, once the page
    is idle. The page stays open until the next query; URLs matching ``blocked`` are refused."""
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for query in queries:
                context = browser.new_context(locale="zh-CN")
                page = context.new_page()
                fetched: list = []
                page.on("requestfinished", lambda request, into=fetched: into.append(request))
                for pattern in blocked:
                    page.route(pattern, lambda route: route.abort())
                page.goto(f"{base}search/?q={quote(query)}")
                page.wait_for_function(STATUS_NAMES_QUERY, arg=query, polling=100, timeout=120_000)
                page.wait_for_load_state("networkidle")
                yield query, page, fetched
                context.close()
            browser.close()
    finally:
        httpd.shutdown()


def pagefind_kib(requests: list) -> float:
    """KiB transferred (as encoded on the wire) for the ``pagefind/`` files among ``requests``."""
    return sum(r.sizes()["responseBodySize"] for r in requests if "/pagefind/" in r.url) / 1024
