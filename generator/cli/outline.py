"""The outline ``policy-column split`` draws: a document's clauses as an indented tree.

    二、实施设备更新行动
      （一） 2-1  249  推进重点行业设备更新改造

Each item is a row with its label, clause path, length in characters and title, indented
under the headings it was cut from; a heading that is no item of its own is a row without
a path. The text after a list that belongs to its parent (a 款, a 以上… paragraph) shows as
（续）. Preamble and closing are counted above and below.
"""

from __future__ import annotations

from generator.core.model import Piece, SplitBody
from generator.core.split import TAIL

INDENT = "  "


def outline_lines(name: str, split: SplitBody) -> list[str]:
    """The tree of ``split``, headed by ``name`` (the file) and its preamble's size."""
    rows = [f"{name}: {len(split.pieces)} items"]
    rows.append(f"{INDENT}（前言 preamble） {len(split.preamble)}")
    shown: tuple[str, ...] = ()
    for piece in split.pieces:
        for depth, crumb in enumerate(piece.breadcrumb):
            if shown[: depth + 1] != piece.breadcrumb[: depth + 1]:
                rows.append(f"{INDENT * (depth + 1)}{crumb}")
        shown = piece.breadcrumb
        rows.append(f"{INDENT * (len(piece.breadcrumb) + 1)}{_row(piece)}")
    rows.append(f"{INDENT}（落款 closing） {len(split.closing)}")
    return rows


def _row(piece: Piece) -> str:
    label = "（续）" if piece.path.endswith(f"-{TAIL}") else piece.clause[-1]
    return f"{label} {piece.path}  {len(piece.text)}  {piece.title}"
