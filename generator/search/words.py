"""The index's own words, written next to the search page for the browser's query cutter.

Read back from Pagefind's index chunks once the index is in the site, so they are exactly
the words Pagefind matches (``core/search_vocabulary.py`` says why); one file per bucket
of first characters under ``search/words/``.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.search_vocabulary import index_words, word_buckets

WORDS_FOLDER = "search/words"  # under the site root, next to search/index.html


def write_word_files(site_dir: Path, index_dir: Path) -> int:
    """Write ``search/words/NN.json`` for the index in ``index_dir``; the number of words."""
    chunks = (path.read_bytes() for path in sorted((index_dir / "index").glob("*.pf_index")))
    words = index_words(chunks)
    folder = site_dir / WORDS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for number, bucket in word_buckets(words).items():
        text = json.dumps(bucket, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{number:02x}.json").write_text(text, encoding="utf-8")
    return len(words)
