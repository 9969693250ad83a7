"""Search relevance at scale: the relevance table typed into the search page of a large column.

``tests/search_relevance.py`` holds what citizens, enterprises and the policy team type and the
pages that must come in the first three. ``make test`` checks it on the sample column; this
script checks the same table on a column of N synthetic items (``synthetic.py``, fixed seed)
plus the four sample documents, whose items the table names, and prints each query's rank of
its pages, the queries that fail and how long a query takes in Chromium.

Each synthetic clause rewords one sample clause: its heading, its sentences and any 要点 and
申兑指南 the policy team wrote for it, in another office's and subject's words
(``synthetic_voices.py``), padded with other sample sentences. So many items share a title
with the item a query wants, or say what it says in another voice.

Besides the strict count (the sample's own item in the first three results, as the result or
in its 另有 N 条同名条款 box) the report counts a query as *served* when, for each page it
names, an item of the same title stands there, and as *served by the same clause* when such a
reworded item does (``origins.json``, written beside the site from ``synthetic.py``). With
``--bytes`` it also opens the search page with a cold cache for every query and reports what
its first search downloads (KiB, gzip as served).

    python -m benchmarks.relevance_bench                 # 10 000 synthetic items + the sample
    python -m benchmarks.relevance_bench --items 2000
    python -m benchmarks.relevance_bench --site site/    # a column already built
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.cold_search import CHROMIUM, cold_searches
from benchmarks.gzip_server import serve

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))
from search_relevance import (  # noqa: E402
    RELEVANCE,
    TOP,
    among,
    entry_ids,
    open_search_page,
    pages_of,
    says_every_word,
)

AS_OF = "2025-03-01"
LIMIT_KIB = 250  # what a first query may download at 10 000 items (issue 14)
ORIGINS = "origins.json"  # synthetic item → the sample item it rewords, beside site/


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="synthetic items to add")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--site", type=Path, help="a built column to search instead")
    parser.add_argument("--work", type=Path, help="keep the project and site here")
    parser.add_argument("--bytes", action="store_true", help="measure each first query's bytes")
    parser.add_argument("--only", help="run only the queries containing this text")
    args = parser.parse_args(argv)
    table = tuple(row for row in RELEVANCE if not args.only or args.only in row[0])
    work = args.work or Path(tempfile.mkdtemp(prefix="policy-column-relevance-"))
    try:
        site = args.site or build(work, args.items, args.seed)
        rows, seconds = run_table(site, table)
        titles = item_titles(site)
        origins_file = site.parent / ORIGINS
        origins = json.loads(origins_file.read_text("utf-8")) if origins_file.exists() else {}
        sizes = first_query_bytes(site, [query for query, _ in table]) if args.bytes else {}
    finally:
        if args.work is None and args.site is None:
            shutil.rmtree(work, ignore_errors=True)
    print_report(rows, seconds, titles, origins, sizes)
    return 0 if all(row[2] for row in rows) else 1


def item_titles(site: Path) -> dict[str, str]:
    """Item id → title, from the column's own API file."""
    data = json.loads((site / "api/items.json").read_text(encoding="utf-8"))
    return {row["id"]: row["title"] for row in data["items"]}


def build(work: Path, items: int, seed: int) -> Path:
    """The project with N synthetic items and the sample's documents, built into work/site."""
    from benchmarks.build_bench import copy_site_files
    from benchmarks.synthetic import write_synthetic_policies

    shutil.rmtree(work, ignore_errors=True)
    copy_site_files(PROJECT, work)
    origins = write_synthetic_policies(work / "policies", items, seed)
    (work / ORIGINS).write_text(json.dumps(origins, ensure_ascii=False, indent=0), "utf-8")
    for path in (PROJECT / "policies" / "sources").glob("*.yml"):
        shutil.copyfile(path, work / "policies" / "sources" / path.name)
    log(f"building {items:,} synthetic items + the sample …")
    started = time.perf_counter()
    command = [sys.executable, "-m", "generator.cli", "build", "--as-of", AS_OF]
    subprocess.run([*command, "--site-dir", str(work / "site")], cwd=work, check=True)
    log(f"  built in {time.perf_counter() - started:.0f} s")
    return work / "site"


def first_query_bytes(site: Path, queries: list[str]) -> dict[str, dict[str, float]]:
    """KiB each query's first search downloads, cache cold, by kind of file."""
    from benchmarks.search_bench import transferred_by_kind

    return {
        query: transferred_by_kind(fetched) for query, _, fetched in cold_searches(site, queries)
    }


