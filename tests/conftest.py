"""Shared fixtures: a built sample column, a local web server, a real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A fixed build date, so statuses and schedules in the tests do not drift with the calendar.
AS_OF = "2025-03-01"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def copy_project(folder: Path, policies: Path = ROOT / "policies") -> Path:
    """A copy of the project (``policies`` as its policies folder) in ``folder/project``."""
    project = folder / "project"
    for name in ("overrides", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(policies, project / "policies")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def build_site(site_dir: Path, *extra: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``policy-column build`` as a user would, into ``site_dir``."""
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site_dir), *extra]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def serve_build(site_dir: Path, *extra: str, cwd: Path = ROOT) -> Iterator[Server]:
    """Build into ``site_dir`` (``build_site``'s arguments) and serve it until the fixture
    that yields from this ends."""
    result = build_site(site_dir, *extra, cwd=cwd)
    assert result.returncode == 0, result.stderr
    server = serve(site_dir)
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample column, built once per test session for ``AS_OF``."""
    site_dir = tmp_path_factory.mktemp("sample") / "site"
    result = build_site(site_dir, "--as-of", AS_OF, "--strict")
    assert result.returncode == 0, result.stderr
    (site_dir.parent / "build-output.txt").write_text(result.stdout, encoding="utf-8")
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class Server:
    """A static file server on 127.0.0.1 serving a folder under ``prefix``."""

    root: Path
    prefix: str = "/"
    httpd: http.server.ThreadingHTTPServer | None = None

    def url(self, path: str = "") -> str:
        assert self.httpd is not None
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{self.prefix}{path}"


def serve(root: Path, prefix: str = "/", not_found: bool = False) -> Server:
    """Serve ``root`` so that ``prefix`` maps to it (e.g. "/zt/lzlx/" for a portal sub-path).

    With ``not_found``, a missing address gets the site's ``404.html`` (status 404), as a
    web server configured with ``error_page 404`` sends it.
    """
    server = Server(root, prefix)

    class Handler(_QuietHandler):
        def translate_path(self, path: str) -> str:
            path = urlsplit(path).path
            if not path.startswith(prefix):
                return str(root / "__outside_prefix__")
            return super().translate_path("/" + path[len(prefix) :])

        def send_error(self, code, message=None, explain=None):
            page = root / "404.html"
            if not (not_found and code == 404 and page.is_file()):
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    handler = functools.partial(Handler, directory=str(root))
    server.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def sample_server(sample_site) -> Iterator[Server]:
    server = serve(sample_site)
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class WatchedPage:
    """A browser tab that records console errors, page errors and requests to other hosts."""

    page: object
    allowed_host: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


def open_watched(browser, allowed_host: str, width: int = 1280, height: int = 900) -> WatchedPage:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    watched = WatchedPage(page, allowed_host)

    def on_console(message):
        if message.type == "error":
            watched.console_errors.append(message.text)

    def on_request(request):
        host = urlsplit(request.url).netloc
        if request.url.startswith(("http:", "https:")) and host != allowed_host:
            watched.foreign_requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.console_errors.append(str(error)))
    page.on("request", on_request)
    return watched


@pytest.fixture
def watched_page(browser, sample_server) -> Iterator[WatchedPage]:
    host = urlsplit(sample_server.url()).netloc
    watched = open_watched(browser, host)
    yield watched
    watched.page.context.close()


def screenshot_dir() -> Path:
    """Where browser tests leave screenshots for people to look at (git-ignored)."""
    path = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "tests" / "screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path
