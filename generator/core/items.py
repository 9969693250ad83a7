"""Sources → items: split each body, apply the policy team's overrides, tag."""

from __future__ import annotations

from dataclasses import replace

from generator.core.model import (
    Column,
    Details,
    HandItem,
    Item,
    Override,
    Piece,
    Source,
    SplitBody,
    Taxonomy,
)
from generator.core.split import Splitter, split_body
from generator.core.tagging import choose_tags, suggest_terms
from generator.errors import PolicyError, warning

# An item this long fills many phone screens: its clause has no numbering to cut it at.
LONG_ITEM_CHARS = 5000


def build_column(
    taxonomy: Taxonomy,
    sources: tuple[Source, ...],
    split: Splitter = split_body,
) -> tuple[Column, list[PolicyError]]:
    """Every item of every source, with the problems found on the way.

    ``split`` cuts a body with the source's ``split:`` corrections; a cached ``split_body``
    (``pipeline/cache.py``) gives the same result.
    """
    items: list[Item] = []
    splits: dict[str, SplitBody] = {}
    problems: list[PolicyError] = []
    for source in sources:
        body = split(source.body, fix=source.split) if source.body else SplitBody("", (), "")
        source_items, source_problems = build_items(source, taxonomy, body)
        items.extend(source_items)
        splits[source.slug] = body
        problems.extend(source_problems)
    return Column(taxonomy, sources, tuple(items), splits), problems


def build_items(
    source: Source, taxonomy: Taxonomy, split: SplitBody
) -> tuple[list[Item], list[PolicyError]]:
    """The items of one source: the pieces of its split body, or written by hand."""
    if source.items:
        drafts = [_draft_from_hand_item(hand) for hand in source.items]
        problems: list[PolicyError] = []
    else:
        drafts, problems = _drafts_from_split(source, split)
    problems.extend(_attach_overrides(source, drafts))
    items = [_tag(source, taxonomy, draft, order) for order, draft in enumerate(drafts)]
    problems.extend(_untagged_warnings(source, items, drafts))
    return items, problems


class _Draft:
    """An item before tagging: a piece of text with what the team said about it."""

    def __init__(self, piece: Piece, line: int, override: Override | None = None):
        self.piece = piece
        self.line = line  # line in the source file, for messages
        self.override = override
        self.inherited: list[Override] = []  # overrides of ancestor clauses


def _drafts_from_split(source: Source, split: SplitBody) -> tuple[list[_Draft], list[PolicyError]]:
    drafts = [_Draft(piece, source.body_line + piece.line) for piece in split.pieces]
    problems = [
        warning(source.file, source.body_line + note.line, 1, note.message, note.hint)
        for note in split.notes
    ]
    for draft in drafts:
        if len(draft.piece.text) > LONG_ITEM_CHARS:
            problems.append(
                warning(
                    source.file,
                    draft.line,
                    1,
                    f'clause "{draft.piece.path}" is {len(draft.piece.text)} characters long, '
                    "too long to read as one item",
                    "check that the body kept its line breaks; if a numbered line inside it "
                    'starts a clause, name it under split: clause: ["…"]',
                )
            )
    if not drafts:
        # Replaces the splitter's "no clause numbering found": an error says it all.
        problems = [
            PolicyError(
                source.file,
                source.body_line,
                1,
                "the body has no numbered clause, so it gives no item",
                "write the items by hand under `items:`; if numbered lines were read as text, "
                'name them under split: clause: ["…"]',
            )
        ]
    return drafts, problems


def _draft_from_hand_item(hand: HandItem) -> _Draft:
    piece = Piece(
        path=hand.path,
        clause=(),
        title=hand.title,
        breadcrumb=(),
        text=hand.text,
        start=0,
        end=len(hand.text),
        line=0,
    )
    override = Override(
        path=hand.path,
        line=hand.line,
        title=hand.title,
        themes=hand.themes,
        sectors=hand.sectors,
        audiences=hand.audiences,
        expires=hand.expires,
        details=hand.details,
    )
    return _Draft(piece, hand.line, override)


def _attach_overrides(source: Source, drafts: list[_Draft]) -> list[PolicyError]:
    """Attach each override to its clause, or to the items split out of it."""
    by_path = {draft.piece.path: draft for draft in drafts}
    problems = []
    for override in source.overrides:
        if override.path in by_path:
            by_path[override.path].override = override
            continue
        descendants = [d for d in drafts if d.piece.path.startswith(override.path + "-")]
        if descendants:
            for draft in descendants:
                draft.inherited.append(override)
            continue
        known = ", ".join(d.piece.path for d in drafts[:12])
        more = " …" if len(drafts) > 12 else ""
        problems.append(
            PolicyError(
                source.file,
                override.line,
                1,
                f'override "{override.path}" matches no clause of this document',
                f"use one of the clause paths {known}{more} "
                f"(see them with `policy-column split {source.file}`)",
            )
        )
    return problems


def _effective(draft: _Draft) -> Override:
    """The override that applies: the clause's own, else the nearest ancestor's."""
    if draft.override is not None:
        return draft.override
    if draft.inherited:
        nearest = max(draft.inherited, key=lambda o: len(o.path))
        # An ancestor's title and summary describe the whole part, not this clause.
        return replace(nearest, title="", details=replace(nearest.details, summary=""))
    return Override(path=draft.piece.path, line=draft.line)


def _tag(source: Source, taxonomy: Taxonomy, draft: _Draft, order: int) -> Item:
    piece = draft.piece
    override = _effective(draft)
    text = f"{piece.title}\n{piece.text}"

    def tags(kind: str, own: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
        # Suggesting scans the text for every keyword: only when nothing else decides.
        return choose_tags(own, default, ()) or suggest_terms(text, taxonomy.vocabulary(kind))

    details: Details = override.details
    return Item(
        id=f"{source.slug}/{piece.path}",
        source=source,
        path=piece.path,
        clause=piece.clause,
        title=override.title or piece.title,
        breadcrumb=piece.breadcrumb,
        text=piece.text,
        themes=tags("themes", override.themes, source.themes),
        sectors=tags("sectors", override.sectors, source.sectors),
        audiences=tags("audiences", override.audiences, source.audiences),
        expires=override.expires or source.expires,
        details=details,
        order=order,
    )


def _untagged_warnings(
    source: Source, items: list[Item], drafts: list[_Draft]
) -> list[PolicyError]:
    problems = []
    for item, draft in zip(items, drafts, strict=True):
        for kind, values in (("sector", item.sectors), ("audience", item.audiences)):
            if not values:
                problems.append(
                    warning(
                        source.file,
                        draft.line,
                        1,
                        f'item "{item.id}" has no {kind}',
                        f'add `{kind}s:` to the document or an override for "{item.path}"',
                    )
                )
    return problems
