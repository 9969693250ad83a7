"""How every command prints the problems it found: one ``file:line:col`` line each, on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from generator.errors import PolicyError


def report(problems: Iterable[PolicyError]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
