"""A source's ``split:`` block: the policy team's corrections to how its body is split.

The body is legal text and never changes; where the splitter reads its numbering wrong,
the team names lines of the body by how they begin, next to it:

    split:
      not_clause: [第四条规定处理]       # these lines go on with the clause above
      clause: [三、四级联动推进机制]      # a clause starts at these lines
      closing: 附件：申请材料清单         # the closing (附件, signature, annexes) starts here
      continuous: [（一）]               # this numbering runs on across the parts

Each entry must begin exactly one line of the body (leading spaces aside); an entry
that begins none, or several, is an error with the file lines it found.
"""

from __future__ import annotations

import difflib

from yaml.nodes import Node

from generator.core.model import SplitFix
from generator.core.numbering import SPACE_CHARACTERS, numbering_kind
from generator.errors import quote
from generator.input.yaml_nodes import Field, NodeReader

SPLIT_FIELDS = {
    "not_clause": Field("lines", "不是条款", "numbered lines that go on with the clause above"),
    "clause": Field("lines", "是条款", "lines where a clause starts"),
    "closing": Field("line", "落款起点", "the line where the closing (附件, signature) starts"),
    "continuous": Field("labels", "连续编号", "numbering that runs on across parts, e.g. （一）"),
}


def read_split_fix(reader: NodeReader, node: Node, body: str, first_line: int) -> SplitFix:
    """The corrections of a ``split:`` block; problems go to ``reader`` with file lines.

    ``first_line`` is the file line of the body's first line.
    """
    entries = reader.entries(node, SPLIT_FIELDS)
    if not entries:
        return SplitFix()
    lines = [line.lstrip(SPACE_CHARACTERS) for line in body.split("\n")]
    finder = _LineFinder(reader, lines, first_line)
    found: dict[str, list[int]] = {}
    for key, (_, value_node) in entries.items():
        if key == "continuous":
            continue
        texts = reader.text_list(key, value_node)
        if key == "closing" and len(texts) > 1:
            reader.error(
                value_node, "closing names one line", "keep the line the closing starts at"
            )
            texts = texts[:1]
        found[key] = [
            line for text, element in texts if (line := finder.find(key, text, element)) is not None
        ]
    _check_both(reader, entries, found, first_line)
    kinds = _read_kinds(reader, entries["continuous"][1]) if "continuous" in entries else ()
    closing = found.get("closing", [])
    return SplitFix(
        not_clause=frozenset(found.get("not_clause", ())),
        clause=frozenset(found.get("clause", ())),
        closing=closing[0] if closing else None,
        continuous=frozenset(kinds),
    )


class _LineFinder:
    """Finds the one body line an entry begins, reporting entries that begin none or several."""

    def __init__(self, reader: NodeReader, lines: list[str], first_line: int):
        self.reader = reader
        self.lines = lines
        self.first_line = first_line

    def find(self, key: str, text: str, node: Node) -> int | None:
        start = text.lstrip(SPACE_CHARACTERS)
        matches = [
            index for index, line in enumerate(self.lines) if start and line.startswith(start)
        ]
        if not matches:
            self.reader.error(
                node, f"no line of the body begins with {quote(start)}", self._nearest(start)
            )
            return None
        if len(matches) > 1:
            where = ", ".join(str(self.first_line + index) for index in matches[:5])
            self.reader.error(
                node,
                f"{quote(start)} begins {len(matches)} lines of the body (lines {where})",
                "write more of the line, so that it begins only one",
            )
            return None
        index = matches[0]
        if key != "closing" and numbering_kind(self.lines[index]) is None:
            self.reader.error(
                node,
                f"line {self.first_line + index} has no numbering (一、 （一） 1. 第一条 …)",
                "not_clause and clause name numbered lines; an unnumbered line is text already"
                if key == "not_clause"
                else "a clause starts at a numbered line; write items: by hand for others",
            )
            return None
        return index

    def _nearest(self, start: str) -> str:
        heads = [line[: len(start) + 4] for line in self.lines if line.strip()]
        close = difflib.get_close_matches(start, heads, n=1, cutoff=0.5)
        if close:
            return f"did you mean {quote(close[0])}? write the line's start as the body has it"
        return "copy the start of the line from the body, exactly as written"


def _check_both(
    reader: NodeReader, entries: dict, found: dict[str, list[int]], first_line: int
) -> None:
    """A line cannot be a clause and not a clause at once."""
    both = set(found.get("clause", ())) & set(found.get("not_clause", ()))
    for index in sorted(both):
        reader.error(
            entries["clause"][1],
            f"line {first_line + index} is named under both clause and not_clause",
            "keep it under one of them",
        )
        found["clause"].remove(index)
        found["not_clause"].remove(index)


def _read_kinds(reader: NodeReader, node: Node) -> list[str]:
    """The kinds of numbering named by a label each: （一） for （一）（二）…"""
    kinds = []
    for text, element in reader.text_list("continuous", node):
        kind = numbering_kind(text)
        if kind is None or len(text.strip(SPACE_CHARACTERS)) > 8:
            reader.error(
                element,
                f"{quote(text)} is not a numbering label",
                "write the first label of the list as the body writes it: （一）, 1., (1) …",
            )
            continue
        kinds.append(kind)
    return kinds
