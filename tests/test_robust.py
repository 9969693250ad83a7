"""Builds that never hang, never publish half a site and never crash on bad input.

The bad-input corpus (``tests/bad_inputs/``) holds the files with one line to blame;
here are the inputs no single file shows (a taxonomy that breaks the schedule, things in
``sources/`` that are not files), the last-resort handler, and the build's own failures:
a silent Pagefind, a killed build whose MkDocs outlives it, an index cut short, a site
folder that cannot be deleted.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

from generator.cli import build as build_command
from generator.cli.main import main
from generator.host import sitedir
from generator.search import index as search_index
from generator.search.index import PagefindIndex, SearchIndexError


def cli(*args: str, cwd: Path) -> tuple[int, str]:
    """``policy-column ARGS`` in this process; its exit code and stderr."""
    stderr = io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
            code = main(list(args))
    finally:
        os.chdir(before)
    return code, stderr.getvalue()


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "policies", tmp_path / "policies")
    return tmp_path / "policies"


# --- input that no single file shows -------------------------------------------------------


def test_a_broken_taxonomy_is_reported_once_not_again_by_every_schedule_channel(policies):
    (policies / "taxonomy.yml").write_text("themes: [\n", encoding="utf-8")
    code, stderr = cli("check", "policies", cwd=policies.parent)
    assert code == 1
    assert "unknown channel" not in stderr
    assert [line for line in stderr.splitlines() if ": error: " in line] == [
        "policies/taxonomy.yml:2:1: error: YAML syntax error: expected the node content, but "
        "found '<stream end>' — check the quotes and the indentation of this line"
    ]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda path: os.mkfifo(path), "this is a named pipe, not a file"),
        (lambda path: path.symlink_to("gone.yml"), 'a symbolic link to "gone.yml", which does'),
        (lambda path: path.mkdir(), "this is a folder, not a file"),
    ],
    ids=["named-pipe", "dangling-symlink", "folder"],
)
def test_what_is_not_a_file_in_sources_is_reported_not_skipped(policies, make, says):
    make(policies / "sources" / "odd.yml")
    code, stderr = cli("check", "policies", cwd=policies.parent)
    assert code == 1
    assert f"policies/sources/odd.yml:0:0: error: {says}" in stderr


def test_a_file_cut_off_inside_a_character_says_so(policies):
    source = policies / "sources" / "mzbh-2024-33.yml"
    data = source.read_bytes()
    cut = data.index("送解优".encode()) + 1  # inside the first of three UTF-8 bytes
    source.write_bytes(data[:cut])
    code, stderr = cli("check", "policies", cwd=policies.parent)
    assert code == 1
    assert "policies/sources/mzbh-2024-33.yml:1:" in stderr
    assert "the file ends in the middle of a character: it was cut off" in stderr


def test_an_unexpected_failure_is_one_line_naming_the_file_with_exit_2(policies, monkeypatch):
    def broken(*args, **kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr("generator.input.schedule_file.place_slots", broken)
    code, stderr = cli("check", "policies", cwd=policies.parent)
    assert code == 2
    assert "Traceback" not in stderr
    assert stderr.startswith("policies/schedule.yml: internal error while reading")
    assert "OverflowError" in stderr and "please report" in stderr


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_build_date_outside_the_calendar_is_refused_by_the_command_line(day, policies):
    with pytest.raises(SystemExit) as stopped, contextlib.redirect_stderr(io.StringIO()) as err:
        main(["schedule", "--as-of", day, "--policies", str(policies)])
    assert stopped.value.code == 2
    assert "the year must be between 1900 and 2100" in err.getvalue()


# --- Pagefind: every wait has a deadline ---------------------------------------------------


def fake_pagefind(folder: Path, behaviour: str) -> Path:
    """A stand-in for ``pagefind --service``: ``silent`` never answers; ``stuck`` answers
    every request but the one that writes the index."""
    script = folder / f"pagefind-{behaviour}"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import base64, json, sys, time
            if "{behaviour}" == "silent":
                time.sleep(600)
            pending = b""
            while chunk := sys.stdin.buffer.read1(1 << 16):
                *messages, pending = (pending + chunk).split(b",")
                for message in messages:
                    request = json.loads(base64.b64decode(message))
                    if request["payload"]["type"] == "GetFiles":
                        time.sleep(600)
                    answer = {{"message_id": request["message_id"], "payload": {{"index_id": 1}}}}
                    sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b",")
                    sys.stdout.buffer.flush()
            """
        ),
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@pytest.mark.parametrize("behaviour", ["silent", "stuck"])
def test_a_silent_pagefind_fails_the_index_within_its_deadline(tmp_path, monkeypatch, behaviour):
    monkeypatch.setattr(
        search_index, "pagefind_executable", lambda: fake_pagefind(tmp_path, behaviour)
    )
    started = time.monotonic()
    with pytest.raises(SearchIndexError, match="Pagefind said nothing for 1 s"):
        index = PagefindIndex(timeout=1)
        index.add("items/a/index.html", "<html><body data-pagefind-body>a</body></html>")
        index.finish(tmp_path / "pagefind")
        index.wait()
    assert time.monotonic() - started < 10
    assert not [line for line in ps_lines() if f"pagefind-{behaviour}" in line]


