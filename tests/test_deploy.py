"""What the portal webmaster gets from ``policy-column build``: a folder any web server can
serve (modes of a normal folder, served by an unprivileged user), a build that says which
public address it used, page titles that do not repeat the column's name, and a README that
says what ``make test`` needs.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

from generator.host.sitedir import make_staging


def modes(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"dirs": set(), "files": set()}
    for path in [folder, *folder.rglob("*")]:
        kind = "dirs" if path.is_dir() else "files"
        found[kind].add(oct(stat.S_IMODE(path.stat().st_mode)))
    return found


def test_built_site_has_the_modes_of_a_normal_folder(sample_site: Path):
    mask = os.umask(0o022)
    os.umask(mask)
    assert modes(sample_site) == {
        "dirs": {oct(0o777 & ~mask)},
        "files": {oct(0o666 & ~mask)},
    }


def test_staging_folder_is_made_like_mkdir_would(tmp_path: Path):
    mask = os.umask(0o027)
    try:
        staging = make_staging(tmp_path / "site")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(staging.stat().st_mode) == 0o750


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("runuser"), reason="needs root")
def test_a_web_server_running_as_another_user_serves_the_copied_site(sample_site: Path):
    """The webmaster copies site/ as it is (``cp -a`` keeps every mode) to the server's
    folder; the server runs as ``nobody`` and must read every page and asset."""
    with tempfile.TemporaryDirectory(prefix="webroot-") as webroot:
        os.chmod(webroot, 0o755)
        served = Path(webroot) / "lzlx"
        subprocess.run(["cp", "-a", str(sample_site), str(served)], check=True)
        port = free_port()
        command = ["runuser", "-u", "nobody", "--", "/usr/bin/python3", "-m", "http.server"]
        server = subprocess.Popen(
            [*command, str(port), "--bind", "127.0.0.1", "--directory", str(served)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for path in ("", "list/", "assets/stylesheets/column.css", "api/v1/index.json"):
                url = f"http://127.0.0.1:{port}/{path}"
                for _ in range(50):
                    try:
                        with urllib.request.urlopen(url, timeout=5) as response:
                            assert response.status == 200, url
                            break
                    except urllib.error.HTTPError as error:
                        pytest.fail(f"{url}: {error.code}")
                    except OSError:
                        time.sleep(0.1)  # the server is still starting
                else:
                    pytest.fail(f"{url}: no answer")
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_build_says_which_site_url_it_used(sample_site: Path):
    printed = (sample_site.parent / "build-output.txt").read_text(encoding="utf-8")
    assert "built " in printed
    line = next(line for line in printed.splitlines() if line.startswith("built "))
    assert "for https://www.miluo.gov.cn/zt/lzlx/" in line
    assert "the default of mkdocs.yml" in line and "--site-url" in line


def test_titles_name_the_column_once(sample_site: Path):
    def title(path: str) -> str:
        html = (sample_site / path).read_text(encoding="utf-8")
        return html.split("<title>", 1)[1].split("</title>", 1)[0]

    assert title("index.html") == "“两重”“两新”政策专栏"
    assert title("list/index.html") == "政策清单 - “两重”“两新”政策专栏"
    assert title("404.html") == "页面不存在 - “两重”“两新”政策专栏"


def test_readme_says_make_test_installs_debian_packages_as_root():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("\n## ", 1)[0]
    assert "make test" in first and "sudo" in first and "root" in first
