"""Theme shells: the theme renders one page of a kind, every other page of it is filled in.

Material renders its whole template (header, tabs, nav, footer, scripts) for every page,
which costs more than our own fragment. Pages of one kind that are not in the navigation
(items, documents, terms …) differ in that shell only by a few values: title, description,
where the page is, and the content. So the theme renders the kind once, for a page whose
values are sentinels, and each page of the kind swaps its own values in.

This module is the engine-neutral half: sentinels and filling. ``plugin.py`` renders the
shells with MkDocs and checks each against a real render of the first page of its kind;
a kind whose shell differs is rendered normally, so the output is the same either way.
"""

from __future__ import annotations

import re

TOKEN = "pcshellq7z"  # ASCII and found in no real page


# Titles and descriptions arrive HTML-escaped (plugin.page_meta). Their sentinels hold
# every kind of character such a value can have: letters, Chinese, runs of spaces, a line
# break and each entity. A filter the theme applied to them (striptags, escape, trim,
# urlencode …) would change the sentinel, the shell would then differ from the real
# render of its first page, and the kind would be rendered by the theme page by page.
HARD_TEXT = "Ab 政策  x\n\ty &amp; &lt;b&gt; &#34;q&#34; &#39;s&#39; end"


TITLE = f"{TOKEN}title {HARD_TEXT}"


DESCRIPTION = f"{TOKEN}description {HARD_TEXT}"


CONTENT = f"{TOKEN}content"


HEAD = f"{TOKEN}head"  # the page's 网页标签 (finished HTML: no theme filter applies)


FOOT = f"{TOKEN}foot"  # the page's footer band with its 纠错 link


SEGMENT = f"{TOKEN}path"


def sentinel_uri(uri: str) -> str:
    """The source path of a sentinel page beside ``uri``: same folder, same depth.

    ``items/mzbh-2024-33/3-5.md`` → ``items/pcshellq7zpath1/pcshellq7zpath2.md``.
    """
    first, *rest = uri.removesuffix(".md").split("/")
    return "/".join([first] + [f"{SEGMENT}{n}" for n in range(1, len(rest) + 1)]) + ".md"


def url_tail(url: str) -> str:
    """A page URL without its first folder: what differs between pages of one kind."""
    return url.split("/", 1)[1] if "/" in url else url


def sentinel_content(has_heading: bool) -> str:
    # Material adds an <h1> with the title when the content has none: keep that choice.
    return CONTENT + ("<h1" if has_heading else "")


class Shell:
    """A page rendered around sentinel values, cut where the values go."""

    def __init__(self, html: str, tail: str, content: str):
        tokens = (TITLE, DESCRIPTION, HEAD, FOOT, content, tail)
        self.parts = re.split("(" + "|".join(re.escape(t) for t in tokens) + ")", html)
        self.slots = {TITLE: "title", DESCRIPTION: "description", content: "content"}
        self.slots |= {HEAD: "head", FOOT: "foot", tail: "tail"}

    def fill(
        self, title: str, description: str, content: str, tail: str, head: str = "", foot: str = ""
    ) -> str:
        values = {"title": title, "description": description, "content": content, "tail": tail}
        values |= {"head": head, "foot": foot}
        return "".join(
            values[self.slots[part]] if index % 2 else part for index, part in enumerate(self.parts)
        )
