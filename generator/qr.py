"""QR codes as SVG for 政策包 (policy packages): one encoding per URL, two SVGs from it.

segno encodes; its SVG writer, run twice per item (inline and as a file), cost more than
the encoding at 10 000 items. ``qr_svgs`` writes the same two documents straight from
the module matrix, and checks itself against segno's writer on the first code it makes:
if they ever differ (a new segno), segno writes them all.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing as mp
import os
from xml.sax.saxutils import escape

# QR mask pattern: every one of the eight reads; letting segno score all eight for the
# "best" took five times as long as the encoding itself (10 000 items: minutes).
QR_MASK = 0
BORDER = 4  # modules of quiet zone: the recommended four
FILE_SCALE = 4  # pixels per module in the standalone files
INLINE_CLASS = "pc-qr__code"


@functools.cache
def qr_code(url: str):
    """The QR code for ``url``, error correction level M."""
    import segno

    return segno.make_qr(url, error="m", mask=QR_MASK)


def segno_svgs(url: str) -> tuple[str, bytes]:
    """The inline SVG and the SVG file, as segno's own writer makes them."""
    import io

    code = qr_code(url)
    inline = code.svg_inline(
        scale=1, border=BORDER, dark="#000", light="#fff", omitsize=True, svgclass=INLINE_CLASS
    )
    buffer = io.BytesIO()
    code.save(
        buffer, kind="svg", scale=FILE_SCALE, border=BORDER, dark="#000", light="#fff", title=url
    )
    return inline, buffer.getvalue()


def dark_path(matrix) -> str:
    """The dark modules as one SVG path of horizontal strokes, as segno draws them."""
    parts = []
    x, y = 0, 0.0  # the pen, in modules
    row_y = BORDER + 0.5
    for row in matrix:
        column = 0
        size = len(row)
        while column < size:
            if not row[column]:
                column += 1
                continue
            start = column
            while column < size and row[column]:
                column += 1
            x1, y1 = BORDER + start, row_y
            dy = y1 - y
            move = "m" if parts else "M"
            parts.append(f"{move}{x1 - x} {int(dy) if int(dy) == dy else dy}h{column - start}")
            x, y = BORDER + column, y1
        row_y += 1
    return "".join(parts)


def written_svgs(url: str) -> tuple[str, bytes]:
    """The same two SVGs as ``segno_svgs``, written here."""
    code = qr_code(url)
    width = len(code.matrix[0]) + 2 * BORDER
    background = f'<path fill="#fff" d="M0 0h{width}v{width}h-{width}z"/>'
    dark = f'<path class="qrline" stroke="#000" d="{dark_path(code.matrix)}"/>'
    paths = "".join(sorted((background, dark), key=len))
    inline = f'<svg viewBox="0 0 {width} {width}" class="{INLINE_CLASS}">{paths}</svg>'
    size = width * FILE_SCALE
    document = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" class="segno">'
        f'<title>{escape(url)}</title><g transform="scale({FILE_SCALE})">{paths}</g></svg>\n'
    )
    return inline, document.encode("utf-8")


@functools.cache
def writer_agrees() -> bool:
    probe = "https://www.example.gov.cn/zt/lzlx/items/probe-2025/3-5/"
    return written_svgs(probe) == segno_svgs(probe)


MADE: dict[str, tuple[str, bytes]] = {}  # url → its two SVGs
PARALLEL_FROM = 1000  # codes: below this, starting worker processes costs more than it saves


def qr_svgs(url: str) -> tuple[str, bytes]:
    """``url``'s QR code as an inline ``<svg>`` (sized by CSS) and as an SVG file."""
    if url not in MADE:
        MADE[url] = make_svgs(url)
    return MADE[url]


def make_svgs(url: str) -> tuple[str, bytes]:
    return written_svgs(url) if writer_agrees() else segno_svgs(url)


def prefetch(urls: list[str]) -> None:
    """Make the codes of many URLs on every core at once (encoding is pure Python)."""
    todo = [url for url in dict.fromkeys(urls) if url not in MADE]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if len(todo) < PARALLEL_FROM or cores < 2 or "fork" not in mp.get_all_start_methods():
        return
    writer_agrees()  # decided once, here; the workers inherit the answer
    gc.freeze()  # workers then share the parent's memory instead of copying it
    with mp.get_context("fork").Pool(cores) as pool:
        MADE.update(zip(todo, pool.map(make_svgs, todo, chunksize=64), strict=True))
