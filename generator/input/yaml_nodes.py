"""YAML kept as nodes for line numbers, every value checked, every problem kept.

Nothing stops at the first mistake: each reader reports what is wrong and returns
what it could read, so one run shows the policy team everything there is to fix.
Values are read from the composed YAML nodes, never from PyYAML's constructed
objects, so duplicate keys, ``no`` read as false and ``1.10`` read as 1.1 can all
be seen and explained. Every policy file is read by a :class:`NodeReader` subclass.
"""

from __future__ import annotations

import calendar
import codecs
import difflib
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.model import Vocabulary
from generator.core.site_paths import is_web_address
from generator.errors import BIDI_CONTROLS, INVISIBLE, READING, PolicyError, quote, warning

TAXONOMY_FILE = "policies/taxonomy.yml"  # as the policy team knows it, for hints


TERM_KINDS = ("themes", "sectors", "audiences", "levels", "issuers", "categories", "subjects")


UNSTATED = "未注明"  # ``published: 未注明``: the document states no date


SINGULAR = {
    "themes": "theme",
    "sectors": "sector",
    "audiences": "audience",
    "levels": "level",
    "issuers": "issuer",
    "categories": "category",
    "subjects": "subject",
    "channels": "channel",
}


SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


CLAUSE_PATH = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")


ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


# Any number of digits in the year: 0000-04-30 and 99999-01-01 are told their year is wrong.
WIDE_DATE = re.compile(r"(\d+)-(\d{1,2})-(\d{1,2})")


LOOSE_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})(?!\d)")


# The years a policy date may have: the calendar (chinesecalendar, datetime) and every
# date computed from one (deadline − lead days, campaign ends) stay well inside them.
YEARS = range(1900, 2101)


# Past this many values, a file's YAML aliases (*name) are refused: each alias repeats its
# anchor, so nested ones grow exponentially (9 levels of 9 children: 387 million terms).
MAX_EXPANDED_NODES = 100_000


# Line breaks to YAML 1.1, invisible to editors: line numbers would drift after them.
UNUSUAL_BREAK = re.compile("[\x85\u2028\u2029]")


SCRIPT_URL = re.compile(r"(java|vb)\s*script\s*:", re.IGNORECASE)


# Domains of government sites, for addresses that only look like one.
GOVERNMENT_DOMAINS = ("gov.cn", "gov", "gov.hk", "gov.mo", "gov.tw")


# libyaml is much faster; its error messages differ, so errors are re-read in pure Python.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


YAML_TAG = "tag:yaml.org,2002:"


STR, NULL, BOOL, INT, FLOAT, TIMESTAMP = (
    YAML_TAG + name for name in ("str", "null", "bool", "int", "float", "timestamp")
)


SAVE_AS_UTF8 = 'save it as UTF-8 (VS Code: "Save with Encoding" → UTF-8)'


SYNTAX_HINTS = {
    "mapping values are not allowed": (
        'a value that contains ": " must be quoted, e.g. title: "关于: 通知"; '
        "or this line is indented more than it should be"
    ),
    "could not find expected ':'": "a line lacks its ':', or is not indented like its neighbours",
    "found unexpected end of stream": "a quote opened on line {context} is never closed",
    "expected ',' or ']'": "the [ opened on line {context} is not closed with ]",
    "expected ',' or '}'": "the {{ opened on line {context} is not closed with }}",
    "but found another document": "a file holds one document: delete the --- line",
    "expected <block end>": "this line is not indented like the lines above it",
    "cannot start any token": "a value that starts with this character must be quoted",
    "exceeded maximum nesting depth": (
        "lists or mappings nest too deeply here: look for stray [ or {{"
    ),
}


NESTING_HINT = "lists or mappings nest hundreds of levels deep: look for stray [ or {"


# A line git writes into a file when a merge conflicts.
CONFLICT_MARKER = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.MULTILINE)


# Separators people use to write several tags in one text: "家电，汽车".
TAG_SEPARATORS = re.compile(r"[，,、；;\s]+")


