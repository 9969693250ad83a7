"""MkDocs started in a process of its own, with the build's options in its environment.

A process per build keeps its memory, forked workers and frozen objects from the
command that started it; ``host/options.py`` says what crosses over. The child dies
with its parent (``PR_SET_PDEATHSIG`` on Linux) and runs in a process group of its own,
so a build that fails, times out or is interrupted stops MkDocs and Pagefind with it:
no orphan goes on writing into a folder the next build tidies up.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

from generator.host.options import BuildOptions

# Programs that load MkDocs plugins unchanged: MkDocs 1.6 and its drop-in fork ProperDocs,
# which redirects every ``mkdocs.*`` import to itself.
ENGINES = ("mkdocs", "properdocs")


PR_SET_PDEATHSIG = 1  # linux/prctl.h


class BuildTimeout(Exception):
    """MkDocs did not finish in time; it was stopped with everything it started."""


def die_with_parent() -> None:
    """In the child, before MkDocs starts: be killed when the build process dies."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before prctl: nobody would wait for us
            os._exit(1)


def run_mkdocs(
    verb: str,
    config: Path,
    options: BuildOptions,
    *arguments: str,
    keep_fds: tuple[int, ...] = (),
    timeout: float | None = None,
    engine: str = "mkdocs",
) -> int:
    """``ENGINE VERB -f CONFIG ARGUMENTS…`` for these options; its exit code.

    ``keep_fds`` stay open in MkDocs (the staging folder's lock); after ``timeout``
    seconds the whole process group is killed and ``BuildTimeout`` raised.
    """
    command = [sys.executable, "-m", engine, verb, "-f", str(config), *arguments]
    # Material's banner about MkDocs 2.0 is known (see README); keep build logs readable.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **options.environment()}
    # MkDocs dates the sitemap (and its gzip header) with this: the build date, not the clock.
    built_on = datetime.combine(options.as_of or date.today(), time(0), UTC)
    env.setdefault("SOURCE_DATE_EPOCH", str(int(built_on.timestamp())))
    child = subprocess.Popen(
        command, env=env, pass_fds=keep_fds, process_group=0, preexec_fn=die_with_parent
    )
    try:
        return child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise BuildTimeout(f"MkDocs did not finish within {timeout:.0f} s") from None
    except KeyboardInterrupt:
        return 0 if verb == "serve" else 128 + signal.SIGINT
    finally:
        stop_group(child)


def stop_group(child: subprocess.Popen) -> None:
    """Kill what is left of the child's process group (MkDocs, Pagefind, workers)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(timeout=10)