def handing_pagefind(folder: Path, files: dict[str, bytes]) -> Path:
    """A stand-in for ``pagefind --service`` that answers GetFiles with ``files`` and exits
    as soon as its input ends, as Pagefind does."""
    listed = [
        {"path": path, "content": base64.b64encode(content).decode()}
        for path, content in files.items()
    ]
    script = folder / "pagefind-handing"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import base64, json, sys
            pending = b""
            while chunk := sys.stdin.buffer.read1(1 << 16):
                *messages, pending = (pending + chunk).split(b",")
                for message in messages:
                    request = json.loads(base64.b64decode(message))
                    payload = {{"index_id": 1, "files": {listed!r}}}
                    answer = {{"message_id": request["message_id"], "payload": payload}}
                    sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b",")
                    sys.stdout.buffer.flush()
            """
        ),
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def index_with(tmp_path: Path, monkeypatch, files: dict[str, bytes], output: Path) -> None:
    monkeypatch.setattr(
        search_index, "pagefind_executable", lambda: handing_pagefind(tmp_path, files)
    )
    index = PagefindIndex(timeout=30)
    index.add("items/a/index.html", "<html><body data-pagefind-body>a</body></html>")
    index.finish(output)
    index.wait()


def test_the_index_files_pagefind_hands_over_are_written_whole(tmp_path, monkeypatch):
    # Pagefind's own WriteFiles once left pagefind-ui.css cut short: it exits with a write
    # still buffered. The build asks for the files and writes them itself.
    files = {"pagefind-ui.css": b".a{}" * 40_000, "fragment/zh_1.pf_fragment": bytes(range(256))}
    index_with(tmp_path, monkeypatch, files, tmp_path / "pagefind")
    for path, content in files.items():
        assert (tmp_path / "pagefind" / path).read_bytes() == content


def test_an_index_that_cannot_be_written_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "pagefind").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"could not be written to .*pagefind"):
        index_with(tmp_path, monkeypatch, {"pagefind.js": b""}, tmp_path / "pagefind")
    with pytest.raises(SearchIndexError, match=r"outside its folder: \.\./escaped\.js"):
        index_with(tmp_path, monkeypatch, {"../escaped.js": b""}, tmp_path / "index")
    assert not (tmp_path / "escaped.js").exists()


def ps_lines() -> list[str]:
    """The command line of every process, from /proc (ps cuts long lines)."""
    lines = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit():
                arguments = (entry / "cmdline").read_bytes().split(b"\0")
                lines.append(" ".join(part.decode(errors="replace") for part in arguments))
    return lines


# --- the staging folder: locked while anyone writes into it --------------------------------


def test_tidying_leaves_a_killed_builds_folder_while_its_child_still_writes(tmp_path: Path):
    site = tmp_path / "site"
    # A build that starts a child holding its lock (as MkDocs does), then is killed -9.
    program = textwrap.dedent(
        f"""\
        import os, signal, subprocess, sys
        sys.path.insert(0, {str(ROOT)!r})
        from generator.host.sitedir import lock_fd, make_staging
        staging = make_staging(__import__("pathlib").Path({str(site)!r}))
        # Its output goes nowhere: a child holding our pipes would keep run() waiting on it.
        child = subprocess.Popen(
            ["sleep", "60"], pass_fds=(lock_fd(staging),),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        print(staging, child.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    staging_name, child = result.stdout.split()
    staging = Path(staging_name)
    try:
        assert sitedir.recover(site) == []  # the build is dead, its child is not
        assert staging.is_dir()
    finally:
        os.kill(int(child), signal.SIGKILL)
    deadline = time.monotonic() + 10
    while sitedir.in_use(staging, site):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert sitedir.recover(site) == [staging]
    assert sorted(path.name for path in tmp_path.iterdir()) == []


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop root")
def test_a_read_only_old_site_is_removed_after_the_swap():
    # As root nothing is read-only: the swap runs as nobody, as a webmaster's account would,
    # in a folder nobody can reach (pytest's are root's alone).
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        tmp_path = Path(folder)
        tmp_path.chmod(0o777)
        swap_as_nobody(tmp_path)


def swap_as_nobody(tmp_path: Path) -> None:
    program = textwrap.dedent(
        f"""\
        import os, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from generator.host.sitedir import replace_folder
        root = Path({str(tmp_path)!r})
        site, new = root / "site", root / ".site-building-1-x"
        for folder in (site / "items", new):
            folder.mkdir(parents=True)
        (site / "items" / "index.html").write_text("old")
        (new / "index.html").write_text("new")
        for path in (site / "items" / "index.html", site / "items", site):
            path.chmod(0o555 if path.is_dir() else 0o444)
        replace_folder(new, site)
        print(sorted(p.name for p in root.iterdir()))
        """
    )
    command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    result = subprocess.run(
        [*command, sys.executable, "-c", program], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['site']"
    assert (tmp_path / "site" / "index.html").read_text() == "new"


# --- the build: a site is published whole or not at all ------------------------------------


def fake_mkdocs(fragments: int):
    """``run_mkdocs`` that writes a small site whose search index has ``fragments`` pages
    of the 3 it claims (Pagefind's output folder deleted under it, say)."""

    def run(verb, config, options, *flags, **kwargs):
        site = Path(flags[flags.index("-d") + 1])
        for page in build_command.SITE_PAGES:
            (site / page).parent.mkdir(parents=True, exist_ok=True)
            (site / page).write_text("page", encoding="utf-8")
        index = site / "pagefind"
        for part in ("index", "filter", "fragment"):
            (index / part).mkdir(parents=True)
        (index / "index" / "zh.pf_index").write_bytes(b"x")
        (index / "filter" / "status.pf_filter").write_bytes(b"x")
        for number in range(fragments):
            (index / "fragment" / f"{number}.pf_fragment").write_bytes(b"x")
        (index / "pagefind.js").write_text("", encoding="utf-8")
        (index / "pagefind-entry.json").write_text("{}", encoding="utf-8")
        report = search_index.IndexReport(pages=3, seconds=0.1, output="")
        search_index.write_report(options.search_work, report)
        return 0

    return run


@pytest.mark.parametrize(("fragments", "published"), [(3, True), (1, False), (0, False)])
def test_a_build_publishes_only_a_whole_search_index(policies, monkeypatch, fragments, published):
    project = policies.parent
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    monkeypatch.setattr(build_command, "run_mkdocs", fake_mkdocs(fragments))
    code, stderr = cli("build", "--as-of", AS_OF, cwd=project)
    if published:
        assert code == 0, stderr
        assert (site / "index.html").read_text(encoding="utf-8") == "page"
    else:
        assert code == 1
        assert "the new site is incomplete (missing pagefind/fragment/" in stderr
        assert "site/ was left as it was" in stderr
        assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not list(project.glob(".site-*"))


def test_a_project_folder_that_cannot_be_written_is_an_error_not_a_traceback(policies, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(policies.parent))

    monkeypatch.setattr(build_command, "make_staging", refuse)
    code, stderr = cli("build", "--as-of", AS_OF, cwd=policies.parent)
    assert code == 1
    assert "cannot write the new site here: Permission denied" in stderr
    assert "Traceback" not in stderr


@pytest.mark.slow
def test_a_killed_build_takes_mkdocs_and_pagefind_with_it(tmp_path: Path):
    project = tmp_path / "project"
    for name in ("policies", "overrides", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    command = [sys.executable, "-m", "generator.cli", "build", "--as-of", AS_OF]
    build = subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while not [line for line in ps_lines() if str(project) in line and "mkdocs" in line]:
        assert time.monotonic() < deadline and build.poll() is None
        time.sleep(0.05)
    time.sleep(1.0)
    build.kill()  # kill -9 of the build alone, not of its process group
    build.wait()
    deadline = time.monotonic() + 10
    while any("mkdocs" in line and str(project) in line for line in ps_lines()):
        assert time.monotonic() < deadline, "MkDocs outlived the build that started it"
        time.sleep(0.1)
    # Pagefind holds the staging folder's lock as MkDocs does: once MkDocs is gone it stops
    # too (its input closed), and from then on nobody writes there: the next tidy-up
    # removes everything, and nothing comes back.
    site = (project / "site").resolve()
    folders = [path for path in project.glob(".site-building-*") if path.is_dir()]
    while any(sitedir.in_use(folder, site) for folder in folders):
        assert time.monotonic() < deadline, "Pagefind outlived the build that started it"
        time.sleep(0.1)
    sitedir.recover(site)
    time.sleep(0.5)
    assert not list(project.glob(".site-building-*"))
