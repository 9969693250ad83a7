"""Rebuilds are byte-identical, and the site folder is replaced whole or not at all."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import AS_OF, build_site, copy_project

from generator.host.sitedir import make_staging, recover, replace_folder

pytestmark = pytest.mark.slow


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def differences(first: Path, second: Path) -> list[str]:
    """What ``diff -r`` would list: files only in one folder, or different in both."""
    left, right = digest(first), digest(second)
    return sorted(path for path in left.keys() | right.keys() if left.get(path) != right.get(path))


# --- determinism ----------------------------------------------------------------------------


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path, sample_site: Path):
    again = tmp_path / "site"
    result = build_site(again, "--as-of", AS_OF, "--strict")
    assert result.returncode == 0, result.stderr
    assert differences(sample_site, again) == []
    diff = shutil.which("diff")
    if diff:
        assert subprocess.run([diff, "-r", str(sample_site), str(again)]).returncode == 0


def test_the_build_date_comes_from_as_of_never_from_the_clock(sample_site: Path):
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {AS_OF}
    with gzip.open(sample_site / "sitemap.xml.gz") as compressed:
        compressed.read()
        stamped = datetime.fromtimestamp(compressed.mtime, UTC).date()
    assert stamped.isoformat() == AS_OF
    today = date.today()
    if today.isoformat() != AS_OF:
        stamps = (today.isoformat(), f"{today.year}年{today.month}月{today.day}日")
        for path in sample_site.rglob("*"):
            if path.suffix in {".html", ".xml", ".json", ".csv", ".ics", ".txt"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                assert not any(stamp in text for stamp in stamps), path


# --- atomicity ------------------------------------------------------------------------------


def start_build(project: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "generator.cli", "build", "--as-of", AS_OF]
    return subprocess.Popen(
        command,
        cwd=project,
        start_new_session=True,  # its own process group: mkdocs is stopped with it
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_pages_in_staging(project: Path, process: subprocess.Popen) -> Path:
    """The staging folder, once the build has written pages into it."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the build ended before it could be interrupted"
        for staging in project.glob(".site-building-*"):
            if any(staging.rglob("index.html")):
                return staging
        time.sleep(0.02)
    raise AssertionError("the build wrote no page within two minutes")


def test_a_killed_build_leaves_the_old_site_and_the_next_one_tidies_up(
    tmp_path: Path, sample_site: Path
):
    project = copy_project(tmp_path)
    site = project / "site"
    shutil.copytree(sample_site, site)
    (site / "marker.txt").write_text("the previous site", encoding="utf-8")
    before = digest(site)

    process = start_build(project)
    staging = wait_for_pages_in_staging(project, process)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    assert digest(site) == before
    assert staging.is_dir()  # killed outright, it could not tidy up

    # The next build tidies up first, even one that then stops at a bad input.
    taxonomy = project / "policies" / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "themes: []\n", encoding="utf-8")
    result = build_site(site, "--as-of", AS_OF, cwd=project)
    assert result.returncode == 1
    assert not list(project.glob(".site-*"))
    assert digest(site) == before


def test_a_terminated_build_removes_its_staging_folder(tmp_path: Path, sample_site: Path):
    project = copy_project(tmp_path)
    site = project / "site"
    shutil.copytree(sample_site, site)
    before = digest(site)

    process = start_build(project)
    wait_for_pages_in_staging(project, process)
    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(timeout=60) != 0

    assert digest(site) == before
    assert not list(project.glob(".site-*"))


def test_a_site_caught_between_two_renames_is_put_back(tmp_path: Path):
    site = tmp_path / "site"
    old = tmp_path / ".site-old"
    old.mkdir()
    (old / "index.html").write_text("previous", encoding="utf-8")
    dead = tmp_path / ".site-building-999999999-abc"  # no such process
    dead.mkdir()

    assert recover(site) == [dead]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert not old.exists()


def test_a_running_builds_staging_folder_is_left_alone(tmp_path: Path):
    site = tmp_path / "site"
    mine = make_staging(site)
    assert mine.name.startswith(f".site-building-{os.getpid()}-")
    assert recover(site) == []
    assert mine.is_dir()


def test_replace_folder_swaps_whole_folders(tmp_path: Path):
    site, new = tmp_path / "site", tmp_path / "new"
    for folder, name in ((site, "old.html"), (new, "new.html")):
        folder.mkdir()
        (folder / name).write_text(name, encoding="utf-8")
    replace_folder(new, site)
    assert [path.name for path in site.iterdir()] == ["new.html"]
    assert not new.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
