"""Pagefind's metadata file, rewritten after the index is made: chunk bounds mended and
fragment names shortened.

* Pagefind 1.4 bounds each index chunk by prefixes that can sort before the chunk's own last
  word (``core/search_vocabulary.mend_chunk_bounds`` says how), so at 10 000 items a search
  for 补贴 fetched the wrong chunk and found none of the 9 875 pages that have it (143 of
  2 463 words were lost so). The bounds become whole words.
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

from generator.core.search_vocabulary import chunk_holding, even_page_lengths, mend_chunk_bounds
from generator.search.pagefind_files import read_pagefind, write_pagefind

PAGES, CHUNKS = 1, 2  # the metadata's lists of pages [fragment, words] and chunks [from, to, hash]


def mend_index(index_dir: Path, words: dict[str, list[str]]) -> int:
    """Rewrite ``index_dir``'s metadata (and rename its fragments to match), given the words
    of each index chunk by its hash; the number of words Pagefind had looked up in a chunk
    that does not hold them."""
    (meta_path,) = index_dir.glob("pagefind.*.pf_meta")
    meta = read_pagefind(meta_path.read_bytes())
    lost = sum(
        1
        for hash_, held in words.items()
        for word in held
        if chunk_holding(meta[CHUNKS], word) != hash_
    )
    mended = mend_chunk_bounds(meta, {hash_: (held[0], held[-1]) for hash_, held in words.items()})
    mended[PAGES] = even_page_lengths(rename_fragments(index_dir / "fragment", meta[PAGES]))
    meta_path.write_bytes(write_pagefind(mended))
    return lost


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
