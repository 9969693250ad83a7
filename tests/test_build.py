"""Builds of the sample column: pages, data files, and what a failed build leaves behind."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import AS_OF, ROOT, build_site, copy_project

# Anything that would make a page fetch from another host: absolute URLs in src/href/url().
FOREIGN_REFERENCE = re.compile(r"""(?:src|href)=["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//""")


def test_sample_column_has_every_document_and_enough_items(sample_site: Path):
    data = json.loads((sample_site / "api/items.json").read_text(encoding="utf-8"))
    sources = {record["source"] for record in data["items"]}
    corpus = {path.stem for path in (ROOT / "policies/sources").glob("*.yml")}
    assert sources == corpus
    assert data["count"] == len(data["items"]) >= 60
    for record in data["items"]:
        assert record["sectors"], record["id"]
        assert record["audiences"], record["id"]
        assert (sample_site / record["url"] / "index.html").is_file(), record["url"]


def test_item_page_shows_metadata_clause_and_navigation(sample_site: Path):
    data = json.loads((sample_site / "api/items.json").read_text(encoding="utf-8"))
    record = next(r for r in data["items"] if r["id"].startswith("mzbh-2024-33/"))
    html = (sample_site / record["url"] / "index.html").read_text(encoding="utf-8")
    for label in (
        "索引号",
        "主题分类",
        "发文机关",
        "文号",
        "成文日期",
        "发布日期",
        "公文种类",
        "效力状态",
        "有效期",
        "本条状态",
        "主题",
        "行业",
        "对象",
    ):
        assert f">{label}<" in html, label
    assert "汨政办函〔2024〕33号" in html
    assert f"sources/mzbh-2024-33/#c-{record['id'].split('/', 1)[1]}" in html
    assert 'lang="zh' in html


def test_browse_pages_exist_for_every_kind(sample_site: Path):
    for kind in ("themes", "sectors", "audiences", "levels", "issuers"):
        index = (sample_site / kind / "index.html").read_text(encoding="utf-8")
        assert "条" in index
    assert (sample_site / "list/index.html").is_file()
    assert (sample_site / "downloads/policy-list.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (sample_site / "downloads/policy-list.xlsx").read_bytes().startswith(b"PK")


def test_source_page_has_an_anchor_per_item(sample_site: Path):
    data = json.loads((sample_site / "api/items.json").read_text(encoding="utf-8"))
    page = (sample_site / "sources/mzbh-2024-33/index.html").read_text(encoding="utf-8")
    for record in data["items"]:
        if record["source"] == "mzbh-2024-33":
            assert f'id="c-{record["id"].split("/", 1)[1]}"' in page


def test_no_built_page_references_another_host(sample_site: Path):
    offenders = []
    for path in sample_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            # Links that people follow (rel=external, e.g. the original source) are not loads.
            loads = [
                m.group(0) for m in FOREIGN_REFERENCE.finditer(text) if "href" not in m.group(0)
            ]
            if loads:
                offenders.append((path.relative_to(sample_site), loads[:3]))
    assert offenders == []


def test_mkdocs_strict_build_is_clean(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        # Material 9.8 prints a banner about MkDocs 2.0 unless told that it is known.
        env={**__import__("os").environ, "POLICY_COLUMN_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path, sample_site: Path):
    project = copy_project(tmp_path)
    site = project / "site"
    shutil.copytree(sample_site, site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    broken = project / "policies/sources/mzbh-2024-33.yml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("level: 汨罗市", "level: 汩罗市"),
        encoding="utf-8",
    )
    result = build_site(site, cwd=project)

    assert result.returncode == 1
    assert "policies/sources/mzbh-2024-33.yml:4:" in result.stderr
    assert "汩罗市" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site-*"))