# Why texts have a length limit, said in the error (sources, taxonomy and schedule use them).
TITLE_LIMIT, TITLE_WHY = (
    200,
    (
        "a title is read in lists, cards and the 政策包's contents, two lines at most: "
        "shorten it and keep the full wording in the text"
    ),
)
GUIDE_LIMIT, GUIDE_WHY = (
    1_500,
    (
        "one A4 page of a 政策包 holds about 1 500 characters, and an item's 申兑指南 must "
        "fit on it: shorten it, and link the full text with interpretation_url"
    ),
)
LINE_LIMIT, LINE_WHY = 200, "it is printed on one line of a table or a 政策包: shorten it"
NAME_LIMIT, NAME_WHY = 100, "a name is a tag, a tab or a filter: keep it to a few words"
BODY_LIMIT, BODY_WHY = (
    500_000,
    (
        "the longest national plans are under 100 000 characters: split the file into one "
        "document per file"
    ),
)


# The most a channel can carry: enough for any real channel, and the scheduler's work (a
# slot per push per day of the campaign) stays small. 10 000 a day took 87 s and 305 MB.
MAX_PER_DAY, MAX_PER_WEEK = 50, 250


PER_DAY_WHY = f"no channel carries more than {MAX_PER_DAY} pushes a day: check the number"


PER_WEEK_WHY = f"no channel carries more than {MAX_PER_WEEK} pushes a week: check the number"


@dataclass(frozen=True)
class Field:
    """One key a policy file may have: how its value is read, and what it means.

    ``kind`` names the reader (``text``, ``date``, ``tags`` …); ``zh`` and ``en``
    describe the key in messages and start its description in the JSON Schema.
    """

    kind: str
    zh: str
    en: str
    required: bool = False
    limit: int = 0  # the largest count, or the most characters of a text (each, in a list)
    why: str = ""  # why the limit, said in the error


Entries = dict[str, tuple[Node, Node]]  # key → (key node, value node)


def display_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the working directory when inside it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def parse_file(
    path: Path, file: str, needs: str
) -> tuple[Node | None, list[str], list[PolicyError]]:
    """The file's top YAML node and lines; ``None`` when it cannot be read, parsed, or is empty."""
    text, problems = read_text(path, file)
    if text is None:
        return None, [], problems
    root, syntax_problems = compose_yaml(text, file)
    problems += syntax_problems
    if root is None and not syntax_problems:
        problems.append(PolicyError(file, 0, 0, "the file is empty", needs))
    return root, text.split("\n"), problems


def read_text(path: Path, file: str) -> tuple[str | None, list[PolicyError]]:
    """The file as text: UTF-8, BOM dropped, line ends made ``\\n``."""
    READING.set(file)
    not_a_file = describe_not_a_file(path, file)
    if not_a_file is not None:
        return None, [not_a_file]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [PolicyError(file, 0, 0, f"cannot read the file: {error.strerror}")]
    data = data.removeprefix(codecs.BOM_UTF8)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [PolicyError(file, 1, 1, "the file is UTF-16, not UTF-8", SAVE_AS_UTF8)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.end == len(data) and error.reason == "unexpected end of data":
            return None, [describe_cut_off(data, error.start, file)]
        return None, [describe_encoding_error(data, error.start, file)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return UNUSUAL_BREAK.sub("\n", text), describe_unusual_break(text, file)


def describe_not_a_file(path: Path, file: str) -> PolicyError | None:
    """Why ``path`` is not a file to read: missing, a dangling link, a folder, a pipe …

    Checked before opening it: reading a named pipe would wait for a writer for ever.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            target = quote(str(path.readlink()))
            hint = "point the link at an existing file, or delete it"
            return PolicyError(
                file, 0, 0, f"a symbolic link to {target}, which does not exist", hint
            )
        return PolicyError(file, 0, 0, "file not found", "create it or check the path")
    except OSError as error:
        return PolicyError(file, 0, 0, f"cannot read the file: {error.strerror}")
    if stat.S_ISREG(mode):
        return None
    what = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
    )
    return PolicyError(
        file, 0, 0, f"this is {what}, not a file", "put a YAML file here, or move it elsewhere"
    )


def describe_unusual_break(text: str, file: str) -> list[PolicyError]:
    """Warn about the first line break that YAML sees but editors do not show as one."""
    match = UNUSUAL_BREAK.search(text)
    if not match:
        return []
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - text.rfind("\n", 0, match.start())
    name = unicodedata.name(match.group(), "NEXT LINE")
    message = f"U+{ord(match.group()):04X} ({name}) is read by YAML as a line break"
    hint = "replace it with a normal line break; it often comes from copying out of Word"
    return [warning(file, line, column, message, hint)]


def describe_cut_off(data: bytes, start: int, file: str) -> PolicyError:
    """A file that ends inside a character: an interrupted copy, download or save."""
    line = data.count(b"\n", 0, start) + 1
    column = len(data[data.rfind(b"\n", 0, start) + 1 : start].decode("utf-8", "replace")) + 1
    return PolicyError(
        file,
        line,
        column,
        "the file ends in the middle of a character: it was cut off",
        "copy or save it again in full; check the end of the text is all there",
    )


def describe_encoding_error(data: bytes, start: int, file: str) -> PolicyError:
    """Where the first byte that is not UTF-8 is, and which encoding the file seems to be in."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8")) + 1
    try:
        data.decode("gb18030")
        message = "the file is not UTF-8: it looks like GBK (a Chinese Windows encoding)"
    except UnicodeDecodeError:
        message = "the file is not UTF-8"
    return PolicyError(file, line, column, message, SAVE_AS_UTF8)


