"""The index chunks Pagefind wrote, regrouped by weight (``core/index_chunks.py`` says why).

The new chunks are named as the fragments are (``meta.py``): by one prefix, a hash of all
their content, and their number (``zh_5e1f02_1a``), shorter in the metadata every first
search downloads than a hash each. A changed index gets new names, so no browser uses a
stale cached chunk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.core.index_chunks import regroup
from generator.search.pagefind_files import encoded_size, read_pagefind, write_pagefind

# gzip's level for the chunks: at 10 000 items 6 writes the 8 MiB of them in 2 s, 9 in 16 s
# for 3 % fewer bytes.
CHUNK_LEVEL = 6


@dataclass(frozen=True)
class Chunk:
    """One index chunk as written: its file's name, its word entries and its size in bytes."""

    name: str
    entries: list
    size: int

    @property
    def bounds(self) -> tuple[str, str, str]:
        return self.entries[0][0], self.entries[-1][0], self.name


def regroup_index(index_dir: Path) -> list[Chunk]:
    """Rewrite ``index_dir/index/*.pf_index`` as chunks regrouped by weight; the new chunks,
    in word order."""
    folder = index_dir / "index"
    old = sorted(folder.glob("*.pf_index"))
    entries = sorted(
        (entry for path in old for entry in read_pagefind(path.read_bytes())[0]),
        key=lambda entry: entry[0],
    )
    language = old[0].stem.split("_", 1)[0] if old else "zh"
    groups = regroup(entries, [encoded_size(entry) for entry in entries])
    datas = [write_pagefind([group], CHUNK_LEVEL) for group in groups]
    prefix = hashlib.sha256(b"".join(datas)).hexdigest()[:6]
    for path in old:
        path.unlink()
    chunks = []
    for number, (group, data) in enumerate(zip(groups, datas, strict=True)):
        chunk = Chunk(f"{language}_{prefix}_{number:x}", group, len(data))
        (folder / f"{chunk.name}.pf_index").write_bytes(data)
        chunks.append(chunk)
    return chunks
