"""Redirect pages for item URLs that moved (recorded in the URL lock)."""

from __future__ import annotations

from generator.core.site_paths import relative_url
from generator.output.request import SiteFiles, SiteRequest


def redirect_page(old_url: str, target: str) -> bytes:
    """A page at ``old_url`` sending readers to ``target``: no script, relative links."""

    href = relative_url(target, old_url)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>本条政策的网址已更新</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>本条政策的网址已更新，正在跳转。如未跳转，请<a href="{href}">打开新网址</a>。</p>
</body>
</html>
""".encode()


def redirect_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """A redirect page at every moved item URL."""
    redirects = request.column.redirects
    return SiteFiles(
        files={f"{old}index.html": redirect_page(old, target) for old, target in redirects.items()}
    )