def compose_yaml(text: str, file: str) -> tuple[Node | None, list[PolicyError]]:
    """The YAML node tree with line marks, or the syntax error explained."""
    fast_error: yaml.YAMLError | None = None
    try:
        root = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError as error:
        fast_error = error
    except RecursionError:
        pass
    else:
        return without_alias_growth(root, text, file)
    try:
        return without_alias_growth(yaml.compose(text, Loader=yaml.SafeLoader), text, file)
    except yaml.MarkedYAMLError as error:
        return None, [describe_syntax_error(text, error, file)]
    except yaml.reader.ReaderError as error:
        return None, [describe_bad_character(text, error, file)]
    except RecursionError:
        # Deep nesting exhausts Python's stack before libyaml's limit; libyaml says where.
        if isinstance(fast_error, yaml.MarkedYAMLError):
            return None, [describe_syntax_error(text, fast_error, file)]
        return None, [PolicyError(file, 0, 0, "the YAML nests too deeply to read", NESTING_HINT)]


def without_alias_growth(
    root: Node | None, text: str, file: str
) -> tuple[Node | None, list[PolicyError]]:
    """The root, or nothing to read when its aliases grow too large (or loop)."""
    if "&" not in text or "*" not in text:  # no anchor or no alias: nothing to count
        return root, []
    problems = describe_alias_growth(root, file)
    return (None, problems) if problems else (root, [])


def describe_alias_growth(root: Node | None, file: str) -> list[PolicyError]:
    """Refuse a file whose aliases expand to more than ``MAX_EXPANDED_NODES`` values.

    Counted over the composed graph, where an alias is its anchor's node again: each node
    once, so a file that would expand to billions is measured in a few milliseconds.
    """
    sizes: dict[int, int] = {}  # node id → the values it expands to, itself included
    anchors: dict[int, Node] = {}  # nodes reached a second time: what aliases repeat
    open_nodes: set[int] = set()  # being expanded: met again inside itself, it is a loop
    stack: list[tuple[Node, bool]] = [(root, False)] if root is not None else []
    while stack:  # children before parents, without recursion (nesting goes 1 000 deep)
        node, children_done = stack.pop()
        children = (
            node.value
            if isinstance(node, SequenceNode)
            else [part for pair in node.value for part in pair]
            if isinstance(node, MappingNode)
            else []
        )
        if children_done:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            open_nodes.discard(id(node))
        elif id(node) in open_nodes:
            return [describe_alias_loop(node, file)]
        elif id(node) in sizes:
            anchors[id(node)] = node
        else:
            open_nodes.add(id(node))
            stack.append((node, True))
            stack += [(child, False) for child in children]
    total = sizes.get(id(root), 0)
    if total <= MAX_EXPANDED_NODES or not anchors:
        return []
    first = min(anchors.values(), key=lambda node: node.start_mark.index)
    return [
        PolicyError(
            file,
            first.start_mark.line + 1,
            first.start_mark.column + 1,
            f"the YAML aliases (*name) here expand to {total:,} values, more than "
            f"{MAX_EXPANDED_NODES:,}",
            "write the repeated parts out once each: aliases that repeat aliases grow "
            "exponentially",
        )
    ]


