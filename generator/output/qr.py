"""QR codes as inline SVG for the 政策包 PDFs: one encoding per URL, its SVG written here.

The column's pages draw their codes in the browser (``overrides/assets/javascripts/qr.js``);
a PDF cannot run scripts, so ``make packages`` gets them from segno at build time. segno
encodes; ``qr_svg_inline`` writes the SVG straight from the module matrix (segno's own
writer cost more than the encoding), and checks itself against segno's writer on the
first code it makes: if they ever differ (a new segno), segno writes them all.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing as mp
import os

# QR mask pattern: every one of the eight reads; letting segno score all eight for the
# "best" took five times as long as the encoding itself (10 000 items: minutes).
QR_MASK = 0


BORDER = 4  # modules of quiet zone: the recommended four


INLINE_CLASS = "pc-qr__code"


def qr_code(url: str):
    """The QR code for ``url``, error correction level M."""
    import segno

    return segno.make_qr(url, error="m", mask=QR_MASK)


def segno_svg(url: str) -> str:
    """The inline SVG as segno's own writer makes it."""
    return qr_code(url).svg_inline(
        scale=1, border=BORDER, dark="#000", light="#fff", omitsize=True, svgclass=INLINE_CLASS
    )


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


def written_svg(url: str) -> str:
    """The same SVG as ``segno_svg``, written here."""
    code = qr_code(url)
    width = len(code.matrix[0]) + 2 * BORDER
    background = f'<path fill="#fff" d="M0 0h{width}v{width}h-{width}z"/>'
    dark = f'<path class="qrline" stroke="#000" d="{dark_path(code.matrix)}"/>'
    paths = "".join(sorted((background, dark), key=len))
    return f'<svg viewBox="0 0 {width} {width}" class="{INLINE_CLASS}">{paths}</svg>'


@functools.cache
def writer_agrees() -> bool:
    probe = "https://www.example.gov.cn/zt/lzlx/items/probe-2025/3-5/"
    return written_svg(probe) == segno_svg(probe)


MADE: dict[str, str] = {}  # url → its SVG


PARALLEL_FROM = 1000  # codes: below this, starting worker processes costs more than it saves


def qr_svg_inline(url: str) -> str:
    """``url``'s QR code as an inline ``<svg>``, sized by CSS."""
    if url not in MADE:
        MADE[url] = make_svg(url)
    return MADE[url]


def make_svg(url: str) -> str:
    return written_svg(url) if writer_agrees() else segno_svg(url)


def prefetch(urls: list[str]) -> None:
    """Make the codes of many URLs on every core at once (encoding is pure Python)."""
    todo = [url for url in dict.fromkeys(urls) if url not in MADE]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if len(todo) < PARALLEL_FROM or cores < 2 or "fork" not in mp.get_all_start_methods():
        return
    writer_agrees()  # decided once, here; the workers inherit the answer
    gc.freeze()  # workers then share the parent's memory instead of copying it
    with mp.get_context("fork").Pool(cores) as pool:
        MADE.update(zip(todo, pool.map(make_svg, todo, chunksize=64), strict=True))
