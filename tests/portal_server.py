"""A static file server with several folders mounted at URL prefixes, like a portal's host:
the column under /zt/lzlx/, the portal's own pages under /portal/."""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

# The MIME types README's "For the portal webmaster" asks for: with X-Content-Type-Options:
# nosniff a browser runs a script only when it is served as one.
MIME_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".svg": "image/svg+xml",
    ".ics": "text/calendar",
    ".xml": "application/xml",
}


class _MountHandler(http.server.SimpleHTTPRequestHandler):
    mounts: ClassVar[dict[str, Path]] = {}
    headers_sent: ClassVar[dict[str, str]] = {}  # sent with every answer (CSP and the like)
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }

    def end_headers(self):
        for name, value in self.headers_sent.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):
        pass

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        for prefix, root in self.mounts.items():
            if path.startswith(prefix):
                self.directory = str(root)
                return super().translate_path("/" + path[len(prefix) :])
        return "/nonexistent/outside-every-mount"


@dataclass
class MountServer:
    httpd: http.server.ThreadingHTTPServer
    site: Path | None = None  # the built column, when the server publishes one
    partner: MountServer | None = None  # another origin, listed in the build's embed_origins

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str = "", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_mounts(mounts: dict[str, Path], headers: dict[str, str] | None = None) -> MountServer:
    """Serve each folder under its prefix on 127.0.0.1 (reachable as localhost too, which is
    another origin: good for cross-origin embedding), with ``headers`` on every answer."""
    attributes = {"mounts": dict(mounts), "headers_sent": dict(headers or {})}
    handler = type("Handler", (_MountHandler,), attributes)
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory="/nonexistent")
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return MountServer(httpd)
