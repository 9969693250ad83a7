"""How every command prints the problems it found: one ``file:line:col`` line each, on stderr."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Iterable
from datetime import date

from generator.errors import READING, PolicyError

INTERNAL_ERROR = 2  # exit code of a failure that is ours, not the input's (1: the input)


def report(problems: Iterable[PolicyError]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def report_internal_error(error: BaseException, default_file: str) -> int:
    """The last resort: an exception nobody expected, said in one line instead of a traceback.

    It names the file that was being read and where in the generator it failed, so the
    report can be acted on; the input itself may still be fine.
    """
    file = READING.get() or default_file
    frames = traceback.extract_tb(error.__traceback__)
    where = f" in {frames[-1].filename.rsplit('/', 2)[-1]}:{frames[-1].lineno}" if frames else ""
    print(
        f"{file}: internal error while reading {file} ({type(error).__name__}{where}: {error}), "
        "please report it with this file to the column's maintainers",
        file=sys.stderr,
    )
    return INTERNAL_ERROR


def build_date(text: str) -> date:
    """``--as-of``: a real date whose year the calendar and the column can use."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None
    if not 1900 <= day.year <= 2100:
        raise argparse.ArgumentTypeError(f"{text}: the year must be between 1900 and 2100")
    return day
