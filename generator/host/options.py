"""Every setting the ``policy-column`` command hands to the MkDocs build, declared once.

The command runs MkDocs in a process of its own (so a build's memory and worker
processes go with it), and the only way into that process is its environment. Each
setting has one variable, written by :meth:`BuildOptions.environment` and read back by
:meth:`BuildOptions.from_environment`; nothing else in the package reads the environment.

=============================  ===================================================
``POLICY_COLUMN_AS_OF``        the build date, ``YYYY-MM-DD`` (default: today)
``SITE_URL``                   the column's public address (read by ``mkdocs.yml``)
``POLICY_COLUMN_PDF``          ``true``: render every 政策包 as a PDF too
``POLICY_COLUMN_SOURCE``       preview: build only this source file's pages
``POLICY_COLUMN_SEARCH_WORK``  folder where Pagefind writes the index during the build
``POLICY_COLUMN_CACHE``        cache folder, or ``off`` (default ``.cache/policy-column``)
``POLICY_COLUMN_TIMEOUT``      seconds Pagefind may stay silent (default 300)
``POLICY_COLUMN_EMBED``        portal origins that may embed the column, space-separated
``POLICY_COLUMN_LOCK_FD``      the staging folder's lock, for Pagefind to hold too
=============================  ===================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

VARIABLES = {
    "as_of": "POLICY_COLUMN_AS_OF",
    "site_url": "SITE_URL",
    "packages_pdf": "POLICY_COLUMN_PDF",
    "source": "POLICY_COLUMN_SOURCE",
    "search_work": "POLICY_COLUMN_SEARCH_WORK",
    "cache": "POLICY_COLUMN_CACHE",
    "timeout": "POLICY_COLUMN_TIMEOUT",
    "embed_origins": "POLICY_COLUMN_EMBED",
    "lock_fd": "POLICY_COLUMN_LOCK_FD",
}
TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class BuildOptions:
    """What one build is asked to do beyond ``mkdocs.yml``."""

    as_of: date | None = None
    site_url: str = ""
    packages_pdf: bool = False
    source: Path | None = None
    search_work: Path | None = None
    cache: str = ""
    timeout: float = 0.0  # 0: the default deadline
    embed_origins: tuple[str, ...] = ()  # besides mkdocs.yml's embed_origins
    lock_fd: int | None = None  # open in MkDocs (host/sitedir.py): whoever writes holds it

    @property
    def keep_fds(self) -> tuple[int, ...]:
        """The descriptors a process writing into the site must inherit."""
        return () if self.lock_fd is None else (self.lock_fd,)

    def environment(self) -> dict[str, str]:
        """The variables that carry these options into the MkDocs process (unset ones left out)."""
        env = {}
        for option in fields(self):
            value = getattr(self, option.name)
            if value in (None, "", False, ()):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = " ".join(value)
            elif value is True:
                value = "true"
            env[VARIABLES[option.name]] = str(value)
        return env

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> BuildOptions:
        """The options a build was started with; a malformed date or number raises
        ``ValueError``."""
        env = os.environ if env is None else env

        def text(name: str) -> str:
            return env.get(VARIABLES[name], "").strip()

        return cls(
            as_of=date.fromisoformat(text("as_of")) if text("as_of") else None,
            site_url=text("site_url"),
            packages_pdf=text("packages_pdf").lower() in TRUE,
            source=Path(text("source")) if text("source") else None,
            search_work=Path(text("search_work")) if text("search_work") else None,
            cache=text("cache"),
            timeout=float(text("timeout") or 0),
            embed_origins=tuple(text("embed_origins").split()),
            lock_fd=int(text("lock_fd")) if text("lock_fd") else None,
        )
