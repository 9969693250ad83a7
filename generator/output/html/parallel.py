"""Rendering many pages on every core: forked workers that inherit the renderer.

Workers are forked, not spawned: they inherit the column, its indexes and the compiled
templates instead of receiving them pickled. The pages come back in order, each handed
on as it arrives, so the output is the same as rendered in one process.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Callable

from generator.core.page import Page

# Items from which pages are rendered on every core: below, worker processes cost more.
PARALLEL_FROM = 2000

_FORKED: tuple | None = None  # (render, values) for forked workers: inherited, not pickled


def render_all(
    render: Callable[[object], Page],
    values,
    chunk: int,
    each: Callable[[Page], None] | None,
    large: bool,
    warm: Callable[[], None],
) -> list[Page]:
    """``[render(v) for v in values]``, each handed to ``each`` as it is made; on every
    core when ``large``. ``warm`` builds what the workers should inherit, after the first
    page has compiled the templates."""
    global _FORKED
    values = list(values)
    each = each or (lambda page: None)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if not large or len(values) < 2 or cores < 2 or "fork" not in mp.get_all_start_methods():
        return [handed(render(value), each) for value in values]
    first = handed(render(values[0]), each)
    warm()
    _FORKED = (render, values)
    try:
        gc.freeze()  # workers then share the column's memory instead of copying it
        with mp.get_context("fork").Pool(cores) as pool:
            rendered = pool.imap(_render_forked, range(1, len(values)), chunksize=chunk)
            rest = [handed(page, each) for page in rendered]
    finally:
        _FORKED = None
    return [first, *rest]


def handed(page: Page, each: Callable[[Page], None]) -> Page:
    each(page)
    return page


def _render_forked(index: int) -> Page:
    render, values = _FORKED
    return render(values[index])
