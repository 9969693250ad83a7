"""The built site's folder: a fresh staging folder per build, swapped in whole or not at all.

A build writes into ``.<site>-building-<pid>-XXXX`` beside the site and, only when
everything worked, exchanges it with the site in one step (``renameat2`` with
``RENAME_EXCHANGE`` on Linux; two renames elsewhere). A build that is killed leaves
its staging folder behind, never a half site; the next build deletes such folders
once their process is gone, and puts back a site caught between the two renames.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

RENAME_EXCHANGE = 2  # linux/fs.h


AT_FDCWD = -100


def staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-building-"


def old_folder(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-old")


def make_staging(site_dir: Path) -> Path:
    """A new empty folder beside ``site_dir`` to build into, after tidying up old ones."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    prefix = f"{staging_prefix(site_dir)}{os.getpid()}-"
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))
    # mkdtemp makes it private (700); the site is for a web server running as another user,
    # so it gets a plain folder's mode, as ``mkdir`` would (755 under the usual umask 022).
    staging.chmod(0o777 & ~current_umask())
    return staging


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
        pid = folder.name.removeprefix(staging_prefix(site_dir)).split("-", 1)[0]
        if folder.is_dir() and not (pid.isdigit() and is_running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    shutil.rmtree(old, ignore_errors=True)
    return removed


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is in one step where the system allows it, never half."""
    if target.exists() and exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` holds the previous site now
        return
    old = old_folder(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); ``False`` where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0
