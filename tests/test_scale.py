"""Scale: synthetic columns, the caches, linear-time related items, theme shells, the preview.

The benchmark itself (``make bench``) is not a test; these check that what makes it fast
changes nothing in the output.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

sys.path.insert(0, str(ROOT))  # benchmarks/ is not installed with the package
from benchmarks.synthetic import write_synthetic_policies
from generator.core.related import RelatedIndex
from generator.core.split import split_body
from generator.output.html.pages import ColumnPages
from generator.output.html.renderer import FragmentRenderer
from generator.output.qr import segno_svg, written_svg
from generator.pipeline.cache import SplitCache
from generator.pipeline.stages import check_policies, read_column
from generator.search.copies import without_ignored
from generator.search.index import INDEXED_FOLDERS, index_site


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A project with a 200-item synthetic column: theme, docs and policies/."""
    project = tmp_path_factory.mktemp("synthetic")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("overrides", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    write_synthetic_policies(project / "policies", 200, seed=7)
    return project


def test_synthetic_column_passes_the_strict_check(synthetic: Path):
    result = run_cli("check", "--strict", "policies", cwd=synthetic)

    assert result.returncode == 0, result.stderr
    assert "200 items, 0 warning(s)" in result.stdout


def test_synthetic_column_is_the_same_for_the_same_seed(synthetic: Path, tmp_path: Path):
    write_synthetic_policies(tmp_path / "again", 200, seed=7)

    written = sorted(
        p.relative_to(synthetic / "policies") for p in (synthetic / "policies").rglob("*.yml")
    )
    for relative in written:
        assert (tmp_path / "again" / relative).read_bytes() == (
            synthetic / "policies" / relative
        ).read_bytes(), relative


def test_synthetic_items_name_the_sample_item_they_reword(tmp_path: Path):
    origins = write_synthetic_policies(tmp_path / "policies", 200, seed=7)
    column, _ = check_policies(tmp_path / "policies")
    sample, _ = check_policies(ROOT / "policies")
    synthetic_ids = {item.id for item in column.items}
    sample_items = {item.id: item for item in sample.items}
    assert origins and set(origins) <= synthetic_ids
    assert set(origins.values()) <= set(sample_items)
    # Its heading, its text and any 要点 say what that clause says, in another office's words:
    # of all sample items, the one it names shares the most character pairs with it (a short
    # clause padded out with other sentences may miss).
    items = {item.id: item for item in column.items}
    closest = sum(
        max(sample_items, key=lambda id_: _shared(items[item], sample_items[id_])) == origin
        for item, origin in origins.items()
    )
    assert closest >= 0.8 * len(origins)


def _shared(one, other) -> float:
    def pairs(item) -> set[str]:
        text = item.title + item.text
        return {text[i : i + 2] for i in range(len(text) - 1)}

    return len(pairs(one) & pairs(other)) / len(pairs(one) | pairs(other))


def test_cached_splits_give_identical_items(tmp_path: Path):
    cache = SplitCache(tmp_path / "cache")
    plain, _ = read_column(ROOT / "policies", split_body)
    cold, _ = read_column(ROOT / "policies", cache.split)
    warm, _ = read_column(ROOT / "policies", cache.split)

    assert cache.misses == len(plain.sources) and cache.hits == len(plain.sources)
    assert cold.items == plain.items and warm.items == plain.items
    assert warm.splits == plain.splits


def test_the_checked_column_is_read_back_unchanged(synthetic: Path, tmp_path: Path):
    cache = str(tmp_path / "cache")
    fresh, fresh_warnings = check_policies(synthetic / "policies", cache=cache)
    assert list((tmp_path / "cache" / "column").glob("*.pickle"))
    again, again_warnings = check_policies(synthetic / "policies", cache=cache)

    assert again.items == fresh.items and again.schedule == fresh.schedule
    assert again_warnings == fresh_warnings
    uncached, _ = check_policies(synthetic / "policies", cache="off")
    assert uncached.items == fresh.items


@pytest.mark.parametrize("where", ["sample", "synthetic"])
def test_related_items_are_those_of_the_quadratic_definition(where: str, synthetic: Path):
    policies = ROOT / "policies" if where == "sample" else synthetic / "policies"
    column, _ = check_policies(policies)
    index = RelatedIndex(column.items)

    def by_definition(item, limit=5):
        mine = set(item.sectors) | set(item.themes)
        scored = []
        for other in column.items:
            shared = len(mine & (set(other.sectors) | set(other.themes)))
            if other.id != item.id and shared:
                scored.append((-shared, other.source.slug == item.source.slug, other.id, other))
        return [other for *_, other in sorted(scored, key=lambda s: s[:3])[:limit]]

    for item in column.items:
        assert index.related(item, 5) == by_definition(item), item.id
    renderer = FragmentRenderer(column, date.fromisoformat(AS_OF), ROOT / "overrides/fragments")
    assert ColumnPages(renderer).related_items(column.items[0]) == by_definition(column.items[0])


def mkdocs_build(
    policies: Path, site: Path, tmp_path: Path, *, theme_shells: bool, main_html: str = ""
) -> None:
    """``mkdocs build`` of ``policies`` with the project's theme, shells on or off.

    ``main_html``: blocks added to the theme's ``overrides/main.html``.
    """
    project = tmp_path / f"project-{theme_shells}"
    shutil.copytree(policies, project / "policies")
    for folder in ("overrides", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    main = project / "overrides" / "main.html"
    theme = main.read_text(encoding="utf-8")
    for name in re.findall(r"{% block (\w+) %}", main_html):  # the test's block replaces ours
        theme = re.sub(rf"{{% block {name} %}}.*?{{% endblock %}}\n?", "", theme, flags=re.S)
    main.write_text(theme + main_html, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "      fragments: overrides/fragments\n"
    assert marker in config
    config = config.replace(marker, marker + f"      theme_shells: {str(theme_shells).lower()}\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "POLICY_COLUMN_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr


def html_pages(site: Path) -> set[Path]:
    return {p.relative_to(site) for p in site.rglob("*.html") if "pagefind" not in p.parts}


def differing_pages(site: Path, other: Path) -> list[Path]:
    """The pages of ``site`` whose bytes differ in ``other``."""
    return [
        path
        for path in sorted(html_pages(site))
        if (site / path).read_bytes() != (other / path).read_bytes()
    ]


@pytest.mark.slow
def test_theme_shells_give_the_same_pages_as_the_theme(sample_site: Path, tmp_path: Path):
    themed = tmp_path / "themed"
    mkdocs_build(ROOT / "policies", themed, tmp_path, theme_shells=False)

    assert html_pages(sample_site) == html_pages(themed)
    assert differing_pages(themed, sample_site) == []


@pytest.mark.slow
def test_theme_shells_keep_hostile_titles_and_descriptions_as_the_theme_prints_them(
    tmp_path: Path,
):
    """Titles and descriptions with markup, quotes, ampersands and line breaks."""
    hostile = ROOT / "tests" / "data" / "hostile" / "policies"
    themed, shelled = tmp_path / "themed", tmp_path / "shelled"
    mkdocs_build(hostile, themed, tmp_path, theme_shells=False)
    mkdocs_build(hostile, shelled, tmp_path, theme_shells=True)

    assert html_pages(shelled) == html_pages(themed)
    heads = [(themed / p).read_text("utf-8").split("</head>")[0] for p in html_pages(themed)]
    escaped = [head for head in heads if re.search(r"<title>[^<]*&(amp|lt|#34|#39);", head)]
    broken = [head for head in heads if re.search(r'name="description" content="[^"]*\n', head)]
    assert len(escaped) >= 5 and len(broken) >= 1
    assert differing_pages(themed, shelled) == []


@pytest.mark.slow
def test_a_theme_that_filters_titles_gets_its_pages_rendered_one_by_one(tmp_path: Path):
    """No shell can hold a title the theme changes: every page is rendered by the theme."""
    override = (
        "{% block htmltitle %}<title>{{ page.title | striptags | upper }}</title>{% endblock %}\n"
    )
    themed, shelled = tmp_path / "themed", tmp_path / "shelled"
    mkdocs_build(ROOT / "policies", themed, tmp_path, theme_shells=False, main_html=override)
    mkdocs_build(ROOT / "policies", shelled, tmp_path, theme_shells=True, main_html=override)

    assert html_pages(shelled) == html_pages(themed)
    item = (shelled / "items/mzbh-2024-33/2-1/index.html").read_text("utf-8")
    assert "<title>" in item and "PCSHELLQ7Z" not in item
    assert differing_pages(themed, shelled) == []


def test_preview_builds_one_document_with_the_theme(synthetic: Path, tmp_path: Path):
    sources = sorted((synthetic / "policies" / "sources").glob("*.yml"))
    chosen = sources[1]
    out = tmp_path / "preview"

    result = run_cli(
        "preview",
        f"policies/sources/{chosen.name}",
        "--site-dir",
        str(out),
        "--as-of",
        AS_OF,
        cwd=synthetic,
    )

    assert result.returncode == 0, result.stderr
    page = (out / "sources" / chosen.stem / "index.html").read_text(encoding="utf-8")
    assert "md-header" in page and 'lang="zh' in page
    built = {path.name for path in (out / "items").iterdir()}
    assert built == {chosen.stem}
    assert list((out / "items" / chosen.stem).glob("*/index.html"))


def test_preview_reports_errors_with_file_and_line(synthetic: Path, tmp_path: Path):
    broken = synthetic / "policies" / "sources" / "broken-preview.yml"
    text = sorted((synthetic / "policies" / "sources").glob("*.yml"))[0].read_text("utf-8")
    broken.write_text(text.replace("level: ", "level: 火星", 1), encoding="utf-8")
    try:
        result = run_cli(
            "preview",
            "policies/sources/broken-preview.yml",
            "--site-dir",
            str(tmp_path / "o"),
            cwd=synthetic,
        )
    finally:
        broken.unlink()

    assert result.returncode == 1
    assert "policies/sources/broken-preview.yml:4:" in result.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://www.miluo.gov.cn/zt/lzlx/items/mzbh-2024-33/3-5/",
        "http://127.0.0.1:8000/items/jn-2025-appliance-rules/2-7-1/",
        "https://www.example.gov.cn/" + "long-path/" * 20,
        "https://e.cn/a&b<c>/",
    ],
)
def test_qr_svgs_are_those_segno_writes(url: str):
    assert written_svg(url) == segno_svg(url)


def test_pagefind_reads_every_folder_with_indexed_pages(sample_site: Path):
    marked = {
        path.relative_to(sample_site).parts[0]
        for path in sample_site.rglob("*.html")
        if "data-pagefind-body" in path.read_text(encoding="utf-8")
    }
    assert marked <= set(INDEXED_FOLDERS)


def test_search_copies_give_the_index_of_the_real_pages(sample_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("pagefind"))

    report = index_site(site)  # no copies: Pagefind reads the built pages themselves

    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert report.pages == len(marked) > 60

    assert files_of(site / "pagefind") == files_of(sample_site / "pagefind")


def test_a_page_unlike_its_search_copy_gets_the_built_pages_indexed(tmp_path: Path):
    """A theme that titles pages its own way: the copies differ, the real pages are read."""
    project = tmp_path / "project"
    for folder in ("policies", "overrides", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    main = project / "overrides" / "main.html"
    theme = re.sub(
        r"{% block htmltitle %}.*?{% endblock %}\n?", "", main.read_text("utf-8"), flags=re.S
    )
    title = "{% block htmltitle %}<title>{{ page.title }} | 自定义标题</title>{% endblock %}\n"
    main.write_text(theme + title, encoding="utf-8")

    result = run_cli("build", "--site-dir", "site", "--as-of", AS_OF, cwd=project)

    assert result.returncode == 0, result.stderr
    assert "read from the built pages" in result.stdout
    site = project / "site"
    assert "| 自定义标题</title>" in (site / "items/mzbh-2024-33/1/index.html").read_text("utf-8")
    again = tmp_path / "again"
    shutil.copytree(site, again, ignore=shutil.ignore_patterns("pagefind"))
    index_site(again)
    assert files_of(again / "pagefind") == files_of(site / "pagefind")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize(
    ("html", "copy"),
    [
        (
            "<div>\n<nav data-pagefind-ignore><a>上一条</a></nav>\n<p>正文</p>"
            "<section data-pagefind-ignore><section>相关</section></section></div>",
            "<div>\n\n<p>正文</p></div>",
        ),
        # Inside a run of text: cutting would join 补贴 and 标准 into one word.
        ("<p>补贴<span data-pagefind-ignore>（注）</span>标准</p>", None),
        # A filter inside still counts for Pagefind.
        ('<div><p data-pagefind-ignore><span data-pagefind-filter="a:b"></span></p></div>', None),
        ("<div><br data-pagefind-ignore><p>正文</p></div>", None),
    ],
)
def test_search_copies_leave_out_only_what_pagefind_skips(html: str, copy: str | None):
    assert without_ignored(html) == (html if copy is None else copy)
