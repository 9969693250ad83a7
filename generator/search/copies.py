"""Search copies: each indexed page cut down to what Pagefind reads from it.

Pagefind parses every byte of a page to find the element marked ``data-pagefind-body``;
around it, the theme's header, navigation and footer are three quarters of an item
page. The build hands Pagefind, for each indexed page, a copy holding only the
``<html>`` start tag (its ``lang`` picks Pagefind's Chinese segmenter), the ``<title>`` and
that element: the same index (``tests/test_scale.py`` compares them) in less time.
"""

from __future__ import annotations

import re

BODY_MARK = "data-pagefind-body"


HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


TITLE = re.compile(r"<title>.*?</title>", re.IGNORECASE | re.DOTALL)


TAG_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*$")


IGNORED_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\bdata-pagefind-ignore\b[^>]*>")


VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


BOUNDARY = ("", ">", "<", " ", "\n", "\t")  # what may stand either side of a cut element


def search_copy(html: str) -> str | None:
    """The parts of ``html`` Pagefind uses, or ``None`` for a page it does not index.

    ``None`` too when the page is unusual (no ``<html>`` tag, a marked element that does
    not close, anything Pagefind might read elsewhere): the real page is indexed then.
    """
    found = marked_span(html)
    html_tag = HTML_TAG.search(html)
    if found is None or html_tag is None:
        return None
    start, end = found
    title = TITLE.search(html, 0, start)
    return assemble(html_tag.group(0), title.group(0) if title else "", html[start:end])


def marked_span(html: str) -> tuple[int, int] | None:
    """Where the one element marked ``data-pagefind-body`` starts and ends, if it is alone."""
    mark = html.find(BODY_MARK)
    if mark < 0 or html.find(BODY_MARK, mark + 1) >= 0:
        return None
    start = html.rfind("<", 0, mark)
    opened = TAG_START.match(html, start, mark)
    if opened is None or "data-pagefind" in html[:start]:
        return None
    end = closing_end(html, opened.group(1).lower(), start)
    if end is None or "data-pagefind" in html[end:]:
        return None
    return start, end


def assemble(html_tag: str, title: str, element: str) -> str:
    """A search copy: the page's ``<html>`` tag, its ``<title>`` and its marked element."""
    head = f'<meta charset="utf-8">{title}'
    body = without_ignored(element)
    return f"<!doctype html>{html_tag}<head>{head}</head><body>{body}</body></html>"


def without_ignored(html: str) -> str:
    """``html`` less the elements marked ``data-pagefind-ignore``, which Pagefind skips.

    Related items, the pager and dates are half an item page: leaving them out spares
    Pagefind parsing them (a sixth of its time) and changes nothing in the index. An
    element is left in when anything else of Pagefind's is inside it, or when it stands
    inside a run of text (cutting it would join the words around it).
    """
    parts, position = [], 0
    for found in IGNORED_START.finditer(html):
        start, tag = found.start(), found.group(1).lower()
        if start < position or tag in VOID_ELEMENTS:
            continue
        end = closing_end(html, tag, start)
        alone = end is not None and html.count("data-pagefind-", start, end) == 1
        if alone and html[start - 1 : start] in BOUNDARY and html[end : end + 1] in BOUNDARY:
            parts.append(html[position:start])
            position = end
    parts.append(html[position:])
    return "".join(parts)


def closing_end(html: str, tag: str, start: int) -> int | None:
    """Where the element of ``tag`` opened at ``start`` ends (after its closing tag)."""
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
    depth = 0
    for found in pattern.finditer(html, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return None
