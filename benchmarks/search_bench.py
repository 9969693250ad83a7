"""Search benchmark: what a reader downloads for a first search, Pagefind against Material's lunr.

For the sample column and for a synthetic column of N items (default 10 000,
``synthetic.py``, fixed seed) it builds the column once with MkDocs, with Material's
own ``search`` plugin (``lang: zh``, jieba when installed) switched on next to ours, so
both indexes cover exactly the same pages. Then, in the same run:

* **index time** — Pagefind (extended) over the built folder, as ``policy-column build``
  runs it (``search_index.index_site``);
* **first query** — the search page opened in a real Chromium with a cold cache for each
  query, served by a local server that gzips text like a web server does (Pagefind's own
  chunks are gzip files already and go as they are); the bytes of every ``pagefind/`` file
  transferred until the results are shown: the JS and WebAssembly, the index metadata, the
  index chunks for the query and the ten result fragments; then, separately, what opening
  筛选条件 adds (the filter index behind the facet counts);
* **lunr** — the size of Material's ``search/search_index.json``, raw and gzipped, which
  Material's search downloads whole before its first result (the bench builds without theme
  shells, so that Material's search plugin sees every page).

    python -m benchmarks.search_bench                # sample + 10 000 items
    python -m benchmarks.search_bench --items 2000   # a quicker look
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.build_bench import copy_site_files
from benchmarks.cold_search import cold_searches
from generator.search.index import index_site

PROJECT = Path(__file__).resolve().parent.parent
AS_OF = "2025-03-01"
# What citizens, enterprises and the policy team type; the median over these is reported.
QUERIES = (
    "以旧换新",
    "家电补贴",
    "以旧换新补贴怎么申请",
    "以旧换新 汽车",
    "设备更新",
    "家电 补贴",
    "电动自行车",
    "客服电话",
    "闭环管理",
    "鲁商字",
    "泉城购",
    "购车补贴",
    "申报材料",
    "回收",
    "贷款贴息",
)
MATERIAL_SEARCH = "plugins:\n  - search:\n      lang: zh\n"


@dataclass
class Corpus:
    """One column, built and measured."""

    name: str
    items: int
    pages_indexed: int = 0
    build_seconds: float = 0.0
    index_seconds: float = 0.0
    index_files: int = 0
    index_bytes: int = 0
    lunr_bytes: int = 0  # Material's index of the same pages: items and documents
    lunr_gzip_bytes: int = 0
    lunr_site_bytes: int = 0  # Material's whole index as it ships: every page of the site
    lunr_site_gzip_bytes: int = 0
    first_query_kib: dict[str, float] = field(default_factory=dict)
    first_query_parts: dict[str, float] = field(default_factory=dict)  # median KiB by file kind
    facet_counts_kib: dict[str, float] = field(default_factory=dict)  # opening 筛选条件 adds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="size of the synthetic column")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--work", type=Path, help="keep the projects and sites here")
    parser.add_argument("--no-sample", action="store_true", help="skip the sample column")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="policy-column-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpora = []
    try:
        if not args.no_sample:
            corpora.append(measure(work / "sample", "sample", None, args.seed))
        if args.items:
            corpora.append(measure(work / str(args.items), "synthetic", args.items, args.seed))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print_report(corpora)
    return 0


def measure(folder: Path, name: str, items: int | None, seed: int) -> Corpus:
    shutil.rmtree(folder, ignore_errors=True)
    prepare_project(folder, items, seed)
    from generator.pipeline.stages import check_policies

    column, _ = check_policies(folder / "policies")
    corpus = Corpus(name, len(column.items))
    site = folder / "site"
    log(f"{name}: {corpus.items} items — building with MkDocs (our plugin + Material's search) …")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.bench.yml", "-d", str(site)],
        cwd=folder,
        env={**os.environ, "POLICY_COLUMN_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    corpus.build_seconds = time.perf_counter() - started
    log(f"  built in {corpus.build_seconds:.1f} s; indexing with Pagefind …")
    report = index_site(site)
    corpus.pages_indexed, corpus.index_seconds = report.pages, report.seconds
    index_files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    corpus.index_files = len(index_files)
    corpus.index_bytes = sum(p.stat().st_size for p in index_files)
    whole = (site / "search" / "search_index.json").read_bytes()
    same = same_pages(whole)
    corpus.lunr_site_bytes, corpus.lunr_site_gzip_bytes = len(whole), len(gzip.compress(whole, 6))
    corpus.lunr_bytes, corpus.lunr_gzip_bytes = len(same), len(gzip.compress(same, 6))
    log(f"  indexed {report.pages} pages in {report.seconds:.1f} s; first queries in Chromium …")
    first = first_queries(site, QUERIES)
    corpus.first_query_kib, corpus.first_query_parts, corpus.facet_counts_kib = first
    return corpus


def same_pages(search_index: bytes) -> bytes:
    """Material's index cut down to the pages Pagefind indexes: item and document pages."""
    data = json.loads(search_index)

    def indexed(location: str) -> bool:
        page = location.split("#", 1)[0]
        return page.startswith("items/") or (page.startswith("sources/") and page != "sources/")

    data["docs"] = [doc for doc in data["docs"] if indexed(doc["location"])]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def prepare_project(folder: Path, items: int | None, seed: int) -> None:
    """The project as a user has it, plus a config with Material's search plugin switched on."""
    copy_site_files(PROJECT, folder)
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    if "\nplugins:\n" not in config:
        raise SystemExit("mkdocs.yml has no top-level plugins list to add Material's search to")
    bench = config.replace("\nplugins:\n", "\n" + MATERIAL_SEARCH, 1)
    # Through MkDocs' page pipeline page by page, so Material's search sees every page (a page
    # filled into its kind's theme shell never reaches it); the pages are the same.
    marker = "      fragments: overrides/fragments\n"
    if marker not in bench:
        raise SystemExit("mkdocs.yml's policy-column plugin has no fragments line to add to")
    bench = bench.replace(marker, marker + "      theme_shells: false\n", 1)
    (folder / "mkdocs.bench.yml").write_text(bench, encoding="utf-8")
    if items is None:
        shutil.copytree(PROJECT / "policies", folder / "policies")
    else:
        from benchmarks.synthetic import write_synthetic_policies

        write_synthetic_policies(folder / "policies", items, seed)


