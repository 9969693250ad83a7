"""ProperDocs, the drop-in fork of MkDocs 1.6, builds the same column as MkDocs.

``make test`` makes ``.venv-properdocs`` (ProperDocs, Material and this package, no
MkDocs command); this builds the sample there and compares it page by page with the
MkDocs build: the same files, the same bytes but for the generator's name and version.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

pytestmark = pytest.mark.slow

PROPERDOCS_VENV = ROOT / ".venv-properdocs"
# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">: says who built it.
GENERATOR = re.compile(rb'(<meta name="generator" content=")[^"]*(")')


def normalised(path: Path) -> bytes:
    return GENERATOR.sub(rb"\1\2", path.read_bytes())


def site_files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site(tmp_path: Path, sample_site: Path):
    python = PROPERDOCS_VENV / "bin" / "python"
    assert python.exists(), "run `make test` (it makes .venv-properdocs) or `make properdocs-venv`"
    site = tmp_path / "site"
    command = [str(python), "-m", "generator.cli", "build", "--engine", "properdocs"]
    result = subprocess.run(
        [*command, "--as-of", AS_OF, "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    ours, theirs = site_files(sample_site), site_files(site)
    assert sorted(theirs) == sorted(ours)
    differing = [path for path in ours if normalised(ours[path]) != normalised(theirs[path])]
    assert differing == []
    assert b'content="mkdocs-ProperDocs' in theirs["index.html"].read_bytes()
