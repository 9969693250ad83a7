"""Build benchmark: our full pipeline against plain Material on the same items.

For each size N (default 1 000 and 10 000 items) it writes a synthetic ``policies/``
folder (``synthetic.py``) and builds it twice in the same run:

* **ours** — ``policy-column build`` exactly as a user runs it (check, MkDocs with the
  column's plugin, the search index, the swap into the site folder);
* **baseline** — plain MkDocs + Material (same theme and language, Material's ``search``
  plugin with ``lang: zh`` and jieba, a one-page nav) over the same item pages written
  as Markdown.

The two builds take turns, three times by default (``--repeat``), and each keeps its fastest
run, so that load from elsewhere on a shared machine skews the ratio less; every run is
printed too. Each of our runs starts without the split cache, as a first build does.

It prints wall time, peak memory (the largest process, from ``getrusage`` of the
children, and the whole process tree, its PSS sampled from ``/proc``), ours/baseline, the time
per item, and what a reader's first search downloads at the largest N: Pagefind's
files fetched by the search page in a real Chromium with a cold cache, from a server
that gzips like a web server, against Material's whole ``search_index.json`` gzipped.

    python -m benchmarks.build_bench                 # make bench
    python -m benchmarks.build_bench --sizes 200     # a quick look
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.cold_search import cold_searches, pagefind_kib
from benchmarks.synthetic import PROJECT, write_synthetic_policies
from generator.pipeline.cache import CACHE_FOLDER

AS_OF = "2025-03-01"
# Plain queries a citizen or an enterprise would type; each is one first search.
QUERIES = (
    "以旧换新",
    "家电补贴",
    "汽车",
    "设备更新",
    "申报材料",
    "补贴标准",
    "回收",
    "电动自行车",
    "咨询电话",
    "贷款贴息",
)
BASELINE_CONFIG = """\
site_name: 政策专栏（基准）
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
  features:
    - navigation.tabs
    - navigation.top
    - navigation.footer
plugins:
  - search:
      lang: zh
validation:
  nav:
    omitted_files: ignore
nav:
  - 首页: index.md
