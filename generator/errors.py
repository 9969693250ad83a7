"""One error type for everything a policy team can get wrong, printed like a compiler."""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

# Characters that print as nothing: shown as \uXXXX in messages, warned about in text.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


# Characters that reorder the text around them: they make an address read as another.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# The input file being read, named by the last-resort message of an unexpected failure.
READING: ContextVar[str] = ContextVar("reading", default="")


@dataclass(frozen=True, order=True)
class PolicyError:
    """A problem in an input file, with where it is and how to fix it.

    Renders as ``file:line:col: error: what is wrong — how to fix it``.
    Lines and columns are 1-based; 0 means "the whole file".
    """

    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class PolicyInputError(Exception):
    """Raised once, after every input file was read, when any error was found.

    ``warnings`` travel along: next to an error they often explain it.
    """

    def __init__(self, problems: list[PolicyError], warnings: list[PolicyError] | None = None):
        self.problems = sorted(problems)
        self.warnings = sorted(warnings or [])
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> list[PolicyError]:
        """Errors and warnings, in file and line order, as a compiler prints them."""
        return sorted(self.problems + self.warnings)


def warning(file: str, line: int, column: int, message: str, hint: str = "") -> PolicyError:
    """A problem that ``--strict`` turns into an error."""
    return PolicyError(file, line, column, message, hint, severity="warning")


def quote(text: str) -> str:
    """A value as written, in double quotes, for messages; invisible characters as \\uXXXX."""
    shown = json.dumps(text, ensure_ascii=False)
    return INVISIBLE.sub(lambda match: f"\\u{ord(match.group()):04x}", shown)
