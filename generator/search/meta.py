"""Pagefind's metadata file, rewritten after the index is made: the regrouped chunks listed
and fragment names shortened.

* The index chunks are regrouped by weight (``search/chunks.py``); the metadata lists the
  new ones, each bounded by its own first and last word (``core/index_chunks.py``).
* Every first search downloads the metadata, which names each page's fragment file by a
  random 7-digit hash: 75 KiB at 10 464 pages, a third of a first query. Named by one prefix
  for the whole index and the page's number instead (``zh_5e1f02_1a3``), it is 46 KiB. The
  prefix comes from the index, so another index gets other names and no stale cached
  fragment is shown; the same index gets the same names. The browser reads a result's page
  number from its name (``search-query.js``), the number the word files list pages by.
* Each page's word count, which the search page's ranking does not read, becomes their mean
  (``core/search_vocabulary.even_page_lengths``): 30 KiB.

The file keeps its name (its hash names the index Pagefind wrote).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.core.index_chunks import with_chunks
from generator.core.search_vocabulary import even_page_lengths
from generator.search.pagefind_files import read_pagefind, write_pagefind

PAGES = 1  # the metadata's list of pages [fragment, words]
FILTERS = 3  # the metadata's list of filters [name, file]


def mend_index(index_dir: Path, chunks: list[tuple[str, str, str]]) -> list:
    """Rewrite ``index_dir``'s metadata to list ``chunks`` (first word, last word, file
    name, in word order) and rename its fragments to match; the metadata as written."""
    (meta_path,) = index_dir.glob("pagefind.*.pf_meta")
    meta = with_chunks(read_pagefind(meta_path.read_bytes()), chunks)
    meta[PAGES] = even_page_lengths(rename_fragments(index_dir / "fragment", meta[PAGES]))
    meta_path.write_bytes(write_pagefind(meta))
    return meta


def rename_fragments(folder: Path, pages: list) -> list:
    """Each page's fragment file renamed ``<lang>_<prefix>_<number>``; the pages list to match."""
    names = [name for name, _words in pages]
    prefix = hashlib.sha256("\n".join(names).encode()).hexdigest()[:6]
    renamed = []
    for number, (name, words) in enumerate(pages):
        language = name.split("_", 1)[0]
        new = f"{language}_{prefix}_{number:x}"
        (folder / f"{name}.pf_fragment").rename(folder / f"{new}.pf_fragment")
        renamed.append([new, words])
    return renamed