"""
# Runs a command and reports the largest RSS among everything it started (waited for).
MEASURE = """\
import json, resource, subprocess, sys
code = subprocess.run(sys.argv[1:], check=False).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "maxrss_kib": peak}), file=sys.stderr)
"""


@dataclass
class Run:
    """One measured build."""

    seconds: float
    largest_process_mib: float  # max RSS of any single process
    tree_mib: float  # max summed memory (PSS) of all the build's processes at one time
    output: str


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--work", type=Path, help="keep the projects and sites here")
    parser.add_argument("--no-baseline", action="store_true", help="build ours only")
    parser.add_argument("--no-search", action="store_true", help="skip the first-query check")
    parser.add_argument(
        "--repeat", type=int, default=3, help="builds of each kind per size; the fastest counts"
    )
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="policy-column-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for size in args.sizes:
            rows.append(
                bench_size(work / str(size), size, args.seed, not args.no_baseline, args.repeat)
            )
        largest = work / str(max(args.sizes))
        search = None if args.no_search else first_query_report(largest)
        log("timing the preview of one document …")
        preview = preview_seconds(largest / "ours")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows, search)
    print(
        f"preview of one document of the {max(args.sizes):,}-item column "
        f"(policy-column preview FILE until its page is served): {preview:.1f} s"
    )
    return 0


def bench_size(folder: Path, size: int, seed: int, baseline: bool, repeat: int) -> dict:
    """Write the input for ``size`` items, build ours and the baseline, measure both.

    With ``repeat`` > 1 the two builds take turns that many times and each keeps its
    fastest run: on a shared machine, load from elsewhere only ever adds time.
    """
    shutil.rmtree(folder, ignore_errors=True)
    ours_project = folder / "ours"
    prepare_ours(ours_project, size, seed)
    base_project = folder / "baseline"
    if baseline:
        prepare_baseline(ours_project / "policies", base_project)
    ours_runs, base_runs = [], []
    for turn in range(1, repeat + 1):
        # A first build as a user's first: no cache from an earlier turn.
        shutil.rmtree(ours_project / CACHE_FOLDER, ignore_errors=True)
        log(f"{size} items, turn {turn}/{repeat}: building ours …")
        ours = measure(
            [
                sys.executable,
                "-m",
                "generator.cli",
                "build",
                "--site-dir",
                str(folder / "site-ours"),
                "--as-of",
                AS_OF,
            ],
            cwd=ours_project,
        )
        ours_runs.append(ours)
        index = next((x for x in ours.output.splitlines() if x.startswith("search index:")), "")
        log(f"  ours {ours.seconds:.1f} s, {ours.tree_mib:.0f} MiB ({index})")
        if baseline:
            log(f"{size} items, turn {turn}/{repeat}: building the baseline …")
            site = folder / "site-baseline"
            base = measure(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                cwd=base_project,
            )
            base_runs.append(base)
            log(f"  baseline {base.seconds:.1f} s")
    return {
        "items": size,
        "ours": fastest(ours_runs),
        "baseline": fastest(base_runs) if base_runs else None,
        "ours_runs": [run.seconds for run in ours_runs],
        "baseline_runs": [run.seconds for run in base_runs],
    }


def fastest(runs: list[Run]) -> Run:
    """The fastest run, with the highest memory peaks seen in any of them."""
    best = min(runs, key=lambda run: run.seconds)
    return Run(
        best.seconds,
        max(run.largest_process_mib for run in runs),
        max(run.tree_mib for run in runs),
        best.output,
    )


def prepare_ours(project: Path, size: int, seed: int) -> None:
    """The project as a user has it: mkdocs.yml, theme overrides, docs, and policies/."""
    copy_site_files(PROJECT, project)
    write_synthetic_policies(project / "policies", size, seed)


def copy_site_files(code: Path, project: Path) -> None:
    """``code``'s (a checkout's) mkdocs.yml, theme overrides and docs into a new ``project``."""
    project.mkdir(parents=True)
    shutil.copy(code / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("overrides", "docs"):
        shutil.copytree(code / folder, project / folder)


def prepare_baseline(policies: Path, project: Path) -> None:
    """The same items as Markdown pages, for plain Material with its Chinese search."""
    from generator.pipeline.stages import check_policies

    column, _ = check_policies(policies)
    docs = project / "docs"
    (docs / "items").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text(
        f"# 政策专栏\n\n共 {len(column.items)} 条政策。\n", encoding="utf-8"
    )
    taxonomy = column.taxonomy
    for item in column.items:
        path = docs / "items" / f"{item.id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        source = item.source

        def names(kind: str, ids: tuple[str, ...]) -> str:
            return "、".join(taxonomy.vocabulary(kind).get(i).name for i in ids)

        rows = [
            ("发文机关", names("issuers", source.issuers)),
            ("文号", source.doc_number),
            ("成文日期", str(source.signed or "")),
            ("发布日期", str(source.published or "")),
            ("有效期", str(item.expires or "长期有效")),
            ("主题", names("themes", item.themes)),
            ("行业", names("sectors", item.sectors)),
            ("对象", names("audiences", item.audiences)),
        ]
        table = "\n".join(f"| {label} | {value} |" for label, value in rows)
        text = "\n\n".join(line.strip() for line in item.text.splitlines() if line.strip())
        crumbs = " › ".join((source.title, *item.breadcrumb))
        summary = f"**要点**：{item.details.summary}\n\n" if item.details.summary else ""
        path.write_text(
            f"---\nhide: [navigation, toc]\n---\n\n# {item.title}\n\n{crumbs}\n\n{summary}"
            f"| 项目 | 内容 |\n|---|---|\n{table}\n\n## 政策原文\n\n{text}\n",
            encoding="utf-8",
        )


def measure(command: list[str], cwd: Path, code: Path = PROJECT) -> Run:
    """Wall time and peak memory of ``command`` and everything it starts, with the
    generator of ``code`` (a checkout) on the path."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code)}
    # The previous build's files reach the disk first, not while this one is timed.
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", MEASURE, *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    report = json.loads(stderr.strip().splitlines()[-1])
    if report["code"] != 0:
        raise SystemExit(f"build failed in {cwd}:\n{stdout}\n{stderr}")
    return Run(seconds, report["maxrss_kib"] / 1024, sampler.peak_kib / 1024, stdout + stderr)


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process and its descendants four times a second.

    Not more often: reading a large process's PSS walks its page tables, which slows it.
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.pid))

    def stop(self) -> None:
        self.done.set()
        self.join()


