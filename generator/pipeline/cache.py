"""What does not change between builds, kept in ``.cache/policy-column/`` beside ``policies/``.

Two caches, both keyed by content hashes, never by file times:

* **split results**, by the hash of a source's body: editing one document re-splits only it;
* **the checked column**, by the hash of everything under ``policies/``: ``policy-column
  build`` checks the input, then MkDocs loads the same column again in its own process;
  the second time it is read back instead of parsed, split, tagged and scheduled again.

Every key also holds a hash of the generator's own source code, so a changed splitter or
loader never reads a stale entry. The setting ``POLICY_COLUMN_CACHE`` names another
folder, or ``off``.
Entries are pickles written atomically; an unreadable one is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generator.core.model import SplitBody, SplitFix
from generator.core.split import split_body

CACHE_FOLDER = Path(".cache") / "policy-column"


KEEP_COLUMNS = 3  # checked columns kept: the current one and a few to go back to


SPLIT_MAX_AGE_DAYS = 30  # split results not used for this long are deleted


@functools.cache
def code_version() -> str:
    """A hash of the generator's Python source: a new version never reads old entries."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parents[1]  # the whole generator package
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_folder(policies_dir: Path, chosen: str = "") -> Path | None:
    """Where the caches of ``policies_dir`` live, or ``None`` when caching is off.

    ``chosen`` is the cache setting (``POLICY_COLUMN_CACHE``, read by ``host/options.py``):
    empty for the default folder, another folder, or ``off``.
    """
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    return Path(policies_dir).resolve().parent / CACHE_FOLDER


def input_hash(policies_dir: Path) -> str:
    """A hash of every file under ``policies_dir``: names and bytes."""
    digest = hashlib.sha256()
    root = Path(policies_dir)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def read_pickle(path: Path) -> object | None:
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except Exception:  # missing, truncated, or from an incompatible version: a miss
        return None


def write_pickle(path: Path, value: object) -> None:
    """Write atomically, so a reader never sees half an entry; failures are ignored."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # a read-only or full disk only costs speed
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def fix_key(fix: SplitFix) -> tuple:
    """The corrections in a fixed order, for a cache key."""
    return (sorted(fix.not_clause), sorted(fix.clause), fix.closing, sorted(fix.continuous))


class SplitCache:
    """``split_body`` with its results kept by the hash of the body."""

    def __init__(self, folder: Path):
        self.folder = folder / "split"
        self.hits = self.misses = 0

    def key(self, body: str, fix: SplitFix | None = None) -> str:
        fixed = repr(fix_key(fix)) if fix else ""
        return hashlib.sha256(f"{code_version()}\0{body}\0{fixed}".encode()).hexdigest()

    def split(self, body: str, *, fix: SplitFix | None = None) -> SplitBody:
        path = self.folder / f"{self.key(body, fix)}.pickle"
        found = read_pickle(path)
        if isinstance(found, SplitBody):
            self.hits += 1
            with contextlib.suppress(OSError):
                os.utime(path)  # still in use: keep it
            return found
        self.misses += 1
        split = split_body(body, fix=fix)
        write_pickle(path, split)
        return split

    def prune(self, max_age_days: int = SPLIT_MAX_AGE_DAYS) -> None:
        """Delete results no build has used for ``max_age_days``."""
        oldest = time.time() - max_age_days * 86400
        for path in self.folder.glob("*.pickle"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < oldest:
                    path.unlink()


class ColumnCache:
    """The result of checking one exact ``policies/`` folder, for one day and one program."""

    def __init__(self, folder: Path, policies_dir: Path):
        self.folder = folder / "column"
        # Messages name files relative to the working directory, and "today" may
        # enter the schedule: both are part of the key.
        parts = (
            code_version(),
            input_hash(policies_dir),
            str(Path(policies_dir).resolve()),
            os.getcwd(),
            date.today().isoformat(),
        )
        self.key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        self.path = self.folder / f"{self.key}.pickle"

    def load(self) -> tuple | None:
        found = read_pickle(self.path)
        if isinstance(found, tuple) and len(found) == 2:
            with contextlib.suppress(OSError):
                os.utime(self.path)
            return found
        return None

    def store(self, value: tuple) -> None:
        write_pickle(self.path, value)
        with contextlib.suppress(OSError):  # another build may be pruning too
            entries = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
            for stale in entries[:-KEEP_COLUMNS]:
                stale.unlink(missing_ok=True)
