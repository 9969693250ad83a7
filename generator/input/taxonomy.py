"""Read ``policies/taxonomy.yml``: the controlled vocabularies and the channels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import Node, SequenceNode

from generator.core.model import Channel, Taxonomy, Term, Vocabulary
from generator.errors import PolicyError, quote
from generator.input.yaml_nodes import (
    LINE_LIMIT,
    MAX_PER_DAY,
    MAX_PER_WEEK,
    NAME_LIMIT,
    NAME_WHY,
    PER_DAY_WHY,
    PER_WEEK_WHY,
    SINGULAR,
    TERM_KINDS,
    TITLE_WHY,
    Entries,
    Field,
    NodeReader,
    describe,
    display_path,
    is_empty,
    parse_file,
)

TERM_FIELDS = {
    "id": Field("slug", "标识", "an ASCII id: a-z, 0-9 and -", True, NAME_LIMIT, NAME_WHY),
    "name": Field("text", "名称", "the Chinese name shown to readers", True, NAME_LIMIT, NAME_WHY),
    "description": Field("text", "说明", "a short description", limit=LINE_LIMIT, why=TITLE_WHY),
    "keywords": Field(
        "texts",
        "关键词",
        "words that suggest this term for a clause",
        limit=NAME_LIMIT,
        why=NAME_WHY,
    ),
    "children": Field("terms", "下位词", "narrower terms"),
}


CHANNEL_FIELDS = {
    "id": Field("slug", "标识", "an ASCII id: a-z, 0-9 and -", True, NAME_LIMIT, NAME_WHY),
    "name": Field("text", "名称", "the channel's name", True, NAME_LIMIT, NAME_WHY),
    "per_day": Field(
        "count", "每天条数", "how many pushes a day at most", limit=MAX_PER_DAY, why=PER_DAY_WHY
    ),
    "per_week": Field(
        "count", "每周条数", "how many pushes a week at most", limit=MAX_PER_WEEK, why=PER_WEEK_WHY
    ),
}


TAXONOMY_FIELDS = {
    "themes": Field("terms", "主题", "the themes: 两重, 两新 and their sub-themes", True),
    "sectors": Field("terms", "行业", "the sectors", True),
    "audiences": Field("terms", "对象", "the audiences", True),
    "levels": Field("terms", "发文层级", "the levels of government", True),
    "issuers": Field("terms", "发文机关", "the issuing offices", True),
    "categories": Field("terms", "事项类别", "the item categories", True),
    "subjects": Field("terms", "主题分类", "the national subject classification (gov.cn)"),
    "channels": Field("channels", "宣传渠道", "publicity channels and their capacity"),
}


@dataclass(frozen=True)
class TaxonomyRead:
    """The taxonomy as read, its problems, and which parts of it can be relied on."""

    taxonomy: Taxonomy
    problems: list[PolicyError]
    trusted: dict[str, Vocabulary]  # the vocabularies read without error
    channels_trusted: bool  # the channels were read without error


def load_taxonomy(path: Path) -> tuple[Taxonomy, list[PolicyError]]:
    """Read ``taxonomy.yml``; vocabularies that fail keep the terms that could be read."""
    read = read_taxonomy(path)
    return read.taxonomy, read.problems


def read_taxonomy(path: Path) -> TaxonomyRead:
    """The taxonomy, its problems, and what was read without error."""
    file = display_path(path)
    root, lines, problems = parse_file(path, file, "it needs themes, sectors, audiences, …")
    reader = TaxonomyReader(file, lines)
    taxonomy, trusted = reader.read_taxonomy(root)
    return TaxonomyRead(taxonomy, problems + reader.problems, trusted, reader.channels_trusted)


class TaxonomyReader(NodeReader):
    """Reads ``policies/taxonomy.yml`` into a :class:`Taxonomy`."""

    def __init__(self, file: str, lines: list[str]):
        super().__init__(file, lines, {})
        self.readers |= {"terms": self.read_vocabulary, "channels": self.read_channels}
        self.channels_trusted = False  # the channels were read without an error

    def read_taxonomy(self, root: Node | None) -> tuple[Taxonomy, dict[str, Vocabulary]]:
        """The taxonomy, and the vocabularies that were read without error."""
        entries = (self.entries(root, TAXONOMY_FIELDS) if root is not None else None) or {}
        vocabularies: dict[str, Vocabulary] = {}
        trusted: dict[str, Vocabulary] = {}
        for kind in TERM_KINDS:
            errors_before = self.error_count()
            vocabularies[kind] = Vocabulary(kind, self.read_entry(entries, kind))
            # An optional list left out is an empty vocabulary, unless the file was unreadable.
            listed = kind in entries or (root is not None and not TAXONOMY_FIELDS[kind].required)
            if listed and self.error_count() == errors_before:
                trusted[kind] = vocabularies[kind]
        errors_before = self.error_count()
        channels = self.read_entry(entries, "channels")
        self.channels_trusted = root is not None and self.error_count() == errors_before
        return Taxonomy(**vocabularies, channels=channels), trusted

    def read_entry(self, entries: Entries, key: str) -> tuple[Any, ...]:
        """One top-level list read on its own, so that its errors can be counted."""
        chosen = {key: entries[key]} if key in entries else {}
        return self.read_values(chosen, TAXONOMY_FIELDS).get(key, ())

    def read_vocabulary(self, kind: str, node: Node) -> tuple[Term, ...]:
        """All terms of one kind, children after their parent; ids and names must be unique."""
        terms = self.read_terms(kind, node, None)
        self.check_unique(kind, terms)
        return tuple(term for term, _ in terms)

    def read_terms(self, kind: str, node: Node, parent: str | None) -> list[tuple[Term, Node]]:
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"{kind} must be a list of terms, not {describe(node)}",
                'start each term with "- id: …" on its own line, then name: below it',
            )
            return []
        terms = []
        for element in node.value:
            terms += self.read_term_entry(kind, element, parent)
        return terms

    def read_term_entry(self, kind: str, node: Node, parent: str | None) -> list[tuple[Term, Node]]:
        """One term and, after it, its children."""
        entries = self.entries(node, TERM_FIELDS)
        if entries is None:
            return []
        children = entries.pop("children", None)
        values = self.read_values(entries, TERM_FIELDS)
        if "id" not in values or "name" not in values:
            return []
        term = Term(
            id=values["id"],
            name=values["name"],
            parent=parent,
            keywords=values.get("keywords", ()),
            description=values.get("description", ""),
        )
        found = [(term, node)]
        if children is None:
            return found
        key_node, value_node = children
        if is_empty(value_node):
            self.report_empty(key_node, "children", TERM_FIELDS["children"])
        else:
            found += self.read_terms(kind, value_node, term.id)
        return found

    def check_unique(self, kind: str, found: list[tuple[Any, Node]]) -> None:
        """Report a second term or channel whose id or name is already used in its list."""
        first_lines: dict[tuple[str, str], int] = {}
        for entry, node in found:
            for label, value in (("id", entry.id), ("name", entry.name)):
                if (label, value) in first_lines:
                    self.error(
                        node,
                        f"{SINGULAR.get(kind, kind)} {label} {quote(value)} is used twice "
                        f"(first on line {first_lines[label, value]})",
                        f"each {label} must be unique within {kind}",
                    )
                else:
                    first_lines[label, value] = node.start_mark.line + 1

    def read_channels(self, key: str, node: Node) -> tuple[Channel, ...]:
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"channels must be a list, not {describe(node)}",
                'start each channel with "- id: …" on its own line',
            )
            return ()
        channels = []
        for element in node.value:
            channel = self.read_channel(element)
            if channel is not None:
                channels.append((channel, element))
        self.check_unique("channels", channels)
        return tuple(channel for channel, _ in channels)

    def read_channel(self, node: Node) -> Channel | None:
        entries = self.entries(node, CHANNEL_FIELDS)
        if entries is None:
            return None
        values = self.read_values(entries, CHANNEL_FIELDS)
        if "id" not in values or "name" not in values:
            return None
        channel = Channel(
            values["id"], values["name"], values.get("per_day", 0), values.get("per_week", 0)
        )
        all_read = entries.keys() == values.keys()  # a bad count was reported already
        if all_read and not channel.per_day and not channel.per_week:
            self.warn(
                node,
                f"channel {quote(channel.name)} can carry nothing",
                "give it per_day: or per_week: greater than 0, or delete it",
            )
        return channel