def tree_rss_kib(root: int) -> int:
    """The memory of ``root`` and its descendants, in KiB.

    Proportional set size (PSS), where the kernel reports it: pages shared between a
    process and its forked workers count once, not once per process as RSS would.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += process_memory_kib(pid)
        stack += children.get(pid, [])
    return total


def process_memory_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0


# --- the preview --------------------------------------------------------------------


def preview_seconds(project: Path) -> float:
    """Seconds from ``policy-column preview FILE`` until its document page is served."""
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = sorted((project / "policies" / "sources").glob("*.yml"))[0]
    url = f"http://127.0.0.1:{port}/sources/{source.stem}/"
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    command = [sys.executable, "-m", "generator.cli", "preview", str(source.relative_to(project))]
    started = time.perf_counter()
    server = subprocess.Popen(
        [*command, "--port", str(port), "--as-of", AS_OF],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.perf_counter() - started < 120:
            try:
                with urllib.request.urlopen(url, timeout=1) as response:
                    if response.status == 200 and b"</html>" in response.read():
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"the preview of {source} did not come up")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


# --- the first search ---------------------------------------------------------------


@dataclass
class SearchReport:
    pagefind_kib: list[float]  # per query: Pagefind files fetched, as transferred (gzip)
    baseline_kib: float | None  # Material: search_index.json gzipped, fetched whole


def first_query_report(folder: Path) -> SearchReport | None:
    site = folder / "site-ours"
    baseline_index = folder / "site-baseline" / "search" / "search_index.json"
    baseline_kib = None
    if baseline_index.exists():
        baseline_kib = len(gzip.compress(baseline_index.read_bytes(), 6)) / 1024
    if not (site / "pagefind").is_dir() or not (site / "search" / "index.html").exists():
        log("no Pagefind index in our site: first-query download not measured")
        return SearchReport([], baseline_kib)
    log("measuring the first search in Chromium …")
    return SearchReport(measure_first_queries(site, QUERIES), baseline_kib)


def measure_first_queries(site: Path, queries: tuple[str, ...]) -> list[float]:
    """KiB of Pagefind files each query's first search transfers, cache cold each time."""
    return [pagefind_kib(fetched) for _, _, fetched in cold_searches(site, queries)]


# --- the table ----------------------------------------------------------------------


def print_table(rows: list[dict], search: SearchReport | None) -> None:
    print()
    print(
        "| items | ours s | baseline s | ours/baseline | ours ms/item | baseline ms/item "
        "| ours peak MiB (largest / all) | baseline peak MiB (largest / all) |"
    )
    print("|" + "---|" * 8)
    for row in rows:
        ours, base, n = row["ours"], row["baseline"], row["items"]
        ratio = f"{ours.seconds / base.seconds:.2f}" if base else "—"
        base_time = f"{base.seconds:.1f} | {ratio} | " if base else "— | — | "
        base_item = f"{1000 * base.seconds / n:.2f}" if base else "—"
        base_memory = f"{base.largest_process_mib:.0f} / {base.tree_mib:.0f}" if base else "—"
        print(
            f"| {n:,} | {ours.seconds:.1f} | {base_time}{1000 * ours.seconds / n:.2f} "
            f"| {base_item} | {ours.largest_process_mib:.0f} / {ours.tree_mib:.0f} "
            f"| {base_memory} |"
        )
    for row in rows:
        runs = ", ".join(f"{seconds:.1f}" for seconds in row["ours_runs"])
        base_runs = ", ".join(f"{seconds:.1f}" for seconds in row["baseline_runs"]) or "—"
        print(f"\n{row['items']:,} items, every run (s): ours {runs}; baseline {base_runs}", end="")
    print()
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        growth = (large["ours"].seconds / large["items"]) / (small["ours"].seconds / small["items"])
        print(
            f"\nper-item time, ours: {large['items']:,} vs {small['items']:,} items = {growth:.2f}×"
        )
    if search is not None:
        if search.pagefind_kib:
            median = statistics.median(search.pagefind_kib)
            print(
                f"first query at {rows[-1]['items']:,} items (Pagefind, gzip, cold cache): "
                f"median {median:.0f} KiB, max {max(search.pagefind_kib):.0f} KiB "
                f"over {len(search.pagefind_kib)} queries"
            )
        if search.baseline_kib is not None:
            print(f"baseline first query (search_index.json, gzip): {search.baseline_kib:.0f} KiB")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
