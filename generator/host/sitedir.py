"""The built site's folder: a fresh staging folder per build, swapped in whole or not at all.

A build writes into ``.<site>-building-<pid>-XXXX`` beside the site and, only when
everything worked, exchanges it with the site in one step (``renameat2`` with
``RENAME_EXCHANGE`` on Linux; two renames elsewhere). A build that is killed leaves
its staging folder behind, never a half site; the next build deletes such folders
once nobody writes into them, and puts back a site caught between the two renames.

"Nobody writes into them" is a lock, not a guess from the process id: each staging
folder has a ``.lock`` file beside it, locked (``flock``) by the build and inherited by
the MkDocs process it starts and by MkDocs' Pagefind. A killed build's MkDocs or Pagefind
may outlive it for a moment; its folder is left alone until the lock is free.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

RENAME_EXCHANGE = 2  # linux/fs.h


AT_FDCWD = -100


LOCKS: dict[Path, int] = {}  # staging folder → the locked file descriptor of this build


def staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-building-"


def old_folder(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-old")


def lock_file(folder: Path) -> Path:
    """The lock of a staging folder (and of its ``-search`` work folder)."""
    return folder.with_name(folder.name.removesuffix("-search") + ".lock")


def make_staging(site_dir: Path) -> Path:
    """A new empty folder beside ``site_dir`` to build into, after tidying up old ones.

    The folder is locked until :func:`release`; :func:`lock_fd` gives the descriptor
    for a child process to inherit.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    prefix = f"{staging_prefix(site_dir)}{os.getpid()}-"
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))
    # mkdtemp makes it private (700); the site is for a web server running as another user,
    # so it gets a plain folder's mode, as ``mkdir`` would (755 under the usual umask 022).
    staging.chmod(0o777 & ~current_umask())
    descriptor = os.open(lock_file(staging), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    LOCKS[staging] = descriptor
    return staging


def lock_fd(staging: Path) -> int:
    return LOCKS[staging]


def release(staging: Path) -> None:
    """Delete the staging folder (whatever is left of it) and free its lock."""
    remove_tree(staging)
    descriptor = LOCKS.pop(staging, None)
    with contextlib.suppress(FileNotFoundError):
        lock_file(staging).unlink()
    if descriptor is not None:
        os.close(descriptor)


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def recover(site_dir: Path) -> list[Path]:
    """Delete staging folders of builds that died; restore a site left mid-swap.

    Returns the folders deleted.
    """
    old = old_folder(site_dir)
    if old.is_dir() and not site_dir.exists():
        old.rename(site_dir)  # killed between the two renames of a swap
    removed = []
    for folder in sorted(site_dir.parent.glob(staging_prefix(site_dir) + "*")):
        if folder.suffix == ".lock" or not folder.is_dir() or in_use(folder, site_dir):
            continue
        remove_tree(folder)
        removed.append(folder)
    for lock in site_dir.parent.glob(staging_prefix(site_dir) + "*.lock"):
        if not lock.with_suffix("").exists() and not in_use(lock.with_suffix(""), site_dir):
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
    remove_tree(old)
    return removed


def in_use(folder: Path, site_dir: Path) -> bool:
    """Whether a live build may still write into ``folder``: its lock is held.

    A folder without a lock (from an older version) counts as in use while the process
    named in it runs.
    """
    try:
        descriptor = os.open(lock_file(folder), os.O_RDWR)
    except FileNotFoundError:
        pid = folder.name.removeprefix(staging_prefix(site_dir)).split("-", 1)[0]
        return pid.isdigit() and is_running(int(pid))
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_tree(folder: Path) -> None:
    """Delete ``folder`` even where it was made read-only (a read-only ``site/``)."""

    if folder.exists() or folder.is_symlink():
        shutil.rmtree(folder, **{ON_ERROR: make_writable_and_retry})


ON_ERROR = "onexc" if sys.version_info >= (3, 12) else "onerror"  # 3.12 renamed it


def make_writable_and_retry(function, path: str, _error) -> None:
    """``rmtree``'s error handler: give ourselves write access, then delete again."""
    with contextlib.suppress(OSError):
        parent = os.path.dirname(path)
        os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, os.stat(path).st_mode | stat.S_IRWXU)
            shutil.rmtree(path, **{ON_ERROR: make_writable_and_retry})
        else:
            function(path)


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is in one step where the system allows it, never half."""
    if target.exists() and exchange(new, target):
        remove_tree(new)  # ``new`` holds the previous site now
        return
    old = old_folder(target)
    remove_tree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    remove_tree(old)


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); ``False`` where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0