# --- the first query ------------------------------------------------------------------------


def file_kind(url: str) -> str:
    """What a search file is for: code, metadata, filters, index chunk, result fragment, or the
    query cutter's vocabulary (the index's words by first character, and the lexicon)."""
    path = urlsplit(url).path
    if "/search/" in path and path.endswith(".json"):
        return "vocabulary"
    name = path.split("/pagefind/", 1)[1]
    if name.startswith("fragment/"):
        return "fragments"
    if name.startswith("index/"):
        return "index chunks"
    if name.startswith("filter/"):
        return "filters"
    if name.endswith(".pf_meta") or name.endswith(".json"):
        return "metadata"
    return "code (js, wasm)"


def first_queries(site: Path, queries: tuple[str, ...]) -> tuple[dict, dict, dict]:
    """KiB of ``pagefind/`` files transferred for each query's first search, cache cold,
    by kind of file; and what opening 筛选条件 for the facet counts transfers then."""
    totals: dict[str, float] = {}
    parts: dict[str, list[float]] = {}
    counts: dict[str, float] = {}
    # Material's search, built here only to measure its index, must not load it.
    searches = cold_searches(site, queries, blocked=("**/search/search_index.json",))
    for query, page, fetched in searches:
        by_kind = transferred_by_kind(fetched)
        totals[query] = sum(by_kind.values())
        for kind, size in by_kind.items():
            parts.setdefault(kind, []).append(size)
        fetched.clear()
        # The reader opens 筛选条件 (set directly: in this build Material's own search
        # box, also present, takes ?q= and lays its overlay over the page).
        page.locator("details.pc-filters").evaluate("details => { details.open = true; }")
        page.wait_for_selector(".pc-search[data-counts=index]", state="attached")
        page.wait_for_load_state("networkidle")
        counts[query] = sum(transferred_by_kind(fetched).values())
    medians = {kind: statistics.median(sizes) for kind, sizes in sorted(parts.items())}
    return totals, medians, counts


def transferred_by_kind(requests: list) -> dict[str, float]:
    """KiB transferred (as encoded on the wire) for the ``pagefind/`` files among ``requests``."""
    by_kind: dict[str, float] = {}
    for request in requests:
        path = urlsplit(request.url).path
        if "/pagefind/" in path or ("/search/" in path and path.endswith(".json")):
            kind = file_kind(request.url)
            by_kind[kind] = by_kind.get(kind, 0) + request.sizes()["responseBodySize"] / 1024
    return by_kind


# --- the report -----------------------------------------------------------------------------


def print_report(corpora: list[Corpus]) -> None:
    kib = 1024
    print()
    print(
        "| column | items | pages indexed | Pagefind index s | index files (MiB) "
        "| first query KiB: median (min–max) | + facet counts KiB | lunr, same pages: raw / gzip "
        "| lunr, whole site: raw / gzip |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for c in corpora:
        sizes = list(c.first_query_kib.values())
        print(
            f"| {c.name} | {c.items:,} | {c.pages_indexed:,} | {c.index_seconds:.1f} "
            f"| {c.index_files:,} ({c.index_bytes / kib / kib:.1f}) "
            f"| {statistics.median(sizes):.0f} ({min(sizes):.0f}–{max(sizes):.0f}) "
            f"| {statistics.median(c.facet_counts_kib.values()):.0f} "
            f"| {c.lunr_bytes / kib / kib:.2f} MiB / {c.lunr_gzip_bytes / kib:.0f} KiB "
            f"| {c.lunr_site_bytes / kib / kib:.2f} MiB / {c.lunr_site_gzip_bytes / kib:.0f} KiB |"
        )
    for c in corpora:
        print(f"\n{c.name}, {c.items:,} items — first query by query (KiB, gzip as served):")
        for query, size in c.first_query_kib.items():
            print(f"  {query:<12} {size:7.1f}")
        print(
            "  median by kind of file: "
            + ", ".join(f"{kind} {size:.0f}" for kind, size in c.first_query_parts.items())
        )
        share = statistics.median(c.first_query_kib.values()) * kib / c.lunr_gzip_bytes
        print(f"  the median first query is {share:.1%} of lunr's gzipped index of the same pages")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