def describe_alias_loop(node: Node, file: str) -> PolicyError:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    return PolicyError(
        file,
        line,
        column,
        "this anchor (&name) holds an alias (*name) of itself: it repeats without end",
        "write the value out instead of the alias",
    )


def describe_syntax_error(text: str, error: yaml.MarkedYAMLError, file: str) -> PolicyError:
    """The parser's complaint at its line and column, with a hint for the common mistakes."""
    conflict = CONFLICT_MARKER.search(text)
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        hint = "keep the lines you want and delete the <<<<<<<, ======= and >>>>>>> lines"
        return PolicyError(file, line, 1, "a git merge conflict is left in the file", hint)
    mark = error.problem_mark
    lines = text.split("\n")
    line_text = lines[mark.line] if mark.line < len(lines) else ""
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    if "\t" in indent:
        hint = "YAML indents with spaces only: replace the tab with spaces"
        return PolicyError(
            file, mark.line + 1, indent.index("\t") + 1, "a tab is used for indentation", hint
        )
    problem = error.problem or "the YAML is malformed"
    context_line = error.context_mark.line + 1 if error.context_mark else mark.line + 1
    hint = next(
        (
            hint.format(context=context_line)
            for start, hint in SYNTAX_HINTS.items()
            if start in problem
        ),
        "check the quotes and the indentation of this line",
    )
    return PolicyError(file, mark.line + 1, mark.column + 1, f"YAML syntax error: {problem}", hint)


def describe_bad_character(text: str, error: yaml.reader.ReaderError, file: str) -> PolicyError:
    """A control character (often pasted from PDF or Word) that YAML does not allow."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    message = f"the control character U+{code:04X} is not allowed in YAML"
    return PolicyError(
        file, line, column, message, "delete it; it often comes from copying out of PDF or Word"
    )


def suggest(value: str, candidates: list[str]) -> str | None:
    """The closest candidate to a misspelt ``value``, if any is close."""
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    if close:
        return close[0]
    return next((c for c in candidates if value in c or c in value), None)


def describe(node: Node) -> str:
    """What a node is, in words, for "expected X, not Y" messages."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    text = node.value if len(node.value) <= 20 else node.value[:20] + "…"
    return f"the text {quote(text)}"


def is_empty(node: Node) -> bool:
    """``key:`` with nothing after it, ``~``, ``null`` or ``""``."""
    return isinstance(node, ScalarNode) and node.tag in (NULL, STR) and not node.value.strip()


def is_plain(node: Node) -> bool:
    """Written without quotes or ``|``: the only style that YAML re-types."""
    return not node.style  # PyYAML says None, libyaml says ""


def body_line(node: Node) -> int:
    """The 1-based line of the first character of a scalar's value."""
    block = node.style in ("|", ">")
    return node.start_mark.line + (2 if block else 1)


