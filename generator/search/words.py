"""The index's own words, written next to the search page for the browser's query cutter.

Read back from Pagefind's index chunks once the index is in the site, so they are exactly
the words Pagefind matches (``core/search_vocabulary.py`` says why); one file per bucket
of first characters under ``search/words/``, each word with the pages that have it, the
index chunk a search for it fetches and the pages that name it in title, 行业 or issuer, and
``chunks.json`` with every chunk's size in KiB: the browser plans a query within a download
budget from them, and ranks first the pages that name most of it so.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from generator.core.search_vocabulary import chunk_words, word_costs, word_files
from generator.search.chunks import regroup_index
from generator.search.meta import mend_index

WORDS_FOLDER = "search/words"  # under the site root, next to search/index.html
CHUNKS_FILE = "chunks.json"


def write_word_files(site_dir: Path, index_dir: Path) -> int:
    """Write ``search/words/NN.json`` and ``chunks.json`` for the index in ``index_dir``; the
    number of words. The index chunks are regrouped and the metadata mended first
    (``chunks.py``, ``meta.py``), so that each word's chunk is the one Pagefind fetches for it."""
    chunks = regroup_index(index_dir)
    mend_index(index_dir, [chunk.bounds for chunk in chunks])
    costs, sizes = word_costs((chunk_words([chunk.entries]), chunk.size) for chunk in chunks)
    folder = site_dir / WORDS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for number, payload in word_files(costs).items():
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{number:02x}.json").write_text(text, encoding="utf-8")
    kib = [math.ceil(size / 1024) for size in sizes]
    (folder / CHUNKS_FILE).write_text(json.dumps(kib, separators=(",", ":")), encoding="utf-8")
    return len(costs)
