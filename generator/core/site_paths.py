"""Where things are in the built site, and links between them: relative links keep the
site working under any sub-path; absolute ones (sitemap, QR codes, API) use ``site_url``.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import urljoin, urlsplit

LIST_DOWNLOADS = ("downloads/policy-list.csv", "downloads/policy-list.xlsx")


FINDER_DATA = "api/finder.json"  # what the 我能享受哪些政策 page filters in the browser


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to ``target`` (both site-relative).

    Every link is relative, so the built site works under any sub-path.
    """
    path, _, anchor = target.partition("#")
    link = relative_path(path or ".", from_url or ".")
    if path.endswith("/") or path == "":
        link = link.rstrip("/") + "/" if link != "." else "./"
    return f"{link}#{anchor}" if anchor else link


@functools.lru_cache(maxsize=1 << 16)
def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath`` for clean site paths, without its costly absolute paths.

    A build makes hundreds of thousands of links; anything unusual (``..``, a leading
    ``/``) still goes through ``posixpath.relpath``.
    """
    if "." in (path[:1], start[:1]) or "/." in path + start or "//" in path + start:
        return posixpath.relpath(path, start)
    if path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    to, at = path.strip("/").split("/"), start.strip("/").split("/")
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


@functools.lru_cache(maxsize=1 << 16)  # asked for each item by the API, packages and feeds
def absolute_url(site_url: str, path: str) -> str:
    """``path`` (site-relative) on the published site; the path itself without a site_url."""
    return urljoin(site_url, path) if site_url else path


def is_web_address(url: object) -> bool:
    """Whether ``url`` may be a link out of the column: http(s) only, never javascript: or data:."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed [ where the host should be
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def origin_of(url: str) -> str:
    """The origin of an http(s) address (``https://www.example.gov.cn``); "" for none."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme.lower()}://{parts.hostname}" + (f":{port}" if port else "")


def web_origin(url: str) -> str:
    """``origin_of`` an address that is only an origin (a trailing ``/`` allowed); "" for
    anything more: a user name, a path, a query."""
    parts = urlsplit(url.strip())
    if "@" in parts.netloc or parts.path not in ("", "/") or parts.query or parts.fragment:
        return ""
    return origin_of(url)
