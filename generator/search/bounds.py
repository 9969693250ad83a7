"""Mending the bounds of Pagefind's index chunks in its metadata file.

Pagefind 1.4 bounds each chunk by prefixes that can sort before the chunk's own last word
(``core/search_vocabulary.mend_chunk_bounds`` says how), so at 10 000 items a search for
补贴 fetched the wrong chunk and found none of the 9 875 pages that have it. The metadata is
rewritten with whole words as bounds, in place and under its own name (its hash names the
index Pagefind wrote; the same index gets the same mended file).
"""

from __future__ import annotations

from pathlib import Path

from generator.core.search_vocabulary import (
    chunk_holding,
    decode_pagefind,
    encode_pagefind,
    mend_chunk_bounds,
)

CHUNKS = 2  # the metadata's list of index chunks: [from, to, hash]


def mend_index_bounds(index_dir: Path) -> int:
    """Rewrite ``index_dir``'s metadata with whole-word chunk bounds; the number of words
    Pagefind had looked up in a chunk without them."""
    (meta_path,) = index_dir.glob("pagefind.*.pf_meta")
    meta = decode_pagefind(meta_path.read_bytes())
    words: dict[str, list[str]] = {}
    for _from, _to, hash_ in meta[CHUNKS]:
        chunk = decode_pagefind((index_dir / "index" / f"{hash_}.pf_index").read_bytes())
        words[hash_] = [word for word, _pages in chunk[0]]
    lost = sum(
        1
        for hash_, held in words.items()
        for word in held
        if chunk_holding(meta[CHUNKS], word) != hash_
    )
    bounds = {hash_: (held[0], held[-1]) for hash_, held in words.items()}
    mended = mend_chunk_bounds(meta, bounds)
    if mended != meta:
        meta_path.write_bytes(encode_pagefind(mended))
    return lost
