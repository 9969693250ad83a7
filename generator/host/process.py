"""MkDocs started in a process of its own, with the build's options in its environment.

A process per build keeps its memory, forked workers and frozen objects from the
command that started it; ``host/options.py`` says what crosses over.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

from generator.host.options import BuildOptions

# Programs that load MkDocs plugins unchanged: MkDocs 1.6 and its drop-in fork ProperDocs,
# which redirects every ``mkdocs.*`` import to itself.
ENGINES = ("mkdocs", "properdocs")


def run_mkdocs(
    verb: str, config: Path, options: BuildOptions, *arguments: str, engine: str = "mkdocs"
) -> int:
    """``ENGINE VERB -f CONFIG ARGUMENTS…`` for these options; its exit code."""
    command = [sys.executable, "-m", engine, verb, "-f", str(config), *arguments]
    # Material's banner about MkDocs 2.0 is known (see README); keep build logs readable.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **options.environment()}
    # MkDocs dates the sitemap (and its gzip header) with this: the build date, not the clock.
    built_on = datetime.combine(options.as_of or date.today(), time(0), UTC)
    env.setdefault("SOURCE_DATE_EPOCH", str(int(built_on.timestamp())))
    try:
        return subprocess.run(command, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 0
