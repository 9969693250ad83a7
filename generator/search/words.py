"""The index's own words, written next to the search page for the browser's query cutter.

Read back from Pagefind's index chunks once the index is in the site, so they are exactly
the words Pagefind matches (``core/search_vocabulary.py`` says why); one file per bucket
of first characters under ``search/words/``, each word with the pages that have it, the
index chunk a search for it fetches and the pages that name it in title, 行业 or issuer,
``chunks.json`` with every chunk's size in KiB and ``themes.json`` with each 主题's pages (read
from Pagefind's filter for it): the browser plans a query within a download budget from them,
and ranks first the pages that name most of it so.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from generator.core.search_vocabulary import chunk_words, theme_file, word_costs, word_files
from generator.search.chunks import regroup_index
from generator.search.meta import FILTERS, mend_index
from generator.search.pagefind_files import read_pagefind

WORDS_FOLDER = "search/words"  # under the site root, next to search/index.html
CHUNKS_FILE = "chunks.json"
THEMES_FILE = "themes.json"
THEME_FILTER = "theme"  # core/search_fields.py


def write_word_files(site_dir: Path, index_dir: Path) -> int:
    """Write ``search/words/NN.json``, ``chunks.json`` and ``themes.json`` for the index in
    ``index_dir``; the number of words. The index chunks are regrouped and the metadata mended
    first (``chunks.py``, ``meta.py``), so that each word's chunk is the one Pagefind fetches
    for it."""
    chunks = regroup_index(index_dir)
    meta = mend_index(index_dir, [chunk.bounds for chunk in chunks])
    costs, sizes = word_costs((chunk_words([chunk.entries]), chunk.size) for chunk in chunks)
    folder = site_dir / WORDS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for number, payload in word_files(costs).items():
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{number:02x}.json").write_text(text, encoding="utf-8")
    kib = [math.ceil(size / 1024) for size in sizes]
    (folder / CHUNKS_FILE).write_text(json.dumps(kib, separators=(",", ":")), encoding="utf-8")
    themes = json.dumps(
        theme_file(theme_pages(index_dir, dict(meta[FILTERS]))),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    (folder / THEMES_FILE).write_text(themes, encoding="utf-8")
    return len(costs)


def theme_pages(index_dir: Path, files: dict[str, str]) -> dict[str, list[int]]:
    """Each 主题's page numbers, as Pagefind's filter file for it lists them (``files``: each
    filter's file, from the metadata); none without it."""
    if THEME_FILTER not in files:
        return {}
    _name, values = read_pagefind(
        (index_dir / "filter" / f"{files[THEME_FILTER]}.pf_filter").read_bytes()
    )
    return {value: pages for value, pages in values}
