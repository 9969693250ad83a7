"""How the index's words are grouped into the chunks a search downloads.

For each word of a query Pagefind 1.4 fetches one index chunk: the first whose bounds hold
the word (``chunk_holding``), and it matches the word there, whole or as the start of a
longer word of that chunk. Pagefind cuts its chunks by number of words, so at 10 000 items
nearly every chunk holds one word that is on most pages: 汽车 shares its chunk with 活动
(8 141 pages) and cost 74 KiB to search, though its own pages weigh 10. Regrouped by weight,
a word costs about what it and its neighbours weigh: a first search downloads less, and more
of a query's readings (申请 and its 申领, 领取) fit in what it may download.

Each chunk is bounded by its own first and last word. (Pagefind shortens the bounds to the
prefix that tells a chunk from the next, and a last word's prefix sorts before the word: a
chunk 补助 … 补贴 bounded 补助 … 补 sent a search for 补贴 to the chunk before, which has none.)

Pure: decoded chunk values in, chunks and bounds out; ``search/chunks.py`` reads and writes
the files.
"""

from __future__ import annotations

# What a chunk of rarer words may weigh, compressed; a word heavier than this is a chunk
# of its own. 16 KiB: a word of a few hundred pages costs 5 to 15 KiB, not 30 to 90.
# (Pagefind also matches a word typed as the start of longer words in its chunk: words that
# start alike are neighbours and mostly share one, as they did in Pagefind's own chunks, but
# a bound may fall between 补 and 补贴, as it did there.)
CHUNK_BYTES = 16 * 1024

META_CHUNKS = 2  # the metadata's list of chunks [from, to, file name]


def regroup(entries: list, sizes: list[int], most: int = CHUNK_BYTES) -> list[list]:
    """The index's word entries (``[word, pages]``, in word order) cut into chunks of at
    most ``most`` bytes, each entry weighing its ``sizes`` (compressed); an entry heavier
    than ``most`` is a chunk by itself."""
    chunks: list[list] = []
    current: list = []
    weight = 0
    for entry, size in zip(entries, sizes, strict=True):
        if current and weight + size > most:
            chunks.append(current)
            current, weight = [], 0
        current.append(entry)
        weight += size
    if current:
        chunks.append(current)
    return chunks


def with_chunks(meta: list, bounds: list[tuple[str, str, str]]) -> list:
    """Pagefind's metadata listing ``bounds`` (first word, last word, file name) as its
    chunks."""
    return [*meta[:META_CHUNKS], [list(bound) for bound in bounds], *meta[META_CHUNKS + 1 :]]


def chunk_holding(chunks: list, word: str) -> str | None:
    """The name of the chunk Pagefind looks ``word`` up in, by its bounds (strictly)."""
    for from_, to, name in chunks:
        if from_ <= word <= to:
            return name
    return None
