"""The bad-input corpus, end to end through the `policy-column` command.

Each case of ``tests/bad_inputs/cases.yml`` is one file (a document, the taxonomy,
the schedule or the URL lock) dropped into a copy of a valid ``policies/`` tree; the
command must name its file, line and problem (or, for odd but legal input, pass with
the expected items). The loader's own exact-message tests are in ``test_loader.py``;
this corpus checks what the policy team sees, whole files at a time, and that a
failed build keeps the last site.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, ROOT, build_site, copy_project

from generator.cli.main import main

CORPUS = ROOT / "tests" / "bad_inputs"
BASE = CORPUS / "base"
MANIFEST = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
KINDS = ("sources", "taxonomy", "schedule", "lock")
PLACES = {"taxonomy": "taxonomy.yml", "schedule": "schedule.yml", "lock": "urls.lock.yml"}
PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): ")


@dataclass(frozen=True)
class Problem:
    """One expected line of output: where, how bad, and what it must say."""

    file: str
    line: int
    severity: str
    says: str

    def matches(self, printed: str) -> bool:
        found = PROBLEM.match(printed)
        return bool(
            found
            and found["file"] == self.file
            and int(found["line"]) == self.line
            and found["severity"] == self.severity
            and self.says in printed
        )


def target(case: str) -> str:
    """Where the case's file goes inside ``policies/``."""
    kind, name = case.split("/")
    return PLACES.get(kind, f"sources/{name}.yml")


def expected_problems(case: str) -> list[Problem]:
    spec = MANIFEST[case]
    problems = []
    for severity in ("error", "warning"):
        for entry in spec.get(f"{severity}s", []):
            file, line, says = entry if len(entry) == 3 else (f"policies/{target(case)}", *entry)
            problems.append(Problem(file, line, severity, says))
    return problems


def make_policies(folder: Path, case: str) -> Path:
    """A copy of the base tree with the case's file in its place."""
    policies = folder / "policies"
    shutil.copytree(BASE, policies)
    shutil.copyfile(CORPUS / f"{case}.yml", policies / target(case))
    return policies


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``policy-column ARGS`` run in this process (its ``main``), as fast as a function call."""
    stdout, stderr = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(list(args))
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``policy-column ARGS`` as its own process, exactly as the policy team runs it."""
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False, timeout=120
    )


def printed_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if PROBLEM.match(line)]


def assert_reports_exactly(case: str, stderr: str) -> None:
    """Every expected problem is printed, and nothing else is."""
    expected = expected_problems(case)
    printed = printed_problems(stderr)
    missing = [p for p in expected if not any(p.matches(line) for line in printed)]
    unexpected = [line for line in printed if not any(p.matches(line) for p in expected)]
    assert (missing, unexpected) == ([], []), stderr


def test_the_corpus_is_complete():
    files = {f"{kind}/{path.stem}" for kind in KINDS for path in (CORPUS / kind).glob("*.yml")}
    assert files == set(MANIFEST)
    assert len(MANIFEST) >= 40
    for case, spec in MANIFEST.items():
        assert spec.get("errors") or "items" in spec, f"{case}: give errors or the legal result"


def test_the_base_tree_passes_strict(tmp_path: Path):
    shutil.copytree(BASE, tmp_path / "policies")
    result = run("check", "--strict", "policies", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 documents, 3 items, 0 warning(s)")


@pytest.mark.parametrize("case", sorted(MANIFEST))
def test_check_reports_the_case(tmp_path: Path, case: str):
    spec = MANIFEST[case]
    make_policies(tmp_path, case)
    result = cli("check", "policies", cwd=tmp_path)

    assert "Traceback" not in result.stderr
    assert_reports_exactly(case, result.stderr)
    if spec.get("errors"):
        assert result.returncode == 1
        assert result.stdout == ""
        assert f"{len(spec['errors'])} error(s); nothing was built." in result.stderr
        return
    assert result.returncode == 0, result.stderr
    assert f", {spec['items']} items," in result.stdout
    if "ids" in spec:
        split = cli("split", "--json", f"policies/{target(case)}", cwd=tmp_path)
        pieces = json.loads(split.stdout)
        assert [piece["id"].split("/", 1)[1] for piece in pieces] == spec["ids"]
        assert not any("\r" in piece["text"] for piece in pieces)
    if "locked" in spec:
        assert cli("lock", "policies", cwd=tmp_path).returncode == 0
        lock = (tmp_path / "policies" / "urls.lock.yml").read_text(encoding="utf-8")
        assert re.findall(r"^  (items/\S+/):", lock.split("\nmoved:\n")[0], re.M) == spec["locked"]


# --- the same through `policy-column build` ---------------------------------------------

BUILD_CASES = sorted(case for case, spec in MANIFEST.items() if spec.get("build"))


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def base_project(tmp_path_factory) -> Path:
    """A project with the base policies and a site built from them: the "previous" site."""
    project = copy_project(tmp_path_factory.mktemp("bad-inputs"), BASE)
    result = build_site(project / "site", "--as-of", AS_OF, cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def test_build_cases_are_a_few_of_each_kind():
    assert len(BUILD_CASES) >= 4
    assert {case.split("/")[0] for case in BUILD_CASES} >= {"sources", "taxonomy"}


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILD_CASES)
def test_build_fails_and_keeps_the_previous_site(tmp_path: Path, base_project: Path, case: str):
    project = tmp_path / "project"
    shutil.copytree(base_project, project, ignore=shutil.ignore_patterns("policies"))
    make_policies(project, case)
    before = tree_digest(project / "site")

    result = build_site(project / "site", "--as-of", AS_OF, cwd=project)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert_reports_exactly(case, result.stderr)
    first = expected_problems(case)[0]
    assert f"{first.file}:{first.line}:" in result.stderr
    assert "site/ was left as it was" in result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))