class NodeReader:
    """Reads values out of YAML nodes by kind and keeps every problem with its position."""

    def __init__(self, file: str, lines: list[str], vocabularies: dict[str, Vocabulary]):
        self.file = file
        self.lines = lines
        self.vocabularies = vocabularies  # kinds not in here are kept as written
        self.problems: list[PolicyError] = []
        self.readers: dict[str, Callable[[str, Node], Any]] = {
            "text": self.read_text,
            "body": self.read_body,
            "date": self.read_date,
            "published": self.read_published,
            "url": self.read_url,
            "texts": self.read_texts,
            "tags": self.read_tags,
            "issuers": self.read_issuers,
            "level": lambda key, node: self.read_term("levels", key, node),
            "category": lambda key, node: self.read_term("categories", key, node),
            "path": self.read_path,
            "slug": self.read_slug,
            "count": self.read_count,
        }

    def error(self, node: Node, message: str, hint: str = "", index: int = 0) -> None:
        line, column = self.position(node, index)
        self.problems.append(PolicyError(self.file, line, column, message, hint))

    def warn(self, node: Node, message: str, hint: str = "", index: int = 0) -> None:
        line, column = self.position(node, index)
        self.problems.append(warning(self.file, line, column, message, hint))

    def error_count(self) -> int:
        return sum(problem.is_error for problem in self.problems)

    def position(self, node: Node, index: int = 0) -> tuple[int, int]:
        """1-based line and column of character ``index`` of a scalar's value."""
        line, column = node.start_mark.line, node.start_mark.column
        if index and node.style == "|":
            before = node.value[:index]
            row = before.count("\n")
            line += 1 + row
            value_line = node.value.split("\n")[row]
            indent = len(self.lines[line]) - len(value_line) if line < len(self.lines) else 0
            column = indent + len(before) - (before.rfind("\n") + 1)
        elif index and node.start_mark.line == node.end_mark.line:
            column += index + (0 if is_plain(node) else 1)
        return line + 1, column + 1

    def entries(
        self, node: Node, table: dict[str, Field], hints: dict[str, str] | None = None
    ) -> Entries | None:
        """The known keys of a mapping, after reporting duplicate, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            sample = ", ".join(f"{key}:" for key in list(table)[:3])
            self.error(
                node,
                f"expected a mapping of keys ({sample} …), not {describe(node)}",
                "write one key: value per line",
            )
            return None
        found: Entries = {}
        guessed: set[str | None] = set()  # a misspelt required key is reported once, not twice
        for key_node, value_node in node.value:
            key = self.read_key(key_node)
            if key is None:
                continue
            if key in found:
                first = found[key][0].start_mark.line + 1
                self.error(
                    key_node,
                    f"duplicate key {quote(key)} (first on line {first})",
                    "YAML would silently keep only the last one: delete one of them",
                )
                continue
            found[key] = (key_node, value_node)
            if key not in table:
                guessed.add(self.report_unknown_key(key_node, key, table, hints or {}))
        for key, field in table.items():
            if field.required and key not in found and key not in guessed:
                self.error(node, f"missing {key}", f"add {key}: with {field.en} ({field.zh})")
        return {key: pair for key, pair in found.items() if key in table}

    def read_key(self, node: Node) -> str | None:
        if isinstance(node, ScalarNode):
            return node.value
        self.error(node, f"a key must be a word, not {describe(node)}", "write key: value")
        return None

    def report_unknown_key(
        self, node: Node, key: str, table: dict[str, Field], hints: dict[str, str]
    ) -> str | None:
        """Report a key the table does not know; return the key it probably meant."""
        by_label = {field.zh: name for name, field in table.items()}
        label = suggest(key, list(by_label))
        guess = suggest(key, list(table)) or (by_label[label] if label else None)
        if key in hints:
            hint = hints[key]
        elif key == "<<":
            hint = "merge keys (<<: *name) are not supported: write the fields out in full"
        elif guess:
            hint = f"did you mean {quote(guess)}?"
        else:
            hint = "the keys here are " + ", ".join(table)
        self.error(node, f"unknown key {quote(key)}", hint)
        return guess

    def read_values(self, entries: Entries, table: dict[str, Field]) -> dict[str, Any]:
        """Each entry read by its field's kind; entries that fail are left out."""
        values = {}
        for key, (key_node, value_node) in entries.items():
            field = table[key]
            if is_empty(value_node):
                self.report_empty(key_node, key, field)
                continue
            value = self.readers[field.kind](key, value_node)
            if value is not None and self.within_limit(key, value_node, field, value):
                values[key] = value
        return values

    def within_limit(self, key: str, node: Node, field: Field, value: Any) -> bool:
        """A count up to ``field.limit``, a text (or each text of a list) that long at most."""
        if not field.limit:
            return True
        if isinstance(value, int) and not isinstance(value, bool):
            if value <= field.limit:
                return True
            self.error(node, f"{key}: {value} is more than {field.limit:,}", field.why)
            return False
        texts = [value] if isinstance(value, str) else value
        elements = node.value if isinstance(node, SequenceNode) else [node]
        for index, text in enumerate(texts):
            if isinstance(text, str) and len(text) > field.limit:
                where = elements[index] if len(elements) == len(texts) else node
                self.error(
                    where,
                    f"{key} is {len(text):,} characters long, more than {field.limit:,}",
                    field.why,
                )
                return False
        return True

    def report_empty(self, node: Node, key: str, field: Field) -> None:
        if field.kind == "body":
            self.error(node, f"{key} is empty", "paste the document's full text under body: |")
        elif field.required:
            self.error(node, f"{key} is empty", f"write {field.en} ({field.zh})")
        else:
            self.warn(
                node, f"{key} is empty", f"fill in {field.en} ({field.zh}) or delete the line"
            )

    def text_of(self, key: str, node: Node) -> str | None:
        """A scalar's text as written; numbers, dates and yes/no that YAML re-types are errors."""
        if not isinstance(node, ScalarNode):
            hint = (
                'if the text contains ": ", put it in quotes'
                if isinstance(node, MappingNode)
                else 'write it on one line, or after "|" on the lines below'
            )
            self.error(node, f"{key} must be text, not {describe(node)}", hint)
            return None
        if node.tag == STR:
            return node.value
        retyped = describe_retyped(node)
        if retyped is None:
            self.error(node, f"{key}: the YAML tag {node.tag} is not supported", "delete the tag")
        else:
            self.error(
                node,
                f"{key}: {node.value} is read as {retyped}, not as text",
                f"quote it: {quote(node.value)}",
            )
        return None

    def read_text(self, key: str, node: Node) -> str | None:
        text = self.text_of(key, node)
        if text is None:
            return None
        self.check_script(key, node, text)
        self.check_invisible(key, node, text)
        return text.strip()

    def check_script(self, key: str, node: Node, text: str) -> None:
        """Refuse ``javascript:`` anywhere: a page that renders the text as a link would run it."""
        match = SCRIPT_URL.search(text)
        if match:
            self.error(
                node,
                f"{key} contains a {match.group()} link",
                "delete it: the column links only to http(s) addresses",
                match.start(),
            )

    def check_invisible(self, key: str, node: Node, text: str) -> None:
        """Warn about a character that prints as nothing (often pasted from web pages or Word)."""
        match = INVISIBLE.search(text)
        if match:
            char = match.group()
            name = unicodedata.name(char, "FORMAT CHARACTER")
            self.warn(
                node,
                f"{key} contains an invisible character U+{ord(char):04X} ({name})",
                "delete it: readers do not see it, but search, tags and clause numbering do",
                match.start(),
            )

    def read_body(self, key: str, node: Node) -> str | None:
        """The full text, kept exactly (no strip), so body lines map to file lines."""
        text = self.text_of(key, node)
        if text is None:
            return None
        self.check_script(key, node, text)
        self.check_invisible(key, node, text)
        if node.style != "|" and node.end_mark.line > node.start_mark.line:
            self.warn(
                node,
                f"{key} is not a literal block: YAML joins its lines",
                'write "body: |" and the text indented below it, one paragraph a line',
            )
        return text

    def read_date(self, key: str, node: Node) -> date | None:
        """A real date written YYYY-MM-DD; other spellings get the ISO form as a hint."""
        if not isinstance(node, ScalarNode) or node.tag not in (STR, TIMESTAMP):
            got = describe(node) if not isinstance(node, ScalarNode) else node.value
            self.error(
                node, f"{key} must be a date, not {got}", "write it as YYYY-MM-DD, e.g. 2024-09-05"
            )
            return None
        raw = node.value.strip()
        wide = WIDE_DATE.fullmatch(raw)
        if wide and int(wide.group(1)) not in YEARS:
            self.error(
                node,
                f"{key}: {raw} is not a date the column can use: the year {wide.group(1)} "
                f"is outside {YEARS.start} … {YEARS.stop - 1}",
                "check the year: policy dates are written YYYY-MM-DD, e.g. 2024-09-05",
            )
            return None
        match = ISO_DATE.fullmatch(raw)
        if not match:
            nearest = nearest_date(raw)
            hint = (
                f"write it as {nearest}" if nearest else "write it as YYYY-MM-DD, e.g. 2024-09-05"
            )
            self.error(node, f"{key}: {quote(raw)} is not a date", hint)
            return None
        year, month, day = (int(part) for part in match.groups())
        if not 1 <= month <= 12:
            self.error(node, f"{key}: {raw} is not a real date", f"there is no month {month}")
            return None
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            self.error(
                node,
                f"{key}: {raw} is not a real date",
                f"{calendar.month_name[month]} {year} has {days} days: check the day",
            )
            return None
        written = date(year, month, day)
        if raw != written.isoformat():
            self.error(
                node, f"{key}: {raw} is not in the form YYYY-MM-DD", f"write it as {written}"
            )
            return None
        return written

    def read_published(self, key: str, node: Node) -> date | str | None:
        """A date, or 未注明 for a document that states none."""
        if isinstance(node, ScalarNode) and node.value.strip() == UNSTATED:
            return UNSTATED
        return self.read_date(key, node)

    def read_choice(self, key: str, node: Node, choices: tuple[str, ...]) -> str | None:
        """One of a fixed list of words."""
        text = self.read_text(key, node)
        if text is None or text in choices:
            return text
        guess = suggest(text, list(choices))
        listed = "、".join(choices)
        hint = (
            f"did you mean {quote(guess)}? It is one of {listed}"
            if guess
            else f"use one of {listed}"
        )
        self.error(node, f"{key} {quote(text)} is not known", hint)
        return None

    def read_url(self, key: str, node: Node) -> str | None:
        """An absolute http(s) address: the only links the column puts on its pages."""
        url = self.text_of(key, node)
        if url is None:
            return None
        url = url.strip()
        script = SCRIPT_URL.match(url)
        if script:
            scheme = script.group(1).lower() + "script:"
            self.error(node, f"{key} is a {scheme} URL", "give the http(s) address of a web page")
            return None
        if not is_web_address(url):
            hint = (
                f"write it in full: {quote('https://' + url)}"
                if ":" not in url and "." in url.split("/")[0]
                else "give the http(s) address of a web page"
            )
            self.error(node, f"{key} must be an http(s) address, not {quote(url)}", hint)
            return None
        if any(char.isspace() for char in url):
            self.error(node, f"{key} contains a space", "write spaces in addresses as %20")
            return None
        bidi = BIDI_CONTROLS.search(url)
        if bidi:
            self.error(
                node,
                f"{key} contains U+{ord(bidi.group()):04X}, which reverses how the address reads",
                "delete it: with it, a reader sees another address than the one opened",
                bidi.start(),
            )
            return None
        parts = urlsplit(url)
        if "@" in parts.netloc:
            host = parts.netloc.rsplit("@", 1)[1]
            self.error(
                node,
                f"{key} goes to {quote(host)}: the part before @ is a user name, not the site",
                "delete everything between // and @: browsers open the host after the @",
            )
            return None
        self.check_lookalike_host(key, node, (parts.hostname or "").rstrip("."))
        return url

    def check_lookalike_host(self, key: str, node: Node, host: str) -> None:
        """Warn when a host only starts like a government site (``www.x.gov.cn.evil.example``)."""
        host = host.lower()
        if any(host == domain or host.endswith("." + domain) for domain in GOVERNMENT_DOMAINS):
            return
        for domain in GOVERNMENT_DOMAINS:
            if re.search(rf"(?:^|\.){re.escape(domain)}[.-]", host):
                owner = ".".join(host.split(".")[-2:])
                self.warn(
                    node,
                    f"{key}: {quote(host)} is not a {domain} site, it belongs to {quote(owner)}",
                    "check the address: a government site's host ends with its domain",
                )
                return

    def text_list(self, key: str, node: Node) -> list[tuple[str, Node]]:
        """A list of texts with their nodes; a single text counts as a list of one."""
        if isinstance(node, MappingNode):
            self.error(node, f"{key} must be a list, not {describe(node)}", f"write {key}: [a, b]")
            return []
        elements = node.value if isinstance(node, SequenceNode) else [node]
        texts = []
        for element in elements:
            if is_empty(element):
                self.error(element, f"{key} has an empty entry", "delete it")
                continue
            text = self.read_text(key, element)
            if text is not None:
                texts.append((text, element))
        return texts

    def read_texts(self, key: str, node: Node) -> tuple[str, ...]:
        return tuple(text for text, _ in self.text_list(key, node))

    def read_tags(self, key: str, node: Node) -> tuple[str, ...]:
        """Tag values of the ``key`` vocabulary, as term ids; repeats are warned about."""
        ids: list[str] = []
        for text, element in self.text_list(key, node):
            term_id = self.resolve(key, text, element)
            if term_id is None:
                continue
            if term_id in ids:
                self.warn(element, f"{SINGULAR[key]} {quote(text)} is listed twice", "delete one")
                continue
            ids.append(term_id)
        return tuple(ids)

    def read_issuers(self, key: str, node: Node) -> tuple[str, ...]:
        """Issuers as a list, or space-separated in one text as the corpus writes them."""
        ids: list[str] = []
        for text, element in self.text_list(key, node):
            for match in re.finditer(r"\S+", text):
                index = match.start() + element.value.find(text)
                term_id = self.resolve("issuers", match.group(), element, index)
                if term_id is not None and term_id not in ids:
                    ids.append(term_id)
        return tuple(ids)

    def read_term(self, kind: str, key: str, node: Node) -> str | None:
        text = self.read_text(key, node)
        return None if text is None else self.resolve(kind, text, node)

    def resolve(self, kind: str, value: str, node: Node, index: int = 0) -> str | None:
        """The term id for a name or id of ``kind``; unknown values are errors."""
        vocabulary = self.vocabularies.get(kind)
        if vocabulary is None:
            return value
        term = vocabulary.find(value)
        if term is not None:
            return term.id
        self.error(
            node,
            f"unknown {SINGULAR[kind]} {quote(value)}",
            self.hint_unknown_term(kind, value),
            index,
        )
        return None

    def hint_unknown_term(self, kind: str, value: str) -> str:
        parts = [part for part in TAG_SEPARATORS.split(value) if part]
        if len(parts) > 1 and all(self.vocabularies[kind].find(part) for part in parts):
            return f"write several {kind} as a list: [{', '.join(parts)}]"
        for other, vocabulary in self.vocabularies.items():
            if other != kind and vocabulary.find(value) is not None:
                return f"{quote(value)} is a {SINGULAR[other]}, not a {SINGULAR[kind]}"
        guess = suggest(value, self.vocabularies[kind].names())
        add = f"add it to {TAXONOMY_FILE} under {kind}"
        return (
            f"did you mean {quote(guess)}? If it is new, {add}"
            if guess
            else f"check the spelling, or {add}"
        )

    def read_path(self, key: str, node: Node) -> str | None:
        """A clause path such as ``3-5``; a plain number (``path: 1``) is taken as written."""
        if not isinstance(node, ScalarNode):
            return self.text_of(key, node)  # reports the wrong type
        path = node.value.strip()
        if node.tag in (STR, INT) and CLAUSE_PATH.fullmatch(path):
            return path
        nearest = slugify(path)
        if nearest != path and CLAUSE_PATH.fullmatch(nearest):
            hint = f"did you mean {quote(nearest)}?"
        elif CLAUSE_PATH.fullmatch(path):
            hint = f"quote it: {quote(path)}"
        else:
            hint = "number clauses with digits joined by -: 三、…（五） is 3-5"
        self.error(node, f"{quote(path)} is not a clause path", hint)
        return None

    def read_slug(self, key: str, node: Node) -> str | None:
        text = self.read_text(key, node)
        if text is None or SLUG.fullmatch(text):
            return text
        nearest = slugify(text)
        hint = (
            f"did you mean {quote(nearest)}?" if nearest else "use pinyin or English, e.g. trade-in"
        )
        self.error(node, f"{key} {quote(text)} is not a valid id: use a-z, 0-9 and -", hint)
        return None

    def read_count(self, key: str, node: Node) -> int | None:
        """A whole number 0 or more, written without quotes."""
        if isinstance(node, ScalarNode) and node.tag == INT and re.fullmatch(r"-?\d+", node.value):
            count = int(node.value)
            if count >= 0:
                return count
        got = describe(node) if not isinstance(node, ScalarNode) else quote(node.value)
        self.error(
            node, f"{key} must be a whole number 0 or more, not {got}", "e.g. 3, without quotes"
        )
        return None


def describe_retyped(node: ScalarNode) -> str | None:
    """What YAML makes of a plain scalar that is not text, or ``None`` for an unknown tag."""
    if node.tag == TIMESTAMP:
        return "a date by YAML"
    if node.tag == BOOL:
        value = yaml.safe_load(node.value)
        return f"{str(value).lower()} by YAML 1.1 tools"
    if node.tag in (INT, FLOAT):
        return f"the number {yaml.safe_load(node.value)} by YAML"
    return None


def nearest_date(text: str) -> str | None:
    """``2024-09-05`` for text such as ``2024年9月5日`` or ``2024.9.5``, if it is a real date."""
    match = LOOSE_DATE.search(text)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if year not in YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def slugify(text: str) -> str:
    """The nearest valid id: lower case, anything else turned into single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