def run_table(
    site: Path, table: tuple = RELEVANCE
) -> tuple[list[tuple[str, dict, bool, list[list[str]]]], list[float]]:
    """Each query typed into the search page: its expected pages' ranks, pass or fail, the
    first results (each the pages it links), time."""
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    rows, seconds = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(locale="zh-CN")
            for query, expected in table:
                open_search_page(page, f"{base}search/")
                started = time.perf_counter()
                entries = type_query(page, query)
                seconds.append(time.perf_counter() - started)

                def says(page: str, query: str = query) -> bool:
                    return says_every_word(site, page, query)

                ranks = {want: rank_of(want, entries, says) for want in expected}
                passed = all(rank is not None and rank <= TOP for rank in ranks.values())
                rows.append((query, ranks, passed, entries[:TOP]))
            browser.close()
    finally:
        httpd.shutdown()
    return rows, seconds


def rank_of(expected: str, entries: list[list[str]], says) -> int | None:
    """The first place of the page ``expected`` names (or one of its "a|b" alternatives): the
    result that links it, as its own page or one of the same title under it (``says``: whether
    a page has every word typed, for EVERY_WORD)."""
    return next((n for n, pages in enumerate(entries, 1) if among(expected, pages, says)), None)


def type_query(page, query: str) -> list[list[str]]:
    """Type ``query`` into the search box as a reader does; the results shown."""
    box = page.get_by_role("searchbox", name="关键词")
    box.fill(query)
    box.press("Enter")
    page.wait_for_function(
        "q => document.querySelector('.pc-results__status').textContent.includes('“' + q + '”')",
        arg=query,
        timeout=120_000,
    )
    return entry_ids(page)


def served(
    ranks: dict[str, int | None],
    entries: list[list[str]],
    titles: dict[str, str],
    origins: dict[str, str] | None = None,
) -> bool:
    """Each page named (``ranks``: its place) is in the ``entries``, or an item of the very same
    title is, or (given the synthetic items' ``origins``) an item that rewords it."""
    top = pages_of(entries)
    shown = {titles.get(page) for page in top} - {None}
    reworded = {origins[page] for page in top if page in (origins or {})}
    return all(
        (rank is not None and rank <= TOP)
        or any(titles.get(page) in shown or page in reworded for page in want.split("|"))
        for want, rank in ranks.items()
    )


def print_report(
    rows: list,
    seconds: list[float],
    titles: dict[str, str],
    origins: dict[str, str],
    sizes: dict[str, dict[str, float]],
) -> None:
    passed = sum(1 for row in rows if row[2])
    equal = sum(1 for row in rows if served(row[1], row[3], titles))
    alike = sum(1 for row in rows if served(row[1], row[3], titles, origins))
    print(f"\n{passed} of {len(rows)} queries have their pages in the first {TOP}")
    print(f"{equal} of {len(rows)} have them or items of the same title there")
    if origins:
        print(f"{alike} of {len(rows)} have them, the same title or the same clause reworded there")
    print(
        f"time per query in Chromium: median {statistics.median(seconds) * 1000:.0f} ms, ", end=""
    )
    print(f"max {max(seconds) * 1000:.0f} ms")
    totals = {query: sum(kinds.values()) for query, kinds in sizes.items()}
    if totals:
        print(
            f"first query, cache cold: median {statistics.median(totals.values()):.0f} KiB, "
            f"max {max(totals.values()):.0f} KiB ({max(totals, key=totals.get)}); "
            f"{sum(1 for size in totals.values() if size > LIMIT_KIB)} over {LIMIT_KIB} KiB"
        )
        kinds = sorted({kind for by_kind in sizes.values() for kind in by_kind})
        print(
            "  median by kind: "
            + ", ".join(
                f"{kind} {statistics.median(s.get(kind, 0) for s in sizes.values()):.0f}"
                for kind in kinds
            )
        )
    for query, ranks, ok, top in rows:
        shown = ", ".join(f"{page} #{rank or '—'}" for page, rank in ranks.items())
        mark = (
            "ok  "
            if ok
            else "same"
            if served(ranks, top, titles)
            else "like"
            if served(ranks, top, titles, origins)
            else "FAIL"
        )
        size = f"{totals[query]:6.0f} KiB " if query in totals else ""
        print(f"  {mark} {size}{query:<16} {shown}")
        if not ok:
            print("         first: " + " | ".join(shown_entry(pages, titles) for pages in top))


def shown_entry(pages: list[str], titles: dict[str, str]) -> str:
    """One result as the report prints it: its page, title and how many go under it."""
    head, *same = pages
    return f"{head} {titles.get(head, '')}" + (f" (+{len(same)} 同名)" if same else "")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
